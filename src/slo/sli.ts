/**
 * SLIs as PromQL: what the user wrote (checked in place, with positions) and the 5m event
 * counts monc records from it. A query is either a series selector, which monc wraps in
 * increase(…[5m]) and sums by the SLO's groupBy labels, or an expression with the {{window}}
 * placeholder, which monc uses as written with a 5m window.
 */
import type { PromqlText, Slo } from '../model/model.ts';
import { LABEL, SLI_STEP, SLO_SERIES, WINDOW_PLACEHOLDER } from '../model/conventions.ts';
import { toAst, unwrapParens, type VectorSelector } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';

/** What the PromQL checks see for an SLI query: the placeholder filled in; a histogram named by its _count series. */
export interface SliExpression extends PromqlText {
  readonly role: 'errors' | 'good' | 'total' | 'histogram' | 'up';
}

export function sliExpressions(slo: Slo): SliExpression[] {
  const sli = slo.sli;
  const filled = (role: SliExpression['role'], query: PromqlText): SliExpression => ({ role, origin: query.origin, text: fillWindow(query.text) });
  switch (sli.kind) {
    case 'ratio':
      return [
        ...(sli.errors ? [filled('errors', sli.errors)] : []),
        ...(sli.good ? [filled('good', sli.good)] : []),
        filled('total', sli.total),
      ];
    case 'latency': {
      const histogram = parseHistogram(sli.histogram.text);
      const text = histogram ? `${histogram.name}_count${histogram.matchers}` : sli.histogram.text;
      return [{ role: 'histogram', origin: sli.histogram.origin, text }];
    }
    case 'availability':
      return [filled('up', sli.up)];
  }
}

export function hasWindowPlaceholder(text: string): boolean {
  return text.includes(WINDOW_PLACEHOLDER);
}

function fillWindow(text: string): string {
  return text.split(WINDOW_PLACEHOLDER).join(SLI_STEP);
}

/** The selector a query is, if it is a plain series selector. */
export function asSelector(text: string): VectorSelector | undefined {
  if (hasWindowPlaceholder(text)) return undefined;
  const ast = toAst(parsePromql(text));
  const node = ast && unwrapParens(ast);
  return node?.kind === 'vector' ? node : undefined;
}

/** `name{matchers}` of a latency SLI: the histogram's name and its matchers text, braces included. */
export function parseHistogram(text: string): { name: string; matchers: string } | undefined {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^]*\})?\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1], matchers: match[2] ?? '' };
}

/** A label matcher on `le` that matches the bucket bound as Prometheus 2 (1, 0.5) and 3 (1.0, 0.5) write it. */
export function leMatcher(threshold: number): string {
  const text = String(threshold).replace(/\./g, '\\\\.');
  return Number.isInteger(threshold) ? `le=~"${text}(\\\\.0)?"` : `le=~"${text}"`;
}

/** `sum(inner)`, or `sum by (labels) (inner)` for a grouped SLO. */
function sumBy(slo: Slo, inner: string): string {
  return slo.groupBy.length > 0 ? `sum by (${slo.groupBy.join(', ')}) (${inner})` : `sum(${inner})`;
}

/** A recorded SLO series of this SLO, selected by its slo label. */
export function sloSeries(slo: Slo, name: string): string {
  return `${name}{${LABEL.slo}="${slo.id}"}`;
}

/** Events counted over 5m by one query. */
function events(slo: Slo, text: string): string {
  if (hasWindowPlaceholder(text)) return fillWindow(text).trim();
  return sumBy(slo, `increase(${text.trim()}[${SLI_STEP}])`);
}

/** Bad events in 5m, recorded after the total so it can be read in the same evaluation. */
export interface SliEvents {
  readonly total: string;
  readonly errors: string;
}

/**
 * The 5m event counts. Errors never go missing while there is traffic: a query with no bad
 * series yet falls back to 0 × total, so ratios read 0, not nothing. Good-event SLIs count
 * errors as total − good, clamped at 0 against counter resets between the two reads.
 */
export function sliEvents(slo: Slo): SliEvents {
  const sli = slo.sli;
  const recordedTotal = sumBy(slo, sloSeries(slo, SLO_SERIES.total));
  const orZero = (expr: string) => `${expr}\nor\n0 * ${recordedTotal}`;
  const fromGood = (good: string) => `clamp_min(\n  ${recordedTotal}\n  -\n  (${good} or 0 * ${recordedTotal}),\n  0\n)`;
  switch (sli.kind) {
    case 'ratio': {
      const total = events(slo, sli.total.text);
      if (sli.errors) return { total, errors: orZero(events(slo, sli.errors.text)) };
      return { total, errors: fromGood(events(slo, sli.good?.text ?? '')) };
    }
    case 'latency': {
      const histogram = parseHistogram(sli.histogram.text) ?? { name: sli.histogram.text, matchers: '' };
      const inner = histogram.matchers.replace(/^\{|\}$/g, '').trim();
      const bucketMatchers = `{${inner === '' ? '' : `${inner.replace(/,\s*$/, '')}, `}${leMatcher(sli.threshold)}}`;
      return {
        total: sumBy(slo, `increase(${histogram.name}_count${histogram.matchers}[${SLI_STEP}])`),
        errors: fromGood(sumBy(slo, `increase(${histogram.name}_bucket${bucketMatchers}[${SLI_STEP}])`)),
      };
    }
    case 'availability': {
      const up = sli.up.text.trim();
      return {
        total: sumBy(slo, `count_over_time(${up}[${SLI_STEP}])`),
        errors: sumBy(slo, `count_over_time(${up}[${SLI_STEP}]) - sum_over_time(${up}[${SLI_STEP}])`),
      };
    }
  }
}

