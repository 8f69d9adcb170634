/**
 * Builds the series catalog (model/catalog.ts): declared metrics, the series histograms and
 * summaries expose, recording-rule outputs (written and generated) and the series Prometheus
 * writes itself.
 */
import { BUILTIN_SERIES, TARGET_LABELS } from '../model/conventions.ts';
import { seriesOf, type Catalog, type SeriesInfo } from '../model/catalog.ts';
import type { Model, RecordingRule } from '../model/model.ts';
import { targetLabels } from '../model/relabel.ts';
import { resultLabels, type LabelSet } from '../promql/labels.ts';
import type { ParsedExpressions } from '../promql/parsed-expressions.ts';
import { appendTo } from '../collections.ts';

/**
 * The labels of the series Prometheus writes for every target (up, scrape_duration_seconds, …):
 * job and instance, and whatever each job's relabel_configs add. metric_relabel_configs do not
 * touch them.
 */
function jobTargetLabels(model: Model): LabelSet {
  const perJob = model.services.flatMap((service) => (service.scrape ? [targetLabels(service.scrape)] : []));
  if (perJob.includes('unknown')) return 'unknown';
  return new Set([...TARGET_LABELS, ...perJob.flatMap((labels) => [...labels])]);
}

export function buildCatalog(model: Model, generatedRules: readonly RecordingRule[], expressions: ParsedExpressions): Catalog {
  const entries = new Map<string, SeriesInfo>();
  const add = (info: SeriesInfo) => {
    if (!entries.has(info.name)) entries.set(info.name, info);
  };
  const targets = jobTargetLabels(model);
  for (const name of BUILTIN_SERIES) {
    add({ name, metric: undefined, rule: undefined, behaviour: 'gauge', labels: name.startsWith('ALERTS') || targets === 'unknown' ? 'unknown' : new Set([...targets, '__name__']) });
  }
  const scrapes = new Map(model.services.map((service) => [service.name, service.scrape]));
  for (const metric of model.metrics) for (const info of seriesOf(metric, metric.service === undefined ? undefined : scrapes.get(metric.service))) add(info);
  // SLO rules record the same series names for every SLO: a name's labels are all of theirs.
  const rules = new Map<string, RecordingRule[]>();
  for (const rule of [...model.recordingRules, ...generatedRules]) appendTo(rules, rule.record, rule);
  const resolving = new Set<string>();
  // Recording rules are resolved on demand: a rule's labels depend on the series it reads.
  const catalog: Catalog = {
    get(series) {
      const known = entries.get(series);
      if (known) return known;
      const recorded = rules.get(series);
      const first = recorded?.[0];
      if (!recorded || !first || resolving.has(series)) return undefined;
      resolving.add(series);
      const labelSets = recorded.map((rule): LabelSet => {
        const ast = expressions.ast(rule.expr.text);
        const labels = ast ? resultLabels(ast, catalog) : 'unknown';
        return labels === 'unknown' ? labels : new Set([...labels, ...Object.keys(rule.labels), '__name__']);
      });
      resolving.delete(series);
      const info: SeriesInfo = {
        name: series,
        metric: undefined,
        rule: first,
        behaviour: 'gauge',
        labels: labelSets.some((l) => l === 'unknown') ? 'unknown' : new Set(labelSets.flatMap((l) => [...l])),
      };
      entries.set(series, info);
      return info;
    },
    names() {
      return [...new Set([...entries.keys(), ...rules.keys()])].sort();
    },
  };
  return catalog;
}
