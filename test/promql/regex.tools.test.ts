/** re2Error for Prometheus 2 against Debian's promtool 2.42 (Go 1.19's regexp). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { re2Error } from '../../src/promql/regex.ts';
import { CASES } from './regex-cases.ts';

describe('promtool 2.42 agrees with re2Error for Prometheus 2', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-regex-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('accepts and rejects every case with the same message', () => {
    const lines = ['groups:', '  - name: g', '    rules:'];
    CASES.forEach(([pattern], i) => {
      lines.push(`      - record: t${i}`, `        expr: ${JSON.stringify(`up{job=~${JSON.stringify(pattern)}}`)}`);
    });
    const file = path.join(tmp, 'regex.yml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    const verdicts = new Map<string, string>();
    for (const match of `${result.stdout}${result.stderr}`.matchAll(/"t(\d+)": could not parse expression: 1:4: parse error: (.*)/g)) {
      const pattern = CASES[Number(match[1])]?.[0];
      if (pattern !== undefined && match[2]) verdicts.set(pattern, match[2]);
    }
    for (const [pattern] of CASES) expect(verdicts.get(pattern), pattern).toBe(re2Error(pattern, 2));
  });
});
