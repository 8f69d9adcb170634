/**
 * PromQL shared by the SLI kinds: a query is either a series selector, which monc wraps in
 * increase(…[5m]) and sums by the SLO's groupBy labels, or an expression with the {{window}}
 * placeholder, which monc uses as written with a 5m window.
 */
import { LABEL, MAX_SLI_STEP, sliSeries, WINDOW_PLACEHOLDER } from '../../model/conventions.ts';
import type { PromqlText, Slo } from '../../model/model.ts';
import { unwrapParens, type Expr, type VectorSelector } from '../../promql/ast.ts';

/** What the PromQL checks see for an SLI query: the placeholder filled in; a histogram named by its _count series. */
export interface SliExpression extends PromqlText {
  readonly role: 'errors' | 'good' | 'total' | 'histogram' | 'up';
}

/** Bad events in the SLO's step, recorded after the total so it can be read in the same evaluation. */
export interface SliEvents {
  readonly total: string;
  readonly errors: string;
}

export function hasWindowPlaceholder(text: string): boolean {
  return text.includes(WINDOW_PLACEHOLDER);
}

/** The placeholder filled with a window: the SLO's step in its rules; any step where only the shape matters (checks, test feeds). */
export function fillWindow(text: string, step: string = MAX_SLI_STEP): string {
  return text.split(WINDOW_PLACEHOLDER).join(step);
}

/** A query as the checks see it. */
export function filled(role: SliExpression['role'], query: PromqlText): SliExpression {
  return { role, origin: query.origin, text: fillWindow(query.text) };
}

/** The selector a query's AST is, if it is a plain series selector. */
export function asSelector(ast: Expr | undefined): VectorSelector | undefined {
  const node = ast && unwrapParens(ast);
  return node?.kind === 'vector' ? node : undefined;
}

/** `name{matchers}` of a latency SLI: the histogram's name and its matchers text, braces included. */
export function parseHistogram(text: string): { name: string; matchers: string } | undefined {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[\s\S]*\})?\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1], matchers: match[2] ?? '' };
}

/** A label matcher on `le` that matches the bucket bound as Prometheus 2 (1, 0.5) and 3 (1.0, 0.5) write it. */
export function leMatcher(threshold: number): string {
  const text = String(threshold).replace(/\./g, '\\\\.');
  return Number.isInteger(threshold) ? `le=~"${text}(\\\\.0)?"` : `le=~"${text}"`;
}

/** `sum(inner)`, or `sum by (labels) (inner)` for a grouped SLO. */
export function sumBy(slo: Slo, inner: string): string {
  return slo.groupBy.length > 0 ? `sum by (${slo.groupBy.join(', ')}) (${inner})` : `sum(${inner})`;
}

/** A recorded SLO series of this SLO, selected by its slo label. */
export function sloSeries(slo: Slo, name: string): string {
  return `${name}{${LABEL.slo}="${slo.id}"}`;
}

/** A recorded SLI series (events per step) this SLO reads: its own, or those of the objective that records for it. */
export function sliSeriesOf(slo: Slo, name: string): string {
  return `${name}{${LABEL.slo}="${slo.recordedBy ?? slo.id}"}`;
}

/** Events counted over the SLO's step by one query. */
export function countEvents(slo: Slo, text: string): string {
  if (hasWindowPlaceholder(text)) return fillWindow(text, slo.step).trim();
  return sumBy(slo, `increase(${text.trim()}[${slo.step}])`);
}

/** The SLO's recorded total, summed by its groupBy labels. */
export function recordedTotal(slo: Slo): string {
  return sumBy(slo, sliSeriesOf(slo, sliSeries(slo.step).total));
}
