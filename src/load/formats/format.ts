/**
 * An input format: which files it reads, and how they become raw definitions with origins.
 * Adding a format is one folder under formats/ and one line in registry.ts.
 */
import type { Registration } from '../../api/registry.ts';
import type { InputFamily, LoadProblem } from '../../check-descriptors.ts';
import type { RawDocument } from '../raw.ts';
import type { SourceText } from '../source-text.ts';

export type { InputFamily };

export interface LoadResult {
  readonly documents: readonly RawDocument[];
  readonly problems: readonly LoadProblem[];
  /** What failed to load, so checks do not report its names as unknown (load/lost.ts). */
  readonly lost?: { readonly names?: Iterable<string>; readonly texts?: readonly string[] };
}

export interface TsEvaluation {
  /** Registrations whose call sites are relative to the working directory. */
  readonly registrations: readonly Registration[];
  /** ts/type-error and ts/load-error problems. */
  readonly problems: readonly LoadProblem[];
}

/** Runs TS definitions (io/ does, in a way compile() need not know). */
export type TsEvaluator = (files: readonly SourceText[]) => Promise<TsEvaluation>;

/**
 * Per file, what a format loaded from which text: a long-running caller (monc build --watch)
 * keeps one, so an unchanged file is not parsed and validated again.
 */
export type LoadCache = Map<string, { readonly format: string; readonly text: string; readonly result: LoadResult }>;

export interface LoadEnvironment {
  readonly cache?: LoadCache | undefined;
  /** Absent where the caller runs no TypeScript (a library user with YAML only, rule files). */
  readonly evaluateTs: TsEvaluator | undefined;
  /** Every decoded text of the compile, for positions in TS syntax trees. */
  readonly texts: ReadonlyMap<string, SourceText>;
  /** The config's Prometheus major version (rule files: the group fields it knows). */
  readonly prometheusVersion: 2 | 3;
}

export interface InputFormat {
  readonly id: string;
  readonly family: InputFamily;
  /** Whether the file is this format's to read. */
  detect(source: SourceText): boolean;
  /** Loads every file detected as this format, at once (TS definitions evaluate together). */
  load(sources: readonly SourceText[], env: LoadEnvironment): Promise<LoadResult> | LoadResult;
}
