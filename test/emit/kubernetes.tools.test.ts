/**
 * The real consumers of what is inside the prometheus-operator objects: promtool 2.42 checks
 * the rule groups of every PrometheusRule (spec.groups as the rule file the operator makes of
 * it), and amtool 0.25 checks the alertmanager.yaml of the configuration Secret with the
 * Secret's templates where the operator mounts them (amtool reads template files; credential
 * files it does not open).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ALERTMANAGER_CONFIG_DIR, ALERTMANAGER_CONFIG_KEY } from '../../src/model/conventions.ts';
import { toYaml } from '../../src/serialize/yaml.ts';
import { compileFiles } from '../helpers/lint.ts';
import { projectFiles, VARIANTS } from './kubernetes-fixture.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-k8s-tools-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Emitted {
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec?: { readonly groups?: unknown[] };
  readonly stringData?: Record<string, string>;
}

async function objects(kubernetes: string): Promise<Emitted[]> {
  const result = await compileFiles(projectFiles(kubernetes));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.artifacts.filter((a) => a.path.startsWith('kubernetes/')).flatMap((a) => parseAllDocuments(a.content).map((d) => d.toJS() as Emitted));
}

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('prometheus-operator objects, read by the real tools', () => {
  it.each(VARIANTS)('holds rule groups that promtool check rules accepts, every PrometheusRule with $name', async ({ name, kubernetes }) => {
    const rules = (await objects(kubernetes)).filter((o) => o.kind === 'PrometheusRule');
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const files = rules.map((rule) => {
      const file = path.join(tmp, `${VARIANTS.findIndex((v) => v.name === name)}-${rule.metadata.name}.yml`);
      writeFileSync(file, toYaml({ groups: rule.spec?.groups }, '', ['name', 'interval', 'rules', 'record', 'alert', 'expr']));
      return file;
    });
    const result = run('promtool', ['check', 'rules', ...files]);
    expect(result.output).not.toContain('FAILED');
    expect(result.status).toBe(0);
  });

  it('holds an alertmanager.yaml in the configuration Secret that amtool check-config accepts, templates and all', async () => {
    const secret = (await objects(VARIANTS[0]?.kubernetes ?? '')).find((o) => o.kind === 'Secret');
    const { [ALERTMANAGER_CONFIG_KEY]: config = '', ...templates } = secret?.stringData ?? {};
    expect(Object.keys(templates)).toEqual(['shop.tmpl']);
    // The operator mounts the Secret's other keys at ALERTMANAGER_CONFIG_DIR: here, a folder of the test.
    const mount = path.join(tmp, 'config');
    mkdirSync(mount, { recursive: true });
    for (const [file, content] of Object.entries(templates)) writeFileSync(path.join(mount, file), content);
    expect(config).toContain(`${ALERTMANAGER_CONFIG_DIR}/*.tmpl`);
    expect(config).toContain('routing_key_file: /etc/alertmanager/secrets/alertmanager-main-credentials/pagerduty-key');
    const file = path.join(tmp, 'alertmanager.yaml');
    writeFileSync(file, config.replace(`${ALERTMANAGER_CONFIG_DIR}/*.tmpl`, `${mount}/*.tmpl`));
    const result = run('amtool', ['check-config', file]);
    expect(result.output).toContain('SUCCESS');
    expect(result.output).toContain(' - 4 receivers');
    expect(result.status).toBe(0);

    // The templates are read: a broken one fails the check.
    writeFileSync(path.join(mount, 'shop.tmpl'), '{{ define "shop.title" }}{{ end');
    expect(run('amtool', ['check-config', file]).status).toBe(1);
  });
});
