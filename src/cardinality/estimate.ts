/**
 * Cardinality estimates from the declared catalog, before anything is deployed. A metric's
 * series = instances × the product of its label domains × series per label set (a classic
 * histogram: one per bucket, +Inf, _sum and _count). A rule's output = the product of the
 * domains of the labels its result keeps. `undefined` where a label has no bound.
 */
import type { Catalog } from '../model/catalog.ts';
import type { Alert, Label, Metric, Model, RecordingRule, Service } from '../model/model.ts';
import { walk } from '../promql/ast.ts';
import { resultLabels } from '../promql/labels.ts';
import type { ParsedExpressions } from '../promql/parsed-expressions.ts';

export interface LabelEstimate {
  readonly name: string;
  readonly values: number | undefined;
}

export interface MetricEstimate {
  readonly metric: Metric;
  readonly instances: number;
  readonly labels: readonly LabelEstimate[];
  /** Series per label combination: buckets + 3 for a classic histogram, 3 for a summary. */
  readonly seriesPerLabelSet: number;
  readonly series: number | undefined;
}

export interface RuleEstimate {
  readonly rule: Alert | RecordingRule;
  readonly labels: readonly LabelEstimate[] | undefined;
  readonly series: number | undefined;
}

export interface ServiceEstimate {
  readonly name: string;
  readonly series: number | undefined;
}

export interface CardinalityReport {
  readonly metrics: readonly MetricEstimate[];
  readonly services: readonly ServiceEstimate[];
  readonly total: number | undefined;
  readonly rules: readonly RuleEstimate[];
}

export function labelValues(label: Label): number | undefined {
  return label.values?.length ?? label.maxValues;
}

/** The written rules' outputs are estimated; the SLO rules' are small by construction. */
export function estimateCardinality(model: Model, catalog: Catalog, expressions: ParsedExpressions): CardinalityReport {
  const instancesOf = new Map(model.services.map((s) => [s.name, s.instances]));
  const metrics = model.metrics.map((metric): MetricEstimate => {
    const instances = metric.service === undefined ? 1 : (instancesOf.get(metric.service) ?? 1);
    const labels = metric.labels.map((label) => ({ name: label.name, values: labelValues(label) }));
    const seriesPerLabelSet = metric.type === 'histogram' ? (metric.buckets?.length ?? 10) + 3 : metric.type === 'summary' ? 3 : 1;
    return { metric, instances, labels, seriesPerLabelSet, series: product([instances, seriesPerLabelSet, ...labels.map((l) => l.values)]) };
  });
  const byService = groupBy(metrics, (m) => m.metric.service);
  const services = model.services.map((service) => ({ name: service.name, series: sum((byService.get(service.name) ?? []).map((m) => m.series)) }));
  const context: RuleContext = {
    catalog,
    expressions,
    metricEstimates: new Map(metrics.map((m) => [m.metric, m])),
    scrapedByJob: groupBy(
      model.services.filter((s) => s.scrape),
      (s) => s.scrape?.job,
    ),
  };
  return {
    metrics,
    services,
    total: sum(metrics.map((m) => m.series)),
    rules: [...model.recordingRules, ...model.alerts].map((rule) => ruleEstimate(rule, context)),
  };
}

/** What every rule's estimate reads, indexed once. */
interface RuleContext {
  readonly catalog: Catalog;
  readonly expressions: ParsedExpressions;
  readonly metricEstimates: ReadonlyMap<Metric, MetricEstimate>;
  /** Scraped services by job, in model order. */
  readonly scrapedByJob: ReadonlyMap<string | undefined, readonly Service[]>;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function ruleEstimate(rule: Alert | RecordingRule, { catalog, expressions, metricEstimates, scrapedByJob }: RuleContext): RuleEstimate {
  const ast = expressions.ast(rule.expr.text);
  const labels = ast ? resultLabels(ast, catalog) : 'unknown';
  if (!ast || labels === 'unknown') return { rule, labels: undefined, series: undefined };
  // The metrics the rule reads, through the recording rules it reads.
  const read = new Set<Metric>();
  /** Services whose targets the rule reads through up and scrape_* (narrowed by job="…"). */
  const targets = new Set<Service>();
  const visit = (text: string, depth: number) => {
    const tree = expressions.ast(text);
    for (const node of tree ? walk(tree) : []) {
      if (node.kind !== 'vector' || !node.metric) continue;
      const info = catalog.get(node.metric.name);
      if (info?.metric) read.add(info.metric);
      else if (info?.rule && depth < 10) visit(info.rule.expr.text, depth + 1);
      // up and scrape_*: one series per scrape target, of the job a job="…" matcher names
      else if (info) {
        const job = node.matchers.find((m) => m.label.name === 'job' && m.op === '=')?.value;
        const services = job === undefined ? [...scrapedByJob.values()].flat() : (scrapedByJob.get(job) ?? []);
        for (const service of services) targets.add(service);
      }
    }
  };
  visit(rule.expr.text, 0);
  const readEstimates = [...read].flatMap((metric) => metricEstimates.get(metric) ?? []);
  const domain = (name: string): number | undefined =>
    targets.size > 0 && name === 'instance'
      ? Math.max(1, [...targets].reduce((total, s) => total + s.instances, 0))
      : targets.size > 0 && name === 'job'
        ? targets.size
        : domainOf(name, readEstimates);
  // A target (instance) belongs to one job, so with instance kept, job adds no series.
  // The metric name is one value per selected metric: it multiplies nothing worth showing.
  const estimates = [...labels]
    .filter((name) => name !== '__name__')
    .sort()
    .map((name): LabelEstimate => ({ name, values: name === 'job' && labels.has('instance') ? 1 : domain(name) }));
  return { rule, labels: estimates, series: product(estimates.map((l) => l.values)) };
}

/** The number of values a label takes across the metrics an expression reads. */
function domainOf(label: string, read: readonly MetricEstimate[]): number | undefined {
  if (label === 'instance') {
    const perService = new Map(read.map((m) => [m.metric.service, m.instances]));
    return Math.max(1, sum([...perService.values()]) ?? 1);
  }
  if (label === 'job') return Math.max(1, new Set(read.map((m) => m.metric.service)).size);
  if (label === 'le') return Math.max(1, ...read.map((m) => (m.metric.type === 'histogram' ? (m.metric.buckets?.length ?? 10) + 1 : 1)));
  const sizes = read.flatMap((m) => m.labels.filter((l) => l.name === label).map((l) => l.values));
  if (sizes.length === 0 || sizes.some((s) => s === undefined)) return undefined;
  return Math.max(...(sizes as number[]));
}

function product(values: readonly (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, b) => a * (b ?? 1), 1);
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, b) => a + (b ?? 0), 0);
}
