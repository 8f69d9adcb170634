/**
 * The out/ writer, through `monc build`: what it writes, what it leaves alone, what it
 * deletes, what `--check` reports, and that a failed or interrupted build never leaves a
 * half-written out/.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, writeFiles, type Files } from '../helpers/project.ts';

const API_YAML = `kind: Service
name: api
team: platform
scrape:
  targets: ['api-1:9090', 'api-2:9090']
metrics:
  - name: api_http_requests_total
    type: counter
    help: HTTP requests.
    labels:
      code: { values: ['2xx', '4xx', '5xx'] }
recordingRules:
  - record: job:api_http_requests:rate5m
    expr: sum by (job, code) (rate(api_http_requests_total[5m]))
alerts:
  - name: ApiErrors
    expr: sum(job:api_http_requests:rate5m{code="5xx"}) > 1
    for: 5m
    severity: critical
    summary: API errors
    runbook: https://runbooks.example/api-errors
`;

const WEB_YAML = `kind: Service
name: web
team: frontend
scrape:
  targets: ['web-1:8080']
alerts:
  - name: WebDown
    expr: up{job="web"} == 0
    for: 2m
    severity: warning
    summary: web is down
    runbook: https://runbooks.example/web-down
`;

const PROJECT: Files = { 'definitions/api.yaml': API_YAML, 'definitions/web.yaml': WEB_YAML };

const DOCS = ['docs/README.md', 'docs/alerts.md', 'docs/metrics.md', 'docs/services/api.md', 'docs/services/web.md'];
const GENERATED = ['.monc-manifest.json', ...DOCS, 'prometheus/prometheus.yml', 'prometheus/rules/api.yml', 'prometheus/rules/web.yml'];

interface FileState {
  readonly content: string;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Every file below `dir` (paths relative to it, posix), with content, mtime and inode. */
function snapshot(dir: string): Record<string, FileState> {
  const files: Record<string, FileState> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(file);
      else {
        const stat = lstatSync(path.join(dir, file));
        files[file] = { content: readFileSync(path.join(dir, file), 'utf8'), mtimeMs: stat.mtimeMs, ino: stat.ino };
      }
    }
  };
  walk('');
  return files;
}

/** Paths of every file below `dir`, sorted. */
function listFiles(dir: string): string[] {
  return existsSync(dir) ? Object.keys(snapshot(dir)).sort() : [];
}

/** Folders next to out/ that a build may use while swapping. */
function swapLeftovers(project: string): string[] {
  return readdirSync(project).filter((name) => name.startsWith('out.'));
}

async function builtProject(files: Files = PROJECT): Promise<string> {
  const dir = makeProject(files);
  const first = await runCli(dir, ['build']);
  expect(first.code, first.stderr).toBe(0);
  return dir;
}

/** The files a `build --check` report names, as sorted `kind path` lines. */
function checkReport(stderr: string): string[] {
  return stderr
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.trim().replace(/ +/, ' '))
    .sort();
}

function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

