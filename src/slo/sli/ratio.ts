/** Ratio SLIs: bad (or good) events over all events, each a counter selector or a {{window}} count. */
import { WINDOW_PLACEHOLDER } from '../../model/conventions.ts';
import type { PromqlText } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { declaredValues, selectorOf, splitSeries, pickGroup } from '../test-series.ts';
import type { Step } from '../scenarios.ts';
import type { SliContext, SliKind, SliReporter } from './kind.ts';
import { asSelector, countEvents, filled, fillWindow, hasWindowPlaceholder, recordedTotal } from './promql.ts';

export interface RatioSli {
  readonly kind: 'ratio';
  readonly errors: PromqlText | undefined;
  readonly good: PromqlText | undefined;
  readonly total: PromqlText;
  readonly origin: Origin;
}

export const ratioSli: SliKind<RatioSli> = {
  kind: 'ratio',
  fromSpec(spec, origin) {
    const text = (field: 'errors' | 'good' | 'total', value: string) => ({ text: value, origin: origin.child(field) });
    return {
      kind: 'ratio',
      errors: spec.errors === undefined ? undefined : text('errors', spec.errors),
      good: spec.good === undefined ? undefined : text('good', spec.good),
      total: text('total', spec.total),
      origin,
    };
  },
  expressions: (sli) => [...(sli.errors ? [filled('errors', sli.errors)] : []), ...(sli.good ? [filled('good', sli.good)] : []), filled('total', sli.total)],
  events(slo, sli) {
    const total = countEvents(slo, sli.total.text);
    const recorded = recordedTotal(slo);
    if (sli.errors) return { total, errors: `${countEvents(slo, sli.errors.text)}\nor\n0 * ${recorded}` };
    // Errors as total − good, clamped at 0 against counter resets between the two reads.
    return { total, errors: `clamp_min(\n  ${recorded}\n  -\n  (${countEvents(slo, sli.good?.text ?? '')} or 0 * ${recorded}),\n  0\n)` };
  },
  reportProblems(sli, context, reporter) {
    if (sli.errors && sli.good) reporter.report({ at: sli.good.origin.keyAt(), message: 'a ratio SLI counts errors or good events, not both; remove one' });
    if (!sli.errors && !sli.good) reporter.report({ at: sli.origin.keyAt(), message: 'a ratio SLI needs errors (the bad events) or good (the good events) next to total' });
    for (const query of [sli.errors, sli.good, sli.total]) if (query) counterQuery(query, context, reporter);
  },
  groupedSelector: (sli) => sli.total.text,
  feed(slo, sli, context) {
    if (!sli.errors === !sli.good) return { untested: undefined };
    const total = selectorOf(context.ast(fillWindow(sli.total.text)));
    const part = sli.errors ?? sli.good;
    const partSelector = part && selectorOf(context.ast(fillWindow(part.text)));
    if (!total || !partSelector) return { untested: 'its queries are not each one series selector, so monc cannot tell which input series to feed' };
    const split = splitSeries(total, partSelector, slo.groupBy, (metric, label) => declaredValues(context.catalog, metric, label));
    if (!split) return { untested: `monc found no label values that the ${sli.errors ? 'errors' : 'good'} selector and the total selector tell apart` };
    const bad = (step: Step) => step.bad;
    const good = (step: Step) => step.total - step.bad;
    // `inside` matches the part selector (errors or good); `outside` only the total one.
    const [inside, outside] = sli.errors ? [bad, good] : [good, bad];
    const series = split.sameMetric
      ? [
          { series: split.inside, count: inside },
          { series: split.outside, count: outside },
        ]
      : [
          { series: split.inside, count: inside },
          { series: split.outside, count: (step: Step) => step.total },
        ];
    return { kind: 'counters', series, groupLabels: pickGroup(split.inside.labels, slo.groupBy) };
  },
};

/** A query monc counts with increase() must select a counter, or count events itself over {{window}}. */
function counterQuery(query: PromqlText, context: SliContext, reporter: SliReporter): void {
  if (hasWindowPlaceholder(query.text)) return;
  const ast = context.ast(query.text);
  if (!ast) return; // promql/syntax
  const selector = asSelector(ast);
  if (!selector) {
    reporter.report({
      at: query.origin.at(),
      message: `write a series selector such as http_requests_total{code=~"5.."}, or an expression that counts events over ${WINDOW_PLACEHOLDER}, e.g. sum(increase(x[${WINDOW_PLACEHOLDER}]))`,
    });
    return;
  }
  const name = selector.metric?.name;
  if (name !== undefined && context.catalog.get(name)?.behaviour === 'gauge') {
    reporter.report({
      at: reporter.spanInExpr(query, selector.metric?.from ?? 0, selector.metric?.to ?? 0),
      message: `${name} is not a counter: monc counts a selector's events with increase(), which is meaningless on a gauge; select a counter, or write the count with ${WINDOW_PLACEHOLDER}`,
    });
  }
}
