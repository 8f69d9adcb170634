/**
 * monc catalog --from-prometheus against a real Prometheus on 127.0.0.1 scraping a tiny local
 * target (scraped, not backfilled: only a scrape gives the server metadata): what it declares,
 * that the declarations make lint over rules using those metrics clean, that a second run
 * declares nothing, that it never overwrites a file, and how an unreachable or slow server fails.
 */
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, readProjectFile, runCli, type JsonDiagnostic } from '../helpers/project.ts';
import { startPrometheus, type Prometheus } from '../helpers/prometheus.ts';

const QUEUES = Array.from({ length: 12 }, (_, i) => `q${i}`);

/** The target's /metrics: a counter, a histogram, a gauge with more values than a list holds, a summary. */
const EXPOSITION = `# HELP shop_requests_total Requests served, by code and method.
# TYPE shop_requests_total counter
shop_requests_total{code="200",method="GET"} 10
shop_requests_total{code="500",method="POST"} 1
# HELP shop_request_duration_seconds How long requests take.
# TYPE shop_request_duration_seconds histogram
shop_request_duration_seconds_bucket{route="/",le="0.1"} 1
shop_request_duration_seconds_bucket{route="/",le="0.5"} 4
shop_request_duration_seconds_bucket{route="/",le="+Inf"} 5
shop_request_duration_seconds_sum{route="/"} 2
shop_request_duration_seconds_count{route="/"} 5
# HELP shop_queue_depth Jobs waiting, by queue.
# TYPE shop_queue_depth gauge
${QUEUES.map((queue, i) => `shop_queue_depth{queue="${queue}"} ${i}`).join('\n')}
# HELP shop_rpc_latency_seconds RPC latency.
# TYPE shop_rpc_latency_seconds summary
shop_rpc_latency_seconds{quantile="0.5"} 0.1
shop_rpc_latency_seconds{quantile="0.9"} 0.2
shop_rpc_latency_seconds_sum 3
shop_rpc_latency_seconds_count 10
`;

/** Rules over every metric the target exposes: before the catalog, each is catalog/unknown-metric. */
const RULES = `kind: Service
name: shop
team: core
recordingRules:
  - record: route:shop_request_duration_seconds:p90
    expr: histogram_quantile(0.9, sum by (le, route) (rate(shop_request_duration_seconds_bucket[5m])))
alerts:
  - name: ShopErrors
    expr: sum(rate(shop_requests_total{code="500", method="POST"}[5m])) > 1
    severity: warning
    summary: Shop requests fail.
  - name: ShopQueueFull
    expr: shop_queue_depth{queue="q3"} > 100
    severity: warning
    summary: Queue {{ $labels.queue }} is full.
  - name: ShopRpcSlow
    expr: shop_rpc_latency_seconds{quantile="0.9"} > 1 and rate(shop_rpc_latency_seconds_count[5m]) > 0
    severity: warning
    summary: RPCs are slow.
`;

let target: http.Server;
let prom: Prometheus;