describe('build writes out/ and a manifest, and changes nothing when nothing changed', () => {
  it('writes prometheus.yml, one rule file per service and the manifest, and nothing else', async () => {
    const dir = makeProject(PROJECT);
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(path.join(dir, 'out'))).toEqual(GENERATED);
    expect(result.stderr).toMatch(/^monc: [^\n]*out\/[^\n]*\b0 removed\b[^\n]*\n$/);
    expect(result.stdout).toBe('');
    expect(swapLeftovers(dir)).toEqual([]);
  });

  it('lists every generated file but itself in the manifest, with the sha256 of its content', async () => {
    const dir = await builtProject();
    const manifest = JSON.parse(read(dir, 'out/.monc-manifest.json')) as { generator: string; files: Record<string, string> };
    expect(manifest.generator).toBe('monc');
    expect(Object.keys(manifest.files)).toEqual(GENERATED.filter((f) => f !== '.monc-manifest.json'));
    for (const [file, hash] of Object.entries(manifest.files)) {
      expect(hash).toBe(`sha256:${createHash('sha256').update(readFileSync(path.join(dir, 'out', file))).digest('hex')}`);
    }
  });

  it('says out/ is up to date on a second build and touches no file', async () => {
    const dir = await builtProject();
    const before = snapshot(dir);
    const second = await runCli(dir, ['build']);
    expect(second).toEqual({ code: 0, stdout: '', stderr: 'monc: out/ is up to date (9 files)\n' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('writes into the folder named by --out', async () => {
    const dir = makeProject(PROJECT);
    const result = await runCli(dir, ['build', '--out', 'generated/monitoring']);
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(path.join(dir, 'generated/monitoring'))).toEqual(GENERATED);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect((await runCli(dir, ['build', '--check', '--out', 'generated/monitoring'])).code).toBe(0);
  });
});

describe('build --check compares out/ with the definitions and writes nothing', () => {
  const cases: {
    name: string;
    change: (dir: string) => void;
    /** `kind path` for every file the report names; empty: up to date. */
    report: string[];
  }[] = [
    { name: 'a current out/ exits 0', change: () => undefined, report: [] },
    {
      name: 'an edited definition exits 1 and names the stale rule file, docs pages and manifest',
      change: (dir) => writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('for: 2m', 'for: 10m') }),
      // The alert's `for` also shows in the docs: the alerts page and the service's page.
      report: ['stale out/.monc-manifest.json', 'stale out/docs/alerts.md', 'stale out/docs/services/web.md', 'stale out/prometheus/rules/web.yml'],
    },
    {
      name: 'a hand-edited generated file exits 1 and names it stale',
      change: (dir) => writeFiles(dir, { 'out/prometheus/prometheus.yml': `${read(dir, 'out/prometheus/prometheus.yml')}# edited\n` }),
      report: ['stale out/prometheus/prometheus.yml'],
    },
    {
      name: 'a deleted generated file exits 1 and names it missing',
      change: (dir) => rmSync(path.join(dir, 'out/prometheus/rules/api.yml')),
      report: ['missing out/prometheus/rules/api.yml'],
    },
    {
      name: 'a removed service exits 1 and names its rule file and docs page extra',
      change: (dir) => rmSync(path.join(dir, 'definitions/web.yaml')),
      report: [
        'extra out/docs/services/web.md',
        'extra out/prometheus/rules/web.yml',
        'stale out/.monc-manifest.json',
        'stale out/docs/README.md',
        'stale out/docs/alerts.md',
        'stale out/docs/metrics.md',
        'stale out/docs/services/api.md',
        'stale out/prometheus/prometheus.yml',
      ],
    },
    {
      name: 'a user file in out/ does not make it stale',
      change: (dir) => writeFiles(dir, { 'out/README.md': '# ours\n', 'out/prometheus/rules/hand-written.yml': 'groups: []\n' }),
      report: [],
    },
  ];

  it.each(cases)('$name', async ({ change, report }) => {
    const dir = await builtProject();
    change(dir);
    const before = snapshot(dir);
    const result = await runCli(dir, ['build', '--check']);
    expect(result.stdout).toBe('');
    if (report.length === 0) {
      expect(result.stderr).toBe('monc: out/ is up to date (9 files)\n');
      expect(result.code).toBe(0);
    } else {
      expect(result.stderr.split('\n')[0]).toBe('monc: out/ does not match the definitions; run monc build');
      expect(checkReport(result.stderr)).toEqual(report);
      expect(result.code).toBe(1);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('lists every file missing, and creates no out/, when nothing was built yet', async () => {
    const dir = makeProject(PROJECT);
    const result = await runCli(dir, ['build', '--check']);
    expect(result.code).toBe(1);
    expect(checkReport(result.stderr)).toEqual(GENERATED.map((f) => `missing out/${f}`));
    expect(readdirSync(dir).sort()).toEqual(['definitions']);
  });

  it('exits 1 without writing when a definition has an error', async () => {
    const dir = await builtProject();
    writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('severity: warning', 'severity: loud') });
    const before = snapshot(dir);
    const result = await runCli(dir, ['build', '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('alert/severity');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('build never touches files it did not generate', () => {
  const USER_FILES: Files = {
    'out/README.md': '# Generated monitoring\nDo not edit the yml files; edit definitions/.\n',
    'out/prometheus/custom.yml': 'groups:\n  - name: hand-written\n    rules: []\n',
    'out/prometheus/rules/legacy.yml': 'groups: []\n',
  };

  it('keeps a user file in out/ byte for byte, with its mtime, through a build that rewrites out/', async () => {
    const dir = await builtProject();
    writeFiles(dir, USER_FILES);
    const before = snapshot(path.join(dir, 'out'));
    writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('for: 2m', 'for: 10m') });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\b4 changed, 0 removed, 5 unchanged\n$/);
    const after = snapshot(path.join(dir, 'out'));
    for (const file of Object.keys(USER_FILES).map((f) => f.slice('out/'.length))) {
      expect(after[file]?.content).toBe(before[file]?.content);
      expect(after[file]?.mtimeMs).toBe(before[file]?.mtimeMs);
    }
    expect(read(dir, 'out/prometheus/rules/web.yml')).toContain('for: 10m');
    expect(swapLeftovers(dir)).toEqual([]);
  });

  it('keeps user files that were in out/ before the first build', async () => {
    const dir = makeProject({ ...PROJECT, ...USER_FILES });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(path.join(dir, 'out'))).toEqual(
      [...GENERATED, ...Object.keys(USER_FILES).map((f) => f.slice('out/'.length))].sort(),
    );
    for (const [file, content] of Object.entries(USER_FILES)) expect(read(dir, file)).toBe(content);
  });

  it('deletes the files of a removed service (its rule file and docs page), and only those', async () => {
    const dir = await builtProject();
    writeFiles(dir, USER_FILES);
    rmSync(path.join(dir, 'definitions/web.yaml'));
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\b6 changed, 2 removed, 1 unchanged\n$/);
    expect(listFiles(path.join(dir, 'out'))).toEqual([
      '.monc-manifest.json',
      'README.md',
      'docs/README.md',
      'docs/alerts.md',
      'docs/metrics.md',
      'docs/services/api.md',
      'prometheus/custom.yml',
      'prometheus/prometheus.yml',
      'prometheus/rules/api.yml',
      'prometheus/rules/legacy.yml',
    ]);
    expect(read(dir, 'out/prometheus/prometheus.yml')).not.toContain('web');
    for (const [file, content] of Object.entries(USER_FILES)) expect(read(dir, file)).toBe(content);
    expect((await runCli(dir, ['build', '--check'])).code).toBe(0);
  });

  it('refuses to overwrite a foreign file on the first build, names it, and writes nothing', async () => {
    const dir = makeProject({ ...PROJECT, 'out/prometheus/rules/web.yml': 'groups: []  # mine\n' });
    const before = snapshot(dir);
    const result = await runCli(dir, ['build']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'monc: these paths in out/ are in the way of files monc writes, and monc did not generate them; move them away:\n  out/prometheus/rules/web.yml\n',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to overwrite a foreign file at the path of a newly added service, and writes nothing', async () => {
    const dir = await builtProject({ 'definitions/api.yaml': API_YAML });
    writeFiles(dir, { 'out/prometheus/rules/web.yml': 'groups: []  # mine\n', 'definitions/web.yaml': WEB_YAML });
    const before = snapshot(dir);
    const result = await runCli(dir, ['build']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('\n  out/prometheus/rules/web.yml\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('overwrites a generated file that someone edited by hand', async () => {
    const dir = await builtProject();
    const generated = read(dir, 'out/prometheus/rules/api.yml');
    writeFiles(dir, { 'out/prometheus/rules/api.yml': `${generated}# local tweak\n` });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'out/prometheus/rules/api.yml')).toBe(generated);
  });
});

describe('a failed build leaves out/ exactly as it was', () => {
  const broken: { name: string; files: Files }[] = [
    { name: 'an unknown metric', files: { 'definitions/web.yaml': WEB_YAML.replace('up{job="web"}', 'web_up{job="web"}') } },
    { name: 'broken YAML', files: { 'definitions/web.yaml': `${WEB_YAML}alerts: [\n` } },
    { name: 'a schema violation', files: { 'definitions/web.yaml': WEB_YAML.replace('team: frontend', 'team: frontend\nowner: me') } },
    { name: 'a TS definition that throws', files: { 'definitions/boom.ts': "throw new Error('boom');\n" } },
  ];

  it.each(broken)('after $name, build exits 1 and every file in the project is unchanged', async ({ files }) => {
    const dir = await builtProject();
    writeFiles(dir, { 'out/README.md': 'mine\n' });
    writeFiles(dir, files);
    const before = snapshot(dir);
    const result = await runCli(dir, ['build']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing was written to out\/\n$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('does not create out/ at all when the very first build fails', async () => {
    const dir = makeProject({ 'definitions/web.yaml': WEB_YAML.replace('severity: warning', 'severity: loud') });
    const result = await runCli(dir, ['build']);
    expect(result.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['definitions']);
  });
});

describe('a build interrupted mid-swap is finished by the next build', () => {
  it('restores out/ from out.monc-previous when a crash left no out/', async () => {
    const dir = await builtProject();
    writeFiles(dir, { 'out/README.md': 'mine\n' });
    renameSync(path.join(dir, 'out'), path.join(dir, 'out.monc-previous'));
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(swapLeftovers(dir)).toEqual([]);
    expect(listFiles(path.join(dir, 'out'))).toEqual([...GENERATED, 'README.md'].sort());
    expect(read(dir, 'out/README.md')).toBe('mine\n');
    expect(await runCli(dir, ['build', '--check'])).toMatchObject({ code: 0 });
  });

  it('restores out/ and applies changed definitions in the same build', async () => {
    const dir = await builtProject();
    writeFiles(dir, { 'out/README.md': 'mine\n' });
    renameSync(path.join(dir, 'out'), path.join(dir, 'out.monc-previous'));
    rmSync(path.join(dir, 'definitions/web.yaml'));
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(swapLeftovers(dir)).toEqual([]);
    expect(listFiles(path.join(dir, 'out'))).toEqual([
      '.monc-manifest.json',
      'README.md',
      'docs/README.md',
      'docs/alerts.md',
      'docs/metrics.md',
      'docs/services/api.md',
      'prometheus/prometheus.yml',
      'prometheus/rules/api.yml',
    ]);
  });

  it('drops out.monc-previous when the crash came after the new out/ was in place', async () => {
    const dir = await builtProject();
    const current = snapshot(path.join(dir, 'out'));
    writeFiles(dir, { 'out.monc-previous/prometheus/rules/old.yml': 'groups: []\n' });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(swapLeftovers(dir)).toEqual([]);
    expect(snapshot(path.join(dir, 'out'))).toEqual(current);
  });

  it('still refuses to overwrite a foreign file that sits in the out/ it restores', async () => {
    const dir = await builtProject({ 'definitions/api.yaml': API_YAML });
    writeFiles(dir, { 'out/prometheus/rules/web.yml': 'groups: []  # mine\n' });
    renameSync(path.join(dir, 'out'), path.join(dir, 'out.monc-previous'));
    writeFiles(dir, { 'definitions/web.yaml': WEB_YAML });
    const result = await runCli(dir, ['build']);
    expect(result.stderr).toContain('\n  out/prometheus/rules/web.yml\n');
    expect(result.code).toBe(1);
    const mine = ['out', 'out.monc-previous'].map((d) => path.join(dir, d, 'prometheus/rules/web.yml')).filter((f) => existsSync(f));
    expect(mine.map((f) => readFileSync(f, 'utf8'))).toEqual(['groups: []  # mine\n']);
  });

  it('discards a half-written out.monc-staging and builds out/ from scratch', async () => {
    const dir = await builtProject();
    mkdirSync(path.join(dir, 'out.monc-staging/prometheus/rules'), { recursive: true });
    writeFileSync(path.join(dir, 'out.monc-staging/prometheus/rules/api.yml'), 'half');
    writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('for: 2m', 'for: 3m') });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    expect(swapLeftovers(dir)).toEqual([]);
    expect(read(dir, 'out/prometheus/rules/api.yml')).not.toBe('half');
    expect(read(dir, 'out/prometheus/rules/web.yml')).toContain('for: 3m');
  });
});

describe('out/ is a folder of its own', () => {
  const refused: { name: string; cwd?: string; argv: string[]; files?: Files; problem: string }[] = [
    { name: '--out . in the project folder', argv: ['build', '--out', '.'], problem: 'the output folder . is the project folder' },
    { name: 'out: . in monc.config.yaml', argv: ['build'], files: { 'monc.config.yaml': 'out: .\n' }, problem: 'the output folder . is the project folder' },
    { name: 'an ancestor of the project', argv: ['build', '--out', '..'], problem: 'holds the project folder' },
    { name: 'the definitions folder', argv: ['build', '--out', 'definitions'], problem: 'the output folder definitions holds the definitions' },
    { name: 'a folder inside the definitions', argv: ['build', '--out', 'definitions/generated'], problem: 'is inside the definitions folder, where monc would read its own output as definitions' },
    { name: '--out . in a subfolder of the project', cwd: 'docs', argv: ['build', '--out', '.'], files: { 'docs/notes.md': 'mine\n' }, problem: 'the output folder . is the folder you are in' },
    { name: 'build --check --out .', argv: ['build', '--check', '--out', '.'], problem: 'is the project folder' },
    { name: 'build --watch --out .', argv: ['build', '--watch', '--out', '.'], problem: 'is the project folder' },
  ];

  it.each(refused)('refuses $name with a usage error, and changes nothing', async ({ cwd, argv, files, problem }) => {
    const dir = makeProject({ ...PROJECT, 'package.json': '{}\n', ...files });
    const before = snapshot(dir);
    const result = await runCli(path.join(dir, cwd ?? ''), argv);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toMatch(/^monc: [^\n]*; see monc --help\n$/);
    expect(result.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('accepts a folder outside the project and a nested one inside it', async () => {
    const dir = makeProject(PROJECT);
    expect((await runCli(dir, ['build', '--out', 'build/monitoring'])).code).toBe(0);
    expect(listFiles(path.join(dir, 'build/monitoring'))).toEqual(GENERATED);
    const elsewhere = makeProject({});
    expect((await runCli(dir, ['build', '--out', path.join(elsewhere, 'out')])).code).toBe(0);
    expect(listFiles(path.join(elsewhere, 'out'))).toEqual(GENERATED);
  });
});

describe('build keeps folders it did not generate', () => {
  it('keeps empty user folders in out/ through a build that rewrites out/', async () => {
    const dir = await builtProject();
    for (const folder of ['out/keep', 'out/prometheus/drafts', 'out/a/b/c']) mkdirSync(path.join(dir, folder), { recursive: true });
    writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('for: 2m', 'for: 10m') });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(0);
    for (const folder of ['out/keep', 'out/prometheus/drafts', 'out/a/b/c']) expect(statSync(path.join(dir, folder)).isDirectory(), folder).toBe(true);
  });
});

describe('build refuses what is in the way of a generated file', () => {
  it.each([
    ['a folder where a generated file goes', 'out/prometheus/rules/web.yml/mine.txt', 'out/prometheus/rules/web.yml'],
    ['a file where a generated folder goes', 'out/docs/services', 'out/docs/services/api.md'],
  ])('names %s, exits 1 and changes nothing', async (_name, mine, named) => {
    const dir = makeProject({ ...PROJECT, [mine]: 'mine\n' });
    const before = snapshot(dir);
    const result = await runCli(dir, ['build']);
    expect(result.stderr).toContain(`are in the way of files monc writes, and monc did not generate them; move them away:\n`);
    expect(result.stderr).toContain(`\n  ${named}\n`);
    expect(result.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('every command that reads out/ first finishes a swap a crash interrupted', () => {
  it('build --check restores out/ from out.monc-previous and finds it current', async () => {
    const dir = await builtProject();
    const current = snapshot(path.join(dir, 'out'));
    renameSync(path.join(dir, 'out'), path.join(dir, 'out.monc-previous'));
    mkdirSync(path.join(dir, 'out.monc-staging'));
    const result = await runCli(dir, ['build', '--check']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `monc: out/ is up to date (${GENERATED.length} files)\n` });
    expect(swapLeftovers(dir)).toEqual([]);
    expect(snapshot(path.join(dir, 'out'))).toEqual(current);
  });
});
