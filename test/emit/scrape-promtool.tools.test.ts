/**
 * scrape/relabel and scrape/credentials against the real consumer: promtool 2.42 checks the
 * prometheus.yml monc writes for each case (with the check off, so that it is written). monc
 * reports a case exactly when promtool rejects the config, in promtool's words, except where
 * the case says why monc is stricter.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFiles } from '../helpers/lint.ts';
import { makeProject, REPO_ROOT, type Files } from '../helpers/project.ts';
import { CONFIG, CREDENTIAL_CASES, credentialFiles, RELABEL_CASES, relabelFiles, WITHOUT_PROMETHEUS_YML } from '../checks/scrape/fixture.ts';

/** promtool's verdict on the prometheus.yml monc writes for `files` with `check` off, and what `check` reports. */
async function judge(check: string, files: Files, args: readonly string[]): Promise<{ reported: string[]; status: number | null; output: string }> {
  const silenced = { ...files, [CONFIG]: `${(files[CONFIG] as string | undefined) ?? ''}checks:\n  ${check}: off\n` };
  const reported = (await compileFiles(files)).diagnostics.filter((d) => d.check === check).map((d) => d.message);
  const { artifacts } = await compileFiles(silenced);
  const dir = makeProject(Object.fromEntries(artifacts.map((a) => [a.path, a.content])));
  const result = spawnSync('promtool', ['check', 'config', ...args, path.join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
  return { reported, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** monc reports exactly what promtool rejects, in its words, or says why it is stricter. */
function expectAgreement({ reported, status, output }: Awaited<ReturnType<typeof judge>>, promtool: string | undefined, stricter: string | undefined): void {
  if (promtool === undefined) {
    expect(status, output).toBe(0);
    expect(reported.length > 0, 'monc reports what promtool accepts without saying why').toBe(stricter !== undefined);
  } else {
    expect(status, output).not.toBe(0);
    expect(output).toContain(promtool);
    expect(reported.length, 'promtool rejects what monc accepts').toBeGreaterThan(0);
    expect(reported.every((message) => message.includes(promtool))).toBe(true);
  }
}

describe('scrape/relabel agrees with promtool check config', () => {
  // The full check, which also relabels the static targets (and finds a target without an address).
  it.each(RELABEL_CASES)('$name', async (c) => {
    expectAgreement(await judge('scrape/relabel', relabelFiles(c), []), c.promtool, c.stricter);
  });
});

describe('scrape/credentials agrees with promtool check config --syntax-only', () => {
  // Syntax only: the credential files the cases name do not exist here. A project that writes no prometheus.yml has nothing to judge.
  it.each(CREDENTIAL_CASES.filter((c) => c.config !== WITHOUT_PROMETHEUS_YML))('$name', async (c) => {
    expectAgreement(await judge('scrape/credentials', credentialFiles(c), ['--syntax-only']), c.promtool, c.stricter);
  });
});

describe('promtool check config accepts every scrape and remote-write setting monc writes', () => {
  it('loads a job with file and DNS discovery, relabelling, limits, auth and TLS, and remote_write to Mimir and Thanos Receive', async () => {
    // Debian's Prometheus 2.42 is built without Kubernetes discovery (its promtool rejects kubernetes_sd_configs), so the Kubernetes job is checked by the unit tests only.
    const service = `kind: Service
name: api
team: core
scrape:
  targets: ['api-1:8443']
  fileSd: { files: ['targets/api-*.json'], refreshInterval: 1m }
  dnsSd: { names: [_metrics._tcp.api.example.com], refreshInterval: 30s }
  scheme: https
  interval: 30s
  timeout: 10s
  honorLabels: false
  sampleLimit: 5000
  labelLimit: 30
  basicAuth: { username: prometheus, passwordFile: /etc/prometheus/api/password }
  tls: { caFile: /etc/prometheus/api/ca.crt, certFile: /etc/prometheus/api/client.crt, keyFile: /etc/prometheus/api/client.key, serverName: api.internal }
  relabel:
    - { sourceLabels: [__meta_filepath], regex: '.*/api-(.*)\\.json', targetLabel: pool }
    - { action: hashmod, sourceLabels: [__address__], modulus: 4, targetLabel: __tmp_shard }
    - { action: keep, sourceLabels: [__tmp_shard], regex: '0|1' }
    - { action: lowercase, sourceLabels: [pool], targetLabel: pool }
  metricRelabel:
    - { action: labeldrop, regex: pod_template_hash }
    - { action: drop, sourceLabels: [__name__], regex: 'go_gc_.*' }
`;
    const config = `prometheus:
  remoteWrite:
    - url: https://mimir.example.com/api/v1/push
      name: mimir
      headers: { X-Scope-OrgID: core }
      authorization: { credentialsFile: /etc/prometheus/mimir/token }
      queue: { capacity: 10000, minShards: 1, maxShards: 20, maxSamplesPerSend: 2000, batchSendDeadline: 5s }
      writeRelabel:
        - { action: keep, sourceLabels: [__name__], regex: '(slo|job):.*|up' }
    - url: http://thanos-receive.monitoring:19291/api/v1/receive
      basicAuth: { username: prometheus, passwordFile: /etc/prometheus/receive/password }
      tls: { caFile: /etc/prometheus/receive/ca.crt }
`;
    const { artifacts, diagnostics } = await compileFiles({ 'definitions/api.yaml': service, [CONFIG]: config });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dir = makeProject(Object.fromEntries(artifacts.map((a) => [a.path, a.content])));
    const result = spawnSync('promtool', ['check', 'config', '--syntax-only', path.join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});

describe('monc test', () => {
  it('checks prometheus.yml without the credential and target files it names, which are on the Prometheus host', () => {
    const service = `kind: Service
name: api
team: core
scrape:
  fileSd: { files: ['targets/api-*.json'] }
  authorization: { credentialsFile: /etc/prometheus/secrets/api-token }
  tls: { certFile: /etc/prometheus/secrets/client.crt, keyFile: /etc/prometheus/secrets/client.key }
`;
    const dir = makeProject({ 'definitions/api.yaml': service });
    // The bundled CLI with this process' PATH, where promtool is.
    const monc = (command: string) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/monc.js'), command], { cwd: dir, encoding: 'utf8' });
    expect(monc('build').status).toBe(0);
    const result = monc('test');
    expect(result.stdout).toContain('ok      promtool check config prometheus/prometheus.yml');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});

