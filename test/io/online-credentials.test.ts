/**
 * `online.prometheus` credentials and TLS, as `monc lint` reads them from monc.config.yaml
 * (files relative to the project): a real Prometheus on 127.0.0.1 behind an HTTPS front that
 * demands a client certificate signed by the test CA and the right Authorization header, as a
 * reverse proxy in front of a production Prometheus would. The certificates are
 * test/fixtures/tls (see its README).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonDiagnostic, makeProject, REPO_ROOT, runCli } from '../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus } from '../helpers/prometheus.ts';

const TLS = path.join(REPO_ROOT, 'test/fixtures/tls');
const pem = (name: string) => readFileSync(path.join(TLS, name), 'utf8');
const TOKEN = 'read-only-token';
const PASSWORD = 'correct horse battery staple';

let prom: Prometheus;
let front: Server;
let url: string;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  prom = await startPrometheus({ ruleFiles: {}, data: openMetrics([{ name: 'app_jobs_total', labels: { job: 'app' }, value: (t) => t - now + 100 }], { start: now - 600, end: now, step: 15 }) });
  const accepted = new Set([`Bearer ${TOKEN}`, `Basic ${Buffer.from(`monc:${PASSWORD}`).toString('base64')}`]);
  front = createServer({ key: pem('server.key'), cert: pem('server.crt'), ca: pem('ca.crt'), requestCert: true, rejectUnauthorized: true }, (request, response) => {
    if (!accepted.has(request.headers.authorization ?? '')) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized\n');
      return;
    }
    fetch(new URL(request.url ?? '/', prom.url)).then(
      async (upstream) => response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer())),
      () => response.writeHead(502).end(),
    );
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front?.closeAllConnections();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await prom?.stop();
});

/** The service declares app_jobs_total (which the server has) and app_gone_total (which it has not). */
const SERVICE = `kind: Service
name: app
team: core
metrics:
  - { name: app_jobs_total, type: counter, help: Jobs. }
  - { name: app_gone_total, type: counter, help: Gone. }
recordingRules:
  - { record: "job:app_jobs:rate5m", expr: "sum(rate(app_jobs_total[5m]))" }
  - { record: "job:app_gone:rate5m", expr: "sum(rate(app_gone_total[5m]))" }
`;

/** `monc lint` in a project whose config reads the server with `server` (YAML under online.prometheus). */
async function lintWith(server: string, files: Record<string, string> = {}): Promise<string[]> {
  const project = makeProject({
    'definitions/app.yaml': SERVICE,
    'monc.config.yaml': `online:\n  timeout: 2s\n  prometheus:\n    url: ${url}\n${server.replace(/^/gm, '    ')}\n`,
    'secrets/token': `${TOKEN}\n`,
    'secrets/password': `${PASSWORD}\n`,
    'tls/ca.crt': pem('ca.crt'),
    'tls/client.crt': pem('client.crt'),
    'tls/client.key': pem('client.key'),
    ...files,
  });
  const result = await runCli(project, ['lint', '--format', 'json']);
  const diagnostics = (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  return diagnostics.filter((d) => d.check.startsWith('online/') && d.check !== 'online/rules-drift').map((d) => `${d.check}@${d.line}:${d.column} ${d.message}`);
}

const CLIENT_CERT = 'tls:\n  caFile: tls/ca.crt\n  certFile: tls/client.crt\n  keyFile: tls/client.key';
/** What a lint that reached the server reports: the metric it has not. */
const REACHED = [expect.stringMatching(/^online\/series-missing@9:54 "app_gone_total" has no series on Prometheus at https:/)];

describe('online.prometheus credentials and TLS', () => {
  it('A bearer token from a file, with the CA and a client certificate, reaches the server.', async () => {
    expect(await lintWith(`bearerTokenFile: secrets/token\n${CLIENT_CERT}`)).toEqual(REACHED);
  });

  it('Basic auth with the password from a file reaches the server.', async () => {
    expect(await lintWith(`basicAuth: { username: monc, passwordFile: secrets/password }\n${CLIENT_CERT}`)).toEqual(REACHED);
  });

  it('insecureSkipVerify reaches a server whose CA is not given.', async () => {
    expect(await lintWith('bearerTokenFile: secrets/token\ntls:\n  insecureSkipVerify: true\n  certFile: tls/client.crt\n  keyFile: tls/client.key')).toEqual(REACHED);
  });

  it('A wrong token is one online/unreachable finding at the url, saying the server answered 401.', async () => {
    const found = await lintWith(`bearerTokenFile: secrets/token\n${CLIENT_CERT}`, { 'secrets/token': 'stale-token\n' });
    expect(found).toEqual([expect.stringMatching(/^online\/unreachable@4:10 .*answered HTTP 401 \(Unauthorized\): the credentials monc sent \(bearerTokenFile or basicAuth\) were refused$/)]);
  });

  it('A server certificate no configured CA signed is one online/unreachable finding naming the certificate problem.', async () => {
    const found = await lintWith('bearerTokenFile: secrets/token\ntls:\n  certFile: tls/client.crt\n  keyFile: tls/client.key');
    expect(found).toEqual([expect.stringMatching(/^online\/unreachable@4:10 .*its TLS certificate is not trusted: .*SELF_SIGNED_CERT_IN_CHAIN.*; set tls.caFile/)]);
  });

  it('Without the client certificate the server refuses the connection: one online/unreachable finding.', async () => {
    expect(await lintWith('bearerTokenFile: secrets/token\ntls:\n  caFile: tls/ca.crt')).toEqual([expect.stringMatching(/^online\/unreachable@4:10 .*it refused the TLS handshake: .*client certificate \(tls.certFile and tls.keyFile\)$/)]);
  });

  it('A credential file that does not exist is one online/unreachable finding naming the file, and nothing is sent.', async () => {
    const found = await lintWith(`bearerTokenFile: secrets/missing\n${CLIENT_CERT}`);
    expect(found).toEqual([expect.stringMatching(/^online\/unreachable@4:10 .*so the online checks did not run: its bearerTokenFile "secrets\/missing" cannot be read: no such file$/)]);
  });
});
