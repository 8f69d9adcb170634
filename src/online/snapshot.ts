/**
 * Online mode's data: what `monc lint --prometheus` asks a live server for (the request,
 * derived from the definitions) and what it got back (the snapshot, plain data). io/ fetches
 * the snapshot; the online checks (src/checks/online-*.ts) only read it, so they stay pure.
 */
import type { Expanded } from '../expand/expand.ts';
import type { Model, OnlineServer } from '../model/model.ts';
import { walk } from '../promql/ast.ts';

/** A server to read, with the settings the fetch needs. */
export interface ServerRequest {
  readonly server: OnlineServer;
  /** The URL: the command line's, else the config's. */
  readonly url: string;
  /** The flag that gave the URL; undefined when the config did. */
  readonly flag: '--prometheus' | '--alertmanager' | undefined;
}

export interface SnapshotRequest {
  readonly prometheus: ServerRequest | undefined;
  readonly alertmanager?: ServerRequest | undefined;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly lookbackMs: number;
  /** The series names the definitions declare: only these are asked for. */
  readonly metrics: readonly string[];
  /** The alert and recording rule queries whose cost is measured (online/query-cost). */
  readonly ruleQueries: readonly RuleQuery[];
}

/** A rule's query, with what the series it touches are asked by. */
export interface RuleQuery {
  readonly expr: string;
  /** Its vector selectors' text, each a `match[]` of /api/v1/series. */
  readonly selectors: readonly string[];
  /** How far back it reads (its longest range or subquery window), which the series request covers. */
  readonly rangeMs: number;
}

/** What one evaluation of a rule's query cost: the samples it loaded and the series it selected; or why that is unknown. */
export type QueryCost = { readonly samples: number; readonly peakSamples: number; readonly series: number } | { readonly failure: EndpointFailure };

/** The command line's server URLs, which replace the config's. */
export interface OnlineUrls {
  readonly prometheus?: string | undefined;
  readonly alertmanager?: string | undefined;
}

/** Why an endpoint gave nothing: `missing` is a server without that API (Thanos, Mimir lack some). */
export interface EndpointFailure {
  readonly endpoint: string;
  readonly kind: 'unreachable' | 'timeout' | 'missing' | 'error';
  readonly message: string;
}

/** One series' labels, `__name__` left out. */
export type SeriesLabels = Readonly<Record<string, string>>;

export interface PrometheusSnapshot {
  readonly request: ServerRequest;
  /** Set when the server did not answer in time, or not as a Prometheus API: nothing else was fetched. */
  readonly unreachable: EndpointFailure | undefined;
  /** Unix milliseconds when the snapshot was taken: "now" for the checks. */
  readonly time: number;
  /** Every metric name the server has data for (within its retention). */
  readonly metricNames: readonly string[];
  /**
   * The series of each requested metric seen in the last 5 minutes; a metric whose series
   * could not be fetched is absent (its failure is in `failures`).
   */
  readonly series: ReadonlyMap<string, readonly SeriesLabels[]>;
  /** For a requested metric the server has data for but no series now: its last sample (Unix ms) within the lookback, or undefined. */
  readonly lastSeen: ReadonlyMap<string, number | undefined>;
  /** The endpoints that gave nothing: the checks that need them are skipped (online/skipped). */
  readonly failures: readonly EndpointFailure[];
  /**
   * The scrape interval (ms) of each job the requested metrics' series carry: from the active
   * targets, else from the loaded config's scrape_configs (a job without targets right now).
   */
  readonly scrapeIntervals: ReadonlyMap<string, number>;
  /** The cost of each requested rule query, by its text. */
  readonly queryCost: ReadonlyMap<string, QueryCost>;
  /** The rule groups the server has loaded (/api/v1/rules); absent when that endpoint failed. */
  readonly rules?: readonly LoadedRuleGroup[] | undefined;
}

