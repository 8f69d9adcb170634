/**
 * Rule files that Go's yaml reads otherwise than the `yaml` package, which Prometheus loads:
 * quoted annotations whose later lines are no deeper than their key (yaml rejects them) and
 * merge keys (yaml reads `<<` as a label). monc lints them without a finding, and promtool's
 * unit test of the alert expects exactly the labels and annotations monc read (no templates,
 * so they render as read): both read the same text the same way.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYamlDocuments } from '../../src/load/yaml.ts';
import { makeProject, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

const rules = (fields: string) => `groups:\n  - name: g\n    rules:\n      - alert: Anchor\n        expr: vector(0) > 1\n        labels: &common\n          team: db\n          severity: page\n      - alert: Wrapped\n        expr: vector(1)\n${fields}`;

interface Alert {
  alert: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** monc's findings of error severity in the project's rules.yml, and the labels and annotations it read for the alert "Wrapped". */
async function moncReads(dir: string) {
  const lint = await runCli(dir, ['lint', '--rules', 'rules.yml', '--format', 'json']);
  const errors = (JSON.parse(lint.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => d.severity === 'error');
  const [document] = readYamlDocuments(readFileSync(path.join(dir, 'rules.yml'), 'utf8'));
  if (!document) throw new Error('rules.yml has no document');
  const alert = (document.toJS() as { groups: [{ rules: Alert[] }] }).groups[0].rules.find((rule) => rule.alert === 'Wrapped');
  return { errors, labels: alert?.labels ?? {}, annotations: alert?.annotations ?? {} };
}

function promtoolExpects(dir: string, labels: Record<string, string>, annotations: Record<string, string>) {
  const test = { rule_files: ['rules.yml'], tests: [{ interval: '1m', input_series: [], alert_rule_test: [{ eval_time: '1m', alertname: 'Wrapped', exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] }] }] };
  writeFileSync(path.join(dir, 'test.yml'), stringify(test));
  const promtool = spawnSync(PROMTOOL, ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8' });
  return { status: promtool.status, output: promtool.stdout + promtool.stderr };
}

describe("rule files Go's yaml reads otherwise, read by monc and by promtool", () => {
  it.each([
    ['quoted in single quotes, continued at the key’s indentation, with a doubled quote', "        annotations:\n          description: 'These databases are in read-write\n          mode: ''primary'' in prod'\n", {}],
    ['quoted in double quotes, continued at column 0, an escape and an escaped line break', '        annotations:\n          description: "one\\t\ntwo\\\n three"\n', {}],
    ['quoted with a blank line inside and a line deeper than the others', "        annotations:\n          summary: 'one\n      two\n\n  three'\n          runbook: x\n", {}],
    ['a \\\' escape in double quotes, and an escaped backslash before a quote', '        annotations:\n          description: "endpoint: \\\'x\\\' failed, kept \\\\\\\\\'"\n', {}],
    ['labels merged from an anchor, the rule’s own winning', '        labels:\n          <<: *common\n          severity: ticket\n', { team: 'db', severity: 'ticket' }],
    ['labels merged from a list of mappings, the earlier winning', '        labels:\n          <<: [{ team: web }, *common]\n', { team: 'web', severity: 'page' }],
  ])('%s: no finding from monc, and promtool expects what monc read', async (_, fields, labels) => {
    const dir = makeProject({ 'rules.yml': rules(fields) });
    const read = await moncReads(dir);
    expect(read.errors).toEqual([]);
    expect(read.labels).toEqual(labels);
    const promtool = promtoolExpects(dir, read.labels, read.annotations);
    expect(promtool.output).toContain('SUCCESS');
    expect(promtool.status).toBe(0);
  });
});
