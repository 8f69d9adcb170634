/**
 * Fetches the snapshot the online checks read (src/online/snapshot.ts) from live servers.
 * The first request doubles as the reachability probe: a server that does not answer within
 * the time limit gets nothing more asked, so a down or slow server costs one time limit.
 * Only the metrics the definitions declare are asked for, a few requests at a time.
 */
import type { EndpointFailure, OnlineSnapshot, PrometheusSnapshot, SeriesLabels, ServerRequest, SnapshotRequest } from '../online/snapshot.ts';
import { apiClient, type ApiClient } from './http-api.ts';

/** Series "now": what Prometheus' own instant queries see (its default 5m lookback). */
const CURRENT_MS = 5 * 60_000;

/** `root`: the project folder, which the config's credential files are relative to. */
export async function fetchSnapshot(request: SnapshotRequest, root: string): Promise<OnlineSnapshot> {
  return { prometheus: request.prometheus && (await fetchPrometheus(request.prometheus, request, root)) };
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
  return { request: target, unreachable: undefined, time, metricNames: names.data, series, lastSeen, failures: [...failures.values()] };
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