/** A rule group as Prometheus loaded it: its expressions as Prometheus prints them. */
export interface LoadedRuleGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly LoadedRule[];
}

export interface LoadedRule {
  readonly kind: 'alert' | 'record';
  /** The alert name, or the recorded series. */
  readonly name: string;
  readonly expr: string;
  /** `for`, in seconds (0 for a recording rule). */
  readonly forSeconds: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface AlertmanagerSnapshot {
  readonly request: ServerRequest;
  /** Set when the server did not answer in time, or not as an Alertmanager v2 API. */
  readonly unreachable: EndpointFailure | undefined;
  /** The running configuration (/api/v2/status config.original), parsed from its YAML. */
  readonly config: unknown;
}

/** The endpoints each online check reads, for online/skipped. */
export const ENDPOINTS_OF_CHECK: Readonly<Record<string, readonly string[]>> = {
  'online/series-missing': ['/api/v1/query'],
  'online/labels': ['/api/v1/query'],
  'online/cardinality': ['/api/v1/query'],
  'online/query-cost': ['/api/v1/query', '/api/v1/series', '/api/v1/query?stats=all'],
  'online/scrape-interval': ['/api/v1/query', '/api/v1/status/config'],
  'online/rules-drift': ['/api/v1/rules'],
};

export interface OnlineSnapshot {
  readonly prometheus: PrometheusSnapshot | undefined;
  readonly alertmanager?: AlertmanagerSnapshot | undefined;
}

/**
 * The Prometheus snapshot the online checks read, and how their messages name the server;
 * undefined when no server was asked or it did not answer (online/unreachable says so).
 */
export function reachablePrometheus(online: OnlineSnapshot | undefined): { readonly prometheus: PrometheusSnapshot; readonly server: string } | undefined {
  const prometheus = online?.prometheus;
  if (!prometheus || prometheus.unreachable) return undefined;
  return { prometheus, server: `Prometheus at ${prometheus.request.url}` };
}

/** What to fetch for these definitions, or undefined when no server URL is set. */
export function snapshotRequest(model: Model, expanded: Expanded, urls: OnlineUrls): SnapshotRequest | undefined {
  const online = model.online;
  const prometheusUrl = urls.prometheus ?? online.prometheus.url;
  const alertmanagerUrl = urls.alertmanager ?? online.alertmanager.url;
  if (prometheusUrl === undefined && alertmanagerUrl === undefined) return undefined;
  const metrics = expanded.catalog
    .names()
    .filter((name) => expanded.catalog.get(name)?.metric !== undefined)
    .sort();
  return {
    prometheus: prometheusUrl === undefined ? undefined : { server: online.prometheus, url: prometheusUrl.replace(/\/+$/, ''), flag: urls.prometheus === undefined ? undefined : '--prometheus' },
    alertmanager: alertmanagerUrl === undefined ? undefined : { server: online.alertmanager, url: alertmanagerUrl.replace(/\/+$/, ''), flag: urls.alertmanager === undefined ? undefined : '--alertmanager' },
    timeoutMs: online.timeoutMs,
    concurrency: online.concurrency,
    lookbackMs: online.lookbackMs,
    metrics,
    ruleQueries: ruleQueries(expanded),
  };
}

function ruleQueries(expanded: Expanded): RuleQuery[] {
  const texts = new Set(expanded.rules.map((rule) => rule.expr.text));
  return [...texts].flatMap((expr) => {
    const ast = expanded.expressions.ast(expr);
    if (!ast) return [];
    const nodes = [...walk(ast)];
    const selectors = new Set(nodes.flatMap((node) => (node.kind === 'vector' ? [expr.slice(node.from, node.to)] : [])));
    const rangeMs = Math.max(0, ...nodes.map((node) => (node.kind === 'matrix' || node.kind === 'subquery' ? (node.range.ms ?? 0) : 0)));
    return [{ expr, selectors: [...selectors], rangeMs }];
  });
}
