/**
 * Huge inputs are checked like small ones: positions inside a 66,000-character expression are
 * mapped in linear time (F1 of the hardening pass: an alignment table of n·m cells crashed or
 * took minutes), and the finding lands where the mistake is.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../helpers/lint.ts';
import { where } from '../helpers/project.ts';

const F = 'definitions/app.yaml';
const service = (rules: string) => `kind: Service\nname: app\nteam: core\nrecordingRules:\n${rules}`;

describe('position mapping on huge expressions', () => {
  it('a double-quoted scalar with 66,000 characters and an error at its end points at the end', async () => {
    const long = 'a'.repeat(66_000);
    const text = service(`  - record: job:x:sum\n    expr: "up{job=\\"${long}\\"} +"\n`);
    const diagnostics = await lint({ [F]: text });
    expect(diagnostics.filter((d) => d.check === 'promql/syntax').map(where)).toEqual([`promql/syntax@${F}:6:${66_000 + 26}`]);
  });

  it('a 45 KB block scalar with an error at its end points at the line of the error', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `      sum by (job) (rate(http_requests_total{job="j${String(i).padStart(330, '0')}"}[5m])) +`);
    const text = service(`  - record: job:x:sum\n    expr: |\n${lines.join('\n')}\n      )\n`);
    expect(text.length).toBeGreaterThan(45_000);
    const diagnostics = await lint({ [F]: text });
    expect(diagnostics.filter((d) => d.check === 'promql/syntax').map(where)).toEqual([`promql/syntax@${F}:${7 + 120}:7`]);
  });
});
