/** catalog/inferred: a metric whose help text monc import wrote is listed until a person confirms it. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'catalog/inferred';
const F = 'definitions/metrics.yaml';
const INFERRED = 'Inferred by monc import from rules/app.yml; confirm its type and labels, then write its help text.';

const metrics = (...items: string[]) => `kind: Metrics\nmetrics:\n${items.join('\n')}\n`;

const CASES: readonly { name: string; files: Record<string, string>; expected: (files: Record<string, string>) => string[] }[] = [
  {
    name: 'A metric whose help text monc import wrote is reported at the help text.',
    files: { [F]: metrics(`  - { name: app_jobs_total, type: counter, help: "${INFERRED}", labels: { queue: { maxValues: 5 } } }`) },
    expected: (files) => [at(ID, F, files[F] ?? '', '"Inferred')],
  },
  {
    name: 'A metric of a service whose help text monc import wrote is reported too.',
    files: { 'definitions/app.yaml': `kind: Service\nname: app\nteam: core\nmetrics:\n  - name: app_up\n    type: gauge\n    help: ${INFERRED}\n` },
    expected: (files) => [at(ID, 'definitions/app.yaml', files['definitions/app.yaml'] ?? '', 'Inferred')],
  },
  {
    name: 'A metric whose help text a person rewrote passes.',
    files: { [F]: metrics('  - { name: app_jobs_total, type: counter, help: Jobs processed. }') },
    expected: () => [],
  },
  {
    name: 'A help text that only mentions monc import further in passes.',
    files: { [F]: metrics('  - { name: app_jobs_total, type: counter, help: Jobs processed (first inferred by monc import). }') },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the type, the labels and the value lists to confirm', async () => {
    const diagnostics = await lint({ [F]: metrics(`  - { name: app_requests_total, type: counter, help: "${INFERRED}", labels: { code: { maxValues: 20 }, method: { values: [GET, POST] } } }`) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => [d.severity, d.message])).toEqual([
      ['info', '"app_requests_total" was declared by monc import from what the rules show: confirm that it is a counter with labels code, method and that method takes only GET, POST, then write its help text'],
    ]);
  });

  it('says "without labels" for a metric with none', async () => {
    const diagnostics = await lint({ [F]: metrics(`  - { name: app_up, type: gauge, help: "${INFERRED}" }`) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"app_up" was declared by monc import from what the rules show: confirm that it is a gauge without labels, then write its help text',
    ]);
  });
});
