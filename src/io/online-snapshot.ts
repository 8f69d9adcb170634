/**
 * Fetches the snapshot the online checks read (src/online/snapshot.ts) from live servers.
 * The first request doubles as the reachability probe: a server that does not answer within
 * the time limit gets nothing more asked, so a down or slow server costs one time limit.
 */
import type { OnlineSnapshot, PrometheusSnapshot, ServerRequest, SnapshotRequest } from '../online/snapshot.ts';
import { apiClient } from './http-api.ts';

/** `root`: the project folder, which the config's credential files are relative to. */
export async function fetchSnapshot(request: SnapshotRequest, root: string): Promise<OnlineSnapshot> {
  return { prometheus: request.prometheus && (await fetchPrometheus(request.prometheus, request, root)) };
}

async function fetchPrometheus(target: ServerRequest, request: SnapshotRequest, root: string): Promise<PrometheusSnapshot> {
  const api = apiClient({ url: target.url, server: target.server, root, timeoutMs: request.timeoutMs, concurrency: request.concurrency });
  const names = await api.get<string[]>('/api/v1/label/__name__/values');
  if (!names.ok) return { request: target, unreachable: names.failure };
  return { request: target, unreachable: undefined };
}
