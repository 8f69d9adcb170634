/**
 * promtool (Go's YAML reader) reads every generated string monc writes back unchanged: each
 * string is a recording rule's label value, and a promtool unit test, which names the value
 * through PromQL escapes only, expects exactly that series.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toYaml } from '../../src/serialize/yaml.ts';
import { yamlStringArbitrary } from '../helpers/yaml-arbitraries.ts';

/** A PromQL string literal of `text` in printable ASCII. */
function promqlString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (codePoint >= 0x20 && codePoint < 0x7f) out += ch;
    else if (codePoint > 0xffff) out += `\\U${codePoint.toString(16).padStart(8, '0')}`;
    else out += `\\u${codePoint.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

describe('promtool reads the YAML monc writes', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-go-yaml-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads 1,000 generated strings back exactly', () => {
    // An empty label value is no label; surrogate halves are reported before anything is written.
    const values = fc.sample(yamlStringArbitrary.filter((text) => text !== '' && !/[\ud800-\udfff]/u.test(text)), { seed: 20261206, numRuns: 1000 });
    const rules = values.map((value, i) => ({ record: `r${i}`, expr: 'vector(1)', labels: { value } }));
    writeFileSync(path.join(tmp, 'rules.yml'), toYaml({ groups: [{ name: 'strings', rules }] }, '', ['record', 'expr']));
    const tests = values.map((value, i) => ({ expr: `r${i}`, eval_time: '0m', exp_samples: [{ labels: `r${i}{value=${promqlString(value)}}`, value: 1 }] }));
    writeFileSync(path.join(tmp, 'test.json'), JSON.stringify({ rule_files: ['rules.yml'], tests: [{ interval: '1m', input_series: [], promql_expr_test: tests }] }));
    const result = spawnSync('promtool', ['test', 'rules', 'test.json'], { cwd: tmp, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
