/**
 * The scrape job monc writes, run by a real Prometheus 2.42: file discovery from a target file
 * next to prometheus.yml (a relative path in `fileSd.files` is resolved against the directory
 * of prometheus.yml), relabelling that copies a label from the file's path and one from a
 * `__`-prefixed label of the file, and a metric relabel labeldrop. The labels Prometheus puts
 * on the target and on the stored series are those monc's catalog predicted, and the recording
 * rule that groups by the relabelled labels records them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { CompileResult } from '../../src/compile.ts';
import { compileFiles } from '../helpers/lint.ts';
import { startPrometheus, type Prometheus } from '../helpers/prometheus.ts';

const SERVICE = `kind: Service
name: shop
team: core
scrape:
  fileSd: { files: ['targets/shop-*.json'], refreshInterval: 1s, labels: [env] }
  relabel:
    - { sourceLabels: [__meta_filepath], regex: '.*/shop-(.*)\\.json', targetLabel: pool }
    - { sourceLabels: [__zone], targetLabel: zone }
  metricRelabel:
    - { action: labeldrop, regex: pod_template_hash }
metrics:
  - name: shop_orders_total
    type: counter
    help: Orders taken.
    labels:
      status: { values: [ok, failed] }
      pod_template_hash: { maxValues: 20 }
recordingRules:
  - record: pool_zone_env:shop_orders:sum
    expr: sum by (pool, zone, env, status) (shop_orders_total)
`;

const CONFIG = 'prometheus:\n  scrapeInterval: 1s\n  evaluationInterval: 1s\n';

/** The text exposition format of the declared metric, as an instance of the service serves it. */
const EXPOSITION = [
  '# HELP shop_orders_total Orders taken.',
  '# TYPE shop_orders_total counter',
  'shop_orders_total{status="ok",pod_template_hash="7d9f8c6b5"} 42',
  'shop_orders_total{status="failed",pod_template_hash="7d9f8c6b5"} 3',
  '',
].join('\n');

/** The label names of a label set, sorted. */
const names = (labels: Iterable<string>) => [...labels].sort();

let compiled: CompileResult;
let target: Server;
let prom: Prometheus;

async function api(pathAndQuery: string): Promise<any> {
  const response = await fetch(`${prom.url}${pathAndQuery}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { status: string; data: unknown };
  if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${JSON.stringify(body)}`);
  return body.data;
}

beforeAll(async () => {
  compiled = await compileFiles({ 'definitions/shop.yaml': SERVICE, 'monc.config.yaml': CONFIG });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  target = createServer((req, res) => {
    if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(EXPOSITION);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const { port } = target.address() as AddressInfo;

  const artifact = (path: string) => compiled.artifacts.find((a) => a.path === path)?.content ?? '';
  // No Alertmanager here: the alerting section would only log failed notifications.
  const config = parseDocument(artifact('prometheus/prometheus.yml'));
  config.delete('alerting');
  prom = await startPrometheus({
    ruleFiles: {},
    config: config.toString(),
    files: {
      'rules/shop.yml': artifact('prometheus/rules/shop.yml'),
      'targets/shop-blue.json': JSON.stringify([{ targets: [`127.0.0.1:${port}`], labels: { env: 'test', __zone: 'eu-1' } }]),
    },
  });
  await prom.waitFor(async () => ((await prom.query('pool_zone_env:shop_orders:sum')).length === 2 ? true : undefined), 30_000);
});

afterAll(async () => {
  await prom?.stop();
  await new Promise((resolve) => target?.close(resolve));
});

describe('a file-discovered, relabelled scrape job in a real Prometheus', () => {
  it('discovers the target from the file next to prometheus.yml, and labels it as the catalog predicted for up', async () => {
    const { activeTargets } = (await api('/api/v1/targets?state=active')) as { activeTargets: { labels: Record<string, string>; health: string; discoveredLabels: Record<string, string> }[] };
    expect(activeTargets).toHaveLength(1);
    const [discovered] = activeTargets;
    expect(discovered?.health).toBe('up');
    expect(discovered?.discoveredLabels['__meta_filepath']).toBe(`${prom.dir}/targets/shop-blue.json`);
    expect(discovered?.labels).toEqual({ env: 'test', instance: expect.stringMatching(/^127\.0\.0\.1:\d+$/), job: 'shop', pool: 'blue', zone: 'eu-1' });
    const predicted = compiled.expanded.catalog.get('up')?.labels;
    if (predicted === 'unknown' || predicted === undefined) throw new Error('the catalog does not know the labels of up');
    expect(names(Object.keys(discovered?.labels ?? {}))).toEqual(names([...predicted].filter((l) => l !== '__name__')));
  });

  it("stores the series with the labels the catalog predicted: the target's, the declared ones, and not the one metric relabelling drops", async () => {
    const series = (await api(`/api/v1/series?match[]=shop_orders_total`)) as Record<string, string>[];
    expect(series).toHaveLength(2);
    const predicted = compiled.expanded.catalog.get('shop_orders_total')?.labels;
    if (predicted === 'unknown' || predicted === undefined) throw new Error('the catalog does not know the labels of shop_orders_total');
    expect(names(predicted)).toEqual(['__name__', 'env', 'instance', 'job', 'pool', 'status', 'zone']);
    for (const labels of series) expect(names(Object.keys(labels))).toEqual(names(predicted));
  });

  it('records the rule that groups by the relabelled labels, one series per status', async () => {
    const rows = await prom.query('pool_zone_env:shop_orders:sum');
    expect(rows.map((r) => [r.metric, r.value[1]]).sort()).toEqual([
      [{ __name__: 'pool_zone_env:shop_orders:sum', env: 'test', pool: 'blue', status: 'failed', zone: 'eu-1' }, '3'],
      [{ __name__: 'pool_zone_env:shop_orders:sum', env: 'test', pool: 'blue', status: 'ok', zone: 'eu-1' }, '42'],
    ]);
  });

  it('reports an expression on the dropped label, which the real series do not have', async () => {
    const dropped = SERVICE.replace('sum by (pool, zone, env, status) (shop_orders_total)', 'sum by (pod_template_hash) (shop_orders_total)');
    const { diagnostics } = await compileFiles({ 'definitions/shop.yaml': dropped, 'monc.config.yaml': CONFIG });
    expect(diagnostics.filter((d) => d.check === 'catalog/unknown-label').map((d) => d.message)).toEqual([
      'the input of sum has no label "pod_template_hash"; it has env, instance, job, pool, status, zone',
    ]);
    expect(await prom.query('count by (pod_template_hash) (shop_orders_total{pod_template_hash!=""})')).toEqual([]);
  });
});
