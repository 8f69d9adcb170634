/**
 * The series catalog: every series name an expression may select, with what monc knows about
 * it — the declared metric it comes from, how it behaves (counter or gauge), and the labels
 * it carries. Declared metrics, the series histograms and summaries expose, recording-rule
 * outputs and the series Prometheus writes itself all join it.
 */
import { toAst } from '../promql/ast.ts';
import { resultLabels, type LabelSet } from '../promql/labels.ts';
import { parsePromql } from '../promql/parse.ts';
import { BUILTIN_SERIES, TARGET_LABELS } from './conventions.ts';
import type { Metric, Model, RecordingRule } from './model.ts';
import { sloRecordingRules } from '../slo/rules.ts';

export type SeriesBehaviour = 'counter' | 'gauge' | 'unknown';

export interface SeriesInfo {
  readonly name: string;
  /** The declared metric, for its own series and its _bucket/_sum/_count series. */
  readonly metric: Metric | undefined;
  readonly rule: RecordingRule | undefined;
  readonly behaviour: SeriesBehaviour;
  /** Label names the series can carry, or 'unknown'. */
  readonly labels: LabelSet;
}

export interface Catalog {
  get(series: string): SeriesInfo | undefined;
  names(): readonly string[];
}

const catalogs = new WeakMap<Model, Catalog>();

export function catalogOf(model: Model): Catalog {
  let catalog = catalogs.get(model);
  if (!catalog) {
    catalog = buildCatalog(model);
    catalogs.set(model, catalog);
  }
  return catalog;
}

function buildCatalog(model: Model): Catalog {
  const entries = new Map<string, SeriesInfo>();
  const add = (info: SeriesInfo) => {
    if (!entries.has(info.name)) entries.set(info.name, info);
  };
  for (const name of BUILTIN_SERIES) {
    add({ name, metric: undefined, rule: undefined, behaviour: 'gauge', labels: name.startsWith('ALERTS') ? 'unknown' : new Set([...TARGET_LABELS, '__name__']) });
  }
  for (const metric of model.metrics) for (const info of seriesOf(metric)) add(info);
  // SLO rules record the same series names for every SLO: a name's labels are all of theirs.
  const rules = new Map<string, RecordingRule[]>();
  for (const rule of [...model.recordingRules, ...model.slos.flatMap(sloRecordingRules)]) rules.set(rule.record, [...(rules.get(rule.record) ?? []), rule]);
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
        const ast = toAst(parsePromql(rule.expr.text));
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

/** The series a metric exposes, with the labels of each (a histogram with buckets is classic: no bare series). */
export function seriesOf(metric: Metric): SeriesInfo[] {
  const labels = new Set([...metric.labels.map((l) => l.name), ...TARGET_LABELS, '__name__']);
  const base = { metric, rule: undefined };
  switch (metric.type) {
    case 'histogram':
      return [
        { ...base, name: `${metric.name}_bucket`, behaviour: 'counter', labels: new Set([...labels, 'le']) },
        { ...base, name: `${metric.name}_sum`, behaviour: 'counter', labels },
        { ...base, name: `${metric.name}_count`, behaviour: 'counter', labels },
      ];
    case 'summary':
      return [
        { ...base, name: metric.name, behaviour: 'gauge', labels: new Set([...labels, 'quantile']) },
        { ...base, name: `${metric.name}_sum`, behaviour: 'counter', labels },
        { ...base, name: `${metric.name}_count`, behaviour: 'counter', labels },
      ];
    case 'counter':
      return [{ ...base, name: metric.name, behaviour: 'counter', labels }];
    default:
      return [{ ...base, name: metric.name, behaviour: 'gauge', labels }];
  }
}
