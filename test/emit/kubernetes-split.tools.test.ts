/**
 * A service whose rules would make a PrometheusRule over the operator's 512 KiB is split over
 * bulk-1, bulk-2, whole groups at a time, in order; each object is under the limit as the
 * operator measures it (its spec rendered by sigs.k8s.io/yaml, here by kubectl, which prints
 * through the same library), its groups pass promtool, and a second build writes the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CompileResult } from '../../src/compile.ts';
import { PROMETHEUS_RULE_MAX_BYTES } from '../../src/rules/rule-objects.ts';
import { toYaml } from '../../src/serialize/yaml.ts';
import { compileFiles } from '../helpers/lint.ts';

const ALERTS = 700;
const SLOS = 60;

/** A service with ALERTS alerts in its own group (~400 KiB) and SLOS SLOs in its SLO group (~300 KiB). */
function bulkService(): string {
  const alerts = Array.from(
    { length: ALERTS },
    (_, i) => `  - name: BulkRoute${i}Errors
    expr: 'sum by (job) (rate(bulk_requests_total{route="r${i % 60}", code=~"5.."}[5m])) / sum by (job) (rate(bulk_requests_total{route="r${i % 60}"}[5m])) > 0.0${(i % 9) + 1}'
    for: 5m
    severity: warning
    summary: 'Route r${i % 60} of {{ $labels.job }} fails {{ $value | humanizePercentage }} of requests'
    description: 'More than ${(i % 9) + 1}% of the requests to route r${i % 60} have failed with a 5xx status for five minutes; look at the route handler, its dependencies and the recent deployments.'
    runbook: https://runbooks.example.com/bulk/route-errors
`,
  ).join('');
  const slos = Array.from(
    { length: SLOS },
    (_, i) => `  - name: route-${i}
    objective: 99.9
    sli:
      ratio:
        errors: bulk_requests_total{route="r${i}", code=~"5.."}
        total: bulk_requests_total{route="r${i}"}
`,
  ).join('');
  return `kind: Service
name: bulk
team: platform
metrics:
  - name: bulk_requests_total
    type: counter
    help: Requests by route and status code.
    labels: { route: { maxValues: 60 }, code: { pattern: '[1-5][0-9][0-9]', maxValues: 10 } }
alerts:
${alerts}slos:
${slos}`;
}

const FILES = {
  'definitions/bulk.yaml': bulkService(),
  'monc.config.yaml': 'targets: [prometheus-operator]\nprometheus:\n  retention: 30d\ncardinality: { seriesPerMetric: 100000 }\n',
};

interface PrometheusRule {
  readonly metadata: { readonly name: string };
  readonly spec: { readonly groups: readonly { readonly name: string }[] };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-k8s-split-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The bytes of spec.groups as the operator renders them: kubectl prints through sigs.k8s.io/yaml too; `groups:` sorts between apiVersion and kind. */
function operatorRenderedSize(groups: unknown): number {
  const file = path.join(tmp, 'spec.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } }, groups }));
  const result = spawnSync('kubectl', ['label', '--local', '--overwrite', '-f', file, 'a=b', '-o', 'yaml'], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, KUBECONFIG: '/dev/null' } });
  const spec = /^groups:\n[\s\S]*?(?=^kind:)/m.exec(result.stdout)?.[0] ?? '';
  expect(spec.length).toBeGreaterThan(0);
  return Buffer.byteLength(spec, 'utf8');
}

describe('a PrometheusRule over the operator limit', () => {
  let result: CompileResult;
  let rules: PrometheusRule[];
  beforeAll(async () => {
    result = await compileFiles(FILES);
    rules = result.artifacts.filter((a) => a.path.endsWith('prometheusrules.yaml')).flatMap((a) => parseAllDocuments(a.content).map((d) => d.toJS() as PrometheusRule));
  });

  it('compiles without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.message}`)).toEqual([]);
  });

  it('is split into bulk-1 and bulk-2, whole groups in order', () => {
    expect(rules.map((r) => [r.metadata.name, r.spec.groups.map((g) => g.name)])).toEqual([
      ['bulk-1', ['bulk']],
      ['bulk-2', ['bulk-slos', 'bulk-slos-period']],
    ]);
  });

  it('needed the split, and each part is under 512 KiB as the operator renders it, the size monc measured', () => {
    const sizes = rules.map((r) => operatorRenderedSize(r.spec.groups));
    expect(operatorRenderedSize(rules.flatMap((r) => r.spec.groups))).toBeGreaterThan(PROMETHEUS_RULE_MAX_BYTES);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(PROMETHEUS_RULE_MAX_BYTES);
    expect(result.expanded.ruleObjects.objects.map((o) => o.size)).toEqual(sizes);
  });

  it('holds rule groups promtool accepts in each part', () => {
    const files = rules.map((rule) => {
      const file = path.join(tmp, `${rule.metadata.name}.yml`);
      writeFileSync(file, toYaml({ groups: rule.spec.groups }, '', ['name', 'interval', 'rules', 'record', 'alert', 'expr']));
      return file;
    });
    const check = spawnSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).not.toContain('FAILED');
    expect(check.status).toBe(0);
  });

  it('is written byte for byte the same by a second build', async () => {
    const again = await compileFiles(FILES);
    expect(again.artifacts).toEqual(result.artifacts);
  });
});
