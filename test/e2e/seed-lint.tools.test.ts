/**
 * `monc lint --prometheus/--alertmanager` and `monc catalog --from-prometheus` against the seed
 * as deployed (./seed-deployed.ts): the generated files unchanged on a real Prometheus and
 * Alertmanager, stand-in exporters serving every declared metric. Clean first; then the
 * drifts a running system really gets (an exporter upgrade renaming a metric, another adding
 * a label, a rule edited by hand on the server), each reported where the definitions say
 * what drifted.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { artifact, type DeployedSeed, startDeployedSeed } from './seed-deployed.ts';
import { runProcess } from '../helpers/parallel.ts';
import { type JsonDiagnostic, makeProject, REPO_ROOT, readProjectFile, runCli } from '../helpers/project.ts';
import { TS_MORPH_LOADED, tsMorphHookArgs } from '../helpers/ts-morph-hook.ts';

let seed: DeployedSeed;
beforeAll(async () => {
  seed = await startDeployedSeed();
  await seed.scraped();
}, 90_000);
afterAll(() => seed?.stop());

async function lintOnline(cwd: string): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const result = await runCli(cwd, ['lint', '--format', 'json', '--prometheus', seed.prometheus.url, '--alertmanager', seed.alertmanager.url]);
  return { code: result.code, diagnostics: (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

const where = (d: JsonDiagnostic) => `${d.check}@${d.file}:${d.line}:${d.column}`;

/** The seed's queries as one service of rules: every generated rule, SLO rules included, its expression as written. */
function seedQueries(): string {
  const rules = seed.artifacts
    .filter((a) => a.path.startsWith('prometheus/rules/'))
    .flatMap((a) => (parse(a.content) as { groups: { rules: { record?: string; alert?: string; expr: string; labels?: Record<string, string> }[] }[] }).groups.flatMap((g) => g.rules));
  return stringify({
    kind: 'Service',
    name: 'seed-queries',
    team: 'sre',
    recordingRules: rules.filter((r) => r.record !== undefined).map((r) => ({ record: r.record, expr: r.expr, ...(r.labels ? { labels: r.labels } : {}) })),
    alerts: rules
      .filter((r) => r.alert !== undefined)
      .map((r, i) => ({ name: `SeedQuery${i + 1}`, expr: r.expr, severity: 'warning', summary: `The seed's ${r.alert}.` })),
  });
}

