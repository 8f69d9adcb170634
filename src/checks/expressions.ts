/** The PromQL expressions of a model, parsed (by the expansion, once), for the checks that walk them. */
import type { Catalog } from '../model/catalog.ts';
import type { Alert, Dashboard, Model, Panel, PromqlText, RecordingRule } from '../model/model.ts';
import { substituteVariables } from '../dashboards/variables.ts';
import { walk, type Expr } from '../promql/ast.ts';
import type { TypeProblem } from '../promql/typecheck.ts';
import { sliKindOf } from '../slo/sli/registry.ts';
import type { Check, CheckSubject } from './check.ts';

export interface ParsedRuleExpr {
  readonly rule: Alert | RecordingRule;
  readonly expr: PromqlText;
  /** Undefined when the expression has a syntax error (promql/syntax reports it). */
  readonly ast: Expr | undefined;
}

export function ruleExpressions({ model, expanded }: CheckSubject): ParsedRuleExpr[] {
  return [...model.recordingRules, ...model.alerts].map((rule) => ({ rule, expr: rule.expr, ast: expanded.expressions.ast(rule.expr.text) }));
}

/** Every PromQL text in the definitions: the rules', the SLI queries (placeholders filled in), the dashboards' (variables filled in). */
export function definitionExpressions(model: Model): PromqlText[] {
  return [
    ...[...model.recordingRules, ...model.alerts].map((rule) => rule.expr),
    ...model.slos.flatMap((slo) => sliKindOf(slo.sli).expressions(slo.sli, model.metricsByName)),
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

/** The definitions' expressions, parsed; undefined where promql/syntax reports an error. */
function parsedExpressions({ model, expanded }: CheckSubject): { expr: PromqlText; ast: Expr | undefined }[] {
  return definitionExpressions(model).map((expr) => ({ expr, ast: expanded.expressions.ast(expr.text) }));
}

export function isAlert(rule: Alert | RecordingRule): rule is Alert {
  return 'name' in rule;
}

/** A check's run function reporting the type checker's problems of one kind. */
export function reportTypeProblems(kind: TypeProblem['kind']): Check['run'] {
  return (subject, ctx) => {
    for (const { expr } of parsedExpressions(subject)) {
      for (const problem of subject.expanded.expressions.types(expr.text)?.problems ?? []) {
        if (problem.kind === kind) ctx.report({ at: ctx.spanInExpr(expr, problem.from, problem.to), message: problem.message });
      }
    }
  };
}

/** Calls `visit` for every node of every parsed definition expression, with the series catalog. */
export function forEachNode(subject: CheckSubject, visit: (node: Expr, expr: PromqlText, catalog: Catalog) => void): void {
  const catalog = subject.expanded.catalog;
  for (const { expr, ast } of parsedExpressions(subject)) {
    if (!ast) continue;
    for (const node of walk(ast)) visit(node, expr, catalog);
  }
}
