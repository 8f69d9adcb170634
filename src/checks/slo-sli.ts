import type { PromqlText, Slo } from '../model/model.ts';
import { catalogOf } from '../model/catalog.ts';
import { asSelector, hasWindowPlaceholder, parseHistogram } from '../slo/sli.ts';
import { parsePromql } from '../promql/parse.ts';
import type { CheckContext, ModelCheck } from './check.ts';
import { WINDOW_PLACEHOLDER } from '../model/conventions.ts';

/** An SLI must say what it counts in a form monc can turn into 5m event counts. */
export const sloSli: ModelCheck = {
  id: 'slo/sli',
  summary: 'An SLI query has the wrong shape or selects the wrong kind of metric: errors and good together, a gauge counted as events, a latency SLI on something that is not a histogram.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(model, ctx) {
    const catalog = catalogOf(model);
    for (const slo of model.slos) {
      const sli = slo.sli;
      if (sli.kind === 'ratio') {
        if (sli.errors && sli.good) ctx.report({ at: sli.good.origin.keyAt(), message: 'a ratio SLI counts errors or good events, not both; remove one' });
        if (!sli.errors && !sli.good) ctx.report({ at: slo.origin.keyAt('sli', 'ratio'), message: 'a ratio SLI needs errors (the bad events) or good (the good events) next to total' });
        for (const query of [sli.errors, sli.good, sli.total]) if (query) counterQuery(query, ctx, (name) => catalog.get(name)?.behaviour);
      } else if (sli.kind === 'latency') {
        const histogram = parseHistogram(sli.histogram.text);
        const metric = histogram && model.metricsByName.get(histogram.name);
        if (!histogram) ctx.report({ at: sli.histogram.origin.at(), message: 'write the histogram as its name with optional matchers, e.g. http_request_duration_seconds{job="api"}' });
        else if (metric && metric.type !== 'histogram') {
          ctx.report({ at: sli.histogram.origin.at(), message: `${metric.name} is a ${metric.type}, not a histogram: a latency SLI counts requests in the threshold bucket` });
        }
      } else if (!asSelector(sli.up.text) && !hasWindowPlaceholder(sli.up.text)) {
        ctx.report({ at: sli.up.origin.at(), message: 'an availability SLI reads a 0/1 series selector such as up{job="api"} or probe_success{…}' });
      }
      groupByLabels(slo, ctx, catalog);
    }
  },
};

function counterQuery(query: PromqlText, ctx: CheckContext, behaviour: (name: string) => string | undefined): void {
  if (hasWindowPlaceholder(query.text)) return;
  if (parsePromql(query.text).error) return; // promql/syntax
  const selector = asSelector(query.text);
  if (!selector) {
    ctx.report({
      at: query.origin.at(),
      message: `write a series selector such as http_requests_total{code=~"5.."}, or an expression that counts events over ${WINDOW_PLACEHOLDER}, e.g. sum(increase(x[${WINDOW_PLACEHOLDER}]))`,
    });
    return;
  }
  const name = selector.metric?.name;
  if (name !== undefined && behaviour(name) === 'gauge') {
    ctx.report({
      at: ctx.spanInExpr(query, selector.metric?.from ?? 0, selector.metric?.to ?? 0),
      message: `${name} is not a counter: monc counts a selector's events with increase(), which is meaningless on a gauge; select a counter, or write the count with ${WINDOW_PLACEHOLDER}`,
    });
  }
}

/** groupBy labels must be labels of the SLI's series, or every group collapses into one with the label empty. */
function groupByLabels(slo: Slo, ctx: CheckContext, catalog: ReturnType<typeof catalogOf>): void {
  const sli = slo.sli;
  const text = sli.kind === 'ratio' ? sli.total.text : sli.kind === 'latency' ? `${parseHistogram(sli.histogram.text)?.name ?? ''}_count` : sli.up.text;
  const name = asSelector(text)?.metric?.name;
  const labels = name === undefined ? undefined : catalog.get(name)?.labels;
  if (labels === undefined || labels === 'unknown') return;
  slo.groupBy.forEach((label, i) => {
    if (!labels.has(label)) ctx.report({ at: slo.origin.at('groupBy', i), message: `${name} has no label "${label}" to group the SLO by (its labels: ${[...labels].filter((l) => l !== '__name__').sort().join(', ')})` });
  });
}
