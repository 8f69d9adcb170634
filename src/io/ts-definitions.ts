/**
 * Evaluates TS definitions: bundle them with esbuild (the `monc` import resolves to this
 * copy of the authoring API) and import the bundle, while ts-morph type-checks the same files.
 * define*() calls register themselves with their call sites, mapped back to the sources.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMap, createRequire, type SourceMapPayload } from 'node:module';
import type { BuildFailure, Message, Plugin } from 'esbuild';
import { drainRegistrations, V8Error, type CallSite, type V8CallSite } from '../api/registry.ts';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import type { SourceInput, TsEvaluation, TsEvaluator } from '../compile.ts';
import type { SourceText } from '../load/source-text.ts';
import { toPosix } from './sources.ts';
import { typeCheckRequest, typeCheckWithCache } from './typecheck-runner.ts';

/** The authoring API's TS entry, next to this module in src/ or one level up from dist/. */
export function apiEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '../api/index.ts'), path.join(here, '../src/api/index.ts')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`monc is installed without its authoring API (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * An evaluator for the TS files among `sources`. The type check starts right away, so that
 * loading TypeScript (a third of a second) overlaps reading YAML, bundling and checking.
 */
export function typeScriptEvaluator(cwd: string, sources: readonly SourceInput[]): TsEvaluator {
  const api = apiEntry();
  const typeCheck = typeCheckWithCache(typeCheckRequest(cwd, api, sources));
  return async (files) => {
    const runtime = await evaluate(cwd, files, await bundle(cwd, files, api));
    const evaluated = new Set(files.map((f) => f.file));
    const typeProblems = (await typeCheck)
      .filter((error) => evaluated.has(error.file))
      .map((error) => loadProblem(LOAD_CHECKS.tsTypeError, { file: error.file, start: error.start, end: error.start + error.length }, error.message));
    // A syntax error fails the bundle and the type check alike; report it once, as the type error.
    const typeErrorStarts = new Set(typeProblems.map((p) => `${p.at.file}:${p.at.start}`));
    const loadProblems = runtime.problems.filter((p) => !typeErrorStarts.has(`${p.at.file}:${p.at.start}`));
    return { registrations: runtime.registrations, problems: [...typeProblems, ...loadProblems] };
  };
}

type Bundled = { code: string; sourceMap: string; outfile: string } | { problems: LoadProblem[] };

/** Numbers bundle files, so evaluations running at once in one process never share one. */
let bundleCount = 0;

async function bundle(cwd: string, files: readonly SourceText[], api: string): Promise<Bundled> {
  const { build } = await import('esbuild');
  const outfile = path.join(cacheDir(cwd), `definitions-${process.pid}-${++bundleCount}.cjs`);
  const resolveMonc: Plugin = {
    name: 'monc-api',
    setup(b) {
      b.onResolve({ filter: /^monc$/ }, () => ({ path: api }));
      // Packages the definitions import load from the project's node_modules at run time.
      b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
    },
  };
  try {
    const result = await build({
      stdin: {
        // require(), not import: esbuild then wraps each file in a function of its own. In one
        // merged top-level function, V8 would rescan the whole bundle for every call site taken.
        contents: files.map((f) => `require(${JSON.stringify(`./${f.file}`)});`).join('\n'),
        resolveDir: cwd,
        sourcefile: 'monc-definitions-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      // CommonJS, so Node's own require() loads it even where a test runner hooks import().
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      write: false,
      outfile,
      absWorkingDir: cwd,
      plugins: [resolveMonc],
      logLevel: 'silent',
    });
    const output = (extension: string) => result.outputFiles.find((f) => f.path.endsWith(extension))?.text ?? '';
    return { code: output('.cjs'), sourceMap: output('.cjs.map'), outfile };
  } catch (error) {
    return { problems: ((error as BuildFailure).errors ?? []).map((message) => bundleProblem(cwd, files, message)) };
  }
}

function bundleProblem(cwd: string, files: readonly SourceText[], message: Message): LoadProblem {
  const location = message.location;
  const file = location ? toPosix(path.relative(cwd, path.resolve(cwd, location.file))) : files[0]?.file ?? '';
  const source = files.find((f) => f.file === file);
  const start = location && source ? source.offset({ line: location.line, column: location.column + 1 }) : 0;
  return loadProblem(LOAD_CHECKS.tsLoadError, { file, start, end: start + (location?.length ?? 0) }, message.text);
}

/** Loads the bundle, then maps call sites in it back to the definitions with its source map. */
async function evaluate(cwd: string, files: readonly SourceText[], bundled: Bundled): Promise<TsEvaluation> {
  if ('problems' in bundled) return { registrations: [], problems: bundled.problems };
  await mkdir(path.dirname(bundled.outfile), { recursive: true });
  await writeFile(bundled.outfile, bundled.code);
  const toSource = sourcePositions(cwd, bundled);
  drainRegistrations();
  const previousPrepare = V8Error.prepareStackTrace;
  // Keeps the structured frames of anything thrown while loading, however stacks are formatted.
  V8Error.prepareStackTrace = (_error, sites) => sites;
  try {
    requireFromHere(bundled.outfile);
    const registrations = drainRegistrations().map((r) => (r.site ? { ...r, site: toSource(r.site) } : r));
    return { registrations, problems: [] };
  } catch (error) {
    drainRegistrations();
    return { registrations: [], problems: [thrownProblem(files, error, toSource)] };
  } finally {
    V8Error.prepareStackTrace = previousPrepare;
    // The next evaluation writes the same path: it must load afresh.
    delete requireFromHere.cache[bundled.outfile];
    await rm(bundled.outfile, { force: true });
  }
}

const requireFromHere = createRequire(import.meta.url);


/** Maps a position in the bundle to the definitions file it came from, relative to cwd. */
function sourcePositions(cwd: string, bundled: { sourceMap: string; outfile: string }): (site: CallSite) => CallSite {
  const map = new SourceMap(JSON.parse(bundled.sourceMap) as SourceMapPayload);
  const bundleDir = path.dirname(bundled.outfile);
  return (site) => {
    const file = site.file.startsWith('file://') ? fileURLToPath(site.file) : site.file;
    if (path.resolve(file) !== path.resolve(bundled.outfile)) return { ...site, file: toPosix(path.relative(cwd, file)) };
    const entry = map.findEntry(site.line - 1, site.column - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return site;
    const original = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(bundleDir, entry.originalSource);
    return { file: toPosix(path.relative(cwd, original)), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
}

/** A definition that throws while loading: point at the innermost frame in a definitions file. */
function thrownProblem(files: readonly SourceText[], error: unknown, toSource: (site: CallSite) => CallSite): LoadProblem {
  const message = error instanceof Error ? error.message : String(error);
  const frames = error instanceof Error && Array.isArray(error.stack) ? (error.stack as V8CallSite[]) : [];
  for (const frame of frames) {
    const file = frame.getFileName();
    if (!file) continue;
    const site = toSource({ file, line: frame.getLineNumber() ?? 1, column: frame.getColumnNumber() ?? 1 });
    const source = files.find((f) => f.file === site.file);
    if (!source) continue;
    const start = source.offset({ line: site.line, column: site.column });
    return loadProblem(LOAD_CHECKS.tsLoadError, { file: site.file, start, end: start }, `threw while loading: ${message}`);
  }
  const file = files[0]?.file ?? '';
  return loadProblem(LOAD_CHECKS.tsLoadError, { file, start: 0, end: 0 }, `the definitions threw while loading: ${message}`);
}

/** Where monc keeps build caches: the project's node_modules/.cache, or the OS temp folder. */
export function cacheDir(cwd: string): string {
  const nodeModules = path.join(cwd, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'monc') : path.join(os.tmpdir(), 'monc');
}
