/**
 * Stand-in exporters for the seed's scrape jobs: one prom-client registry per service on
 * 127.0.0.1 exposing every metric the catalog declares for it, with series for every selector
 * of the definitions' queries, so that a lint against the Prometheus scraping them is clean
 * when the definitions are right, and each drift injected here is the one finding it should be.
 *
 * The series of a metric: one with every declared label at its default value, plus one per
 * selector of the metric in the definitions (rules, SLI queries, dashboards), whose matchers
 * pick the values: a declared value the matcher accepts, else a value built from its regex.
 * Every series carries every declared label, so none is "declared but absent"; `le` and
 * `quantile` are prom-client's, and `job`/`instance` the scrape's.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { definitionExpressions } from '../../src/checks/expressions.ts';
import { hasGrafanaVariable } from '../../src/dashboards/variables.ts';
import type { Label, Metric, Model } from '../../src/model/model.ts';
import { type LabelMatcher, walk } from '../../src/promql/ast.ts';
import { parsePromql } from '../../src/promql/parse.ts';
import { matchesValue } from '../../src/routing/matchers.ts';

type LabelSet = Record<string, string>;

/** Labels an exporter never sets itself. */
const NOT_EXPOSED = new Set(['le', 'quantile', 'job', 'instance', '__name__']);
const SERIES_SUFFIXES = ['_bucket', '_sum', '_count'];

/** The declared metric a selector's series name belongs to (a histogram's _bucket series → the histogram). */
function metricOfSeries(model: Model, name: string): Metric | undefined {
  const direct = model.metricsByName.get(name);
  if (direct) return direct;
  const suffix = SERIES_SUFFIXES.find((s) => name.endsWith(s));
  const base = suffix === undefined ? undefined : model.metricsByName.get(name.slice(0, -suffix.length));
  return base?.type === 'histogram' || base?.type === 'summary' ? base : undefined;
}

/** Every selector of the definitions' queries, by the declared metric it selects. */
function selectorsByMetric(model: Model): Map<string, LabelMatcher[][]> {
  const selectors = new Map<string, LabelMatcher[][]>();
  for (const expr of definitionExpressions(model)) {
    const { ast } = parsePromql(expr.text);
    if (!ast) throw new Error(`a definitions query does not parse: ${expr.text}`);
    for (const node of walk(ast)) {
      if (node.kind !== 'vector' || !node.metric) continue;
      const metric = metricOfSeries(model, node.metric.name);
      if (!metric) continue;
      const list = selectors.get(metric.name) ?? [];
      list.push(node.matchers.filter((m) => !NOT_EXPOSED.has(m.label.name) && !hasGrafanaVariable(m.value)));
      selectors.set(metric.name, list);
    }
  }
  return selectors;
}

/**
 * A string the regex matches, for the regexes selectors and label patterns use: literals,
 * escapes, `.`, classes, groups with alternatives (the first non-empty one) and quantifiers
 * (their minimum: none for `*` and `?`, one for `+`). Callers check the result with RE2.
 */
export function regexExample(pattern: string): string {
  let i = 0;
  const alternatives = (): string => {
    const options: string[] = [sequence()];
    while (pattern[i] === '|') {
      i++;
      options.push(sequence());
    }
    return options.find((o) => o !== '') ?? '';
  };
  const sequence = (): string => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const piece = atom();
      const quantifier = pattern[i];
      if (quantifier === '*' || quantifier === '?') {
        i++;
        if (pattern[i] === '?') i++;
        continue;
      }
      if (quantifier === '+') {
        i++;
        if (pattern[i] === '?') i++;
        out += piece;
        continue;
      }
      if (quantifier === '{') {
        const close = pattern.indexOf('}', i);
        const min = Number(pattern.slice(i + 1, close).split(',')[0]);
        i = close + 1;
        out += piece.repeat(min);
        continue;
      }
      out += piece;
    }
    return out;
  };
  const atom = (): string => {
    const c = pattern[i++] ?? '';
    if (c === '(') {
      if (pattern[i] === '?') i = pattern.indexOf(':', i) + 1;
      const inner = alternatives();
      i++; // ')'
      return inner;
    }
    if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      const body = pattern.slice(i, close);
      i = close + 1;
      if (body.startsWith('^')) return 'x';
      return body.startsWith('\\') ? (body[1] === 'd' ? '0' : (body[1] ?? '')) : (body[0] ?? '');
    }
    if (c === '\\') {
      const e = pattern[i++] ?? '';
      return ({ d: '0', w: 'a', s: ' ' } as Record<string, string>)[e] ?? e;
    }
    if (c === '.') return '0';
    if (c === '^' || c === '$') return '';
    return c;
  };
  return alternatives();
}

/** Values worth trying for a label, best first: its declared values, then one from its pattern, then made up. */
function candidates(label: Label, matcher: LabelMatcher | undefined): string[] {
  return [
    ...(label.values ?? []),
    ...(matcher && (matcher.op === '=' || matcher.op === '=~') ? [matcher.op === '=' ? matcher.value : regexExample(matcher.value)] : []),
    ...(label.pattern === undefined ? [] : [regexExample(label.pattern)]),
    `${label.name}-1`,
    `${label.name}-2`,
  ].filter((v) => v !== '');
}