beforeAll(async () => {
  target = http.createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(EXPOSITION));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const port = (target.address() as AddressInfo).port;
  prom = await startPrometheus({
    ruleFiles: {},
    config: `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: shop\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
  });
  // Metadata and series appear with the first scrape.
  await prom.waitFor(async () => ((await prom.query('shop_rpc_latency_seconds_count')).length > 0 ? true : undefined));
  await prom.waitFor(async () => {
    const response = await fetch(`${prom.url}/api/v1/metadata`);
    const body = (await response.json()) as { data: Record<string, unknown> };
    return 'shop_rpc_latency_seconds' in body.data ? true : undefined;
  });
});
afterAll(async () => {
  await prom?.stop();
  target?.close();
});

const project = (files: Record<string, string> = {}) => makeProject({ 'package.json': '{}\n', ...files });
const catalogDiagnostics = async (dir: string) =>
  (JSON.parse((await runCli(dir, ['lint', '--format', 'json'])).stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => d.check.startsWith('catalog/') || d.check.startsWith('metric/'));

describe('monc catalog --from-prometheus URL', () => {
  it('declares each metric family the server has from its metadata and series, skipping job, instance and the series Prometheus writes', async () => {
    const dir = project();
    const result = await runCli(dir, ['catalog', '--from-prometheus', prom.url]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe(`monc: wrote definitions/observed-metrics.yaml (4 metrics observed on ${prom.url})\n`);
    const text = readProjectFile(dir, 'definitions/observed-metrics.yaml');
    expect(text).toMatch(new RegExp(`^# yaml-language-server: .*\\n#\\n# Metrics observed on ${prom.url} at \\d{4}-\\d\\d-\\d\\dT`));
    expect(text).toMatch(/# observed on .* at .*: 2 series of job shop; type and help from the server's metadata\n/);
    expect(text).toContain('# 12 values observed: the bound is that count; set the one it really has');
    expect(parse(text)).toEqual({
      kind: 'Metrics',
      metrics: [
        { name: 'shop_queue_depth', type: 'gauge', help: 'Jobs waiting, by queue.', exporter: 'shop', labels: { queue: { maxValues: 12 } } },
        { name: 'shop_request_duration_seconds', type: 'histogram', help: 'How long requests take.', exporter: 'shop', labels: { route: { values: ['/'] } }, buckets: [0.1, 0.5] },
        { name: 'shop_requests_total', type: 'counter', help: 'Requests served, by code and method.', exporter: 'shop', labels: { code: { values: ['200', '500'] }, method: { values: ['GET', 'POST'] } } },
        { name: 'shop_rpc_latency_seconds', type: 'summary', help: 'RPC latency.', exporter: 'shop' },
      ],
    });
  });

  it('makes lint over rules using those metrics free of catalog findings, where before each metric was catalog/unknown-metric', async () => {
    const dir = project({ 'definitions/shop.yaml': RULES });
    expect(new Set((await catalogDiagnostics(dir)).map((d) => d.check))).toEqual(new Set(['catalog/unknown-metric']));
    expect((await runCli(dir, ['catalog', '--from-prometheus', prom.url])).code).toBe(0);
    expect(await catalogDiagnostics(dir)).toEqual([]);
  });

  it('writes nothing on a second run: everything is declared now', async () => {
    const dir = project();
    await runCli(dir, ['catalog', '--from-prometheus', prom.url]);
    const second = await runCli(dir, ['catalog', '--from-prometheus', prom.url]);
    expect(second).toEqual({ code: 0, stdout: '', stderr: `monc: every metric on ${prom.url} is declared already: nothing written\n` });
    expect(readdirSync(`${dir}/definitions`)).toEqual(['observed-metrics.yaml']);
  });

  it('never overwrites a file, and leaves out the metrics it declares: a taken name gets -2, in either format', async () => {
    const mine = `kind: Metrics\nmetrics:\n  - name: shop_queue_depth\n    type: gauge\n    help: Mine.\n    labels: { queue: { maxValues: 50 } }\n`;
    const dir = project({ 'definitions/observed-metrics.yaml': mine });
    const result = await runCli(dir, ['catalog', '--from-prometheus', prom.url, '--format', 'ts']);
    expect(result.stderr).toBe(`monc: wrote definitions/observed-metrics-2.ts (3 metrics observed on ${prom.url})\n`);
    expect(readProjectFile(dir, 'definitions/observed-metrics.yaml')).toBe(mine);
    const ts = readProjectFile(dir, 'definitions/observed-metrics-2.ts');
    expect(ts).toContain("import { defineMetric } from 'monc';");
    expect(ts).not.toContain('shop_queue_depth');
    expect([...ts.matchAll(/export const (\w+) = defineMetric/g)].map((m) => m[1])).toEqual(['shopRequestDurationSeconds', 'shopRequestsTotal', 'shopRpcLatencySeconds']);
  });

  it('--into DIR writes there, and --match keeps the metric names its regex matches whole', async () => {
    const dir = project();
    const result = await runCli(dir, ['catalog', '--from-prometheus', prom.url, '--into', 'observed', '--match', 'shop_re.*']);
    expect(result.stderr).toBe(`monc: wrote observed/observed-metrics.yaml (2 metrics observed on ${prom.url} matching shop_re.*)\n`);
    expect((parse(readProjectFile(dir, 'observed/observed-metrics.yaml')) as { metrics: { name: string }[] }).metrics.map((m) => m.name)).toEqual(['shop_request_duration_seconds', 'shop_requests_total']);
    expect(existsSync(`${dir}/definitions`)).toBe(false);
  });
});

describe('monc catalog --from-prometheus with a server that does not answer', () => {
  it('an unreachable server is one line on stderr and exit 1, and nothing is written', async () => {
    const dir = project();
    const result = await runCli(dir, ['catalog', '--from-prometheus', 'http://127.0.0.1:1']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'monc: cannot reach http://127.0.0.1:1: ECONNREFUSED\n' });
    expect(existsSync(`${dir}/definitions`)).toBe(false);
  });

  it('a server slower than online.timeout is one line on stderr and exit 1, within the time limit', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const dir = project({ 'monc.config.yaml': 'online:\n  timeout: 300ms\n' });
      const started = performance.now();
      const result = await runCli(dir, ['catalog', '--from-prometheus', url]);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(result).toEqual({ code: 1, stdout: '', stderr: `monc: no answer from ${url} within 300 ms\n` });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('a URL that is not http(s) is a usage error', async () => {
    const result = await runCli(project(), ['catalog', '--from-prometheus', 'localhost:9090']);
    expect(result).toMatchObject({ code: 2, stderr: 'monc: --from-prometheus localhost:9090: not an http:// or https:// URL; see monc --help\n' });
  });
});
