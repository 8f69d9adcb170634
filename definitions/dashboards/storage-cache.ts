/**
 * Storage & Cache (monitoring-guide.md, "Grafana Dashboards" 5): MinIO object storage as the
 * backend and MinIO see it, and the Redis cache. Use cases: storage capacity planning, cache
 * optimization, cost monitoring.
 *
 * MinIO reports cluster and bucket values from every node: they are combined with max, never
 * summed, so a value is not counted once per node.
 */
import { defineDashboard, type Matcher } from 'monc';
import * as m from '../backend-metrics.ts';
import { ANNOTATIONS, FOLDER, INSTANCE, RATE, runbookUrl, dashboardLinks, instanceVariable, jobVariable, labelVariable, quantileQueries } from './common.ts';

const gets = (result: Matcher) => m.cacheOperations.where({ ...INSTANCE, operation: 'get', result }).over(RATE);

defineDashboard({
  id: 'storage-cache',
  title: 'Storage & Cache',
  description: 'Object storage (MinIO) usage, traffic, upload latency and errors, and the Redis cache: memory and hit ratio. For capacity planning, cache tuning and cost monitoring.',
  folder: FOLDER,
  service: 'backend',
  tags: ['iob-maiis', 'minio', 'redis', 'storage', 'cache'],
  variables: [
    jobVariable(`${m.storageOperations}`),
    instanceVariable(`${m.storageOperations}`),
    labelVariable('bucket', 'Bucket', 'minio_bucket_usage_total_bytes'),
  ],
  links: [
    { title: 'Runbook: disk space critical', url: runbookUrl('DiskSpaceCritical') },
    { title: 'Runbook: high API error rate', url: runbookUrl('HighAPIErrorRate') },
    ...dashboardLinks('system-overview', 'application-performance', 'security'),
  ],
  annotations: ANNOTATIONS,
  rows: [
    {
      title: 'Object storage (MinIO)',
      panels: [
        {
          title: 'Storage Usage (MinIO/S3)',
          description: 'Bytes stored per bucket (MinIO\'s data usage scanner, refreshed every few minutes, so the line moves in steps).',
          type: 'timeseries',
          unit: 'bytes',
          min: 0,
          width: 18,
          queries: [{ expr: 'max by (bucket) (minio_bucket_usage_total_bytes{bucket=~"$bucket"})', legend: '{{bucket}}' }],
        },
        {
          title: 'Storage Capacity Used',
          description: 'The share of MinIO\'s usable capacity in use. Uploads fail when it is full: plan more disk before 80%.',
          type: 'gauge',
          unit: 'percentunit',
          min: 0,
          max: 1,
          height: 8,
          thresholds: [
            { value: 0.8, color: 'orange' },
            { value: 0.9, color: 'red' },
          ],
          queries: [{ expr: '1 - max(minio_cluster_capacity_usable_free_bytes) / max(minio_cluster_capacity_usable_total_bytes)' }],
        },
        {
          title: 'Upload/Download Rate',
          description: 'Uploads and downloads per second the backend performs against object storage (storage_operations_total, successful or not).',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          queries: [{ expr: `sum by (operation) (rate(${m.storageOperations.where({ ...INSTANCE, operation: /upload|download/ }).over(RATE)}))`, legend: '{{operation}}' }],
        },
        {
          title: 'S3 Traffic',
          description: 'Bytes per second MinIO receives (uploads) and sends (downloads), from every client.',
          type: 'timeseries',
          unit: 'Bps',
          min: 0,
          queries: [
            { expr: `sum(rate(minio_s3_traffic_received_bytes[${RATE}]))`, legend: 'received' },
            { expr: `sum(rate(minio_s3_traffic_sent_bytes[${RATE}]))`, legend: 'sent' },
          ],
        },
        {
          title: 'Upload Duration',
          description: 'p50, p95 and p99 of the time to upload one object to MinIO (storage_upload_duration_seconds buckets summed by le).',
          type: 'timeseries',
          unit: 's',
          min: 0,
          queries: quantileQueries(m.storageUploadDuration.series('bucket', INSTANCE)),
        },
        {
          title: 'Storage Errors',
          description: 'Failed storage operations per second: the backend\'s failed uploads by cause, its failed operations by kind, and the S3 requests MinIO answered with an error, by API call.',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          queries: [
            { expr: `sum by (reason) (rate(${m.storageUploadErrors.where(INSTANCE).over(RATE)}))`, legend: 'upload {{reason}}' },
            { expr: `sum by (operation) (rate(${m.storageOperations.where({ ...INSTANCE, status: 'error' }).over(RATE)}))`, legend: '{{operation}} failed' },
            { expr: `sum by (api) (rate(minio_s3_requests_errors_total[${RATE}]))`, legend: 'S3 {{api}}' },
          ],
        },
      ],
    },
    {
      title: 'Cache (Redis)',
      panels: [
        {
          title: 'Redis Memory Usage',
          description: 'Memory allocated by Redis, with its maxmemory limit when one is set. Near the limit Redis evicts keys (or rejects writes, depending on the policy).',
          type: 'timeseries',
          unit: 'bytes',
          min: 0,
          queries: [
            { expr: 'sum by (instance) (redis_memory_used_bytes)', legend: 'used {{instance}}' },
            { expr: 'max by (instance) (redis_memory_max_bytes) > 0', legend: 'maxmemory {{instance}}' },
          ],
        },
        {
          title: 'Cache Hit Ratio',
          description:
            'The share of cache lookups that found the key: the backend\'s gets (hits over hits + misses, summed before dividing) and Redis\' whole keyspace. ' +
            'The backend\'s cache_hit_ratio gauge counts since process start and hides changes; this is per rate interval.',
          type: 'timeseries',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            { expr: `sum(rate(${gets('hit')})) / sum(rate(${gets(/hit|miss/)}))`, legend: 'backend gets' },
            {
              expr: `sum(rate(redis_keyspace_hits_total[${RATE}])) / (sum(rate(redis_keyspace_hits_total[${RATE}])) + sum(rate(redis_keyspace_misses_total[${RATE}])))`,
              legend: 'Redis keyspace',
            },
          ],
        },
        {
          title: 'Redis Connected Clients',
          description: 'Client connections to Redis. A steady climb means a connection leak in a client pool.',
          type: 'stat',
          unit: 'short',
          queries: [{ expr: 'sum(redis_connected_clients)' }],
        },
        {
          title: 'Redis Evictions',
          description: 'Keys evicted per second because Redis reached maxmemory: cached data dropped before it expired, which lowers the hit ratio.',
          type: 'stat',
          unit: 'ops',
          decimals: 2,
          queries: [{ expr: `sum(rate(redis_evicted_keys_total[${RATE}]))` }],
        },
        {
          title: 'Redis Keys',
          description: 'Keys per Redis database (db0 holds the cache, sessions and rate-limit counters).',
          type: 'bargauge',
          unit: 'short',
          width: 12,
          queries: [{ expr: 'sum by (db) (redis_db_keys)', legend: '{{db}}' }],
        },
      ],
    },
  ],
});
