/**
 * Fetches the snapshot the online checks read (src/online/snapshot.ts) from live servers.
 * The first request doubles as the reachability probe: a server that does not answer within
 * the time limit gets nothing more asked, so a down or slow server costs one time limit.
 * Only the metrics the definitions declare are asked for, a few requests at a time.
 */
import { parse as parseYaml } from 'yaml';
import type { AlertmanagerSnapshot, EndpointFailure, LoadedRuleGroup, OnlineSnapshot, PrometheusSnapshot, QueryCost, RuleQuery, SeriesLabels, ServerRequest, SnapshotRequest } from '../online/snapshot.ts';
import { parseDuration } from '../promql/ast.ts';
import { apiClient, type ApiClient } from './http-api.ts';

/** Prometheus' default lookback: how far back an instant selector reads. */
const CURRENT_MS = 5 * 60_000;

/** `root`: the project folder, which the config's credential files are relative to. */
export async function fetchSnapshot(request: SnapshotRequest, root: string): Promise<OnlineSnapshot> {
  const [prometheus, alertmanager] = await Promise.all([
    request.prometheus && fetchPrometheus(request.prometheus, request, root),
    request.alertmanager && fetchAlertmanager(request.alertmanager, request, root),
  ]);
  return { prometheus, alertmanager };
}

async function fetchPrometheus(target: ServerRequest, request: SnapshotRequest, root: string): Promise<PrometheusSnapshot> {
  const api = apiClient({ url: target.url, server: target.server, root, timeoutMs: request.timeoutMs, concurrency: request.concurrency });
  const time = Date.now();
  const empty = { request: target, time, metricNames: [], series: new Map(), lastSeen: new Map(), failures: [], scrapeIntervals: new Map(), queryCost: new Map() };
  const names = await api.get<string[]>('/api/v1/label/__name__/values');
  if (!names.ok) return { ...empty, unreachable: names.failure };
  if (!Array.isArray(names.data)) return { ...empty, unreachable: { endpoint: '/api/v1/label/__name__/values', kind: 'missing', message: `${target.url} does not answer as a Prometheus API` } };

  const failures = new Map<string, EndpointFailure>();
  const known = new Set(names.data);
  const requested = request.metrics.filter((name) => known.has(name));
  const series = new Map<string, readonly SeriesLabels[]>();
  await Promise.all(
    requested.map(async (name) => {
      const found = await currentSeries(api, name, time);
      if (found.ok) series.set(name, found.data);
      else failures.set(found.failure.endpoint, found.failure);
    }),
  );
  // A metric asked for that has no data at all has no series now either.
  for (const name of request.metrics) if (!known.has(name)) series.set(name, []);

  const lastSeen = new Map<string, number | undefined>();
  const gone = requested.filter((name) => series.get(name)?.length === 0);
  await Promise.all(
    gone.map(async (name) => {
      const found = await lastSample(api, name, time, request.lookbackMs);
      if (found.ok) lastSeen.set(name, found.data);
      else failures.set(found.failure.endpoint, found.failure);
    }),
  );
  const scrapeIntervals = await jobIntervals(api, series, failures);
  const queryCost = await ruleCosts(api, target.url, request.ruleQueries, time, failures);
  const rules = await loadedRules(api);
  if (!rules.ok) failures.set(rules.failure.endpoint, rules.failure);
  return {
    request: target,
    unreachable: undefined,
    time,
    metricNames: names.data,
    series,
    lastSeen,
    failures: [...failures.values()],
    scrapeIntervals,
    queryCost,
    rules: rules.ok ? rules.data : undefined,
  };
}

/**
 * What each rule query costs, evaluated once at `time`: the samples from the query stats
 * (Prometheus 2.35+, `stats=all`) and the series its selectors select over its window. A
 * query that failed or timed out is kept as that rule's failure; a server without the stats
 * or an endpoint is a failure of the endpoint, which skips online/query-cost.
 */
