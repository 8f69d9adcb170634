import type { Span } from '../diagnostic.ts';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/**
 * Where a definition came from. Model nodes keep their origin so checks can point at any
 * field (`alert.origin.at('for')`) without the model knowing about YAML nodes or TS syntax.
 */
export interface Origin {
  readonly file: string;
  /** The span of the value at `path`, or of its nearest ancestor that exists in the source. */
  at(...path: PathSegment[]): Span;
  /** The span of the key naming the value at `path` (the item itself inside an array). */
  keyAt(...path: PathSegment[]): Span;
  /** An origin rooted at `path`. */
  child(...path: PathSegment[]): Origin;
}

/** Resolves a full path from the document root; `key` asks for the property key's span. */
export type Locate = (path: Path, key: boolean) => Span;

export function createOrigin(file: string, locate: Locate, base: Path = []): Origin {
  return {
    file,
    at: (...path) => locate([...base, ...path], false),
    keyAt: (...path) => locate([...base, ...path], true),
    child: (...path) => createOrigin(file, locate, [...base, ...path]),
  };
}
