/**
 * A typed AST over the lezer tree. Every node keeps its offsets in the expression text, so
 * the type checker, the catalog checks and the cardinality estimate can point at exactly the
 * part they talk about. Built only from trees without syntax errors.
 */
import type { SyntaxNode, Tree } from '@lezer/common';

export interface Range {
  readonly from: number;
  readonly to: number;
}

/** A label name where it is written, e.g. in `by (job)` or a matcher. */
export interface LabelRef extends Range {
  readonly name: string;
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

/** The typed AST of a lezer tree without syntax errors (parse.ts checks first). */
export function toAst(text: string, tree: Tree): Expr | undefined {
  const top = first(tree.topNode);
  try {
    return top ? new Builder(text).expr(top) : undefined;
  } catch {
    // A tree shape this builder does not know (a grammar newer than it): no typed checks.
    return undefined;
  }
}

/** Every node below (and including) `expr`, parents first. */
export function* walk(expr: Expr): Generator<Expr> {
  yield expr;
  for (const child of children(expr)) yield* walk(child);
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

class Builder {
  constructor(private readonly text: string) {}

  private slice(node: Range): string {
    return this.text.slice(node.from, node.to);
  }

  private ref(node: SyntaxNode): LabelRef {
    return { name: this.slice(node), from: node.from, to: node.to };
  }

  expr(node: SyntaxNode): Expr {
    const range = { from: node.from, to: node.to };
    switch (node.name) {
      case 'NumberDurationLiteral':
        return { kind: 'number', value: parseNumber(this.slice(node)), ...range };
      case 'StringLiteral':
        return { kind: 'string', value: unquote(this.slice(node)), ...range };
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'MatrixSelector':
        return { kind: 'matrix', vector: this.expr(required(first(node))), range: this.duration(required(node.getChild('DurationExpr'))), ...range };
      case 'SubqueryExpr': {
        const durations = node.getChildren('DurationExpr');
        const step = durations[1];
        return {
          kind: 'subquery',
          expr: this.expr(required(first(node))),
          range: this.duration(required(durations[0])),
          step: step ? this.duration(step) : undefined,
          ...range,
        };
      }
      case 'FunctionCall': {
        const identifier = required(node.getChild('FunctionIdentifier'));
        return { kind: 'call', func: this.ref(identifier), args: this.arguments(node.getChild('FunctionCallBody')), ...range };
      }
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'UnaryExpr': {
        const op = this.slice(required(node.getChild('UnaryOp'))) === '+' ? '+' : '-';
        return { kind: 'unary', op, expr: this.expr(required(last(node))), ...range };
      }
      case 'ParenExpr':
        return { kind: 'paren', expr: this.expr(required(first(node))), ...range };
      case 'OffsetExpr': {
        const offset = this.duration(required(node.getChild('OffsetDurationExpr')));
        return modifyRightmost(this.expr(required(first(node))), node.to, (expr) => ({ kind: 'offset', expr, offset, from: expr.from, to: node.to }));
      }
      case 'StepInvariantExpr': {
        const at = this.atValue(node);
        return modifyRightmost(this.expr(required(first(node))), node.to, (expr) => ({ kind: 'at', expr, at, from: expr.from, to: node.to }));
      }
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return { kind: 'newer', feature: node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed', expr: this.expr(required(first(node))), ...range };
      default:
        throw new Error(`unexpected PromQL node ${node.name} at ${node.from}`);
    }
  }

  private vectorSelector(node: SyntaxNode): VectorSelector {
    const identifier = node.getChild('Identifier');
    const matchers: LabelMatcher[] = [];
    let quotedName = false;
    let metric: LabelRef | undefined = identifier ? this.ref(identifier) : undefined;
    for (let child = node.getChild('LabelMatchers')?.firstChild; child; child = child.nextSibling) {
      if (child.name === 'QuotedLabelName') {
        // {"metric.name"}: a metric name written as a string (3.x UTF-8 names)
        quotedName = true;
        metric = { name: unquote(this.slice(child)), from: child.from, to: child.to };
        continue;
      }
      if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') continue;
      const labelNode = child.getChild('LabelName') ?? child.getChild('QuotedLabelName');
      const valueNode = child.getChild('StringLiteral');
      const opNode = child.getChild('MatchOp');
      if (!labelNode || !valueNode || !opNode) continue;
      if (labelNode.name === 'QuotedLabelName') quotedName = true;
      const label = labelNode.name === 'QuotedLabelName' ? { name: unquote(this.slice(labelNode)), from: labelNode.from, to: labelNode.to } : this.ref(labelNode);
      const matcher: LabelMatcher = {
        label,
        op: this.slice(opNode) as MatchOp,
        value: unquote(this.slice(valueNode)),
        valueRange: { from: valueNode.from, to: valueNode.to },
        from: child.from,
        to: child.to,
      };
      matchers.push(matcher);
      if (!metric && label.name === '__name__' && matcher.op === '=') metric = { name: matcher.value, from: valueNode.from, to: valueNode.to };
    }
    return { kind: 'vector', metric, matchers, quotedName, from: node.from, to: node.to };
  }

  private arguments(body: SyntaxNode | null): Expr[] {
    const args: Expr[] = [];
    for (let child = body?.firstChild; child; child = child.nextSibling) {
      if (child.name === 'LineComment') continue;
      args.push(this.expr(child));
    }
    return args;
  }

  private aggregate(node: SyntaxNode): Aggregate {
    const modifier = node.getChild('AggregateModifier');
    let grouping: Grouping | undefined;
    if (modifier) {
      const labels = this.groupingLabels(modifier.getChild('GroupingLabels'));
      grouping = { mode: modifier.getChild('Without') ? 'without' : 'by', labels, from: modifier.from, to: modifier.to };
    }
    return {
      kind: 'aggregate',
      op: this.ref(required(node.getChild('AggregateOp'))),
      args: this.arguments(node.getChild('FunctionCallBody')),
      grouping,
      from: node.from,
      to: node.to,
    };
  }

  private groupingLabels(node: SyntaxNode | null): LabelRef[] {
    const labels: LabelRef[] = [];
    for (let child = node?.firstChild; child; child = child.nextSibling) {
      if (child.name === 'LabelName') labels.push(this.ref(child));
      else if (child.name === 'QuotedLabelName') labels.push({ name: unquote(this.slice(child)), from: child.from, to: child.to });
    }
    return labels;
  }

  private binary(node: SyntaxNode): Binary {
    const operands: SyntaxNode[] = [];
    let op: SyntaxNode | undefined;
    let bool = false;
    let fill = false;
    let matching: VectorMatching | undefined;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === 'BoolModifier') bool = true;
      else if (child.name === 'MatchingModifierClause') matching = this.matching(child);
      else if (child.name === 'FillModifier' || child.name === 'FillClause') fill = true;
      else if (child.name === 'LineComment') continue;
      else if (operands.length === 1 && !op) op = child;
      else operands.push(child);
    }
    return {
      kind: 'binary',
      op: this.ref(required(op)),
      lhs: this.expr(required(operands[0])),
      rhs: this.expr(required(operands[1])),
      bool,
      matching,
      fill,
      from: node.from,
      to: node.to,
    };
  }

  private matching(node: SyntaxNode): VectorMatching {
    const groups = node.getChildren('GroupingLabels');
    const mode = node.getChild('On') ? 'on' : node.getChild('Ignoring') ? 'ignoring' : undefined;
    const group = node.getChild('GroupLeft') ? 'left' : node.getChild('GroupRight') ? 'right' : undefined;
    const labels = mode ? this.groupingLabels(groups[0] ?? null) : [];
    const includeNode = mode ? groups[1] : groups[0];
    return { mode, labels, group, include: group ? this.groupingLabels(includeNode ?? null) : [], from: node.from, to: node.to };
  }

  private atValue(node: SyntaxNode): At['at'] {
    const preprocessor = node.getChild('AtModifierPreprocessors');
    if (preprocessor) return preprocessor.getChild('AtStart') ? 'start' : 'end';
    const literal = node.getChild('NumberDurationLiteral');
    return literal ? parseNumber(this.slice(literal)) : 'end';
  }

  private duration(node: SyntaxNode): Duration {
    const text = this.slice(node);
    const simple = node.firstChild?.name === 'NumberDurationLiteralInDurationContext' && !node.firstChild.nextSibling;
    const negative = node.firstChild?.name === 'UnaryOp' && node.lastChild?.firstChild?.name === 'NumberDurationLiteralInDurationContext';
    const literal = text.replace(/^-\s*/, '');
    const ms = simple || negative ? parseDuration(literal) : undefined;
    const isNumber = /^[0-9.]+(e[+-]?[0-9]+)?$/i.test(literal);
    return { from: node.from, to: node.to, text, ms: ms === undefined ? undefined : negative ? -ms : ms, newSyntax: !(simple || negative) || isNumber };
  }
}

/**
 * The grammar attaches `offset` and `@` to a whole preceding binary expression (`a - b offset
 * 1d`), but in PromQL they bind to the operand right before them: `a - (b offset 1d)`.
 */
function modifyRightmost(expr: Expr, to: number, modify: (operand: Expr) => Expr): Expr {
  if (expr.kind !== 'binary') return modify(expr);
  return { ...expr, rhs: modifyRightmost(expr.rhs, to, modify), to };
}

/** The first and last children that are not comments: `# …` may stand anywhere in PromQL. */
function first(node: SyntaxNode): SyntaxNode | null {
  let child = node.firstChild;
  while (child?.name === 'LineComment') child = child.nextSibling;
  return child;
}

function last(node: SyntaxNode): SyntaxNode | null {
  let child = node.lastChild;
  while (child?.name === 'LineComment') child = child.prevSibling;
  return child;
}

function required<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('malformed PromQL tree');
  return value;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Milliseconds of a Prometheus duration like 1h30m; a bare number counts as seconds (3.x). */
export function parseDuration(text: string): number | undefined {
  if (/^[0-9.]+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/([0-9]+)(ms|[smhdwy])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((total, part) => total + Number(part[1]) * (DURATION_UNITS[part[2] ?? ''] ?? 0), 0);
}

function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/.test(lower)) return Number.parseInt(lower, 16);
  return Number(text);
}

/** The value of a PromQL string literal: "…" and '…' with Go escapes, or a raw `…`. */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_match, sequence: string) => {
    switch (sequence[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(sequence) ? String.fromCodePoint(Number.parseInt(sequence, 8)) : sequence;
    }
  });
}
