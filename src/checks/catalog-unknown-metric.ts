import { BUILTIN_SERIES, exposedSeries } from '../model/conventions.ts';
import type { Model } from '../model/model.ts';
import { parsePromql, vectorSelectors } from '../promql/parse.ts';
import type { ModelCheck } from './check.ts';

/** Every metric an expression selects must be declared, recorded, or built in. */
export const catalogUnknownMetric: ModelCheck = {
  id: 'catalog/unknown-metric',
  summary: 'An expression selects a metric that no definition declares.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(model, ctx) {
    const known = knownSeries(model);
    for (const expr of [...model.alerts, ...model.recordingRules].map((rule) => rule.expr)) {
      const parsed = parsePromql(expr.text);
      if (parsed.error) continue;
      for (const selector of vectorSelectors(parsed)) {
        if (selector.name === undefined || known.has(selector.name)) continue;
        const suggestion = closest(selector.name, known);
        ctx.report({
          at: ctx.spanInExpr(expr, selector.from, selector.to),
          message: `unknown metric "${selector.name}"${suggestion ? `; did you mean "${suggestion}"?` : '; declare it in a service or a Metrics file'}`,
        });
      }
    }
  },
};

function knownSeries(model: Model): Set<string> {
  return new Set<string>([
    ...BUILTIN_SERIES,
    ...model.metrics.flatMap((metric) => exposedSeries(metric.name, metric.type)),
    ...model.recordingRules.map((rule) => rule.record),
  ]);
}

function closest(name: string, candidates: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
