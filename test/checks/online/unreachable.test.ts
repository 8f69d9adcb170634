/** online/unreachable: a server that is down or slow is one finding, within the time limit. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'online/unreachable';
const SERVICE = { 'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\n' };
const config = (url: string) => `online:\n  timeout: 300ms\n  prometheus:\n    url: ${url}\n`;

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

let closedPort: string;
/** Answers every request, but only after 5 s: far beyond the 300 ms limit. */
let slow: Server;
let slowUrl: string;
/** Answers 200 with a page that is not the Prometheus API. */
let notPrometheus: Server;
let notPrometheusUrl: string;

beforeAll(async () => {
  const probe = createServer();
  closedPort = await listen(probe);
  await close(probe);
  slow = createServer((_request, response) => setTimeout(() => response.end('{}'), 5000).unref());
  slowUrl = await listen(slow);
  notPrometheus = createServer((_request, response) => response.end('<html>hello</html>'));
  notPrometheusUrl = await listen(notPrometheus);
});
afterAll(async () => {
  slow.closeAllConnections();
  await Promise.all([close(slow), close(notPrometheus)]);
});

describe(ID, () => {
  it('A closed port gives one finding at the configured url, naming the refused connection.', async () => {
    const files = { ...SERVICE, 'monc.config.yaml': config(closedPort) };
    const found = (await lint(files, { online: {} })).filter((d) => d.check.startsWith('online/'));
    expect(found.map(where)).toEqual([at(ID, 'monc.config.yaml', files['monc.config.yaml'], closedPort)]);
    expect(found[0]?.message).toContain('ECONNREFUSED');
  });

  it('A server that answers after the time limit gives one finding, and lint returns within about the limit.', async () => {
    const files = { ...SERVICE, 'monc.config.yaml': config(slowUrl) };
    const started = performance.now();
    const found = (await lint(files, { online: {} })).filter((d) => d.check.startsWith('online/'));
    const elapsed = performance.now() - started;
    expect(found.map(where)).toEqual([at(ID, 'monc.config.yaml', files['monc.config.yaml'], slowUrl)]);
    expect(found[0]?.message).toContain('within 300 ms');
    expect(elapsed).toBeLessThan(2000);
  });

  it('A server that is not a Prometheus API gives one finding.', async () => {
    const files = { ...SERVICE, 'monc.config.yaml': config(notPrometheusUrl) };
    const found = (await lint(files, { online: {} })).filter((d) => d.check.startsWith('online/'));
    expect(found.map(where)).toEqual([at(ID, 'monc.config.yaml', files['monc.config.yaml'], notPrometheusUrl)]);
  });

  it('The --prometheus URL replaces the config\'s: the finding names it.', async () => {
    const files = { ...SERVICE, 'monc.config.yaml': config(slowUrl) };
    const found = (await lint(files, { online: { prometheus: closedPort } })).filter((d) => d.check.startsWith('online/'));
    expect(found.map((d) => d.check)).toEqual([ID]);
    expect(found[0]?.message).toContain(closedPort);
  });

  it('Without a URL, lint reads no server and reports nothing online.', async () => {
    expect((await lint(SERVICE, { online: {} })).filter((d) => d.check.startsWith('online/'))).toEqual([]);
  });
});
