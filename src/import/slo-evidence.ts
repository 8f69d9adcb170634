/**
 * What an imported SLO's SLI shows of the metrics it reads, as expressions the catalog
 * inference takes for evidence: the SLI's fields are selectors or `{{window}}` expressions,
 * not PromQL alone, so each is put in the shape monc's SLO rules read it in (a counter's
 * selector under increase(), a histogram's buckets under histogram_quantile(), the groupBy
 * labels as a grouping), and the metrics come out typed and labelled as those rules need.
 */
import type { SloSpec } from '../api/types.gen.ts';
import { WINDOW_PLACEHOLDER } from '../model/conventions.ts';

/** An expression standing for one SLI field: its path in the SLO spec and the text written there. */
export interface SliEvidence {
  readonly path: string;
  readonly text: string;
  readonly expr: string;
}

/** Any range does: the catalog reads the selectors, not the window. */
const RANGE = '5m';

export function sliEvidence(slo: SloSpec): SliEvidence[] {
  const grouping = slo.groupBy && slo.groupBy.length > 0 ? ` by (${slo.groupBy.join(', ')})` : '';
  const { ratio, latency, availability, timeslice } = slo.sli;
  const evidence: SliEvidence[] = [];
  const add = (path: string, text: string, expr: string) => evidence.push({ path, text, expr });
  if (ratio) {
    for (const key of ['errors', 'good', 'total'] as const) {
      const text = ratio[key];
      if (text === undefined) continue;
      add(`sli.ratio.${key}`, text, text.includes(WINDOW_PLACEHOLDER) ? windowed(text) : `sum${grouping} (increase(${text}[${RANGE}]))`);
    }
  }
  if (latency) {
    const text = latency.histogram;
    const expr = latency.native
      ? `histogram_count(sum${grouping} (rate(${text}[${RANGE}])))`
      : `histogram_quantile(0.5, sum by (${['le', ...(slo.groupBy ?? [])].join(', ')}) (rate(${bucketSelector(text, latency.threshold)}[${RANGE}])))`;
    add('sli.latency.histogram', text, expr);
  }
  if (availability) add('sli.availability.up', availability.up, `min${grouping} (${availability.up})`);
  if (timeslice) add('sli.timeslice.query', timeslice.query, `count${grouping} (${windowed(timeslice.query)})`);
  return evidence;
}

function windowed(text: string): string {
  return text.split(WINDOW_PLACEHOLDER).join(RANGE);
}

/** `h{job="api"}` at 0.5 → `h_bucket{job="api",le="0.5"}`: the threshold's bucket, as the SLO reads it. */
function bucketSelector(histogram: string, threshold: number): string {
  const name = /^\s*[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(histogram)?.[0];
  if (name === undefined) return histogram;
  const matchers = histogram.slice(name.length).trim().replace(/^\{|,?\s*\}$/g, '').trim();
  return `${name.trim()}_bucket{${matchers ? `${matchers}, ` : ''}le="${threshold}"}`;
}
