/**
 * Shared by build, lint and test: find the project (from any subfolder, or the config named
 * with --config), read it, compile it. Paths in diagnostics are relative to the working
 * directory, as the CLI contract says, wherever the project root is.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compile, type CompileResult, type SourceInput } from '../compile.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { SourceText } from '../load/source-text.ts';
import { readYamlDocument } from '../load/yaml.ts';
import { readDefinitions, toPosix } from '../io/sources.ts';
import { DEFAULT_TS_TIMEOUT_MS, typeScriptEvaluator } from '../io/ts-definitions.ts';
import type { OnlineUrls } from '../online/snapshot.ts';
import { parseDuration } from '../promql/ast.ts';
import { findConfigFile, isFile } from './config-file.ts';
import { UsageError, type CliIo } from './io.ts';

/** What the command line says about where things are. */
export interface ProjectOptions {
  readonly definitions?: string | undefined;
  readonly out?: string | undefined;
  /** --config FILE: the config, whose folder is the project root. */
  readonly config?: string | undefined;
}

export interface Project {
  /** Absolute. */
  readonly root: string;
  /** The definitions and out folders, absolute. */
  readonly definitionsDir: string;
  readonly outDir: string;
  readonly config: SourceInput | undefined;
  /** What the CLI reads from the config before compiling, read once here. */
  readonly settings: ConfiguredSettings;
  /** A path as the user sees it: relative to the working directory. */
  shown(absolute: string): string;
}

export interface CompiledProject {
  readonly project: Project;
  readonly result: CompileResult;
}

export async function findProject(io: CliIo, options: ProjectOptions): Promise<Project> {
  const configFile = findConfigFile(io.cwd, options.config);
  const root = configFile ? path.dirname(configFile) : (discoverRoot(io.cwd) ?? io.cwd);
  const text = configFile ? await readFile(configFile) : undefined;
  const configured = text ? configuredSettings(new TextDecoder().decode(text)) : {};
  const shown = (absolute: string) => toPosix(path.relative(io.cwd, absolute)) || '.';
  return {
    root,
    // A folder on the command line is the user's, relative to where they are; one in the config is the project's.
    definitionsDir: options.definitions !== undefined ? path.resolve(io.cwd, options.definitions) : path.resolve(root, configured.definitions ?? 'definitions'),
    outDir: options.out !== undefined ? path.resolve(io.cwd, options.out) : path.resolve(root, configured.out ?? 'out'),
    config: configFile && text ? { path: toPosix(path.relative(root, configFile)), bytes: text } : undefined,
    settings: configured,
    shown,
  };
}

/**
 * out/ must be a folder of its own: monc replaces it as a whole on every build, so it must
 * not be (or hold) the project, the definitions or the working directory, nor lie inside the
 * definitions, where monc would read its own output back.
 */
