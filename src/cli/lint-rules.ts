/** `monc lint --rules FILE...`: the option's checks, and reading the named Prometheus rule files. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceInput } from '../compile.ts';
import { toPosix } from '../io/sources.ts';
import { UsageError, type CliIo } from './io.ts';

/**
 * The lint options for `--rules`: the positional arguments are the rule files. Files
 * without `--rules`, `--rules` without files, or with `--definitions`, are usage errors.
 */
export function rulesOption(rules: boolean, files: readonly string[], definitions: unknown): { rules?: readonly string[] } {
  if (!rules) {
    if (files.length > 0) throw new UsageError(`unexpected argument "${files[0]}"; to lint rule files, write monc lint --rules ${files.join(' ')}`);
    return {};
  }
  if (files.length === 0) throw new UsageError('--rules needs at least one rule file: monc lint --rules rules/*.yml');
  if (definitions !== undefined) throw new UsageError('--rules lints rule files only; it takes no --definitions');
  return { rules: files };
}

/**
 * The rule files, each once, by their path relative to the working directory; a file that
 * cannot be read is a usage error. Read synchronously: for a hundred small files, promises
 * cost more than the reads (a lint answered from the cache does little else).
 */
export function readRuleFiles(io: CliIo, files: readonly string[]): SourceInput[] {
  return [...new Set(files)].map((file) => {
    const absolute = path.resolve(io.cwd, file);
    try {
      return { path: toPosix(path.relative(io.cwd, absolute)) || file, bytes: readFileSync(absolute) };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new UsageError(`cannot read rule file "${file}": ${reason}`);
    }
  });
}
