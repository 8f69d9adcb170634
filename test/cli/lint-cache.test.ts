/**
 * The result cache of `monc lint`, through the bundled CLI's bin (only a bundle has a build
 * id; the CommonJS bin answers a cached `lint --rules` itself, anything else through
 * monc.js): a repeated run prints the same bytes and exit code from the cache, a changed file,
 * option or build is linted afresh, `--no-cache` neither reads nor writes it, and a broken
 * cache file is ignored. For rule files (`--rules`) and for projects of YAML definitions;
 * never for TS definitions or online checks. The project has a node_modules folder, so the
 * cache is its node_modules/.cache/monc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT } from '../helpers/project.ts';

/** The command users run (package.json's bin), and the ES module entry it loads on a miss. */
const BIN = path.join(REPO_ROOT, (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { monc: string } }).bin.monc);
const MONC_JS = path.join(REPO_ROOT, 'dist/monc.js');

const CLEAN = 'groups:\n  - name: app\n    rules:\n      - record: job:app_requests:rate5m\n        expr: sum by (job) (rate(app_requests_total[5m]))\n';
/** Two findings: a syntax error and a bad `for`. */
const BROKEN = 'groups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up{job="app" == 0\n        for: 5 minutes\n';

function through(entry: string, dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [entry, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const monc = (dir: string, ...args: string[]) => through(BIN, dir, ...args);
const lint = (dir: string, ...args: string[]) => monc(dir, 'lint', '--rules', ...args);

/** An entry: a line of JSON (the run, the printed output), then the input files' bytes. */
function readEntry(file: string): { header: { stdout: string; code: number; build: string }; files: Buffer } {
  const bytes = readFileSync(file);
  const end = bytes.indexOf('\n');
  return { header: JSON.parse(bytes.toString('utf8', 0, end)), files: bytes.subarray(end + 1) };
}

/** Rewrites the output an entry holds: what a run prints next shows whether it came from the cache. */
function plant(file: string, change: Record<string, unknown>): void {
  const { header, files } = readEntry(file);
  writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...change })}\n`), files]));
}

/** A project with rules.yml and an empty node_modules, and the path of its cache entry once written. */
function project(rules: string) {
  const dir = makeProject({ 'rules.yml': rules, 'node_modules/.keep': '' });
  const entry = () => {
    const cache = path.join(dir, 'node_modules/.cache/monc');
    const files = readdirSync(cache).filter((f) => f.startsWith('lint-rules-') && f.endsWith('.entry'));
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
    expect(readEntry(entry()).header).toMatchObject({ stdout: first.stdout, code: 1 });
    expect(readEntry(entry()).files.toString()).toBe(BROKEN);
    expect(lint(dir, '--format', format, 'rules.yml')).toEqual(first);
    plant(entry(), { stdout: 'from the cache\n' });
    expect(lint(dir, '--format', format, 'rules.yml')).toEqual({ code: 1, stdout: 'from the cache\n', stderr: '' });
    // The ES module entry reads the same cache.
    expect(through(MONC_JS, dir, 'lint', '--rules', '--format', format, 'rules.yml')).toEqual({ code: 1, stdout: 'from the cache\n', stderr: '' });
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

  it('A file added to a named folder is linted afresh: the folder is read on every run.', () => {
    const dir = makeProject({ 'rules/a.yml': CLEAN, 'node_modules/.keep': '' });
    expect(lint(dir, '--format', 'json', 'rules')).toEqual(lint(dir, '--format', 'json', '--no-cache', 'rules'));
    writeFileSync(path.join(dir, 'rules/b.yml'), BROKEN);
    const again = lint(dir, '--format', 'json', 'rules');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('rules/b.yml');
    expect(again).toEqual(lint(dir, '--format', 'json', '--no-cache', 'rules'));
  });

  it('A changed project config is linted afresh: it decides the Prometheus version and the checks.', () => {
    const dir = makeProject({ 'rules.yml': 'groups:\n  - name: app\n    rules:\n      - record: job:up:limited\n        expr: limitk(2, up)\n', 'monc.config.yaml': 'prometheus:\n  version: 2\n', 'node_modules/.keep': '' });
    expect(lint(dir, '--format', 'json', 'rules.yml').code).toBe(1);
    writeFileSync(path.join(dir, 'monc.config.yaml'), 'prometheus:\n  version: 3\n');
    const again = lint(dir, '--format', 'json', 'rules.yml');
    expect(again).toEqual({ code: 0, stdout: lint(dir, '--format', 'json', '--no-cache', 'rules.yml').stdout, stderr: '' });
  });

  it('--no-cache lints afresh and leaves the cache as it was.', () => {
    const { dir, entry } = project(BROKEN);
    lint(dir, '--format', 'json', 'rules.yml');
    plant(entry(), { stdout: 'from the cache\n' });
    const fresh = lint(dir, '--format', 'json', '--no-cache', 'rules.yml');
    expect(fresh.stdout).toContain('"diagnostics"');
    expect(readEntry(entry()).header.stdout).toBe('from the cache\n');
  });

  it.each([
    ['is not an entry at all', '{ not json'],
    ['has no line break', '{"stdout":"stale"}'],
    ['has a header that is not JSON', '{ not json\nbytes'],
  ])('A cache file that %s is ignored and replaced.', (_, content) => {
    const { dir, entry } = project(BROKEN);
    const first = lint(dir, '--format', 'json', 'rules.yml');
    writeFileSync(entry(), content);
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual(first);
    expect(readEntry(entry()).header.stdout).toBe(first.stdout);
  });

  it('An entry written by another build of monc is not used.', () => {
    const { dir, entry } = project(BROKEN);
    const first = lint(dir, '--format', 'json', 'rules.yml');
    plant(entry(), { build: 'another build', stdout: 'stale\n' });
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual(first);
  });

  it('A file changed to other bytes of the same length is linted afresh: the entry compares every byte.', () => {
    const { dir, entry } = project(BROKEN);
    lint(dir, '--format', 'json', 'rules.yml');
    plant(entry(), { stdout: 'stale\n' });
    const sameLength = BROKEN.replace('AppDown', 'AppGone');
    writeFileSync(path.join(dir, 'rules.yml'), sameLength);
    expect(lint(dir, '--format', 'json', 'rules.yml')).toEqual({ ...lint(dir, '--format', 'json', '--no-cache', 'rules.yml'), code: 1 });
    expect(readEntry(entry()).files.toString()).toBe(sameLength);
  });

  it.each([
    ['an unknown option', ['--format', 'xml', 'rules.yml'], 2],
    ['a file that does not exist', ['missing.yml'], 2],
    ['--help', ['--help', 'rules.yml'], 0],
    ['--no-cache', ['--no-cache', '--format', 'json', 'rules.yml'], 1],
    ['the files named another way', ['--format', 'json', './rules.yml'], 1],
  ])('The bin answers %s exactly as the ES module entry does.', (_, args, code) => {
    const { dir } = project(BROKEN);
    lint(dir, '--format', 'json', 'rules.yml');
    const fromBin = lint(dir, ...args);
    expect(fromBin.code).toBe(code);
    expect(fromBin).toEqual(through(MONC_JS, dir, 'lint', '--rules', ...args));
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
    return existsSync(cache) ? readdirSync(cache).filter((f) => f.startsWith('lint-project-') && f.endsWith('.entry')).map((f) => path.join(cache, f)) : [];
  };

  it('YAML definitions: a second run prints the same bytes from the cache; a changed definition or config is linted afresh.', () => {
    const dir = makeProject({ 'definitions/app.yaml': SERVICE, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n', 'node_modules/.keep': '' });
    const first = monc(dir, 'lint', '--format', 'json');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('alert/severity');
    const [entry] = entries(dir);
    if (entry === undefined) throw new Error('no cache entry written');
    expect(monc(dir, 'lint', '--format', 'json')).toEqual(first);
    plant(entry, { stdout: 'from the cache\n' });
    expect(monc(dir, 'lint', '--format', 'json').stdout).toBe('from the cache\n');
    // Each change is a fresh run, which replaces the planted entry with what it printed.
    writeFileSync(path.join(dir, 'monc.config.yaml'), 'prometheus:\n  retention: 30d\nchecks:\n  alert/severity: off\n');
    expect(monc(dir, 'lint', '--format', 'json')).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
    plant(entry, { stdout: 'from the cache\n' });
    writeFileSync(path.join(dir, 'definitions/app.yaml'), SERVICE.replace('severity: loud', 'severity: critical'));
    expect(monc(dir, 'lint', '--format', 'json')).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
    plant(entry, { stdout: 'from the cache\n' });
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
