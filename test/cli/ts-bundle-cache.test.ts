/**
 * The TS definitions' bundle kept between builds (src/io/bundle-cache.ts), through the bundled
 * CLI (only a bundle has a build id): a build with nothing changed takes the kept bundle, and
 * any change to what esbuild read or resolved bundles afresh — an imported file's bytes, a
 * new file an import now resolves to, a package that resolves to another file — as does a
 * broken cache file. The projects have a node_modules folder, so the cache is theirs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT, writeFiles } from '../helpers/project.ts';

const MONC = path.join(REPO_ROOT, 'dist/monc.js');

/** A service whose one metric is named by lib/names (a file outside definitions/) and by the package `names-pkg`, which also says whether to fail (WEB_FAIL=1). */
const DEFINITIONS = [
  "import { defineMetric, defineService } from 'monc';",
  "import { metricName } from '../lib/names';",
  "import { fail, suffix } from 'names-pkg';",
  "if (fail) throw new Error('web failed on purpose');",
  "const views = defineMetric({ name: `${metricName}_${suffix}_total`, type: 'counter', help: 'Page views.' });",
  "defineService({ name: 'web', team: 'frontend', metrics: [views], scrape: { targets: ['web:8080'] } });",
  '',
].join('\n');

/** The project sits in app/ of its temporary folder, so that a change can be made above it. */
function project() {
  const files = {
    'definitions/web.ts': DEFINITIONS,
    'lib/names.ts': "export const metricName = 'web_page';\n",
    'node_modules/names-pkg/package.json': JSON.stringify({ name: 'names-pkg', main: 'views.js', types: 'index.d.ts' }),
    'node_modules/names-pkg/index.d.ts': 'export declare const suffix: string;\nexport declare const fail: boolean;\n',
    'node_modules/names-pkg/views.js': "exports.suffix = 'views';\nexports.fail = process.env.WEB_FAIL === '1';\n",
    'node_modules/names-pkg/hits.js': "exports.suffix = 'hits';\nexports.fail = false;\n",
  };
  const dir = path.join(makeProject(Object.fromEntries(Object.entries(files).map(([file, text]) => [`app/${file}`, text]))), 'app');
  const entry = () => {
    const cache = path.join(dir, 'node_modules/.cache/monc');
    const files = readdirSync(cache).filter((f) => f.startsWith('ts-bundle-'));
    expect(files).toHaveLength(1);
    return path.join(cache, files[0] ?? '');
  };
  /** Builds, and returns the metric names out/docs/metrics.md lists. */
  const build = () => {
    const run = spawnSync(process.execPath, [MONC, 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, WEB_FAIL: '' } });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    return [...readFileSync(path.join(dir, 'out/docs/metrics.md'), 'utf8').matchAll(/web_page_\w+_total/g)].map((m) => m[0]).filter((name, i, all) => all.indexOf(name) === i);
  };
  return { dir, entry, build };
}

describe('the TS definitions bundle kept between builds', () => {
  it('A build with nothing changed takes the kept bundle instead of bundling again.', () => {
    const { entry, build } = project();
    expect(build()).toEqual(['web_page_views_total']);
    // What the second build runs must come from the entry: change its code and see it.
    const kept = JSON.parse(readFileSync(entry(), 'utf8')) as { code: string; files: string[] };
    expect(kept.files).toEqual(expect.arrayContaining(['definitions/web.ts', 'lib/names.ts']));
    expect(kept.code).toContain('_total`');
    writeFileSync(entry(), JSON.stringify({ ...kept, code: kept.code.replace('_total`', '_cached_total`') }));
    expect(build()).toEqual(['web_page_views_cached_total']);
  });

  it.each([
    ['a file the definitions import changes', { 'lib/names.ts': "export const metricName = 'web_page_edited';\n" }, 'web_page_edited_views_total'],
    ['a new file takes an import over (lib/names.tsx before lib/names.ts)', { 'lib/names.tsx': "export const metricName = 'web_page_tsx';\n" }, 'web_page_tsx_views_total'],
    ['a package now resolves to another file', { 'node_modules/names-pkg/package.json': JSON.stringify({ name: 'names-pkg', main: 'hits.js', types: 'index.d.ts' }) }, 'web_page_hits_total'],
    ['the project gets a tsconfig.json', { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' }, 'web_page_views_total'],
    ['a folder above the project gets a tsconfig.json (a monorepo\'s)', { '../tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' }, 'web_page_views_total'],
  ])('When %s, the definitions are bundled afresh.', (_case, change, expected) => {
    const { dir, entry, build } = project();
    build();
    const before = readFileSync(entry(), 'utf8');
    writeFiles(dir, change);
    expect(build()).toEqual([expected]);
    expect(readFileSync(entry(), 'utf8')).not.toBe(before);
  });

  it('A definition that throws while running from the kept bundle is reported at its line in the .ts file.', () => {
    const { dir, entry, build } = project();
    build();
    const kept = readFileSync(entry(), 'utf8');
    const run = spawnSync(process.execPath, [MONC, 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, WEB_FAIL: '1' } });
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { check: string; file: string; line: number; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.check}@${d.file}:${d.line}`)).toEqual(['ts/load-error@definitions/web.ts:4']);
    expect(diagnostics[0]?.message).toContain('web failed on purpose');
    expect(readFileSync(entry(), 'utf8')).toBe(kept);
  });

  it('A cache file that is not JSON is ignored and replaced.', () => {
    const { entry, build } = project();
    build();
    writeFileSync(entry(), '{ not json');
    expect(build()).toEqual(['web_page_views_total']);
    expect(JSON.parse(readFileSync(entry(), 'utf8'))).toHaveProperty('code');
  });
});
