/**
 * Timeslice SLIs (OpenSLO's timeslices): the share of time slices, e.g. minutes, in which a
 * query meets its bound — p95 latency under 300ms, an error ratio under 1%. The SLI is
 * recorded once per slice length: each evaluation counts the series (per groupBy group) with a
 * value for the last slice, and those out of bounds, so every window sums slices the way the
 * other kinds sum events.
 */
import type { PromqlText } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { seconds } from '../math.ts';
import type { SliKind } from './kind.ts';
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
  feed: () => ({ untested: 'it is a timeslice SLI, and monc cannot tell which input series make a slice good' }),
};
