/**
 * Fetches the snapshot the online checks read (src/online/snapshot.ts) from live servers.
 * The first request doubles as the reachability probe: a server that does not answer within
 * the time limit gets nothing more asked, so a down or slow server costs one time limit.
 * Only the metrics the definitions declare are asked for, a few requests at a time.
 */
import { parse as parseYaml } from 'yaml';
import type { AlertmanagerSnapshot, EndpointFailure, LoadedRuleGroup, OnlineSnapshot, PrometheusSnapshot, SeriesLabels, ServerRequest, SnapshotRequest } from '../online/snapshot.ts';
import { apiClient, type ApiClient } from './http-api.ts';

/** Series "now": what Prometheus' own instant queries see (its default 5m lookback). */
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
  const empty = { request: target, time, metricNames: [], series: new Map(), lastSeen: new Map(), failures: [] };
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
  const rules = await loadedRules(api);
  if (!rules.ok) failures.set(rules.failure.endpoint, rules.failure);
  return { request: target, unreachable: undefined, time, metricNames: names.data, series, lastSeen, failures: [...failures.values()], rules: rules.ok ? rules.data : undefined };
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

async function currentSeries(api: ApiClient, name: string, time: number) {
  const result = await api.get<Record<string, string>[]>('/api/v1/series', { 'match[]': name, start: seconds(time - CURRENT_MS), end: seconds(time) });
  if (!result.ok) return result;
  return { ok: true as const, data: result.data.map(({ __name__: _name, ...labels }) => labels) };
}

/** When the metric's last sample was, within the lookback: the newest sample timestamp any of its series has. */
async function lastSample(api: ApiClient, name: string, time: number, lookbackMs: number) {
  // A subquery step of 1/500 of the lookback keeps the query cheap; timestamp() reads each sample's own time.
  const step = Math.max(60, Math.round(lookbackMs / 500 / 1000));
  const query = `max(max_over_time(timestamp(${name})[${Math.round(lookbackMs / 1000)}s:${step}s]))`;
  const result = await api.get<{ result: { value: [number, string] }[] }>('/api/v1/query', { query, time: seconds(time) });
  if (!result.ok) return result;
  const value = result.data.result[0]?.value[1];
  return { ok: true as const, data: value === undefined ? undefined : Number(value) * 1000 };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
