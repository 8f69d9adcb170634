import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';
import { isAlert } from './expressions.ts';

/**
 * What one evaluation of an alert or recording rule costs on the live Prometheus, against
 * online.queryCostBudget, for every rule monc writes (an SLO's at the SLO): the samples it loads (the query stats) and the series its
 * selectors select. Prometheus pays it at every evaluation interval, for every rule.
 */
export const onlineQueryCost = modelCheck({
  id: 'online/query-cost',
  summary: 'An alert or recording rule loads more samples or selects more series on the live Prometheus than the query cost budget allows.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(subject, ctx) {
    const reachable = reachablePrometheus(subject.online);
    if (!reachable) return;
    const { prometheus, server } = reachable;
    const budget = subject.model.online.queryCostBudget;
    const written = new Set<unknown>([...subject.model.recordingRules, ...subject.model.alerts]);
    for (const rule of subject.expanded.rules) {
      const expr = rule.expr;
      const cost = prometheus.queryCost.get(expr.text);
      if (cost === undefined) continue;
      const what = isAlert(rule) ? `alert ${rule.name}` : `recording rule ${rule.record}`;
      // A generated rule's text is nowhere in the definitions: its SLO's name stands for it.
      // Resolved only for a finding: a position in a TS file costs loading TypeScript.
      const at = () => (written.has(rule) ? ctx.spanInExpr(expr, 0, expr.text.length) : rule.origin.at('name'));
      if ('failure' in cost) {
        // A query slower than the time limit is the costliest kind; other errors are promql/*'s to report.
        if (cost.failure.kind === 'timeout') ctx.report({ at: at(), message: `the query of ${what} did not finish on ${server}: ${cost.failure.message}` });
        continue;
      }
      const over = [
        ...(cost.samples > budget.samples ? [`loads ${cost.samples} samples (peak ${cost.peakSamples} in memory), over the budget of ${budget.samples}`] : []),
        ...(cost.series > budget.series ? [`selects ${cost.series} series, over the budget of ${budget.series}`] : []),
      ];
      if (over.length === 0) continue;
      ctx.report({
        at: at(),
        message: `one evaluation of ${what} on ${server} ${over.join(' and ')}; narrow its selectors, shorten its ranges, or read a recording rule (online.queryCostBudget sets the budget)`,
      });
    }
  },
});
