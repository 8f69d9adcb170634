/**
 * Fetches what `monc catalog --from-prometheus` declares (src/online/observed-catalog.ts): the
 * metric names of the last hour (the first request doubles as the reachability probe), the
 * metadata, then the series of each family left to declare, a batch of the client's
 * concurrency limit at a time, each request within its time limit. Only families the definitions do
 * not declare are asked for.
 */
import type { EndpointFailure } from '../online/snapshot.ts';
import { observedFamilies, observedMetric, type FamilyFilter, type MetricMetadata, type Observation, type ObservedMetric } from '../online/observed-catalog.ts';
import type { ApiClient } from './http-api.ts';

/** How far back a series counts as on the server: long enough for a scrape or two of any job. */
export const OBSERVED_WINDOW_MS = 60 * 60_000;

export type ObservedCatalog = { readonly ok: true; readonly metrics: readonly ObservedMetric[]; readonly notes: readonly string[] } | { readonly ok: false; readonly failure: EndpointFailure };

/** `concurrency`: the client's limit, the size of each batch of series requests. */
export async function fetchObservedCatalog(api: ApiClient, concurrency: number, filter: FamilyFilter, observation: Observation): Promise<ObservedCatalog> {
  const window = { start: seconds(observation.time - OBSERVED_WINDOW_MS), end: seconds(observation.time) };
  const names = await api.get<string[]>('/api/v1/label/__name__/values', window);
  if (!names.ok) return names;
  if (!Array.isArray(names.data)) return { ok: false, failure: { endpoint: '/api/v1/label/__name__/values', kind: 'missing', message: `${observation.url} does not answer as a Prometheus API` } };

  const notes: string[] = [];
  const metadata = await api.get<Record<string, MetricMetadata[]>>('/api/v1/metadata');
  // A server without metadata (Thanos before 0.25, Mimir's queriers) still has the series: types come from the names.
  if (!metadata.ok && metadata.failure.kind !== 'missing') return metadata;
  if (!metadata.ok) notes.push(`${metadata.failure.message}: the types are guessed from the names, and there are no help texts`);
  const families = observedFamilies(names.data, new Map(Object.entries(metadata.ok ? metadata.data : {})), filter);

  const metrics: ObservedMetric[] = [];
  // A batch at a time, so that a server slow to answer them costs one time limit, not one per family.
  for (let i = 0; i < families.length; i += concurrency) {
    const batch = families.slice(i, i + concurrency);
    const series = await Promise.all(batch.map((family) => api.get<Record<string, string>[]>('/api/v1/series', { 'match[]': family.series, ...window })));
    for (const [j, found] of series.entries()) {
      if (!found.ok) return found;
      const family = batch[j];
      const metric = family && observedMetric(family, found.data, observation);
      if (metric) metrics.push(metric);
    }
  }
  return { ok: true, metrics, notes };
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
