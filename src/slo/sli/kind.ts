/**
 * An SLI kind: how its definition becomes the model, what the PromQL checks see of it, the 5m
 * event counts monc records from it, what is wrong with its shape, and which input series
 * prove its generated tests. Adding a kind is one module here, one line in registry.ts and
 * its schema in src/api/schema.ts.
 */
import type { SliSpec } from '../../api/types.gen.ts';
import type { Span } from '../../diagnostic.ts';
import type { Catalog } from '../../model/catalog.ts';
import type { Metric, PrometheusSettings, PromqlText, Slo } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import type { Expr } from '../../promql/ast.ts';
import type { Feed } from '../test-series.ts';
import type { SliEvents, SliExpression } from './promql.ts';

/** What the SLI kinds read besides the SLO: parsed expressions and the catalog. */
export interface SliContext {
  ast(text: string): Expr | undefined;
  readonly catalog: Catalog;
  readonly metrics: ReadonlyMap<string, Metric>;
  /** The target Prometheus: version and feature flags. */
  readonly prometheus: PrometheusSettings;
}

/** Where slo/sli reports a kind's shape problems (a check's context fits). */
export interface SliReporter {
  report(report: { readonly at: Span; readonly message: string }): void;
  /** The source span of `expr.text.slice(from, to)`, inside the user's file. */
  spanInExpr(expr: PromqlText, from: number, to: number): Span;
}

export type SliKindName = keyof SliSpec;

export interface SliKind<S extends { readonly kind: SliKindName; readonly origin: Origin }> {
  readonly kind: S['kind'];
  /** The model of a valid definition; `origin` is the kind's own (sli.<kind>). */
  fromSpec(spec: NonNullable<SliSpec[S['kind']]>, origin: Origin): S;
  /** The recording step the kind needs, when it is not the longest that divides the windows (a timeslice's slice). */
  fixedStep?(sli: S): string;
  /** The PromQL texts the checks see, placeholders filled in; none where slo/sli already reports the shape. */
  expressions(sli: S, metrics: ReadonlyMap<string, Metric>): SliExpression[];
  /**
   * The 5m event counts. Errors never go missing while there is traffic: a query with no bad
   * series yet falls back to 0 × total, so ratios read 0, not nothing.
   */
  events(slo: Slo, sli: S): SliEvents;
  /** Shape problems: a query monc cannot count, the wrong kind of metric. */
  reportProblems(sli: S, context: SliContext, reporter: SliReporter): void;
  /** The selector whose series the SLO's groupBy labels must be labels of. */
  groupedSelector(sli: S): string;
  /**
   * Input series for the generated tests, or why this SLI's shape gets none (undefined when
   * the SLI is invalid: slo/sli reports that, and no output is written anyway).
   */
  feed(slo: Slo, sli: S, context: SliContext): Feed | { readonly untested: string | undefined };
}