async function ruleCosts(api: ApiClient, url: string, queries: readonly RuleQuery[], time: number, failures: Map<string, EndpointFailure>): Promise<Map<string, QueryCost>> {
  const costs = new Map<string, QueryCost>();
  type Stats = { stats?: { samples?: { totalQueryableSamples?: number; peakSamples?: number } } };
  await Promise.all(
    queries.map(async ({ expr, selectors, rangeMs }) => {
      const [evaluated, selected] = await Promise.all([
        api.get<Stats>('/api/v1/query', { query: expr, time: seconds(time), stats: 'all' }),
        api.get<unknown[]>('/api/v1/series', { 'match[]': selectors, start: seconds(time - rangeMs - CURRENT_MS), end: seconds(time) }),
      ]);
      for (const result of [evaluated, selected]) {
        if (result.ok) continue;
        if (result.failure.kind === 'missing') failures.set(result.failure.endpoint, result.failure);
        else costs.set(expr, { failure: result.failure });
        return;
      }
      if (!evaluated.ok || !selected.ok) return;
      const samples = evaluated.data.stats?.samples;
      if (samples?.totalQueryableSamples === undefined) {
        const endpoint = '/api/v1/query?stats=all';
        failures.set(endpoint, { endpoint, kind: 'missing', message: `${url} does not return query stats (/api/v1/query?stats=all needs Prometheus 2.35 or later)` });
        return;
      }
      costs.set(expr, { samples: samples.totalQueryableSamples, peakSamples: samples.peakSamples ?? 0, series: selected.data.length });
    }),
  );
  return costs;
}

/**
 * The scrape interval of each job the series carry: the active targets say it (Prometheus
 * 2.33+); the loaded config is read only for jobs they do not cover (no target up now, an
 * older server, or no /api/v1/targets), and its failure is recorded only then.
 */
async function jobIntervals(api: ApiClient, series: ReadonlyMap<string, readonly SeriesLabels[]>, failures: Map<string, EndpointFailure>): Promise<Map<string, number>> {
  const jobs = new Set([...series.values()].flatMap((list) => list.flatMap((s) => (s['job'] === undefined ? [] : [s['job']]))));
  const intervals = new Map<string, number>();
  if (jobs.size === 0) return intervals;
  const targets = await api.get<{ activeTargets?: { labels?: Record<string, string>; scrapeInterval?: string }[] }>('/api/v1/targets', { state: 'active' });
  for (const target of (targets.ok && targets.data.activeTargets) || []) {
    const job = target.labels?.['job'];
    const ms = target.scrapeInterval === undefined ? undefined : parseDuration(target.scrapeInterval);
    if (job !== undefined && ms !== undefined) intervals.set(job, Math.max(ms, intervals.get(job) ?? 0));
  }
  if ([...jobs].every((job) => intervals.has(job))) return intervals;
  const config = await api.get<{ yaml?: string }>('/api/v1/status/config');
  if (!config.ok) {
    failures.set(config.failure.endpoint, config.failure);
    return intervals;
  }
  let loaded: { global?: { scrape_interval?: string }; scrape_configs?: { job_name?: string; scrape_interval?: string }[] } | undefined;
  try {
    loaded = parseYaml(config.data.yaml ?? '') ?? undefined;
  } catch {
    failures.set('/api/v1/status/config', { endpoint: '/api/v1/status/config', kind: 'error', message: '/api/v1/status/config answered a config that is not YAML' });
    return intervals;
  }
  // Prometheus writes every scrape_config's interval out, the global one filled in.
  for (const scrape of loaded?.scrape_configs ?? []) {
    const text = scrape.scrape_interval ?? loaded?.global?.scrape_interval;
    const ms = text === undefined ? undefined : parseDuration(text);
    if (scrape.job_name !== undefined && ms !== undefined && !intervals.has(scrape.job_name)) intervals.set(scrape.job_name, ms);
  }
  return intervals;
}

interface ApiRule {
  type: 'alerting' | 'recording';
  name: string;
  query: string;
  duration?: number;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
}

