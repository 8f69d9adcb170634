/**
 * Evaluates TS definitions: bundle them with esbuild (the `monc` import resolves to this
 * copy of the authoring API) and import the bundle, while ts-morph type-checks the same files.
 * define*() calls register themselves with their source-mapped call sites.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildFailure, Message, Plugin } from 'esbuild';
import { drainRegistrations, type Registration } from '../api/registry.ts';
import type { TsEvaluation, TsEvaluator } from '../compile.ts';
import { loadFinding } from '../checks/check.ts';
import { tsLoadError } from '../checks/ts-load-error.ts';
import { tsTypeError } from '../checks/ts-type-error.ts';
import type { Finding } from '../diagnostic.ts';
import type { SourceText } from '../load/source-text.ts';
import { toPosix } from './sources.ts';

/** The authoring API's TS entry, next to this module in src/ or one level up from dist/. */
function apiEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '../api/index.ts'), path.join(here, '../src/api/index.ts')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`monc is installed without its authoring API (looked in ${candidates.join(', ')})`);
  return found;
}

export function typeScriptEvaluator(cwd: string): TsEvaluator {
  return async (files) => {
    const api = apiEntry();
    const bundling = bundle(cwd, files, api);
    // Type-check while esbuild bundles in its own process.
    const typeFindings = await typeCheck(cwd, files, api);
    const runtime = await evaluate(cwd, files, await bundling);
    return { registrations: runtime.registrations, findings: [...typeFindings, ...runtime.findings] };
  };
}

type Bundled = { code: string; outfile: string } | { findings: Finding[] };

async function bundle(cwd: string, files: readonly SourceText[], api: string): Promise<Bundled> {
  const { build } = await import('esbuild');
  const outfile = path.join(cacheDir(cwd), `definitions-${process.pid}.mjs`);
  const resolveMonc: Plugin = {
    name: 'monc-api',
    setup(b) {
      b.onResolve({ filter: /^monc$/ }, () => ({ path: api }));
      b.onResolve({ filter: /^[^./]|^\.[^./]/ }, (args) => (path.isAbsolute(args.path) ? undefined : { path: args.path, external: true }));
    },
  };
  try {
    const result = await build({
      stdin: {
        contents: files.map((f) => `import ${JSON.stringify(`./${f.file}`)};`).join('\n'),
        resolveDir: cwd,
        sourcefile: 'monc-definitions-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      write: false,
      outfile,
      absWorkingDir: cwd,
      plugins: [resolveMonc],
      logLevel: 'silent',
    });
    return { code: result.outputFiles[0]?.text ?? '', outfile };
  } catch (error) {
    return { findings: ((error as BuildFailure).errors ?? []).map((message) => bundleFinding(cwd, files, message)) };
  }
}

function bundleFinding(cwd: string, files: readonly SourceText[], message: Message): Finding {
  const location = message.location;
  const file = location ? toPosix(path.relative(cwd, path.resolve(cwd, location.file))) : files[0]?.file ?? '';
  const source = files.find((f) => f.file === file);
  const start = location && source ? source.offset({ line: location.line, column: location.column + 1 }) : 0;
  return loadFinding(tsLoadError, { file, start, end: start + (location?.length ?? 0) }, message.text);
}

async function evaluate(cwd: string, files: readonly SourceText[], bundled: Bundled): Promise<TsEvaluation> {
  if ('findings' in bundled) return { registrations: [], findings: bundled.findings };
  await mkdir(path.dirname(bundled.outfile), { recursive: true });
  await writeFile(bundled.outfile, bundled.code);
  process.setSourceMapsEnabled(true);
  drainRegistrations();
  try {
    await import(`${pathToFileURL(bundled.outfile).href}?v=${Date.now()}`);
    const registrations = drainRegistrations().map((r) => relativeSite(cwd, r));
    return { registrations, findings: [] };
  } catch (error) {
    drainRegistrations();
    return { registrations: [], findings: [thrownFinding(cwd, files, error)] };
  } finally {
    await rm(bundled.outfile, { force: true });
  }
}

function relativeSite(cwd: string, registration: Registration): Registration {
  const site = registration.site;
  if (!site) return registration;
  return { ...registration, site: { ...site, file: relativeFile(cwd, site.file) } };
}

function relativeFile(cwd: string, file: string): string {
  const absolute = file.startsWith('file://') ? fileURLToPath(file) : file;
  return toPosix(path.relative(cwd, absolute));
}

/** A definition that throws while loading: point at the innermost frame in a definitions file. */
function thrownFinding(cwd: string, files: readonly SourceText[], error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const frame of stack.split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(frame);
    if (!match) continue;
    const file = relativeFile(cwd, match[1] ?? '');
    const source = files.find((f) => f.file === file);
    if (!source) continue;
    const start = source.offset({ line: Number(match[2]), column: Number(match[3]) });
    return loadFinding(tsLoadError, { file, start, end: start }, `threw while loading: ${message}`);
  }
  const file = files[0]?.file ?? '';
  return loadFinding(tsLoadError, { file, start: 0, end: 0 }, `the definitions threw while loading: ${message}`);
}

async function typeCheck(cwd: string, files: readonly SourceText[], api: string): Promise<Finding[]> {
  const { Project, ts } = await import('ts-morph');
  const project = new Project({
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      paths: { monc: [api] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  const byPath = new Map<string, SourceText>();
  for (const file of files) {
    const absolute = path.resolve(cwd, file.file);
    byPath.set(toPosix(absolute), file);
    project.createSourceFile(absolute, file.text, { overwrite: true });
  }
  const findings: Finding[] = [];
  for (const diagnostic of project.getPreEmitDiagnostics()) {
    const source = byPath.get(toPosix(diagnostic.getSourceFile()?.getFilePath() ?? ''));
    if (!source) continue;
    const start = diagnostic.getStart() ?? 0;
    const message = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, '\n');
    findings.push(loadFinding(tsTypeError, { file: source.file, start, end: start + (diagnostic.getLength() ?? 0) }, `${message} (TS${diagnostic.getCode()})`));
  }
  return findings;
}

function cacheDir(cwd: string): string {
  const nodeModules = path.join(cwd, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'monc') : path.join(os.tmpdir(), 'monc');
}
