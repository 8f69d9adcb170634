/**
 * The remote_write monc writes, run by real Prometheus 2.42 servers: an agent
 * (`features: [agent]`, so prometheus.yml has no rule_files and no alerting) scrapes a target
 * and ships its samples through the write relabelling to a second Prometheus that receives
 * remote writes (standing in for Mimir or Thanos Receive), where they arrive with the external
 * labels, and the series the relabelling drops do not.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileFiles } from '../helpers/lint.ts';
import { makeProject } from '../helpers/project.ts';
import { startPrometheus, type Prometheus } from '../helpers/prometheus.ts';

const EXPOSITION = ['# TYPE shop_orders_total counter', 'shop_orders_total{status="ok"} 42', 'shop_orders_total{status="failed"} 3', ''].join('\n');

let target: Server;
let receiver: Prometheus;
let agent: Prometheus;
let config: string;

beforeAll(async () => {
  target = createServer((req, res) => {
    if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(EXPOSITION);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const { port } = target.address() as AddressInfo;
  receiver = await startPrometheus({ ruleFiles: {}, args: ['--web.enable-remote-write-receiver'] });

  const service = `kind: Service
name: shop
team: core
scrape:
  targets: ['127.0.0.1:${port}']
metrics:
  - { name: shop_orders_total, type: counter, help: Orders taken., labels: { status: { values: [ok, failed] } } }
alerts:
  - { name: ShopDown, expr: 'up{job="shop"} == 0', for: 5m, severity: critical, summary: Shop is down., runbook: 'https://runbooks.example.com/shop-down' }
`;
  const settings = `prometheus:
  features: [agent]
  scrapeInterval: 1s
  externalLabels: { cluster: eu-test }
  remoteWrite:
    - url: ${receiver.url}/api/v1/write
      name: receiver
      headers: { X-Scope-OrgID: shop }
      queue: { batchSendDeadline: 1s }
      writeRelabel:
        - { action: keep, sourceLabels: [__name__], regex: 'shop_.*|up' }
`;
  const compiled = await compileFiles({ 'definitions/shop.yaml': service, 'monc.config.yaml': settings });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  config = compiled.artifacts.find((a) => a.path === 'prometheus/prometheus.yml')?.content ?? '';
  agent = await startPrometheus({ ruleFiles: {}, config, agent: true });
  await receiver.waitFor(async () => ((await receiver.query('shop_orders_total')).length === 2 ? true : undefined), 30_000);
});

afterAll(async () => {
  await agent?.stop();
  await receiver?.stop();
  await new Promise((resolve) => target?.close(resolve));
});

describe('remote_write from a Prometheus agent', () => {
  it('writes no rule_files and no alerting for an agent, and promtool check config --agent accepts the file', () => {
    expect(Object.keys(parse(config) as object)).toEqual(['global', 'scrape_configs', 'remote_write']);
    const dir = makeProject({});
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const result = spawnSync('promtool', ['check', 'config', '--agent', path.join(dir, 'prometheus.yml')], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('delivers the scraped series with the external labels to the receiving end', async () => {
    const rows = await receiver.query('shop_orders_total');
    expect(rows.map((r) => [r.metric, r.value[1]]).sort()).toEqual([
      [{ __name__: 'shop_orders_total', cluster: 'eu-test', instance: expect.stringMatching(/^127\.0\.0\.1:\d+$/), job: 'shop', status: 'failed' }, '3'],
      [{ __name__: 'shop_orders_total', cluster: 'eu-test', instance: expect.stringMatching(/^127\.0\.0\.1:\d+$/), job: 'shop', status: 'ok' }, '42'],
    ]);
    expect((await receiver.query('up{job="shop"}')).map((r) => r.value[1])).toEqual(['1']);
  });

  it('sends only what the write relabelling keeps', async () => {
    // Every scrape writes scrape_duration_seconds and the like along with up, which has arrived.
    expect(await receiver.query('{__name__=~"scrape_.+", job="shop"}')).toEqual([]);
  });
});
