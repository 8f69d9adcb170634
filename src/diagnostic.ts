/**
 * Diagnostics: every user-facing problem, from a broken YAML file to a PromQL typo, travels
 * through this one shape. Producers report offsets into a source text (`Finding`); the
 * compiler resolves them to 1-based lines and columns once, at the end (`Diagnostic`).
 */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A half-open range of UTF-16 offsets into the text of `file` (a path relative to the cwd). */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export interface RelatedSpan {
  readonly at: Span;
  readonly message: string;
}

/** A problem as a producer reports it: positioned by offsets. */
export interface Finding {
  readonly check: string;
  readonly severity: Severity;
  readonly message: string;
  readonly at: Span;
  readonly related?: readonly RelatedSpan[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A problem as users and other tools see it: 1-based lines and columns (CLI contract). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly check: string;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.check, b.check) ||
    compareText(a.message, b.message)
  );
}

/** Locale-independent string order, so output never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
