/**
 * Rule files with quoted annotations whose later lines are no deeper than their key, which the
 * `yaml` package rejects and Prometheus loads: monc lints them without a load error, and
 * promtool's unit test of the alert expects exactly the annotation values monc read (no
 * templates, so they render as read), so both read the same text the same way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYamlDocuments } from '../../src/load/yaml.ts';
import { makeProject, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

const rules = (annotations: string) => `groups:\n  - name: g\n    rules:\n      - alert: Wrapped\n        expr: vector(1)\n        annotations:\n${annotations}`;

describe('quoted annotations over shallow lines, read by monc and by promtool', () => {
  it.each([
    ['single quotes continued at the key’s indentation, with a doubled quote', "          description: 'These databases are in read-write\n          mode: ''primary'' in prod'\n"],
    ['double quotes continued at column 0, an escape and an escaped line break', '          description: "one\\t\ntwo\\\n three"\n'],
    ['a blank line inside and a line deeper than the others', "          summary: 'one\n      two\n\n  three'\n          runbook: x\n"],
  ])('%s: no finding from monc, and promtool expects the values monc read', async (_, annotations) => {
    const dir = makeProject({ 'rules.yml': rules(annotations) });
    const lint = await runCli(dir, ['lint', '--rules', 'rules.yml', '--format', 'json']);
    const errors = (JSON.parse(lint.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);

    const [document] = readYamlDocuments(readFileSync(path.join(dir, 'rules.yml'), 'utf8'));
    if (!document) throw new Error('rules.yml has no document');
    const read = (document.toJS() as { groups: [{ rules: [{ annotations: Record<string, string> }] }] }).groups[0].rules[0].annotations;
    const test = { rule_files: ['rules.yml'], tests: [{ interval: '1m', input_series: [], alert_rule_test: [{ eval_time: '1m', alertname: 'Wrapped', exp_alerts: [{ exp_labels: {}, exp_annotations: read }] }] }] };
    writeFileSync(path.join(dir, 'test.yml'), stringify(test));
    const promtool = spawnSync(PROMTOOL, ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8' });
    expect(promtool.stdout + promtool.stderr).toContain('SUCCESS');
    expect(promtool.status).toBe(0);
  });
});
