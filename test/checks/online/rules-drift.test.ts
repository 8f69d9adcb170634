/**
 * online/rules-drift: the rules a real Prometheus has loaded against the generated ones. One
 * server loads the generated rule file as written; another a hand-edited copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { at } from '../../helpers/fragments.ts';
import { where } from '../../helpers/project.ts';
import { startPrometheus, type Prometheus } from '../../helpers/prometheus.ts';

const ID = 'online/rules-drift';
const F = 'definitions/app.yaml';
const FILES = {
  [F]: `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 } } }
recordingRules:
  - { record: "app:requests:rate5m", expr: "sum(rate(app_requests_total[5m]))" }
alerts:
  - { name: AppErrors, expr: 'sum(rate(app_requests_total{code=~"5.."}[5m])) / sum(rate(app_requests_total[5m])) > 0.05', for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x' }
  - { name: AppSilent, expr: 'sum(rate(app_requests_total[5m])) == 0', for: 10m, severity: warning, summary: s, runbook: 'https://runbooks.example.com/x' }
slos:
  - name: availability
    objective: 99.9
    window: 14d
    sli:
      ratio:
        errors: app_requests_total{code=~"5.."}
        total: app_requests_total
`,
};

/** The generated rule file, edited by hand as an operator might on the server. */
function handEdited(generated: string): string {
  const edited = generated
    .replace('> 0.05', '> 0.1')
    .replace(/ {6}- alert: AppSilent\n(?: {8}.*\n)+/, '')
    .replace('  - name: app\n    rules:\n', '  - name: app\n    rules:\n      - alert: AppManual\n        expr: vector(1)\n');
  expect(edited).not.toEqual(generated);
  return edited;
}

let generated: Prometheus;
let edited: Prometheus;

beforeAll(async () => {
  const result = await compileFiles(FILES);
  if (result.artifacts.length === 0) throw new Error(result.diagnostics.map((d) => `${d.check} ${d.message}`).join("\n"));
  const rules = result.artifacts.find((a) => a.path === 'prometheus/rules/app.yml')?.content;
  if (typeof rules !== 'string') throw new Error('no generated rule file for app');
  [generated, edited] = await Promise.all([startPrometheus({ ruleFiles: { 'app.yml': rules } }), startPrometheus({ ruleFiles: { 'app.yml': handEdited(rules) } })]);
});
afterAll(() => Promise.all([generated?.stop(), edited?.stop()]));

const drift = async (prometheus: Prometheus) => (await lint(FILES, { online: { prometheus: prometheus.url } })).filter((d) => d.check === ID);

describe(ID, () => {
  it('A Prometheus that loaded the generated rules has no drift, though it prints the expressions its own way.', async () => {
    expect(await drift(generated)).toEqual([]);
  });

  it('A changed threshold, a removed alert and an added alert are each one finding: at the alert, at the alert, at the service.', async () => {
    const found = await drift(edited);
    const text = FILES[F];
    expect(found.map(where).sort()).toEqual([at(ID, F, text, 'AppErrors'), at(ID, F, text, 'AppSilent'), at(ID, F, text, 'app', 1)].sort());
    const message = (name: string) => found.find((d) => d.message.includes(`"${name}"`))?.message;
    expect(message('AppErrors')).toContain('> 0.1');
    expect(message('AppSilent')).toContain('is not loaded');
    expect(message('AppManual')).toContain('which monc does not generate');
  });

  it('A Prometheus without the rule groups says so once per group, at the service.', async () => {
    const empty = await startPrometheus({ ruleFiles: {} });
    try {
      const found = await drift(empty);
      expect(found.map((d) => d.message.match(/rule group "([^"]+)"/)?.[1])).toEqual(['app', 'app-slos', 'app-slos-period']);
    } finally {
      await empty.stop();
    }
  });
});
