/**
 * The typed PromQL tree (parser.ts builds it). Every node keeps its offsets in the expression
 * text, so the type checker, the catalog checks and the cardinality estimate can point at
 * exactly the part they talk about.
 */

export interface Range {
  readonly from: number;
  readonly to: number;
}

/** A label name where it is written, e.g. in `by (job)` or a matcher. */
export interface LabelRef extends Range {
  readonly name: string;
  /** Written as a string ("a.b"): a Prometheus 3 (UTF-8) name. */
  readonly quoted?: boolean;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher extends Range {
  readonly label: LabelRef;
  readonly op: MatchOp;
  readonly value: string;
  /** The string literal, quotes included. */
  readonly valueRange: Range;
}

export interface Duration extends Range {
  /** Milliseconds; undefined for a duration expression computed at run time (3.x). */
  readonly ms: number | undefined;
  readonly text: string;
  /** A plain number used as a duration (3.x) or arithmetic on durations (3.x). */
  readonly newSyntax: boolean;
}

export interface NumberLiteral extends Range {
  readonly kind: 'number';
  readonly value: number;
  /** Written as a duration (1d), which only Prometheus 3 reads as a number. */
  readonly newSyntax?: boolean;
}

export interface StringLiteral extends Range {
  readonly kind: 'string';
  readonly value: string;
}

export interface VectorSelector extends Range {
  readonly kind: 'vector';
  /** The metric name, from the identifier or an `__name__="…"` matcher. */
  readonly metric: LabelRef | undefined;
  readonly matchers: readonly LabelMatcher[];
  /** A name written as a quoted string inside the braces (3.x UTF-8 syntax). */
  readonly quotedName: boolean;
}

export interface MatrixSelector extends Range {
  readonly kind: 'matrix';
  readonly vector: Expr;
  readonly range: Duration;
}

export interface Subquery extends Range {
  readonly kind: 'subquery';
  readonly expr: Expr;
  readonly range: Duration;
  readonly step: Duration | undefined;
}

export interface Call extends Range {
  readonly kind: 'call';
  readonly func: LabelRef;
  readonly args: readonly Expr[];
}

export interface Grouping extends Range {
  readonly mode: 'by' | 'without';
  readonly labels: readonly LabelRef[];
}

export interface Aggregate extends Range {
  readonly kind: 'aggregate';
  readonly op: LabelRef;
  readonly args: readonly Expr[];
  readonly grouping: Grouping | undefined;
}

export interface VectorMatching extends Range {
  /** `on (…)` or `ignoring (…)`; undefined when only group_left/right is written. */
  readonly mode: 'on' | 'ignoring' | undefined;
  readonly labels: readonly LabelRef[];
  readonly group: 'left' | 'right' | undefined;
  /** Labels named in group_left (…) / group_right (…). */
  readonly include: readonly LabelRef[];
}

export interface Binary extends Range {
  readonly kind: 'binary';
  readonly op: LabelRef;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly bool: boolean;
  readonly matching: VectorMatching | undefined;
  /** Fill modifiers (3.x). */
  readonly fill: boolean;
}

export interface Unary extends Range {
  readonly kind: 'unary';
  readonly op: '-' | '+';
  readonly expr: Expr;
}

export interface Paren extends Range {
  readonly kind: 'paren';
  readonly expr: Expr;
}

export interface Offset extends Range {
  readonly kind: 'offset';
  readonly expr: Expr;
  readonly offset: Duration;
}

export interface At extends Range {
  readonly kind: 'at';
  readonly expr: Expr;
  /** `@ start()` / `@ end()`, or a timestamp. */
  readonly at: 'start' | 'end' | number;
}

/** A 3.x-only construct (anchored/smoothed range selectors), kept so checks can name it. */
export interface Newer extends Range {
  readonly kind: 'newer';
  readonly feature: string;
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Subquery
  | Call
  | Aggregate
  | Binary
  | Unary
  | Paren
  | Offset
  | At
  | Newer;

/** Every node below (and including) `expr`, parents first. */
export function walk(expr: Expr): Expr[] {
  // A list, not a recursive generator: that allocated a result per node per level above it.
  const nodes: Expr[] = [];
  const stack: Expr[] = [expr];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    nodes.push(node);
    const below = children(node);
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i] as Expr);
  }
  return nodes;
}

export function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'number':
    case 'string':
    case 'vector':
      return [];
    case 'matrix':
      return [expr.vector];
    case 'subquery':
    case 'unary':
    case 'paren':
    case 'offset':
    case 'at':
    case 'newer':
      return [expr.expr];
    case 'call':
    case 'aggregate':
      return expr.args;
    case 'binary':
      return [expr.lhs, expr.rhs];
  }
}

/** Looks through parentheses. */
export function unwrapParens(expr: Expr): Expr {
  return expr.kind === 'paren' ? unwrapParens(expr.expr) : expr;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Milliseconds of a Prometheus duration like 1h30m; a bare number counts as seconds (3.x). */
export function parseDuration(text: string): number | undefined {
  // The same few durations are read over and over (every SLO's windows, every test step): parse each once.
  if (parsedDurations.has(text)) return parsedDurations.get(text);
  const ms = parseDurationText(text);
  if (parsedDurations.size < MAX_PARSED_DURATIONS) parsedDurations.set(text, ms);
  return ms;
}

const MAX_PARSED_DURATIONS = 10_000;
const parsedDurations = new Map<string, number | undefined>();

function parseDurationText(text: string): number | undefined {
  if (/^[0-9.]+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/([0-9]+)(ms|[smhdwy])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((total, part) => total + Number(part[1]) * (DURATION_UNITS[part[2] ?? ''] ?? 0), 0);
}
