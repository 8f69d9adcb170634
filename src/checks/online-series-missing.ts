import { hasGrafanaVariable } from '../dashboards/variables.ts';
import { ago, matches, valuesOf } from '../online/series.ts';
import { closest } from '../suggest.ts';
import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';
import { forEachNode } from './expressions.ts';

/**
 * A selector over a declared metric that matches no series on the live Prometheus: the metric
 * has no series now (it never had one, or it disappeared some time ago, e.g. renamed by an
 * exporter upgrade), or it has series but none with the selector's labels.
 */
export const onlineSeriesMissing = modelCheck({
  id: 'online/series-missing',
  summary: 'A selector over a declared metric matches no series on the live Prometheus.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run(subject, ctx) {
    const reachable = reachablePrometheus(subject.online);
    if (!reachable) return;
    const { prometheus, server } = reachable;
    forEachNode(subject, (node, expr, catalog) => {
      if (node.kind !== 'vector' || !node.metric || catalog.get(node.metric.name)?.metric === undefined) return;
      const name = node.metric.name;
      const series = prometheus.series.get(name);
      if (series === undefined) return;
      if (series.length === 0) {
        const last = prometheus.lastSeen.get(name);
        const known = prometheus.metricNames.includes(name);
        const guess = closest(name, prometheus.metricNames.filter((n) => n !== name));
        const why = last !== undefined ? `its last sample was ${ago(prometheus.time - last)} ago` : known ? 'it has had none in the lookback' : 'it has never had one';
        ctx.report({
          at: ctx.spanInExpr(expr, node.metric.from, node.metric.to),
          message: `"${name}" has no series on ${server}: ${why}${guess ? `; did you mean "${guess}"?` : ''}`,
        });
        return;
      }
      // A dashboard variable's value is picked by whoever views the dashboard.
      const matchers = node.matchers.filter((m) => m.label.name !== '__name__' && !hasGrafanaVariable(m.value));
      if (series.some((s) => matchers.every((m) => matches(m, s)))) return;
      // Point at the first matcher that no series satisfies, else the selector as a whole.
      const culprit = matchers.find((m) => !series.some((s) => matches(m, s)));
      const label = culprit?.label.name;
      const values = label === undefined ? [] : valuesOf(label, series);
      const hint = label === undefined ? '' : values.length === 0 ? `; its series have no label "${label}"` : `; "${label}" takes ${values.slice(0, 8).map((v) => `"${v}"`).join(', ')}${values.length > 8 ? ', …' : ''}`;
      ctx.report({
        at: culprit ? ctx.spanInExpr(expr, culprit.from, culprit.to) : ctx.spanInExpr(expr, node.from, node.to),
        message: `${expr.text.slice(node.from, node.to)} matches none of the ${series.length} series of "${name}" on ${server}${hint}`,
      });
    });
  },
});
