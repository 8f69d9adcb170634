/**
 * Evaluates TS definitions: bundle them with esbuild (the `monc` import resolves to this
 * copy of the authoring API) and run the bundle in a worker thread with a time and a memory
 * limit (io/definitions-harness.ts, bundled with them, reports back), while ts-morph
 * type-checks the same files. define*() calls register themselves with their call sites,
 * mapped back to the sources. Nothing a definition does reaches monc's own stdout, exit code
 * or globals.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire, SourceMap, type SourceMapPayload } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BuildFailure, Message, Plugin } from 'esbuild';
import type { CallSite, Registration } from '../api/registry.ts';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import { compareText } from '../diagnostic.ts';
import type { SourceInput, TsEvaluation, TsEvaluator } from '../compile.ts';
import type { SourceText } from '../load/source-text.ts';
import type { HarnessResult } from './definitions-harness.ts';
import { cachedBundle, keepBundle, type BundleOutput, type ResolvePackage } from './bundle-cache.ts';
import { toPosix } from './sources.ts';
import { typeCheckRequest, typeCheckWithCache } from './typecheck-runner.ts';
import type { TypeCheckRequest, TypeError as TsTypeError } from './typecheck.ts';

/** The authoring API's TS entry, next to this module in src/ or one level up from dist/. */
export function apiEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '../api/index.ts'), path.join(here, '../src/api/index.ts')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`monc is installed without its authoring API (looked in ${candidates.join(', ')})`);
  return found;
}

export interface EvaluationLimits {
  /** How long the definitions may take to load. Default 10 s. */
  readonly timeoutMs?: number;
  /** The heap they may use. Default 1024 MB. */
  readonly memoryMb?: number;
  /** What the definitions print (console.log); never monc's stdout. */
  readonly onOutput?: (text: string) => void;
  /** The type check; default: cached by the files' hash, in a worker when monc runs from dist/. */
  readonly typeCheck?: (request: TypeCheckRequest) => Promise<readonly TsTypeError[]>;
}

export const DEFAULT_TS_TIMEOUT_MS = 10_000;
const DEFAULT_MEMORY_MB = 1024;

/**
 * An evaluator for the TS files among `sources`. The type check starts right away, so that
 * loading TypeScript (a third of a second) overlaps reading YAML, bundling and checking; so
 * does the evaluation itself when the bundle is kept from the last build (bundle-cache.ts):
 * its worker then starts before compile() reads the YAML definitions.
 */
export function typeScriptEvaluator(cwd: string, sources: readonly SourceInput[], limits: EvaluationLimits = {}): TsEvaluator {
  const api = apiEntry();
  const typeCheck = (limits.typeCheck ?? typeCheckWithCache)(typeCheckRequest(cwd, api, sources));
  // In compile()'s order, which the bundle entry follows.
  const tsFiles = sources.filter((s) => s.path.endsWith('.ts')).map((s) => s.path).sort(compareText);
  const resolvePackage = (name: string) => projectModule(cwd, name);
  const kept = tsFiles.length > 0 ? cachedBundle(cwd, bundleEntry(api, tsFiles), resolvePackage) : undefined;
  const early = kept && launch(kept, limits);
  const bundleAndLaunch = async (files: readonly SourceText[], names: readonly string[]) => {
    // The kept bundle was looked up for these files already; other files may have one of their own.
    const entry = bundleEntry(api, names);
    const bundled = (sameFiles(names, tsFiles) ? undefined : cachedBundle(cwd, entry, resolvePackage)) ?? (await bundleFiles(cwd, files, api, entry, resolvePackage));
    return 'problems' in bundled ? bundled : launch(bundled, limits);
  };
  return async (files) => {
    const names = files.map((f) => f.file);
    const run = early && sameFiles(names, tsFiles) ? early : await bundleAndLaunch(files, names);
    const runtime = 'problems' in run ? { registrations: [], problems: run.problems } : await evaluation(cwd, files, run);
    const evaluated = new Set(names);
    const typeProblems = (await typeCheck)
      .filter((error) => evaluated.has(error.file))
      .map((error) => loadProblem(LOAD_CHECKS.tsTypeError, { file: error.file, start: error.start, end: error.start + error.length }, error.message));
    // A syntax error fails the bundle and the type check alike; report it once, as the type error.
    const typeErrorStarts = new Set(typeProblems.map((p) => `${p.at.file}:${p.at.start}`));
    const loadProblems = runtime.problems.filter((p) => !typeErrorStarts.has(`${p.at.file}:${p.at.start}`));
    return { registrations: runtime.registrations, problems: [...typeProblems, ...loadProblems] };
  };
}

