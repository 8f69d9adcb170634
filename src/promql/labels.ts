/**
 * Which labels the result of an expression can carry, from the labels of the series it
 * selects: what `$labels.x` in an alert template can use, which labels `by (…)` may name, and
 * what the output cardinality of a rule is built from. 'unknown' wherever monc cannot tell
 * (a series it does not know, a function it does not model), so checks never guess.
 */
import { unwrapParens, type Binary, type Expr, type VectorSelector } from './ast.ts';

export type LabelSet = ReadonlySet<string> | 'unknown';

export interface LabelSource {
  get(series: string): { readonly labels: LabelSet } | undefined;
}

const NO_LABELS: ReadonlySet<string> = new Set();

const KEEP_NAME = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join']);

function without(labels: ReadonlySet<string>, name: string): ReadonlySet<string> {
  return new Set([...labels].filter((l) => l !== name));
}

/** Functions whose result has no labels (scalars, or vector() of a scalar). */
const LABEL_FREE = new Set(['vector', 'time', 'scalar', 'pi']);

export function resultLabels(expr: Expr, source: LabelSource): LabelSet {
  switch (expr.kind) {
    case 'number':
    case 'string':
      return NO_LABELS;
    case 'vector':
      return selectorLabels(expr, source);
    case 'matrix':
      return resultLabels(expr.vector, source);
    case 'subquery':
    case 'offset':
    case 'at':
    case 'paren':
    case 'unary':
    case 'newer':
      return resultLabels(expr.expr, source);
    case 'call':
      return callLabels(expr, source);
    case 'aggregate': {
      const input = expr.args[expr.args.length - 1];
      const inputLabels = input ? resultLabels(input, source) : 'unknown';
      if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(expr.op.name)) return inputLabels;
      const grouped = grouping(expr.grouping, inputLabels);
      if (expr.op.name !== 'count_values') return grouped;
      const label = expr.args[0];
      return grouped === 'unknown' || label?.kind !== 'string' ? 'unknown' : new Set([...grouped, label.value]);
    }
    case 'binary':
      return binaryLabels(expr, source);
  }
}

function selectorLabels(selector: VectorSelector, source: LabelSource): LabelSet {
  const name = selector.metric?.name;
  return name === undefined ? 'unknown' : (source.get(name)?.labels ?? 'unknown');
}

function grouping(group: Extract<Expr, { kind: 'aggregate' }>['grouping'], input: LabelSet): LabelSet {
  if (!group) return NO_LABELS;
  const names = group.labels.map((l) => l.name);
  if (group.mode === 'by') return new Set(input === 'unknown' ? names : names.filter((n) => input.has(n)));
  return input === 'unknown' ? 'unknown' : new Set([...input].filter((n) => !names.includes(n)));
}

function callLabels(expr: Extract<Expr, { kind: 'call' }>, source: LabelSource): LabelSet {
  const name = expr.func.name;
  if (LABEL_FREE.has(name)) return NO_LABELS;
  if (name === 'absent' || name === 'absent_over_time') {
    const selector = expr.args[0] && innermostSelector(expr.args[0]);
    return selector ? new Set(selector.matchers.filter((m) => m.op === '=' && m.label.name !== '__name__').map((m) => m.label.name)) : NO_LABELS;
  }
  const input = expr.args.find((arg) => arg.kind !== 'number' && arg.kind !== 'string');
  const inputLabels = input ? resultLabels(input, source) : NO_LABELS;
  if (inputLabels === 'unknown') return inputLabels;
  // Functions drop the metric name, except the ones that only reorder or relabel series.
  const labels = KEEP_NAME.has(name) ? inputLabels : without(inputLabels, '__name__');
  if (name === 'label_replace' || name === 'label_join') {
    const target = expr.args[1];
    return target?.kind === 'string' ? new Set([...labels, target.value]) : 'unknown';
  }
  if (name === 'histogram_quantile' || name === 'histogram_fraction') return new Set([...labels].filter((l) => l !== 'le'));
  if (name === 'info') return 'unknown';
  return labels;
}

function binaryLabels(expr: Binary, source: LabelSource): LabelSet {
  const lhs = resultLabels(expr.lhs, source);
  const rhs = resultLabels(expr.rhs, source);
  const lhsIsVector = isVectorValued(expr.lhs);
  const rhsIsVector = isVectorValued(expr.rhs);
  const op = expr.op.name;
  const filtering = ['==', '!=', '>', '<', '>=', '<='].includes(op) && !expr.bool;
  // Arithmetic (and bool comparisons) drop the metric name; filtering comparisons keep it.
  const operated = (labels: LabelSet) => (labels === 'unknown' || filtering ? labels : without(labels, '__name__'));
  if (!lhsIsVector) return operated(rhs);
  if (!rhsIsVector) return operated(lhs);
  if (op === 'and' || op === 'unless') return lhs;
  if (op === 'or') return lhs === 'unknown' || rhs === 'unknown' ? 'unknown' : new Set([...lhs, ...rhs]);
  const matching = expr.matching;
  const include = matching?.include.map((l) => l.name) ?? [];
  if (matching?.group === 'left') return lhs === 'unknown' ? lhs : new Set([...lhs, ...include]);
  if (matching?.group === 'right') return rhs === 'unknown' ? rhs : new Set([...rhs, ...include]);
  if (lhs === 'unknown' || filtering) return lhs;
  if (!matching?.mode) return without(lhs, '__name__');
  const named = matching.labels.map((l) => l.name);
  return new Set([...lhs].filter((l) => l !== '__name__' && (matching.mode === 'on' ? named.includes(l) : !named.includes(l))));
}

/** Whether an expression yields a vector (not a scalar), judged by its shape. */
export function isVectorValued(expr: Expr): boolean {
  const inner = unwrapParens(expr);
  switch (inner.kind) {
    case 'number':
    case 'string':
      return false;
    case 'call':
      return !['time', 'scalar', 'pi'].includes(inner.func.name);
    case 'unary':
      return isVectorValued(inner.expr);
    case 'binary':
      return isVectorValued(inner.lhs) || isVectorValued(inner.rhs);
    default:
      return true;
  }
}

/** The selector an expression reads directly (through parens, ranges, offsets), if any. */
export function innermostSelector(expr: Expr): VectorSelector | undefined {
  const inner = unwrapParens(expr);
  switch (inner.kind) {
    case 'vector':
      return inner;
    case 'matrix':
      return innermostSelector(inner.vector);
    case 'offset':
    case 'at':
    case 'newer':
      return innermostSelector(inner.expr);
    default:
      return undefined;
  }
}
