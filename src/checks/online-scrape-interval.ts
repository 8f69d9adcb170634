import { substituteVariables, writtenOffset } from '../dashboards/variables.ts';
import type { PromqlText } from '../model/model.ts';
import { walk, type Expr } from '../promql/ast.ts';
import { matches } from '../online/series.ts';
import { formatDuration } from '../slo/math.ts';
import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';
import { RATE_FUNCTIONS } from './dashboard-rate-interval.ts';
import { dashboardExpressions, ruleExpressions } from './expressions.ts';

/**
 * rate() and its kin over a window shorter than 4 real scrape intervals of the job whose
 * series they read, in a rule or a dashboard: one missed scrape leaves fewer than two samples
 * and the result has gaps. dashboard/rate-interval checks against the configured interval;
 * this one against what the live Prometheus scrapes at, job by job.
 */
export const onlineScrapeInterval = modelCheck({
  id: 'online/scrape-interval',
  summary: 'A rate() window in a rule or dashboard is shorter than 4 scrape intervals of the job the live Prometheus scrapes its series from.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(subject, ctx) {
    const reachable = reachablePrometheus(subject.online);
    if (!reachable) return;
    const { prometheus, server } = reachable;
    /** `ast` parsed from `expr.text`, or from its variables-substituted form `written` maps back from. */
    const visit = (expr: PromqlText, ast: Expr | undefined, written: (offset: number) => number, isVariable: (from: number, to: number) => boolean) => {
      for (const node of ast ? walk(ast) : []) {
        if (node.kind !== 'call' || !RATE_FUNCTIONS.has(node.func.name)) continue;
        const matrix = node.args[0];
        if (matrix?.kind !== 'matrix' || matrix.vector.kind !== 'vector' || !matrix.vector.metric || matrix.range.ms === undefined) continue;
        if (isVariable(matrix.range.from, matrix.range.to)) continue; // [$__rate_interval] follows the real interval
        const selector = matrix.vector;
        const series = (prometheus.series.get(selector.metric?.name ?? '') ?? []).filter((s) => selector.matchers.every((m) => m.label.name === '__name__' || matches(m, s)));
        // The slowest job read sets the minimum window.
        const slowest = [...new Set(series.map((s) => s['job'] ?? ''))]
          .flatMap((job) => {
            const ms = prometheus.scrapeIntervals.get(job);
            return ms === undefined ? [] : [{ job, ms }];
          })
          .sort((a, b) => b.ms - a.ms)[0];
        if (!slowest || matrix.range.ms >= 4 * slowest.ms) continue;
        ctx.report({
          at: ctx.spanInExpr(expr, written(matrix.range.from), written(matrix.range.to)),
          message: `${node.func.name}() over ${matrix.range.text} sees fewer than 4 scrapes of job "${slowest.job}", which ${server} scrapes every ${formatDuration(slowest.ms / 1000)}; use at least [${formatDuration((4 * slowest.ms) / 1000)}]`,
        });
      }
    };
    for (const { expr, ast } of ruleExpressions(subject)) visit(expr, ast, (offset) => offset, () => false);
    for (const { expr } of dashboardExpressions(subject.model)) {
      const substituted = substituteVariables(expr.text);
      visit(
        expr,
        subject.expanded.expressions.ast(substituted.text),
        (offset) => writtenOffset(substituted, offset),
        (from, to) => substituted.variables.some((v) => v.from < to && v.to > from),
      );
    }
  },
});
