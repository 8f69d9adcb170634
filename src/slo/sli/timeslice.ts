/**
 * Timeslice SLIs (OpenSLO's timeslices): the share of time slices, e.g. minutes, in which a
 * query meets its bound — p95 latency under 300ms, an error ratio under 1%. The SLI is
 * recorded once per slice length: each evaluation counts the series (per groupBy group) with a
 * value for the last slice, and those out of bounds, so every window sums slices the way the
 * other kinds sum events.
 */
import type { PromqlText } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { printExpr } from '../../promql/print.ts';
import { seconds } from '../math.ts';
import type { Expr } from '../../promql/ast.ts';
import type { SliKind } from './kind.ts';
import { type RatioSli, ratioSli } from './ratio.ts';
import { fillWindow, hasWindowPlaceholder, recordedTotal } from './promql.ts';

export interface TimesliceSli {
  readonly kind: 'timeslice';
  readonly slice: string;
  readonly query: PromqlText;
  /** The bound a good slice's value stays within. */
  readonly bound: { readonly op: 'max' | 'min'; readonly value: number } | undefined;
  /** Both max and min were written (slo/sli reports it). */
  readonly overbounded: boolean;
  readonly origin: Origin;
}

/** `count(q)`, or `count by (labels) (q)` for a grouped SLO. */
const countBy = (groupBy: readonly string[], inner: string) => (groupBy.length > 0 ? `count by (${groupBy.join(', ')}) (${inner})` : `count(${inner})`);

export const timesliceSli: SliKind<TimesliceSli> = {
  kind: 'timeslice',
  fromSpec: (spec, origin) => ({
    kind: 'timeslice',
    slice: spec.slice,
    query: { text: spec.query, origin: origin.child('query') },
    bound: spec.max !== undefined ? { op: 'max', value: spec.max } : spec.min !== undefined ? { op: 'min', value: spec.min } : undefined,
    overbounded: spec.max !== undefined && spec.min !== undefined,
    origin,
  }),
  fixedStep: (sli) => sli.slice,
  expressions: (sli) => [{ role: 'total', origin: sli.query.origin, text: fillWindow(sli.query.text, sli.slice) }],
  events(slo, sli) {
    const query = fillWindow(sli.query.text, sli.slice).trim();
    const bad = sli.bound?.op === 'min' ? `< ${sli.bound.value}` : `> ${sli.bound?.value ?? 0}`;
    return {
      total: countBy(slo.groupBy, query),
      errors: `${countBy(slo.groupBy, `(${query}) ${bad}`)}\nor\n0 * ${recordedTotal(slo)}`,
    };
  },
  reportProblems(sli, context, reporter) {
    if (seconds(sli.slice) < seconds(context.prometheus.evaluationInterval)) {
      reporter.report({ at: sli.origin.at('slice'), message: `a slice shorter than the evaluation interval (${context.prometheus.evaluationInterval}) is never judged: make it at least that long` });
    }
    if (sli.overbounded) reporter.report({ at: sli.origin.keyAt('min'), message: 'give max or min, not both: a slice is good when the query stays under max, or over min' });
    else if (!sli.bound) reporter.report({ at: sli.origin.at(), message: 'a timeslice SLI needs max or min: the bound a good slice stays within' });
    if (!hasWindowPlaceholder(sli.query.text) && /\[[^\]]*\]/.test(sli.query.text)) {
      reporter.report({ at: sli.query.origin.at(), message: 'write the slice as {{window}} in the query\'s ranges, so each slice is judged over its own length' });
    }
  },
  groupedSelector: (sli) => fillWindow(sli.query.text, sli.slice),
  /**
   * A ratio of two counters over the slice (sum(rate(bad[{{window}}])) / sum(rate(all[{{window}}])),
   * or increase) is fed as a ratio SLI is, its numerator counting the failed events under a max
   * bound and the good ones under a min bound (a success ratio), so a scenario's failed events
   * make bad slices; each step is one slice, bad when its share breaks the bound. Other queries,
   * or a grouped SLO, get no generated tests.
   */
  feed(slo, sli, context) {
    const untested = { untested: 'it is a timeslice SLI whose query is not a ratio of two counters over the slice, so monc cannot tell which input series make a slice good' };
    const ratio = counterRatio(context.ast(fillWindow(sli.query.text, sli.slice)));
    if (!ratio || !sli.bound || slo.groupBy.length > 0) return untested;
    const { op, value } = sli.bound;
    const numerator = { text: ratio.part, origin: sli.query.origin };
    const asRatio: RatioSli = {
      kind: 'ratio',
      errors: op === 'max' ? numerator : undefined,
      good: op === 'min' ? numerator : undefined,
      total: { text: ratio.total, origin: sli.query.origin },
      origin: sli.origin,
    };
    const feed = ratioSli.feed(slo, asRatio, context);
    if (!('kind' in feed) || feed.kind !== 'counters') return untested;
    // Flat counters give 0/0, NaN, which breaks no bound.
    const broken = (bad: number, total: number) => total > 0 && (op === 'max' ? bad / total > value : (total - bad) / total < value);
    return {
      ...feed,
      // A slice is judged where the counters have a count for the step; increase() over one sample has none (the first step after a gap).
      record: (counted) => ({
        total: counted.total.map((total) => (total === undefined ? undefined : 1)),
        errors: counted.total.map((total, k) => (total === undefined ? undefined : broken(counted.errors[k] ?? 0, total) ? 1 : 0)),
      }),
    };
  },
};

/** `sum(rate(a[w])) / sum(rate(b[w]))` (or increase, or without sum): the two selectors' texts. */
function counterRatio(ast: Expr | undefined): { part: string; total: string } | undefined {
  if (ast?.kind !== 'binary' || ast.op.name !== '/' || ast.matching !== undefined) return undefined;
  const selector = (side: Expr): string | undefined => {
    const inner = side.kind === 'paren' ? side.expr : side;
    const call = inner.kind === 'aggregate' && inner.op.name === 'sum' && !inner.grouping && inner.args.length === 1 ? inner.args[0] : inner;
    if (call?.kind !== 'call' || (call.func.name !== 'rate' && call.func.name !== 'increase')) return undefined;
    const range = call.args[0];
    return range?.kind === 'matrix' && range.vector.kind === 'vector' ? printExpr(range.vector) : undefined;
  };
  const part = selector(ast.lhs);
  const total = selector(ast.rhs);
  return part && total ? { part, total } : undefined;
}