/** The rule groups Prometheus has loaded, from /api/v1/rules. */
async function loadedRules(api: ApiClient) {
  const result = await api.get<{ groups: { name: string; file: string; rules: ApiRule[] }[] }>('/api/v1/rules');
  if (!result.ok) return result;
  const groups: LoadedRuleGroup[] = result.data.groups.map((group) => ({
    name: group.name,
    file: group.file,
    rules: group.rules.map((rule) => ({
      kind: rule.type === 'alerting' ? 'alert' : 'record',
      name: rule.name,
      expr: rule.query,
      forSeconds: rule.duration ?? 0,
      labels: rule.labels ?? {},
      annotations: rule.annotations ?? {},
    })),
  }));
  return { ok: true as const, data: groups };
}

/** The running configuration: /api/v2/status is also the reachability probe. */
async function fetchAlertmanager(target: ServerRequest, request: SnapshotRequest, root: string): Promise<AlertmanagerSnapshot> {
  const api = apiClient({ url: target.url, server: target.server, root, timeoutMs: request.timeoutMs, concurrency: request.concurrency });
  const status = await api.get<{ config?: { original?: unknown } }>('/api/v2/status');
  if (!status.ok) return { request: target, unreachable: status.failure, config: undefined };
  const original = status.data.config?.original;
  if (typeof original !== 'string') return { request: target, unreachable: { endpoint: '/api/v2/status', kind: 'missing', message: `${target.url} does not answer as an Alertmanager v2 API` }, config: undefined };
  try {
    return { request: target, unreachable: undefined, config: parseYaml(original) as unknown };
  } catch (error) {
    return { request: target, unreachable: { endpoint: '/api/v2/status', kind: 'error', message: `its running configuration is not YAML monc reads: ${(error as Error).message}` }, config: undefined };
  }
}

/**
 * The series an instant query of `name` returns now: those Prometheus still scrapes (a series
 * whose target stopped exposing it has a stale marker and is gone at once, where the series
 * API would list it for five more minutes), and backfilled ones whose last sample is within
 * its lookback.
 */
async function currentSeries(api: ApiClient, name: string, time: number) {
  const result = await api.get<{ result: { metric: Record<string, string> }[] }>('/api/v1/query', { query: name, time: seconds(time) });
  if (!result.ok) return result;
  return { ok: true as const, data: result.data.result.map(({ metric: { __name__: _name, ...labels } }) => labels) };
}

/**
 * When the metric's last sample was, within the lookback: the newest sample timestamp any of
 * its series has. The last hour is read first at a 5 s step, which sees a series that went
 * stale minutes ago (a rename by an exporter upgrade just deployed); only a metric without a
 * sample there costs the coarse pass over the whole lookback.
 */
async function lastSample(api: ApiClient, name: string, time: number, lookbackMs: number) {
  const recent = await newestTimestamp(api, name, time, Math.min(lookbackMs, RECENT_MS), RECENT_STEP_SECONDS);
  if (!recent.ok || recent.data !== undefined || lookbackMs <= RECENT_MS) return recent;
  // A subquery step of 1/500 of the lookback keeps the query cheap.
  return newestTimestamp(api, name, time, lookbackMs, Math.max(60, Math.round(lookbackMs / 500 / 1000)));
}

/** The fine first pass of lastSample: the last hour, every 5 s (720 points per series). */
const RECENT_MS = 3_600_000;
const RECENT_STEP_SECONDS = 5;

/** The newest sample timestamp of `name` seen at the steps of `[rangeMs:stepSeconds]` before `time`; timestamp() reads each sample's own time. */
async function newestTimestamp(api: ApiClient, name: string, time: number, rangeMs: number, stepSeconds: number) {
  const query = `max(max_over_time(timestamp(${name})[${Math.round(rangeMs / 1000)}s:${stepSeconds}s]))`;
  const result = await api.get<{ result: { value: [number, string] }[] }>('/api/v1/query', { query, time: seconds(time) });
  if (!result.ok) return result;
  const value = result.data.result[0]?.value[1];
  return { ok: true as const, data: value === undefined ? undefined : Number(value) * 1000 };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
