/**
 * examples/kubernetes builds clean, and what it writes for the cluster is what the cluster and
 * the real tools take: every object valid for the operator's CRDs and Kubernetes' naming rules,
 * the PrometheusRule's groups accepted by promtool, the Secret's alertmanager.yaml by amtool,
 * with the credential files where the example's Secrets are mounted, and the team's Mimir
 * namespace file's groups by promtool.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CompileResult } from '../../src/compile.ts';
import { type KubernetesObject, namingErrors, objectsOf, schemaErrors } from '../helpers/kubernetes.ts';
import { compileProject, REPO_ROOT } from '../helpers/project.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-example-k8s-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples/kubernetes', () => {
  let result: CompileResult;
  let objects: KubernetesObject[];
  beforeAll(async () => {
    result = await compileProject(path.join(REPO_ROOT, 'examples/kubernetes'));
    objects = result.artifacts.filter((a) => a.path.startsWith('kubernetes/')).flatMap((a) => objectsOf(a.content));
  });

  it('lints clean and writes the operator objects, the Mimir namespace and the docs', () => {
    expect(result.diagnostics.map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(
      expect.arrayContaining(['PrometheusRule/checkout', 'ServiceMonitor/checkout', 'Secret/alertmanager-main', 'ConfigMap/grafana-dashboard-monc-slo-checkout']),
    );
    expect(result.artifacts.map((a) => a.path)).toEqual(expect.arrayContaining(['mimir/payments.yml', 'docs/README.md']));
  });

  it('writes objects valid for the CRDs and the naming rules, labelled for the Prometheus resource', () => {
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(objects.flatMap(namingErrors)).toEqual([]);
    for (const object of objects) expect(object.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
  });

  it('writes rule groups promtool accepts', () => {
    const rule = objects.find((o) => o.kind === 'PrometheusRule') as KubernetesObject & { spec: { groups: unknown[] } };
    const file = path.join(tmp, 'checkout.yml');
    writeFileSync(file, JSON.stringify({ groups: rule.spec.groups }));
    const check = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });

  it('writes a Mimir namespace file for the team whose groups promtool accepts once the namespace key is set aside, as mimirtool does', () => {
    const mimir = parse(result.artifacts.find((a) => a.path === 'mimir/payments.yml')?.content ?? '') as { namespace: string; groups: unknown[] };
    expect(mimir.namespace).toBe('payments');
    const file = path.join(tmp, 'payments.yml');
    writeFileSync(file, JSON.stringify({ groups: mimir.groups }));
    const check = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });

  it("keeps credential files already where the operator mounts the example's Secrets, and amtool accepts the configuration", () => {
    const secret = objects.find((o) => o.kind === 'Secret') as KubernetesObject & { stringData: Record<string, string> };
    const config = parse(secret.stringData['alertmanager.yaml'] ?? '');
    expect(config.global.slack_api_url_file).toBe('/etc/alertmanager/secrets/alertmanager-slack/webhook-url');
    expect(config.receivers.find((r: { name: string }) => r.name === 'pagerduty').pagerduty_configs[0].routing_key_file).toBe('/etc/alertmanager/secrets/alertmanager-pagerduty/routing-key');
    const file = path.join(tmp, 'alertmanager.yaml');
    writeFileSync(file, secret.stringData['alertmanager.yaml'] ?? '');
    const check = spawnSync('amtool', ['check-config', file], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });
});