export function assertDedicatedOut(project: Project, cwd: string): void {
  const out = realPath(project.outDir);
  const holds = (folder: string) => {
    const relative = path.relative(out, realPath(folder));
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };
  const inside = (folder: string) => {
    const relative = path.relative(realPath(folder), out);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  const problem = holds(project.root)
    ? out === realPath(project.root) ? 'is the project folder' : 'holds the project folder'
    : holds(project.definitionsDir)
      ? 'holds the definitions'
      : holds(cwd)
        ? out === realPath(cwd) ? 'is the folder you are in' : 'holds the folder you are in'
        : inside(project.definitionsDir)
          ? 'is inside the definitions folder, where monc would read its own output as definitions'
          : undefined;
  if (problem) {
    throw new UsageError(`the output folder ${project.shown(project.outDir)} ${problem}; monc replaces its output folder on every build, so it must be a folder of its own, such as out`);
  }
}

/** The path with symbolic links resolved, for the part of it that exists. */
function realPath(file: string): string {
  const absolute = path.resolve(file);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(realPath(parent), path.basename(absolute));
}

export interface CompileOptions {
  readonly emit?: boolean;
  readonly onStage?: (stage: string) => void;
  /** Given: run the online checks against the servers these URLs or the config name (monc lint). */
  readonly onlineUrls?: OnlineUrls;
  /** The definitions' sources when the caller has read them already (projectSources). */
  readonly sources?: readonly SourceInput[];
}

export async function compileProject(io: CliIo, options: ProjectOptions, compileOptions: CompileOptions = {}): Promise<CompiledProject> {
  return compileFoundProject(io, await findProject(io, options), compileOptions);
}

/**
 * The definitions' sources, and whether a lint of them may come from the result cache: only
 * YAML definitions read offline (TS ones may import anything beside them; a config with
 * `online` reads a server).
 */
export async function projectSources(project: Project): Promise<{ sources: SourceInput[]; cacheable: boolean }> {
  const sources = await readDefinitions(project.root, definitionsFolder(project));
  return { sources, cacheable: project.settings.online !== true && sources.every((source) => !source.path.endsWith('.ts')) };
}

/** The definitions folder, relative to the project root. */
export const definitionsFolder = (project: Project) => toPosix(path.relative(project.root, project.definitionsDir)) || '.';

export async function compileFoundProject(io: CliIo, project: Project, compileOptions: CompileOptions = {}): Promise<CompiledProject> {
  const definitions = definitionsFolder(project);
  const sources = compileOptions.sources ?? (await readDefinitions(project.root, definitions));
  const configured = project.settings;
  const result = await compile({
    definitionsDir: path.posix.normalize(definitions).replace(/\/$/, ''),
    sources,
    config: project.config,
    // Only TS definitions need the evaluator (and the authoring API it type-checks them against).
    ...(sources.some((source) => source.path.endsWith('.ts')) && {
      evaluateTs: typeScriptEvaluator(project.root, sources, {
        timeoutMs: configured.tsTimeoutMs ?? DEFAULT_TS_TIMEOUT_MS,
        // What definitions print goes to stderr: stdout is monc's alone (--format json).
        onOutput: (text) => io.stderr.write(text),
      }),
    }),
    emit: compileOptions.emit ?? true,
    ...(compileOptions.onStage && { onStage: compileOptions.onStage }),
    // Loaded only for an online lint: it brings node:http, https and tls, which a build never needs.
    ...(compileOptions.onlineUrls && { online: { urls: compileOptions.onlineUrls, fetch: async (request) => (await import('../io/online-snapshot.ts')).fetchSnapshot(request, project.root) } }),
  });
  return { project, result: relativeTo(io.cwd, project.root, result) };
}

/** The result with its file paths relative to the working directory instead of the project root. */
export function relativeTo(cwd: string, root: string, result: CompileResult): CompileResult {
  if (path.resolve(cwd) === path.resolve(root)) return result;
  const map = (file: string) => toPosix(path.relative(cwd, path.resolve(root, file)));
  const diagnostics = result.diagnostics.map(
    (d): Diagnostic => ({ ...d, file: map(d.file), ...(d.related && { related: d.related.map((r) => ({ ...r, file: map(r.file) })) }) }),
  );
  const sources = new Map([...result.sources].map(([file, text]) => [map(file), new SourceText(map(file), text.text)]));
  return { ...result, diagnostics, sources };
}

/** Without a config: the nearest folder at or above `dir` with a package.json and a definitions/ folder. */
function discoverRoot(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (isFile(path.join(current, 'package.json')) && isDirectory(path.join(current, 'definitions'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** What the CLI needs before compiling; compile() validates the whole file and reports its mistakes. */
export interface ConfiguredSettings {
  readonly definitions?: string;
  readonly out?: string;
  readonly tsTimeoutMs?: number;
  readonly online?: boolean;
}

export function configuredSettings(text: string): ConfiguredSettings {
  try {
    const doc = readYamlDocument(text);
    if (doc.errors.length > 0) return {}; // compile() reports them
    const value = doc.toJS() as Record<string, unknown> | null;
    const pick = (key: string) => (typeof value?.[key] === 'string' ? (value[key] as string) : undefined);
    const typescript = value?.['typescript'] as Record<string, unknown> | undefined;
    const timeout = typeof typescript?.['timeout'] === 'string' ? parseDuration(typescript['timeout']) : undefined;
    const definitions = pick('definitions');
    const out = pick('out');
    return {
      ...(definitions && { definitions }),
      ...(out && { out }),
      ...(timeout !== undefined && timeout > 0 && { tsTimeoutMs: timeout }),
      ...(value?.['online'] !== undefined && { online: true }),
    };
  } catch {
    return {};
  }
}
