/** `monc lint --rules FILE|DIR...`: reading the named Prometheus rule files, and the run's result cache. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceInput } from '../compile.ts';
import { buildId } from '../io/cache-dir.ts';
import { readLintCache, type CachedLint, type LintInputs } from '../io/lint-cache.ts';
import { toPosix } from '../io/sources.ts';
import { asksForHelp } from './args.ts';
import { findConfigFile } from './config-file.ts';
import { UsageError, type CliIo } from './io.ts';
import { lintOptions, outputOptions, type LintOptions } from './lint-args.ts';

/**
 * The rule files, each once, by their path relative to the working directory: a folder
 * stands for the `.yml` and `.yaml` files under it (hidden ones left out), in path order. A
 * file that cannot be read, or a folder without rule files, is a usage error. Read
 * synchronously: for a hundred small files, promises cost more than the reads (a lint
 * answered from the cache does little else).
 */
export function readRuleFiles(io: CliIo, args: readonly string[]): SourceInput[] {
  const read = new Map<string, SourceInput>();
  for (const arg of args) {
    const { shown, absolute } = fromCwd(io.cwd, arg);
    if (read.has(shown)) continue;
    try {
      read.set(shown, { path: shown, bytes: readFileSync(absolute) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw unreadable(arg, error);
      const inFolder = ruleFilesIn(arg, absolute);
      if (inFolder.length === 0) throw new UsageError(`no rule files (.yml, .yaml) in the folder "${arg}"`);
      for (const file of inFolder) {
        const named = fromCwd(io.cwd, file);
        if (!read.has(named.shown)) read.set(named.shown, { path: named.shown, bytes: readRuleFile(file, named.absolute) });
      }
    }
  }
  return [...read.values()];
}

function readRuleFile(arg: string, absolute: string): Buffer {
  try {
    return readFileSync(absolute);
  } catch (error) {
    throw unreadable(arg, error);
  }
}

const unreadable = (file: string, error: unknown) =>
  new UsageError(`cannot read rule file "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);

const RULE_FILE = /\.ya?ml$/;
const HIDDEN = /(?:^|[/\\])\./;

/** The rule files under a folder, each named as the folder argument joined with its relative path. */
function ruleFilesIn(folder: string, absolute: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    throw unreadable(folder, error);
  }
  return entries
    .filter((entry) => RULE_FILE.test(entry) && !HIDDEN.test(entry))
    .map((entry) => path.join(folder, entry))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Segments without `.`, `..` or empty ones, and no drive: `rules/app.yml`. */
const PLAIN_RELATIVE = /^(?:[^/\\:]+[/\\])*[^/\\:]+$/;
const DOT_SEGMENT = /(?:^|[/\\])\.\.?(?:[/\\]|$)/;

/**
 * A file's path relative to the working directory, as shown, and its absolute path. A plain
 * relative path, as rule files are mostly named, is its own relative path: resolving a
 * hundred of them costs a cached lint some milliseconds.
 */
export function fromCwd(cwd: string, file: string): { shown: string; absolute: string } {
  if (PLAIN_RELATIVE.test(file) && !DOT_SEGMENT.test(file)) return { shown: toPosix(file), absolute: `${cwd}${path.sep}${file}` };
  const absolute = path.resolve(cwd, file);
  return { shown: toPosix(path.relative(cwd, absolute)) || file, absolute };
}

/** What a run over these rule files is cached under, or undefined when it is not cached (`--no-cache`, or monc run from its sources). */
export function rulesCacheInputs(io: CliIo, options: LintOptions, files: readonly SourceInput[], config: SourceInput | undefined): LintInputs | undefined {
  const build = options.cache === false ? undefined : buildId();
  if (build === undefined) return undefined;
  return { build, options: ['lint --rules', ...outputOptions(io, options), `config=${config?.path ?? ''}`], files: config ? [config, ...files] : files };
}

/**
 * The project's config, when there is one (--config, or the nearest monc.config.yaml at or
 * above the working directory): a rule lint honours its prometheus.version and its checks.
 */
export function readRuleLintConfig(io: CliIo, options: LintOptions): SourceInput | undefined {
  const file = findConfigFile(io.cwd, options.config);
  if (file === undefined) return undefined;
  const { shown } = fromCwd(io.cwd, file);
  try {
    return { path: shown, bytes: readFileSync(file) };
  } catch (error) {
    throw new UsageError(`cannot read the config "${shown}": ${(error as Error).message}`);
  }
}

/**
 * What `monc` with these arguments prints, when it is a `lint --rules` run that the result
 * cache holds; undefined for anything else, and for arguments with a mistake, which the full
 * CLI reports. The CommonJS bin (cached-bin.ts) asks this before loading the rest of monc.
 */
export function cachedRulesLint(argv: readonly string[], io: CliIo): CachedLint | undefined {
  if (argv[0] !== 'lint' || asksForHelp(argv)) return undefined;
  try {
    const options = lintOptions(argv.slice(1));
    const inputs = options.rules && rulesCacheInputs(io, options, readRuleFiles(io, options.rules), readRuleLintConfig(io, options));
    return inputs ? readLintCache(io.cwd, 'rules', inputs) : undefined;
  } catch {
    return undefined; // the full CLI runs and says what is wrong
  }
}
