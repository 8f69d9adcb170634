import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, readProjectFile, REPO_ROOT, runCli, writeFiles } from '../helpers/project.ts';

const SCAFFOLD = [
  '.github/workflows/monitoring.yml',
  '.gitignore',
  'definitions/example.ts',
  'monc.config.yaml',
  'package.json',
  'tsconfig.json',
];

const MONC_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every file under `dir`, relative and sorted. */
function filesIn(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((entry) => {
      const file = under === '' ? entry.name : `${under}/${entry.name}`;
      return entry.isDirectory() ? filesIn(dir, file) : [file];
    })
    .sort();
}

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly 'continue-on-error'?: boolean;
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>;
}

describe('monc init', () => {
  it('writes exactly the scaffold into an empty folder and says what to do next', async () => {
    const dir = makeProject({});
    const { code, stdout, stderr } = await runCli(dir, ['init']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(filesIn(dir)).toEqual(SCAFFOLD);
    for (const file of SCAFFOLD) expect(stdout).toContain(`created ${file}`);
    expect(stdout).toContain('npm install');
    expect(stdout).toContain('npm run build');

    const manifest = JSON.parse(readProjectFile(dir, 'package.json')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      private: true,
      type: 'module',
      scripts: { build: 'monc build', lint: 'monc lint', check: 'monc build --check', test: 'monc test' },
      devDependencies: { 'monc-compiler': MONC_VERSION },
    });
    expect(readProjectFile(dir, '.gitignore')).toBe('node_modules/\n');
    expect(readProjectFile(dir, 'definitions/example.ts')).toContain("from 'monc'");
  });

  it('scaffolds a project whose first lint is clean and whose first build writes the rules, without npm install', async () => {
    const dir = makeProject({});
    expect((await runCli(dir, ['init'])).code).toBe(0);

    const lint = await runCli(dir, ['lint', '--format', 'json', '--fail-on', 'warning']);
    expect(JSON.parse(lint.stdout)).toEqual({ diagnostics: [] });
    expect(lint.code).toBe(0);

    const build = await runCli(dir, ['build']);
    expect(build.stderr).toContain('monc: updated out/');
    expect(build.code).toBe(0);
    const rules = parse(readProjectFile(dir, 'out/prometheus/rules/example.yml')) as { groups: { name: string; rules: Record<string, unknown>[] }[] };
    expect(rules.groups.map((g) => g.name)).toEqual(['example', 'example-slos', 'example-slos-period']);
    expect(rules.groups[0]?.rules.map((r) => r['alert'] ?? r['record'])).toEqual([
      'job:example_http_request_errors_per_requests:ratio_rate5m',
      'ExampleHighErrorRate',
    ]);
    expect((await runCli(dir, ['build', '--check'])).code).toBe(0);
  });

  it('writes a workflow that uploads the lint findings as SARIF, fails on lint errors and checks out/', async () => {
    const dir = makeProject({});
    await runCli(dir, ['init']);
    const workflow = parse(readProjectFile(dir, '.github/workflows/monitoring.yml')) as Workflow;

    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const index = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);

    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(20);
    const install = index((s) => s.run?.includes('npm ci') === true);
    expect(steps[install]?.run).toContain('npm install');

    const lint = index((s) => s.run?.includes('npx monc lint --format sarif > monc.sarif') === true);
    expect(lint).toBeGreaterThan(install);
    expect(steps[lint]?.['continue-on-error']).toBe(true);
    expect(steps[lint]?.id).toBe('lint');

    const upload = index((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
    expect(upload).toBeGreaterThan(lint);
    expect(steps[upload]?.with?.['sarif_file']).toBe('monc.sarif');
    expect(steps[upload]?.if).toBeUndefined();

    const fail = index((s) => s.if === "steps.lint.outcome == 'failure'");
    expect(fail).toBeGreaterThan(upload);
    expect(steps[fail]?.run).toContain('exit 1');

    const check = index((s) => s.run?.trim() === 'npx monc build --check');
    expect(check).toBeGreaterThan(fail);
  });

  it('writes a tsconfig under which an editor type-checks the definitions against the installed monc', async () => {
    const dir = makeProject({});
    await runCli(dir, ['init']);
    // What npm install puts in node_modules/monc-compiler that the types need: package.json (exports) and src/api.
    mkdirSync(path.join(dir, 'node_modules/monc-compiler/src'), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'node_modules/monc-compiler/package.json'));
    cpSync(path.join(REPO_ROOT, 'src/api'), path.join(dir, 'node_modules/monc-compiler/src/api'), { recursive: true });

    const typeErrors = () => {
      const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      if (!config) throw new Error('tsconfig.json did not parse');
      expect(config.errors).toEqual([]);
      expect(config.fileNames.map((f) => path.relative(dir, f))).toEqual(['definitions/example.ts']);
      const program = ts.createProgram(config.fileNames, config.options);
      return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    };
    expect(typeErrors()).toEqual([]);

    writeFiles(dir, { 'definitions/example.ts': readProjectFile(dir, 'definitions/example.ts').replace("team: 'platform',", "team: 'platform', instances: 'two',") });
    expect(typeErrors()).toEqual([expect.stringMatching(/^definitions\/example\.ts: Type 'string' is not assignable to type 'number'/)]);
  });

  it('refuses to run twice, lists the files that exist and writes nothing', async () => {
    const dir = makeProject({});
    await runCli(dir, ['init']);
    writeFiles(dir, { 'definitions/example.ts': '// mine\n' });
    const before = filesIn(dir).map((file) => [file, readProjectFile(dir, file)]);

    const { code, stdout, stderr } = await runCli(dir, ['init']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--force');
    const listed = stderr.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
    expect(listed).toEqual(['package.json', 'tsconfig.json', 'monc.config.yaml', 'definitions/example.ts', '.github/workflows/monitoring.yml']);
    expect(filesIn(dir).map((file) => [file, readProjectFile(dir, file)])).toEqual(before);
  });

  it('refuses when only one of its files exists, and names it', async () => {
    const dir = makeProject({ 'tsconfig.json': '{}\n', '.gitignore': 'dist/\n' });
    const { code, stderr } = await runCli(dir, ['init']);
    expect(code).toBe(2);
    expect(stderr).toContain('  tsconfig.json\n');
    expect(stderr).not.toContain('package.json\n');
    expect(filesIn(dir)).toEqual(['.gitignore', 'tsconfig.json']);
    expect(readProjectFile(dir, '.gitignore')).toBe('dist/\n');
  });

  it('overwrites its files with --force, updates package.json in place and keeps every other file', async () => {
    const dir = makeProject({});
    await runCli(dir, ['init']);
    const scaffold = Object.fromEntries(SCAFFOLD.map((file) => [file, readProjectFile(dir, file)]));
    writeFiles(dir, {
      'definitions/example.ts': '// mine\n',
      'monc.config.yaml': 'out: elsewhere\n',
      'definitions/other.yaml': 'kind: Service\nname: other\nteam: t\n',
      'package.json': JSON.stringify({ name: 'acme', scripts: { test: 'vitest', build: 'tsc' }, devDependencies: { vitest: '4.0.0' } }),
      '.gitignore': 'dist\n/node_modules\n',
    });

    const { code, stdout } = await runCli(dir, ['init', '--force']);
    expect(code).toBe(0);
    expect(stdout).toContain('overwrote definitions/example.ts');
    expect(stdout).toContain('updated   package.json');
    expect(readProjectFile(dir, 'definitions/example.ts')).toBe(scaffold['definitions/example.ts']);
    expect(readProjectFile(dir, 'monc.config.yaml')).toBe(scaffold['monc.config.yaml']);
    expect(readProjectFile(dir, 'definitions/other.yaml')).toContain('name: other');
    expect(readProjectFile(dir, '.gitignore')).toBe('dist\n/node_modules\n');
    expect(JSON.parse(readProjectFile(dir, 'package.json'))).toEqual({
      name: 'acme',
      scripts: { test: 'vitest', build: 'monc build', lint: 'monc lint', check: 'monc build --check' },
      devDependencies: { vitest: '4.0.0', 'monc-compiler': MONC_VERSION },
      private: true,
      type: 'module',
    });
  });

  it('appends node_modules/ to an existing .gitignore once', async () => {
    const dir = makeProject({ '.gitignore': '*.log' });
    expect((await runCli(dir, ['init'])).stdout).toContain('appended .gitignore');
    expect(readProjectFile(dir, '.gitignore')).toBe('*.log\nnode_modules/\n');
    const again = await runCli(dir, ['init', '--force']);
    expect(again.stdout).toContain('kept      .gitignore');
    expect(readProjectFile(dir, '.gitignore')).toBe('*.log\nnode_modules/\n');
  });

  it('creates the folder it is given, names the package after it and writes the same bytes every time', async () => {
    const first = makeProject({});
    const second = makeProject({});
    const results = [await runCli(first, ['init', 'Acme Monitoring']), await runCli(second, ['init', 'Acme Monitoring'])];
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results[0]?.stdout).toContain('  cd Acme Monitoring\n');
    expect(results[0]?.stdout).toBe(results[1]?.stdout);
    const read = (root: string) => Object.fromEntries(filesIn(path.join(root, 'Acme Monitoring')).map((file) => [file, readProjectFile(path.join(root, 'Acme Monitoring'), file)]));
    expect(Object.keys(read(first))).toEqual(SCAFFOLD);
    expect(read(first)).toEqual(read(second));
    expect(JSON.parse(read(first)['package.json'] ?? '')).toMatchObject({ name: 'acme-monitoring' });
    expect(existsSync(path.join(first, 'package.json'))).toBe(false);
  });

  it('refuses a package.json it cannot update, even with --force', async () => {
    const dir = makeProject({ 'package.json': '{ not json' });
    const { code, stderr } = await runCli(dir, ['init', '--force']);
    expect(code).toBe(1);
    expect(stderr).toContain('package.json is not valid JSON; nothing was written');
    expect(filesIn(dir)).toEqual(['package.json']);
  });

  it('answers more than one folder with a usage error', async () => {
    const { code, stderr } = await runCli(makeProject({}), ['init', 'a', 'b']);
    expect(code).toBe(2);
    expect(stderr).toBe('monc: init takes one folder, not 2; see monc --help\n');
  });
});
