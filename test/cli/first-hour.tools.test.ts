/**
 * A newcomer's first hour, end to end: pack monc as it would be published, scaffold a project
 * with monc init in an empty folder, install the tarball with npm and no network (monc's own
 * dependencies come from a registry on 127.0.0.1 that serves this repository's node_modules,
 * with an empty npm cache), and run the
 * steps of the CI workflow init wrote: build, lint as SARIF, build --check, monc test (real
 * promtool and amtool). Then add an SLO with every setting left at its default: still green.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startLocalRegistry, type LocalRegistry } from '../helpers/npm-registry.ts';
import { REPO_ROOT } from '../helpers/project.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'monc-first-hour-'));
const project = path.join(work, 'monitoring');
let tarball = '';
let registry: LocalRegistry | undefined;

afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

/** npm as a user's would run, but with an empty cache and the registry on 127.0.0.1. */
function environment(): NodeJS.ProcessEnv {
  const npm = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_cache: path.join(work, 'npm-cache'), ...(registry && { npm_config_registry: registry.url }) };
  return { ...process.env, CI: 'true', ...npm };
}

/** A command in the project, as a user's shell runs it; its output when it fails. */
function run(command: string, args: readonly string[], cwd = project): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: environment(), maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking: the registry answers from this process meanwhile. */
function runAsync(command: string, args: readonly string[], cwd = project): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: environment(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

beforeAll(async () => {
  registry = await startLocalRegistry();
  // --ignore-scripts: the suite bundled dist/ before it started, and `prepare` would delete and
  // rebuild it while other test files run the bundled CLI.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
  const [first] = packed;
  if (!first) throw new Error('npm pack printed nothing');
  tarball = path.join(work, first.filename);
  const init = run(process.execPath, [path.join(REPO_ROOT, 'dist/monc.js'), 'init', 'monitoring'], work);
  expect(init.code, init.stderr).toBe(0);
  const install = await runAsync('npm', ['install', '--save-dev', '--save-exact', tarball]);
  expect(install.code, install.stderr).toBe(0);
}, 300_000);

describe('a new monitoring repository, from npm pack to monc test', () => {
  it('ships only what a user needs: no tests, no out/, no definitions of ours', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const top = new Set((packed[0]?.files ?? []).map((f) => f.path.split('/')[0]));
    expect([...top].sort()).toEqual(['LICENSE', 'README.md', 'dist', 'docs', 'package.json', 'schemas', 'src']);
  });

  it('runs every step of the workflow monc init wrote, and each passes', () => {
    const workflow = parse(readFileSync(path.join(project, '.github/workflows/monitoring.yml'), 'utf8')) as { jobs: { monc: { steps: { run?: string }[] } } };
    const commands = workflow.jobs.monc.steps.map((s) => s.run?.trim()).filter((c): c is string => c !== undefined);
    expect(commands).toEqual(expect.arrayContaining(['npx monc lint --format sarif > monc.sarif', 'npx monc build --check', 'npx monc test']));

    const build = run('npm', ['run', 'build']);
    expect(build.code, build.stderr).toBe(0);
    const lint = run('npx', ['monc', 'lint', '--format', 'sarif']);
    expect(lint.code, lint.stderr).toBe(0);
    expect((JSON.parse(lint.stdout) as { runs: { results: unknown[] }[] }).runs[0]?.results).toEqual([]);
    const check = run('npx', ['monc', 'build', '--check']);
    expect(check.code, check.stderr).toBe(0);
    const test = run('npx', ['monc', 'test']);
    expect(test.code, `${test.stdout}${test.stderr}`).toBe(0);
    expect(test.stdout).toMatch(/monc test: (\d+) of \1 passed/);
  });

  it('still builds and tests after adding an SLO with every setting at its default', () => {
    writeFileSync(
      path.join(project, 'definitions/checkout.yaml'),
      `kind: Service
name: checkout
team: payments
scrape:
  targets: ["checkout:8080"]
metrics:
  - name: checkout_requests_total
    type: counter
    help: Checkout requests, by status code.
    labels:
      code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 }
slos:
  - name: availability
    objective: 99.9
    sli:
      ratio:
        errors: checkout_requests_total{code=~"5.."}
        total: checkout_requests_total
`,
    );
    const build = run('npm', ['run', 'build']);
    expect(build.code, build.stderr).toBe(0);
    const test = run('npx', ['monc', 'test']);
    expect(test.code, `${test.stdout}${test.stderr}`).toBe(0);
  });
});
