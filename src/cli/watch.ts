/**
 * `monc build --watch`: build, then rebuild on every change to the definitions or the config,
 * one summary line per rebuild, until interrupted. It stays fast by keeping what does not
 * change: loaded files and parsed expressions (compile()'s cache), the TS type check (only
 * changed files and what imports them are checked again) and what it last wrote to out/.
 * A build with errors writes nothing, as always, and the watch goes on.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compile, newCompileCache, type CompileResult } from '../compile.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { artifactDigest } from '../emit/artifact.ts';
import { diffOut, isCurrent, recoverOut, writeOut } from '../io/out-dir.ts';
import { readDefinitions } from '../io/sources.ts';
import { DEFAULT_TS_TIMEOUT_MS, typeScriptEvaluator } from '../io/ts-definitions.ts';
import { TypeCheckSession } from '../io/typecheck.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { describeSystemError } from './system-error.ts';
import { assertDedicatedOut, configuredSettings, definitionsFolder, findProject, relativeTo, type Project, type ProjectOptions } from './project.ts';

/** Changes that arrive together (an editor writing a file in steps) make one rebuild. */
const SETTLE_MS = 40;

export async function watchCommand(io: CliIo, options: ProjectOptions): Promise<number> {
  const project = await findProject(io, options);
  assertDedicatedOut(project, io.cwd);
  const session = new WatchSession(io, project);
  await session.build();
  const watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => session.build());
    }, SETTLE_MS);
  };
  watchers.push(watch(session.project.definitionsDir, { recursive: true }, changed));
  if (session.project.config) watchers.push(watch(path.join(session.project.root, session.project.config.path), changed));
  io.stderr.write(`monc: watching ${session.project.shown(session.project.definitionsDir)}/ for changes; Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
  return EXIT.ok;
}

class WatchSession {
  readonly #cache = newCompileCache();
  readonly #typeCheck = new TypeCheckSession();
  /** The digest of each file this process last wrote to out/, by path. */
  readonly #written = new Map<string, string>();
  #first = true;
  /** The diagnostics of the last build: a rebuild prints only the new ones in full. */
  #shown = new Set<string>();

  constructor(
    private readonly io: CliIo,
    readonly project: Project,
  ) {}

  async build(): Promise<void> {
    const started = performance.now();
    const { io } = this;
    let line: string;
    try {
      const result = await this.compile();
      const diagnostics = result.diagnostics;
      const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.check}:${d.message}`;
      const fresh = diagnostics.filter((d) => !this.#shown.has(key(d)));
      this.#shown = new Set(diagnostics.map(key));
      if (fresh.length > 0) io.stderr.write(formatPretty(fresh, result.sources, useColor(io, io.stderr)).replace(/\n[^\n]*\n$/, '\n'));
      if (diagnostics.some((d) => d.severity === 'error')) line = `${summary(diagnostics)}; nothing written`;
      else line = `${summary(diagnostics)}; ${await this.write(result)}`;
    } catch (error) {
      line = `the build failed: ${describeSystemError(error, io.cwd) ?? (error instanceof Error ? error.message : String(error))}`;
    }
    const time = new Date().toTimeString().slice(0, 8);
    io.stderr.write(`monc: [${time}] ${line} in ${Math.round(performance.now() - started)} ms\n`);
  }

  private async compile(): Promise<CompileResult> {
    const { io, project } = this;
    const definitions = definitionsFolder(project);
    const sources = await readDefinitions(project.root, definitions);
    // The config is read again each time: a change to it is a change to the build.
    const config = project.config ? { ...project.config, bytes: await readFile(path.join(project.root, project.config.path)) } : undefined;
    const settings = config ? configuredSettings(new TextDecoder().decode(config.bytes)) : {};
    const result = await compile({
      definitionsDir: path.posix.normalize(definitions).replace(/\/$/, ''),
      sources,
      config,
      cache: this.#cache,
      evaluateTs: typeScriptEvaluator(project.root, sources, {
        timeoutMs: settings.tsTimeoutMs ?? DEFAULT_TS_TIMEOUT_MS,
        onOutput: (text) => io.stderr.write(text),
        typeCheck: async (request) => this.#typeCheck.check(request),
      }),
    });
    return relativeTo(io.cwd, project.root, result);
  }

  /** Writes what changed; says what it did. */
  private async write(result: CompileResult): Promise<string> {
    const outDir = this.project.outDir;
    if (this.#first) await recoverOut(outDir);
    const diff = await diffOut(outDir, result.artifacts, this.#first ? undefined : this.#written);
    this.#first = false;
    if (diff.foreign.length > 0) return `not written: ${diff.foreign.length} files in ${this.project.shown(outDir)}/ were not generated by monc (run monc build to see them)`;
    await writeOut(outDir, result.artifacts, diff);
    this.#written.clear();
    // Digests, remembered from when the files were compared or written: no file is made again.
    for (const artifact of result.artifacts) this.#written.set(artifact.path, artifactDigest(artifact));
    if (isCurrent(diff)) return `${this.project.shown(outDir)}/ is up to date (${result.artifacts.length} files)`;
    return `wrote ${diff.missing.length + diff.stale.length} files, removed ${diff.extra.length} (${result.artifacts.length - diff.missing.length - diff.stale.length} unchanged)`;
  }
}
