import type { Alert } from '../model/model.ts';
import { resultLabels } from '../promql/labels.ts';
import { modelCheck } from './check.ts';
import { ruleExpressions, isAlert } from './expressions.ts';

/** `$labels.x`, `.Labels.x` and `index $labels "x"` in a template; group 1 or 2 is the name. */
const LABEL_REFERENCE = /(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)|index\s+(?:\$labels|\.Labels)\s+"([^"]+)"/g;

/**
 * A template can only show labels the alert's series carry: after `sum by (job)`, `$labels.pod`
 * renders as an empty string in the page someone reads at 3 a.m.
 */
export const catalogTemplateLabel = modelCheck({
  id: 'catalog/template-label',
  summary: "An alert template uses a label that the alert expression's result cannot carry.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    const catalog = subject.expanded.catalog;
    for (const { rule, ast } of ruleExpressions(subject)) {
      if (!ast || !isAlert(rule)) continue;
      const labels = resultLabels(ast, catalog);
      if (labels === 'unknown') continue;
      for (const { path, text } of templates(rule)) {
        for (const match of text.matchAll(LABEL_REFERENCE)) {
          const name = match[1] ?? match[2] ?? '';
          if (labels.has(name)) continue;
          const from = (match.index ?? 0) + match[0].lastIndexOf(name);
          const shown = [...labels].filter((l) => l !== '__name__').sort();
          const carried = shown.length > 0 ? `it carries ${shown.join(', ')}` : 'it carries no labels';
          ctx.report({
            at: ctx.spanInExpr({ text, origin: rule.origin.child(...path) }, from, from + name.length),
            message: `template uses label "${name}", which the result of the alert expression cannot carry (${carried})`,
          });
        }
      }
    }
  },
});

function templates(alert: Alert): { path: string[]; text: string }[] {
  const fields: { path: string[]; text: string }[] = [];
  if (alert.summary !== undefined) fields.push({ path: ['summary'], text: alert.summary });
  if (alert.description !== undefined) fields.push({ path: ['description'], text: alert.description });
  for (const [key, text] of Object.entries(alert.annotations)) fields.push({ path: ['annotations', key], text });
  for (const [key, text] of Object.entries(alert.labels)) fields.push({ path: ['labels', key], text });
  return fields;
}
