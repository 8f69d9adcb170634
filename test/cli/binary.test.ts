import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT } from '../helpers/project.ts';

/** The command users run: package.json's bin. */
const BIN = path.join(REPO_ROOT, (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { monc: string } }).bin.monc);

function monc(cwd: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the bin with a stdout pipe whose reader is gone before monc writes to it, as `monc … | head -0` does. */
function moncWithClosedReader(cwd: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const BROKEN_RULES = 'groups:\n  - name: app\n    rules:\n      - alert: AppDown\n        expr: up{job="app" == 0\n';

describe('a reader that closes the pipe early (monc … | head)', () => {
  it.each([
    ['explain, which prints and exits 0', ['explain', 'promql/syntax'], 0],
    ['a cold lint --rules with an error, which exits 1', ['lint', '--rules', 'rules.yml', '--no-cache'], 1],
    ['a lint --rules answered from the result cache, which exits 1', ['lint', '--rules', 'rules.yml'], 1],
  ])('%s: no stack trace, and the exit code is the run\'s', async (_, args, code) => {
    const dir = makeProject({ 'rules.yml': BROKEN_RULES, 'node_modules/.keep': '' });
    monc(dir, ['lint', '--rules', 'rules.yml']);
    expect(await moncWithClosedReader(dir, args)).toEqual({ code, stderr: '' });
  });

  it('a build still writes out/ whole', async () => {
    const dir = makeProject({ 'definitions/web.yaml': 'kind: Service\nname: web\nteam: frontend\n' });
    const run = await moncWithClosedReader(dir, ['build']);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dir, 'out/.monc-manifest.json'))).toBe(true);
    expect(monc(dir, ['build', '--check']).code).toBe(0);
  });
});

describe("the bundled binary (package.json's bin), as users run it", () => {
  it('reports a TS type error found by the type-check worker, with its position and no stack trace', () => {
    const dir = makeProject({
      'definitions/web.ts': "import { defineService } from 'monc';\n\ndefineService({\n  name: 'web',\n  team: 'frontend',\n  instances: 'three',\n});\n",
    });
    const { code, stdout, stderr } = monc(dir, ['lint', '--format', 'json']);
    const diagnostics = (JSON.parse(stdout) as { diagnostics: { check: string; file: string; line: number; column: number }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.check}@${d.file}:${d.line}:${d.column}`)).toEqual(['ts/type-error@definitions/web.ts:6:3']);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('builds a clean TS project, then reports it up to date', () => {
    const dir = makeProject({
      'definitions/web.ts': [
        "import { defineMetric, defineService } from 'monc';",
        "const views = defineMetric({ name: 'web_page_views_total', type: 'counter', help: 'Page views.' });",
        "defineService({ name: 'web', team: 'frontend', metrics: [views], scrape: { targets: ['web:8080'] } });",
        '',
      ].join('\n'),
    });
    expect(monc(dir, ['build']).code).toBe(0);
    const again = monc(dir, ['build', '--check']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('out/ is up to date');
  });

  it('answers a usage error with exit code 2 and one line that points at monc --help', () => {
    const { code, stderr } = monc(REPO_ROOT, ['lint', '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toBe('monc: --format must be one of pretty, json, sarif, github; see monc --help\n');
  });

  it.each([['lint', '--help'], ['build', '--help'], ['lint', '-h']])('answers %s %s with the usage outside any project, without warming up a type check', (...args) => {
    const { code, stdout, stderr } = monc(makeProject({}), args);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: monc');
    expect(stderr).toBe('');
  });

  it('lints and builds YAML definitions with only dist/ installed: the authoring API is needed for TS definitions alone', () => {
    const install = makeProject({ 'package.json': readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8') });
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    const dir = makeProject({ 'definitions/web.yaml': 'kind: Service\nname: web\nteam: frontend\n' });
    for (const command of ['lint', 'build']) {
      const run = spawnSync(process.execPath, [path.join(install, 'dist/monc.cjs'), command], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr, command).not.toMatch(/internal error|\n\s+at /);
      expect(run.status, command).toBe(0);
    }
    expect(existsSync(path.join(dir, 'out/.monc-manifest.json'))).toBe(true);
  });

  it('prints its version', () => {
    const { code, stdout } = monc(REPO_ROOT, ['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^monc \d+\.\d+\.\d+\n$/);
  });
});
