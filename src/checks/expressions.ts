/** The PromQL expressions of a model, parsed, for the checks that walk them. */
import type { Alert, Dashboard, Model, Panel, PromqlText, RecordingRule, Slo } from '../model/model.ts';
import { substituteVariables } from '../dashboards/variables.ts';
import { catalogOf, type Catalog } from '../model/catalog.ts';
import { toAst, walk, type Expr } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';
import { typeCheck, type TypeProblem } from '../promql/typecheck.ts';
import type { ModelCheck } from './check.ts';
import { parseHistogram, sliExpressions } from '../slo/sli.ts';

export interface ParsedRuleExpr {
  readonly rule: Alert | RecordingRule;
  readonly expr: PromqlText;
  /** Undefined when the expression has a syntax error (promql/syntax reports it). */
  readonly ast: Expr | undefined;
}

export function ruleExpressions(model: Model): ParsedRuleExpr[] {
  return [...model.recordingRules, ...model.alerts].map((rule) => ({ rule, expr: rule.expr, ast: toAst(parsePromql(rule.expr.text)) }));
}

/** Every PromQL text in the definitions: the rules', the SLI queries (placeholders filled in), the dashboards' (variables filled in). */
export function definitionExpressions(model: Model): PromqlText[] {
  return [
    ...[...model.recordingRules, ...model.alerts].map((rule) => rule.expr),
    ...model.slos.filter((slo) => !notAHistogram(slo, model)).flatMap(sliExpressions),
    ...dashboardExpressions(model).map(({ expr }) => ({ text: substituteVariables(expr.text).text, origin: expr.origin })),
  ];
}

/** The queries of the written dashboards, as written, with their panel (undefined for an annotation). */
export function dashboardExpressions(model: Model): { dashboard: Dashboard; panel: Panel | undefined; expr: PromqlText }[] {
  return model.dashboards.flatMap((dashboard) => [
    ...dashboard.rows.flatMap((row) => row.panels.flatMap((panel) => panel.queries.map((query) => ({ dashboard, panel, expr: query.expr })))),
    ...dashboard.annotations.map((annotation) => ({ dashboard, panel: undefined, expr: annotation.expr })),
  ]);
}

/** A latency SLI on a declared metric that is no histogram: slo/sli says so; its _count series would only echo it. */
function notAHistogram(slo: Slo, model: Model): boolean {
  if (slo.sli.kind !== 'latency') return false;
  const name = parseHistogram(slo.sli.histogram.text)?.name;
  const metric = name === undefined ? undefined : model.metricsByName.get(name);
  return metric !== undefined && metric.type !== 'histogram';
}

/** The definitions' expressions, parsed; undefined where promql/syntax reports an error. */
function parsedExpressions(model: Model): { expr: PromqlText; ast: Expr | undefined }[] {
  return definitionExpressions(model).map((expr) => ({ expr, ast: toAst(parsePromql(expr.text)) }));
}

export function isAlert(rule: Alert | RecordingRule): rule is Alert {
  return 'name' in rule;
}

/** A check's run function reporting the type checker's problems of one kind. */
export function reportTypeProblems(kind: TypeProblem['kind']): ModelCheck['run'] {
  return (model, ctx) => {
    for (const { expr, ast } of parsedExpressions(model)) {
      if (!ast) continue;
      for (const problem of typeCheck(ast, model.prometheus.version).problems) {
        if (problem.kind === kind) ctx.report({ at: ctx.spanInExpr(expr, problem.from, problem.to), message: problem.message });
      }
    }
  };
}

/** Calls `visit` for every node of every parsed rule expression, with the series catalog. */
export function forEachNode(model: Model, visit: (node: Expr, expr: PromqlText, catalog: Catalog) => void): void {
  const catalog = catalogOf(model);
  for (const { expr, ast } of parsedExpressions(model)) {
    if (!ast) continue;
    for (const node of walk(ast)) visit(node, expr, catalog);
  }
}
