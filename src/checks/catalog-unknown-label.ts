import type { LabelRef } from '../promql/ast.ts';
import { resultLabels, type LabelSet } from '../promql/labels.ts';
import { modelCheck, type CheckContext } from './check.ts';
import { forEachNode } from './expressions.ts';
import { closest } from '../suggest.ts';
import type { PromqlText } from '../model/model.ts';
import { LABEL_STAND_IN } from '../dashboards/variables.ts';

/** Labels an expression names — in matchers, by/without, on/ignoring, group_x — must exist there. */
export const catalogUnknownLabel = modelCheck({
  id: 'catalog/unknown-label',
  summary: 'An expression names a label that the series it reads do not have.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind === 'vector' && node.metric) {
        const labels = catalog.get(node.metric.name)?.labels;
        const named = node.matchers.filter((m) => m.label.name !== '__name__').map((m) => m.label);
        check(ctx, expr, named, labels, `metric "${node.metric.name}"`);
      } else if (node.kind === 'aggregate' && node.grouping) {
        const input = node.args[node.args.length - 1];
        if (input) check(ctx, expr, node.grouping.labels, resultLabels(input, catalog), `the input of ${node.op.name}`);
      } else if (node.kind === 'binary' && node.matching) {
        const lhs = resultLabels(node.lhs, catalog);
        const rhs = resultLabels(node.rhs, catalog);
        const both = lhs === 'unknown' || rhs === 'unknown' ? 'unknown' : new Set([...lhs, ...rhs]);
        check(ctx, expr, node.matching.labels, both, 'either side of the operation');
        const oneSide = node.matching.group === 'left' ? rhs : lhs;
        if (node.matching.group) check(ctx, expr, node.matching.include, oneSide, `the "one" side of group_${node.matching.group}`);
      }
    });
  },
});

function check(ctx: CheckContext, expr: PromqlText, named: readonly LabelRef[], available: LabelSet | undefined, where: string): void {
  if (available === undefined || available === 'unknown') return;
  for (const label of named) {
    // A dashboard variable in a label list ($group) stands for whatever label the picker holds.
    if (available.has(label.name) || label.name === LABEL_STAND_IN) continue;
    const suggestion = closest(label.name, [...available]);
    const shown = [...available].filter((l) => l !== '__name__').sort();
    const has = shown.length > 0 ? `; it has ${shown.join(', ')}` : '; it has no labels';
    ctx.report({
      at: ctx.spanInExpr(expr, label.from, label.to),
      message: `${where} has no label "${label.name}"${suggestion ? ` (did you mean "${suggestion}"?)` : has}`,
    });
  }
}
