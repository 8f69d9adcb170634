/**
 * The result cache of `monc lint`: what the last run in a folder printed and its exit code,
 * with what it was run on: monc's build, Node's version, the options that shape the output,
 * and every input file's path and bytes (the rule files of `--rules`; the config and
 * definitions of a project). A hit prints the same bytes without compiling; any change to a
 * file, an option or monc itself is a miss. One entry per folder and kind of run, so it
 * never grows.
 *
 * The entry keeps the input files' bytes and a hit compares them all, rather than a hash of
 * them: exact, and no hashing module to load, which cost a cached `lint --rules` more than
 * reading the entry (~3 ms of Node's crypto and streams, against its ~10 ms over Node's start).
 * The entry is one file: a line of JSON (the run and the files' paths and sizes), then the
 * files' bytes one after the other.
 *
 * Only a bundled monc has a build id (dist/build-id.txt, which scripts/bundle.mjs writes from
 * the bundle's bytes); run from its sources, monc caches nothing.
 */
import type { SourceInput } from '../compile.ts';
import { cacheFile, readCacheBytes, writeCacheBytes } from './cache-dir.ts';

export interface CachedLint {
  readonly stdout: string;
  readonly code: number;
}

/** What a run is made of: monc's build, the options that shape the output, and the files, in order. */
export interface LintInputs {
  readonly build: string;
  readonly options: readonly string[];
  readonly files: readonly SourceInput[];
}

/** `rules`: `monc lint --rules`; `project`: `monc lint` of the definitions. */
export type LintRun = 'rules' | 'project';

interface EntryHeader extends CachedLint {
  readonly build: string;
  readonly node: string;
  readonly options: readonly string[];
  /** Each file's path and size; their bytes follow the header line. */
  readonly files: readonly (readonly [string, number])[];
}

const NEWLINE = 0x0a;

export function readLintCache(cwd: string, run: LintRun, inputs: LintInputs): CachedLint | undefined {
  const entry = readCacheBytes(cacheFile(cwd, `lint-${run}`, 'entry'));
  const end = entry?.indexOf(NEWLINE) ?? -1;
  if (entry === undefined || end < 0) return undefined;
  let header: EntryHeader;
  try {
    header = JSON.parse(entry.toString('utf8', 0, end)) as EntryHeader;
  } catch {
    return undefined; // not an entry of this kind: lint afresh and replace it
  }
  if (typeof header.stdout !== 'string' || typeof header.code !== 'number' || !sameRun(header, inputs)) return undefined;
  let at = end + 1;
  for (const file of inputs.files) {
    if (entry.compare(file.bytes, 0, file.bytes.length, at, at + file.bytes.length) !== 0) return undefined;
    at += file.bytes.length;
  }
  return at === entry.length ? { stdout: header.stdout, code: header.code } : undefined;
}

function sameRun(header: EntryHeader, inputs: LintInputs): boolean {
  return (
    header.build === inputs.build &&
    header.node === process.version &&
    Array.isArray(header.options) &&
    header.options.length === inputs.options.length &&
    header.options.every((option, i) => option === inputs.options[i]) &&
    Array.isArray(header.files) &&
    header.files.length === inputs.files.length &&
    header.files.every((file, i) => Array.isArray(file) && file[0] === inputs.files[i]?.path && file[1] === inputs.files[i]?.bytes.length)
  );
}

export function writeLintCache(cwd: string, run: LintRun, inputs: LintInputs, output: CachedLint): void {
  const header: EntryHeader = {
    build: inputs.build,
    node: process.version,
    options: inputs.options,
    files: inputs.files.map((file) => [file.path, file.bytes.length]),
    stdout: output.stdout,
    code: output.code,
  };
  writeCacheBytes(cacheFile(cwd, `lint-${run}`, 'entry'), [`${JSON.stringify(header)}\n`, ...inputs.files.map((file) => file.bytes)]);
}