/** The file name the bundle is written under, in its private folder; source-map positions name it. */
const BUNDLE_FILE = 'definitions.cjs';

/** The stdin entry's name, which esbuild lists among the files it read. */
const ENTRY_FILE = 'monc-definitions-entry.ts';

/** The bundle's entry: the harness loads each definitions file in turn. */
function bundleEntry(api: string, files: readonly string[]): string {
  const harness = path.join(path.dirname(api), '../io/definitions-harness.ts');
  const requires = files.map((file) => `[${JSON.stringify(file)}, () => require(${JSON.stringify(`./${file}`)})]`);
  // require(), not import: esbuild then wraps each file in a function of its own. In one
  // merged top-level function, V8 would rescan the whole bundle for every call site taken.
  return `require(${JSON.stringify(harness)}).load([${requires.join(', ')}]);`;
}

const sameFiles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((file, i) => file === b[i]);

/** Bundles the files with esbuild and keeps the bundle for the next build. */
async function bundleFiles(cwd: string, files: readonly SourceText[], api: string, entry: string, resolvePackage: ResolvePackage): Promise<BundleOutput | { problems: LoadProblem[] }> {
  const { build } = await import('esbuild');
  const packages = new Set<string>();
  const resolveMonc: Plugin = {
    name: 'monc-api',
    setup(b) {
      b.onResolve({ filter: /^monc$/ }, () => ({ path: api }));
      // Packages the definitions import load from the project's node_modules at run time,
      // by absolute path: the bundle runs from a private temporary folder.
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (path.isAbsolute(args.path)) return undefined;
        packages.add(args.path);
        return { path: resolvePackage(args.path), external: true };
      });
    },
  };
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir: cwd, sourcefile: ENTRY_FILE, loader: 'ts' },
      bundle: true,
      // CommonJS, so the child's require() loads it and the packages it imports.
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      write: false,
      outfile: path.join(cwd, BUNDLE_FILE),
      absWorkingDir: cwd,
      plugins: [resolveMonc],
      logLevel: 'silent',
      metafile: true,
    });
    const output = (extension: string) => result.outputFiles.find((f) => f.path.endsWith(extension))?.text ?? '';
    const bundled = { code: output('.cjs'), sourceMap: output('.cjs.map') };
    const read = Object.keys(result.metafile.inputs).filter((file) => file !== ENTRY_FILE);
    keepBundle(cwd, entry, { files: read, packages: [...packages].sort() }, resolvePackage, bundled);
    return bundled;
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

/** A package as the project resolves it, or the bare name (Node's built-ins, or a failure reported when it loads). */
function projectModule(cwd: string, name: string): string {
  try {
    return createRequire(path.join(cwd, 'package.json')).resolve(name);
  } catch {
    return name;
  }
}

/** A bundle running in its worker. */
interface Launched {
  readonly outcome: Promise<Outcome>;
  readonly bundleFile: string;
  readonly sourceMap: string;
}

/**
 * Starts the bundle in a worker thread, from a private temporary folder that is removed once
 * the worker is done. Synchronous up to the worker's start, so that the worker runs while the
 * caller goes on.
 */
function launch(bundled: BundleOutput, limits: EvaluationLimits): Launched {
  // mkdtemp: a fresh folder only this user can enter, never a predictable path.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-definitions-'));
  const bundleFile = path.join(dir, BUNDLE_FILE);
  const removeDir = () => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a temporary folder left behind is no reason to fail the build
    }
  };
  try {
    writeFileSync(bundleFile, bundled.code, { mode: 0o600, flag: 'wx' });
    const outcome = runWorker(bundleFile, limits).finally(removeDir);
    return { outcome, bundleFile, sourceMap: bundled.sourceMap };
  } catch (error) {
    removeDir();
    throw error;
  }
}