describe('monc lint against the seed as deployed', () => {
  it('reports nothing: every declared metric has its series and labels, ranges fit the scrape interval, and Prometheus and Alertmanager run what monc generates', async () => {
    const { code, diagnostics } = await lintOnline(REPO_ROOT);
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([]);
    expect(code).toBe(0);
  });

  it('the bundled CLI lints clean too, without loading TypeScript to locate positions (a clean online lint resolves none)', async () => {
    const hookDir = makeProject({});
    const run = await runProcess(process.execPath, [...tsMorphHookArgs(hookDir), path.join(REPO_ROOT, 'dist/monc.js'), 'lint', '--prometheus', seed.prometheus.url, '--alertmanager', seed.alertmanager.url], { cwd: REPO_ROOT });
    expect(run.stdout + run.stderr).toMatch(/no problems \(0 errors, 0 warnings\)/i);
    expect(run.stderr).not.toContain(TS_MORPH_LOADED);
    expect(run.status).toBe(0);
  });

  it("monc catalog --from-prometheus declares what the seed's queries read: in an empty project they have no catalog/unknown-metric", async () => {
    const project = makeProject({ 'definitions/seed-queries.yaml': seedQueries() });
    const before = (await runCli(project, ['lint', '--format', 'json'])).stdout;
    const unknownBefore = (JSON.parse(before) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => d.check === 'catalog/unknown-metric');
    expect(unknownBefore.length).toBeGreaterThan(0);

    const catalog = await runCli(project, ['catalog', '--from-prometheus', seed.prometheus.url]);
    expect(catalog.stderr).toBe(`monc: wrote definitions/observed-metrics.yaml (${seed.model.metrics.length} metrics observed on ${seed.prometheus.url})\n`);
    expect(catalog.code).toBe(0);
    const written = readdirSync(path.join(project, 'definitions')).sort();
    expect(written).toEqual(['observed-metrics.yaml', 'seed-queries.yaml']);
    const declared = (parse(readProjectFile(project, 'definitions/observed-metrics.yaml')) as { metrics: { name: string }[] }).metrics.map((m) => m.name);
    expect(declared.sort()).toEqual(seed.model.metrics.map((m) => m.name).sort());

    const after = JSON.parse((await runCli(project, ['lint', '--format', 'json'])).stdout) as { diagnostics: JsonDiagnostic[] };
    expect(after.diagnostics.filter((d) => d.check.startsWith('catalog/unknown')).map((d) => `${where(d)} ${d.message}`)).toEqual([]);
  });

  it('reports a metric renamed by an exporter upgrade, a label an exporter added, and a rule edited on the server, each where the definitions say it', async () => {
    // node_exporter before 0.16 named it without the unit; postgres_exporter 0.13 added `server`.
    seed.exporters.setDrift({
      rename: { from: 'node_memory_MemAvailable_bytes', to: 'node_memory_MemAvailable' },
      extraLabel: { metric: 'pg_up', label: 'server', value: 'postgres:5432' },
    });
    const rules = parseDocument(artifact(seed.artifacts, 'prometheus/rules/backend.yml'));
    const alert = (rules.toJS() as { groups: { rules: { alert?: string; expr: string }[] }[] }).groups.flatMap((g, gi) => g.rules.map((r, ri) => ({ ...r, at: [gi, ri] as const }))).find((r) => r.alert === 'HighAPIErrorRate');
    if (!alert) throw new Error('no HighAPIErrorRate in rules/backend.yml');
    const handEdited = alert.expr.replace('> 0.05', '> 0.1');
    expect(handEdited).not.toBe(alert.expr);
    rules.setIn(['groups', alert.at[0], 'rules', alert.at[1], 'expr'], handEdited);
    await seed.replaceRuleFile('rules/backend.yml', rules.toString(), (groups) => groups.some((g) => g.rules.some((r: { name: string; query: string }) => r.name === 'HighAPIErrorRate' && r.query.endsWith('> 0.1'))));
    await seed.prometheus.waitFor(async () => {
      const [renamed, labelled] = await Promise.all([seed.prometheus.query('node_memory_MemAvailable'), seed.prometheus.query('pg_up{server="postgres:5432"}')]);
      return renamed.length > 0 && labelled.length > 0 ? true : undefined;
    }, 60_000);

    const { diagnostics } = await lintOnline(REPO_ROOT);
    const server = `Prometheus at ${seed.prometheus.url}`;
    expect(diagnostics.map((d) => [where(d), d.message])).toEqual([
      [
        'online/rules-drift@definitions/backend.ts:70:9',
        `alert "HighAPIErrorRate" of group "backend" is not what ${server} has loaded: expr is "job:http_request_errors_per_requests:ratio_rate5m > 0.1" there, "job:http_request_errors_per_requests:ratio_rate5m > 0.05" generated`,
      ],
      [
        'online/series-missing@definitions/dashboards/system-overview.yaml:95:23',
        expect.stringMatching(new RegExp(`^"node_memory_MemAvailable_bytes" has no series on ${server}: its last sample was \\d+ (seconds?|minutes?) ago; did you mean "node_memory_MemAvailable"\\?$`)),
      ],
      [
        'online/series-missing@definitions/node-exporter.yaml:70:15',
        expect.stringMatching(new RegExp(`^"node_memory_MemAvailable_bytes" has no series on ${server}: its last sample was \\d+ (seconds?|minutes?) ago; did you mean "node_memory_MemAvailable"\\?$`)),
      ],
      ['online/labels@definitions/postgres-exporter.yaml:13:11', `the series of pg_up on ${server} carry "server", which the catalog does not declare; declare it with a domain`],
    ]);
  });
});
