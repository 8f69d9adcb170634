import { hasGrafanaVariable } from '../dashboards/variables.ts';
import type { Label } from '../model/model.ts';
import { anchoredRegex, re2Error } from '../promql/regex.ts';
import { modelCheck } from './check.ts';
import { forEachNode } from './expressions.ts';

/** A matcher that can never match: its value is outside the label's declared domain. */
export const catalogLabelValue = modelCheck({
  id: 'catalog/label-value',
  summary: "A label matcher's value is outside the values the label is declared to take.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(subject, ctx) {
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind !== 'vector' || !node.metric) return;
      const info = catalog.get(node.metric.name);
      const metric = info?.metric;
      const isBucket = metric?.type === 'histogram' && node.metric.name === `${metric.name}_bucket`;
      for (const matcher of node.matchers) {
        const label =
          isBucket && matcher.label.name === 'le' && metric?.buckets ? bucketLabel(metric.buckets) : metric?.labels.find((l) => l.name === matcher.label.name);
        // An empty value selects series without the label; negations select almost anything;
        // a Grafana variable ($job) takes its values from the dashboard; a label the scrape job
        // rewrites holds what the job writes, not the declared values.
        if (!label || matcher.value === '' || matcher.op === '!=' || matcher.op === '!~' || hasGrafanaVariable(matcher.value) || info?.rewritten?.has(label.name)) continue;
        const problem = matcher.op === '=' ? outsideForEquals(label, matcher.value) : outsideForRegex(label, matcher.value);
        if (problem) ctx.report({ at: ctx.spanInExpr(expr, matcher.valueRange.from, matcher.valueRange.to), message: problem });
      }
    });
  },
});

/** The le label of a histogram's buckets: its bounds and +Inf, as Prometheus 2 and 3 write them. */
function bucketLabel(buckets: readonly number[]): Label {
  const values = [...buckets.flatMap((b) => (Number.isInteger(b) ? [String(b), `${b}.0`] : [String(b)])), '+Inf'];
  return { name: 'le', description: undefined, values, maxValues: undefined, pattern: undefined };
}

function outsideForEquals(label: Label, value: string): string | undefined {
  if (label.name === 'le' && label.values?.some((v) => Number(v) === Number(value))) return undefined;
  if (label.values && !label.values.includes(value)) {
    return `"${value}" is not a value of label "${label.name}" (declared values: ${label.values.join(', ')})`;
  }
  const pattern = label.pattern === undefined ? undefined : anchoredRegex(label.pattern);
  if (pattern && !pattern.matches(value)) return `"${value}" does not match the pattern of label "${label.name}" (${label.pattern})`;
  return undefined;
}

function outsideForRegex(label: Label, value: string): string | undefined {
  // Not RE2 (promql/regex reports it): a JS reading of it proves nothing.
  if (re2Error(value) !== undefined) return undefined;
  const regex = anchoredRegex(value);
  if (!regex || !label.values || label.values.some((v) => regex.matches(v))) return undefined;
  return `/${value}/ matches none of the values of label "${label.name}" (declared values: ${label.values.join(', ')})`;
}