/** One series of `metric` satisfying `matchers` (every declared label set). */
function seriesFor(metric: Metric, matchers: readonly LabelMatcher[]): LabelSet {
  const labels: LabelSet = {};
  for (const label of metric.labels) {
    const own = matchers.filter((m) => m.label.name === label.name);
    const value = candidates(label, own[0]).find((v) => own.every((m) => matchesValue(m, v)));
    if (value === undefined) throw new Error(`no value of ${metric.name}'s label ${label.name} satisfies ${own.map((m) => `${m.label.name}${m.op}"${m.value}"`).join(', ')}`);
    labels[label.name] = value;
  }
  return labels;
}

/** The label sets each declared metric of the model is exposed with, by metric name. */
export function exposedSeries(model: Model): Map<string, LabelSet[]> {
  const selectors = selectorsByMetric(model);
  const exposed = new Map<string, LabelSet[]>();
  for (const metric of model.metrics) {
    const sets = [seriesFor(metric, []), ...(selectors.get(metric.name) ?? []).map((matchers) => seriesFor(metric, matchers))];
    exposed.set(metric.name, [...new Map(sets.map((s) => [JSON.stringify(s), s])).values()]);
  }
  return exposed;
}

/** A change to what the exporters expose, as an exporter upgrade would make. */
export interface ExposureDrift {
  /** The metric exposed under another name. */
  readonly rename?: { readonly from: string; readonly to: string };
  /** Every series of the metric gains a label the catalog does not declare. */
  readonly extraLabel?: { readonly metric: string; readonly label: string; readonly value: string };
}

export type PromMetric = Counter<string> | Gauge<string> | Histogram<string> | Summary<string>;

/**
 * A prom-client metric for a declared one, registered in `registry`: named, labelled and
 * bucketed as the catalog says, unless `as` renames it or adds labels.
 */
export function promMetric(metric: Metric, registry: Registry, as: { readonly name?: string; readonly extraLabels?: readonly string[] } = {}): PromMetric {
  const common = { name: as.name ?? metric.name, help: metric.help, labelNames: [...metric.labels.map((l) => l.name), ...(as.extraLabels ?? [])], registers: [registry] };
  if (metric.type === 'counter') return new Counter(common);
  // The text format has no info type: an info metric is a gauge at 1, as exporters write it.
  if (metric.type === 'gauge' || metric.type === 'info') return new Gauge(common);
  if (metric.type === 'histogram' && !metric.native) return new Histogram({ ...common, buckets: [...(metric.buckets ?? [0.1, 1, 10])] });
  if (metric.type === 'summary') return new Summary(common);
  throw new Error(`${metric.name}: a ${metric.native ? 'native ' : ''}${metric.type} is not something prom-client exposes here`);
}

/** The registry of `service`'s declared metrics, each series once (a count of 1, a gauge at 1, one fast observation), with `drift` applied. */
function serviceRegistry(model: Model, service: string, series: ReadonlyMap<string, LabelSet[]>, drift: ExposureDrift): Registry {
  const registry = new Registry();
  for (const metric of model.metrics) {
    if (metric.service !== service) continue;
    const extra = drift.extraLabel?.metric === metric.name ? drift.extraLabel : undefined;
    const exposed = promMetric(metric, registry, {
      ...(drift.rename?.from === metric.name ? { name: drift.rename.to } : {}),
      ...(extra ? { extraLabels: [extra.label] } : {}),
    });
    for (const set of series.get(metric.name) ?? []) {
      const labels = extra ? { ...set, [extra.label]: extra.value } : set;
      if (exposed instanceof Counter) exposed.inc(labels);
      else if (exposed instanceof Gauge) exposed.set(labels, 1);
      else exposed.observe(labels, 0.05);
    }
  }
  return registry;
}

export interface Exporters {
  /** `127.0.0.1:PORT` of each service's exporter. */
  readonly addresses: ReadonlyMap<string, string>;
  /** The label sets exposed per declared metric (before any drift). */
  readonly series: ReadonlyMap<string, readonly LabelSet[]>;
  /** From the next scrape on, every exporter exposes with `drift` applied. */
  setDrift(drift: ExposureDrift): void;
  close(): Promise<void>;
}

/** An exporter on 127.0.0.1 for each of `services`, serving its metrics on any path (a job may set metrics_path). */
export async function startExporters(model: Model, services: readonly string[]): Promise<Exporters> {
  const series = exposedSeries(model);
  let registries = new Map(services.map((s) => [s, serviceRegistry(model, s, series, {})]));
  const servers: HttpServer[] = [];
  const addresses = new Map<string, string>();
  try {
    for (const service of services) {
      const http = createServer((_req, res) => {
        const registry = registries.get(service) as Registry;
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
      });
      servers.push(http);
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(0, '127.0.0.1', () => resolve());
      });
      const address = http.address();
      if (typeof address !== 'object' || address === null) throw new Error('startExporters: no address');
      addresses.set(service, `127.0.0.1:${address.port}`);
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return {
    addresses,
    series,
    setDrift(drift) {
      registries = new Map(services.map((s) => [s, serviceRegistry(model, s, series, drift)]));
    },
    close: () => closeAll(servers),
  };
}

async function closeAll(servers: readonly HttpServer[]): Promise<void> {
  await Promise.all(
    servers.map((http) => {
      const done = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      return done;
    }),
  );
}