/** What the running bundle registered, with call sites mapped back to the definitions files. */
async function evaluation(cwd: string, files: readonly SourceText[], run: Launched): Promise<TsEvaluation> {
  const toSource = sourcePositions(cwd, run.sourceMap, run.bundleFile);
  const outcome = await run.outcome;
  const first = files[0]?.file ?? '';
  const at = (name: string | undefined) => ({ file: name ?? first, start: 0, end: 0 });
  switch (outcome.kind) {
    case 'done':
      return { registrations: outcome.registrations.map((r) => ({ ...r, site: r.site && toSource(r.site) }) as Registration), problems: [] };
    case 'failed':
      return { registrations: [], problems: [failedProblem(files, outcome, toSource)] };
    case 'timeout':
      return {
        registrations: [],
        problems: [loadProblem(LOAD_CHECKS.tsLoadError, at(outcome.file), `the TS definitions did not finish loading within ${(outcome.ms / 1000).toString()} s (still in ${outcome.file ?? first}): an endless loop, or a timer or connection that never ends? The limit is typescript.timeout in monc.config.yaml`)],
      };
    case 'crashed':
      return { registrations: [], problems: [loadProblem(LOAD_CHECKS.tsLoadError, at(outcome.file), `loading the TS definitions ${outcome.why} (in ${outcome.file ?? first})`)] };
  }
}

type Outcome =
  | Exclude<HarnessResult, { kind: 'loading' }>
  | { readonly kind: 'timeout'; readonly ms: number; readonly file: string | undefined }
  | { readonly kind: 'crashed'; readonly why: string; readonly file: string | undefined };

function runWorker(file: string, limits: EvaluationLimits): Promise<Outcome> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TS_TIMEOUT_MS;
  const memoryMb = limits.memoryMb ?? DEFAULT_MEMORY_MB;
  // stdout and stderr piped here: what definitions print never reaches monc's own output.
  const worker = new Worker(file, { stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  let current: string | undefined;
  worker.stdout.on('data', (chunk: Buffer) => limits.onOutput?.(chunk.toString()));
  worker.stderr.on('data', (chunk: Buffer) => limits.onOutput?.(chunk.toString()));
  return new Promise((resolve) => {
    let result: Outcome | undefined;
    const finish = (outcome: Outcome) => {
      result ??= outcome;
      clearTimeout(timer);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ kind: 'timeout', ms: timeoutMs, file: current }), timeoutMs);
    worker.on('message', (message: HarnessResult) => {
      if (message.kind === 'loading') current = message.file;
      else finish(message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const why = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of memory (over ${memoryMb} MB)` : `failed: ${error.message}`;
      finish({ kind: 'crashed', why, file: current });
    });
    worker.on('exit', (code) => {
      finish({ kind: 'crashed', why: `ended without reporting (exit code ${code})`, file: current });
      resolve(result ?? { kind: 'crashed', why: 'ended without reporting', file: current });
    });
  });
}

/** Maps a position in the bundle to the definitions file it came from, relative to cwd. */
function sourcePositions(cwd: string, sourceMap: string, bundleFile: string): (site: CallSite) => CallSite {
  const map = new SourceMap(JSON.parse(sourceMap) as SourceMapPayload);
  // Sources in the map are relative to where esbuild placed the output: the project folder.
  const bundleDir = cwd;
  return (site) => {
    const file = site.file.startsWith('file://') ? fileURLToPath(site.file) : site.file;
    if (path.resolve(file) !== path.resolve(bundleFile)) return { ...site, file: toPosix(path.relative(cwd, file)) };
    const entry = map.findEntry(site.line - 1, site.column - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return site;
    const original = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(bundleDir, entry.originalSource);
    return { file: toPosix(path.relative(cwd, original)), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
}

/** A definition that failed: point at the innermost frame in a definitions file, or at the definition that could not be read. */
function failedProblem(files: readonly SourceText[], failed: Extract<HarnessResult, { kind: 'failed' }>, toSource: (site: CallSite) => CallSite): LoadProblem {
  for (const frame of [...(failed.site ? [failed.site] : []), ...failed.frames]) {
    const site = toSource(frame);
    const source = files.find((f) => f.file === site.file);
    if (!source) continue;
    const start = source.offset({ line: site.line, column: site.column });
    return loadProblem(LOAD_CHECKS.tsLoadError, { file: site.file, start, end: start }, failed.message);
  }
  return loadProblem(LOAD_CHECKS.tsLoadError, { file: files[0]?.file ?? '', start: 0, end: 0 }, `the definitions ${failed.message}`);
}

