/**
 * The result cache of `monc lint`, through the bundled CLI (only a bundle has a build id): a
 * repeated run prints the same bytes and exit code from the cache, a changed file, option or
 * build is linted afresh, `--no-cache` neither reads nor writes it, and a broken cache file is
 * ignored. For rule files (`--rules`) and for projects of YAML definitions; never for TS
 * definitions or online checks. The project has a node_modules folder, so the cache is its
 * node_modules/.cache/monc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT } from '../helpers/project.ts';

const MONC = path.join(REPO_ROOT, 'dist/monc.js');

const CLEAN = 'groups:\n  - name: app\n    rules:\n      - record: job:app_requests:rate5m\n        expr: sum by (job) (rate(app_requests_total[5m]))\n';
/** Two findings: a syntax error and a bad `for`. */
const BROKEN = 'groups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up{job="app" == 0\n        for: 5 minutes\n';

function monc(dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [MONC, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const lint = (dir: string, ...args: string[]) => monc(dir, 'lint', '--rules', ...args);

/** A project with rules.yml and an empty node_modules, and the path of its cache entry once written. */
function project(rules: string) {
  const dir = makeProject({ 'rules.yml': rules, 'node_modules/.keep': '' });
  const entry = () => {
    const cache = path.join(dir, 'node_modules/.cache/monc');
    const files = readdirSync(cache).filter((f) => f.startsWith('lint-rules-'));
    expect(files).toHaveLength(1);
    return path.join(cache, files[0] ?? '');
  };
  return { dir, entry };
}

describe('monc lint --rules result cache', () => {
  it.each(['pretty', 'json', 'github', 'sarif'])('A second run prints the same %s bytes and exit code, from the cache.', (format) => {
    const { dir, entry } = project(BROKEN);
    const first = lint(dir, '--format', format, 'rules.yml');
    expect(first.code).toBe(1);
    expect(first.stdout).not.toBe('');
    // What the second run prints must come from the entry: change its bytes and see them.
    const stored = JSON.parse(readFileSync(entry(), 'utf8')) as { stdout: string; code: number };
    expect(stored).toMatchObject({ stdout: first.stdout, code: 1 });
    expect(lint(dir, '--format', format, 'rules.yml')).toEqual(first);
    writeFileSync(entry(), JSON.stringify({ ...stored, stdout: 'from the cache\n' }));
    expect(lint(dir, '--format', format, 'rules.yml')).toEqual({ code: 1, stdout: 'from the cache\n', stderr: '' });
  });

  it('A changed file, or another format or --fail-on, is linted afresh.', () => {
    const { dir } = project(BROKEN);
    const broken = lint(dir, '--format', 'json', 'rules.yml');
    expect(broken.code).toBe(1);
    writeFileSync(path.join(dir, 'rules.yml'), CLEAN);
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual({ code: 0, stdout: lint(dir, '--format', 'json', '--no-cache', 'rules.yml').stdout, stderr: '' });
    expect(lint(dir, '--format', 'github', 'rules.yml').stdout).toBe('');
    writeFileSync(path.join(dir, 'rules.yml'), CLEAN.replace('record: job:app_requests:rate5m', 'record: app_requests_rate'));
    expect(lint(dir, '--format', 'json', 'rules.yml').code).toBe(0);
    expect(lint(dir, '--format', 'json', '--fail-on', 'warning', 'rules.yml').code).toBe(1);
  });

  it('--no-cache lints afresh and leaves the cache as it was.', () => {
    const { dir, entry } = project(BROKEN);
    lint(dir, '--format', 'json', 'rules.yml');
    const before = readFileSync(entry(), 'utf8');
    writeFileSync(entry(), JSON.stringify({ ...JSON.parse(before), stdout: 'from the cache\n' }));
    const fresh = lint(dir, '--format', 'json', '--no-cache', 'rules.yml');
    expect(fresh.stdout).toContain('"diagnostics"');
    expect(JSON.parse(readFileSync(entry(), 'utf8')).stdout).toBe('from the cache\n');
  });

  it('A cache file that is not JSON is ignored and replaced.', () => {
    const { dir, entry } = project(BROKEN);
    const first = lint(dir, '--format', 'json', 'rules.yml');
    writeFileSync(entry(), '{ not json');
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual(first);
    expect(JSON.parse(readFileSync(entry(), 'utf8')).stdout).toBe(first.stdout);
  });

  it('An entry written by another build of monc is not used.', () => {
    const { dir, entry } = project(BROKEN);
    const first = lint(dir, '--format', 'json', 'rules.yml');
    const stored = JSON.parse(readFileSync(entry(), 'utf8')) as { key: string };
    // Another build has another id, so another key for the same files and options.
    writeFileSync(entry(), JSON.stringify({ ...stored, key: stored.key.replace(/^./, (c) => (c === '0' ? '1' : '0')), stdout: 'stale\n' }));
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual(first);
  });
});

/** A YAML service with one finding (an alert without a runbook is a warning; a bad severity an error). */
const SERVICE = `kind: Service
name: app
team: core
metrics:
  - { name: app_requests_total, type: counter, help: Requests. }
alerts:
  - name: AppErrors
    expr: sum(rate(app_requests_total[5m])) > 10
    for: 5m
    severity: loud
    summary: Too many requests.
    runbook: https://runbooks.example.com/app
`;

describe('monc lint result cache for a project', () => {
  /** The cache entries of the project's runs of `monc lint`. */
  const entries = (dir: string) => {
    const cache = path.join(dir, 'node_modules/.cache/monc');
    return existsSync(cache) ? readdirSync(cache).filter((f) => f.startsWith('lint-project-')).map((f) => path.join(cache, f)) : [];
  };

  it('YAML definitions: a second run prints the same bytes from the cache; a changed definition or config is linted afresh.', () => {
    const dir = makeProject({ 'definitions/app.yaml': SERVICE, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n', 'node_modules/.keep': '' });
    const first = monc(dir, 'lint', '--format', 'json');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('alert/severity');
    const [entry] = entries(dir);
    if (entry === undefined) throw new Error('no cache entry written');
    expect(monc(dir, 'lint', '--format', 'json')).toEqual(first);
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), stdout: 'from the cache\n' }));
    expect(monc(dir, 'lint', '--format', 'json').stdout).toBe('from the cache\n');
    const plant = () => writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), stdout: 'from the cache\n' }));
    // Each change is a fresh run, which replaces the planted entry with what it printed.
    writeFileSync(path.join(dir, 'monc.config.yaml'), 'prometheus:\n  retention: 30d\nchecks:\n  alert/severity: off\n');
    expect(monc(dir, 'lint', '--format', 'json')).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
    plant();
    writeFileSync(path.join(dir, 'definitions/app.yaml'), SERVICE.replace('severity: loud', 'severity: critical'));
    expect(monc(dir, 'lint', '--format', 'json')).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
    plant();
    expect(monc(dir, 'lint', '--format', 'json', '--no-cache')).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
  });

  it('TS definitions, a config with online settings and --prometheus are never cached.', () => {
    const ts = makeProject({ 'definitions/app.ts': "import { defineMetric } from 'monc';\nexport const requests = defineMetric({ name: 'app_requests_total', type: 'counter', help: 'Requests.' });\n", 'node_modules/.keep': '' });
    expect(monc(ts, 'lint').code).toBe(0);
    expect(entries(ts)).toEqual([]);
    const online = makeProject({ 'definitions/app.yaml': SERVICE, 'monc.config.yaml': 'online:\n  timeout: 1s\n', 'node_modules/.keep': '' });
    monc(online, 'lint');
    expect(entries(online)).toEqual([]);
    const flag = makeProject({ 'definitions/app.yaml': SERVICE, 'node_modules/.keep': '' });
    monc(flag, 'lint', '--prometheus', 'http://127.0.0.1:1');
    expect(entries(flag)).toEqual([]);
  });
});
