/**
 * The seed's own queries: every PromQL query in test/fixtures/seed/monitoring-guide.md (Prometheus
 * Metrics, Querying Examples, Alerting, KPIs, Useful Queries, and the two Troubleshooting
 * queries) runs through monc lint against a catalog of the metrics they use, and each wrong
 * one gets the right diagnostic.
 *
 * The catalog declares the types the guide implies: counters end in _total (and the
 * postgres_exporter counters pg_stat_database_tup_fetched/conflicts); `_bucket` series come
 * from histograms with the guide's default buckets (0.005 … 10, no 2.0); file_upload_size_bytes
 * is a size, not a counter; cache_hit_ratio, db_connections_active and
 * websocket_connections_active are gauges; node/pg/redis/minio/cAdvisor/ssl metrics are an
 * exporter's (`exporter:` set); `up` is built in. Labels follow definitions/backend-metrics.ts
 * (auth_failures_total has a `reason` label that auth_attempts_total has not).
 *
 * Each case's name states the verdict on the query. Where a query is wrong in a way no monc
 * check covers, the name says so and the case expects no diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';

const RULES = 'definitions/seed.yaml';
const CATALOG = 'definitions/catalog.yaml';

const LATENCY_BUCKETS = '[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]';
const SIZE_BUCKETS = '[100, 1000, 10000, 100000, 1000000, 10000000, 100000000]';
const method = 'method: { values: [GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS] }';
const endpoint = 'endpoint: { maxValues: 50 }';
const outcome = 'status: { values: [success, error] }';

/** [name, type, labels, extra fields] */
type MetricRow = readonly [string, string, string, string?];

const METRICS: readonly MetricRow[] = [
  // HTTP
  ['http_requests_total', 'counter', `${method}, ${endpoint}, status: { pattern: "[1-5][0-9][0-9]", maxValues: 20 }`],
  ['http_request_duration_seconds', 'histogram', `${method}, ${endpoint}`, `buckets: ${LATENCY_BUCKETS}`],
  ['http_requests_in_progress', 'gauge', `${method}, ${endpoint}`],
  ['http_request_size_bytes', 'histogram', `${method}, ${endpoint}`, `buckets: ${SIZE_BUCKETS}`],
  ['http_response_size_bytes', 'histogram', `${method}, ${endpoint}`, `buckets: ${SIZE_BUCKETS}`],
  // Authentication
  ['auth_attempts_total', 'counter', 'method: { values: [password, refresh_token, api_key] }'],
  ['auth_failures_total', 'counter', 'method: { values: [password, refresh_token, api_key] }, reason: { values: [invalid_credentials, expired_token, rate_limited] }'],
  // Database
  ['db_queries_total', 'counter', `operation: { values: [select, insert, update, delete, other] }, ${outcome}`],
  ['db_query_duration_seconds', 'histogram', 'operation: { values: [select, insert, update, delete, other] }', `buckets: ${LATENCY_BUCKETS}`],
  ['db_connections_active', 'gauge', ''],
  ['db_connections_idle', 'gauge', ''],
  ['pg_stat_database_numbackends', 'gauge', 'datname: { maxValues: 10 }', 'exporter: postgres_exporter'],
  ['pg_stat_database_tup_fetched', 'counter', 'datname: { maxValues: 10 }', 'exporter: postgres_exporter'],
  ['pg_stat_database_conflicts', 'counter', 'datname: { maxValues: 10 }', 'exporter: postgres_exporter'],
  ['pg_up', 'gauge', '', 'exporter: postgres_exporter'],
  // Cache
  ['cache_operations_total', 'counter', 'operation: { values: [get, set, delete] }, result: { values: [hit, miss, ok, error] }'],
  ['cache_hit_ratio', 'gauge', ''],
  ['redis_connected_clients', 'gauge', '', 'exporter: redis_exporter'],
  ['redis_memory_used_bytes', 'gauge', '', 'exporter: redis_exporter'],
  ['redis_keys_total', 'counter', '', 'exporter: redis_exporter'],
  // Storage
  ['storage_operations_total', 'counter', `operation: { values: [upload, download, delete] }, ${outcome}`],
  ['storage_upload_duration_seconds', 'histogram', '', `buckets: ${LATENCY_BUCKETS}`],
  ['storage_upload_size_bytes', 'histogram', '', `buckets: ${SIZE_BUCKETS}`],
  ['storage_upload_errors_total', 'counter', ''],
  ['minio_bucket_usage_total_bytes', 'gauge', 'bucket: { maxValues: 10 }', 'exporter: minio'],
  ['minio_s3_requests_total', 'counter', 'api: { maxValues: 60 }', 'exporter: minio'],
  // AI
  ['llm_requests_total', 'counter', `model: { maxValues: 10 }, ${outcome}`],
  ['llm_request_duration_seconds', 'histogram', 'model: { maxValues: 10 }', `buckets: ${LATENCY_BUCKETS}`],
  ['llm_tokens_total', 'counter', 'model: { maxValues: 10 }, type: { values: [prompt, completion] }'],
  ['rag_pipeline_duration_seconds', 'histogram', '', `buckets: ${LATENCY_BUCKETS}`],
  ['rag_pipeline_errors_total', 'counter', 'stage: { values: [embed, search, generate] }'],
  ['vector_search_duration_seconds', 'histogram', '', `buckets: ${LATENCY_BUCKETS}`],
  // Speech
  ['speech_provider_requests_total', 'counter', `provider: { maxValues: 5 }, ${outcome}`],
  ['speech_provider_duration_seconds', 'histogram', 'provider: { maxValues: 5 }', `buckets: ${LATENCY_BUCKETS}`],
  ['speech_provider_fallback_total', 'counter', 'provider: { maxValues: 5 }'],
  ['speech_audio_duration_seconds', 'histogram', '', `buckets: ${LATENCY_BUCKETS}`],
  // System (node_exporter, cAdvisor, TLS)
  ['node_cpu_seconds_total', 'counter', 'cpu: { maxValues: 64 }, mode: { values: [idle, iowait, irq, nice, softirq, steal, system, user] }', 'exporter: node_exporter'],
  ['node_memory_MemAvailable_bytes', 'gauge', '', 'exporter: node_exporter'],
  ['node_memory_MemTotal_bytes', 'gauge', '', 'exporter: node_exporter'],
  ['node_filesystem_avail_bytes', 'gauge', 'device: { maxValues: 10 }, fstype: { maxValues: 5 }, mountpoint: { maxValues: 10 }', 'exporter: node_exporter'],
  ['node_filesystem_size_bytes', 'gauge', 'device: { maxValues: 10 }, fstype: { maxValues: 5 }, mountpoint: { maxValues: 10 }', 'exporter: node_exporter'],
  ['node_network_receive_bytes_total', 'counter', 'device: { maxValues: 10 }', 'exporter: node_exporter'],
  ['node_network_transmit_bytes_total', 'counter', 'device: { maxValues: 10 }', 'exporter: node_exporter'],
  ['container_memory_usage_bytes', 'gauge', 'name: { maxValues: 30 }', 'exporter: cadvisor'],
  ['container_cpu_usage_seconds_total', 'counter', 'name: { maxValues: 30 }, cpu: { maxValues: 64 }', 'exporter: cadvisor'],
  ['ssl_certificate_expiry_seconds', 'gauge', 'cn: { maxValues: 20 }', 'exporter: ssl_exporter'],
  // Business
  ['document_processing_total', 'counter', outcome],
  ['file_upload_size_bytes', 'gauge', ''],
  ['websocket_connections_active', 'gauge', ''],
];

const catalog = `kind: Metrics\nmetrics:\n${METRICS.map(
  ([name, type, labels, extra]) =>
    `  - { name: ${name}, type: ${type}, help: ${name} from the guide.${labels ? `, labels: { ${labels} }` : ''}${extra ? `, ${extra}` : ''} }\n`,
).join('')}`;

/** An alert from the guide's Alerting section: its name, for and severity. */
interface AlertFields {
  readonly alert: string;
  readonly for: string;
  readonly severity: string;
}

interface Case {
  /** The guide section, the query's comment there, and the verdict. */
  readonly name: string;
  /** The query exactly as in the guide (multi-line where the guide breaks it). */
  readonly query: string;
  /** Set for the Alerting section's queries, which become alerts; the others become recording rules. */
  readonly alert?: AlertFields;
  /** Findings and the fragment of the query each points at (its nth occurrence, from 1). */
  readonly expected: readonly (readonly [check: string, fragment: string, nth?: number])[];
}

const indent = (query: string) => query.split('\n').map((line) => `      ${line}`).join('\n');

/** The rule file for a case; the query starts on line 7 (recording rule) or 11 (alert), column 7. */
function ruleFile({ query, alert }: Case): { text: string; firstLine: number } {
  if (!alert) {
    return { text: `kind: Service\nname: seed\nteam: core\nrecordingRules:\n  - record: seed:query:result\n    expr: |\n${indent(query)}\n`, firstLine: 7 };
  }
  const text = [
    'kind: Service',
    'name: seed',
    'team: core',
    'alerts:',
    `  - name: ${alert.alert}`,
    `    for: ${alert.for}`,
    `    severity: ${alert.severity}`,
    `    summary: ${alert.alert} from the guide`,
    '    runbook: https://runbooks.example/seed',
    '    expr: |',
    indent(query),
    '',
  ].join('\n');
  return { text, firstLine: 11 };
}

function at(query: string, firstLine: number, [check, fragment, nth = 1]: Case['expected'][number]): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = query.indexOf(fragment, index + 1);
    if (index < 0) throw new Error(`"${fragment}" (occurrence ${nth}) is not in ${query}`);
  }
  const before = query.slice(0, index);
  const line = firstLine + before.split('\n').length - 1;
  const column = 7 + index - (before.lastIndexOf('\n') + 1);
  return `${check}@${RULES}:${line}:${column}`;
}

const HIGH_ERROR_RATE = 'rate(http_requests_total{status=~"5.."}[5m]) / rate(http_requests_total[5m])';
const KEEPS_ALL_LABELS = 'correct: rate() of the buckets keeps le, though with no sum by (le) it is one p95 per method, endpoint and instance, not one p95';
const NO_MATCH_GAP =
  'wrong, and no check covers it: one-to-one matching pairs each 5xx series with the denominator series of the same status, so the ratio is 1 (100%) whenever there is any 5xx; divide sums, e.g. sum without (status) (…) / sum without (status) (…)';

const cases: Case[] = [
  // Prometheus Metrics — 1. HTTP
  { name: 'HTTP, request rate: correct.', query: 'rate(http_requests_total[5m])', expected: [] },
  { name: 'HTTP, error rate: correct.', query: 'rate(http_requests_total{status=~"5.."}[5m])', expected: [] },
  { name: `HTTP, request duration p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))', expected: [] },
  { name: 'HTTP, requests in progress: correct (a gauge read as is).', query: 'http_requests_in_progress', expected: [] },
  { name: `HTTP, request size p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(http_request_size_bytes_bucket[5m]))', expected: [] },
  { name: `HTTP, response size p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(http_response_size_bytes_bucket[5m]))', expected: [] },
  // 2. Authentication
  { name: 'Authentication, attempts: correct.', query: 'rate(auth_attempts_total[5m])', expected: [] },
  { name: 'Authentication, failures: correct.', query: 'rate(auth_failures_total[5m])', expected: [] },
  {
    name: 'Authentication, failure rate: wrong, and no check covers it: the failures carry a reason label the attempts lack, so one-to-one matching finds no pairs and the result is empty; sum by (method) both sides.',
    query: 'rate(auth_failures_total[5m]) / rate(auth_attempts_total[5m])',
    expected: [],
  },
  // 3. Database
  { name: 'Database, query rate: correct.', query: 'rate(db_queries_total[5m])', expected: [] },
  { name: `Database, query duration p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(db_query_duration_seconds_bucket[5m]))', expected: [] },
  { name: 'Database, active connections: correct (a gauge).', query: 'db_connections_active', expected: [] },
  { name: 'Database, idle connections: correct (a gauge).', query: 'db_connections_idle', expected: [] },
  { name: 'Database, pg_stat_database_numbackends: correct (a gauge).', query: 'pg_stat_database_numbackends', expected: [] },
  {
    name: 'Database, pg_stat_database_tup_fetched: a raw counter shown as is; not wrong to graph, and only a threshold on a raw counter is flagged.',
    query: 'pg_stat_database_tup_fetched',
    expected: [],
  },
  { name: 'Database, pg_stat_database_conflicts: a raw counter shown as is, not flagged.', query: 'pg_stat_database_conflicts', expected: [] },
  // 4. Cache
  { name: 'Cache, operations: correct.', query: 'rate(cache_operations_total[5m])', expected: [] },
  { name: 'Cache, hit ratio: correct (a gauge), though a ratio since start says little about now.', query: 'cache_hit_ratio', expected: [] },
  { name: 'Cache, redis_connected_clients: correct (a gauge).', query: 'redis_connected_clients', expected: [] },
  { name: 'Cache, redis_memory_used_bytes: correct (a gauge).', query: 'redis_memory_used_bytes', expected: [] },
  { name: 'Cache, redis_keys_total: a raw counter shown as is, not flagged.', query: 'redis_keys_total', expected: [] },
  // 5. Storage
  { name: 'Storage, upload rate: correct; "upload" is a declared operation.', query: 'rate(storage_operations_total{operation="upload"}[5m])', expected: [] },
  { name: `Storage, upload duration p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(storage_upload_duration_seconds_bucket[5m]))', expected: [] },
  { name: `Storage, upload size p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(storage_upload_size_bytes_bucket[5m]))', expected: [] },
  { name: 'Storage, error rate: correct.', query: 'rate(storage_upload_errors_total[5m])', expected: [] },
  { name: 'Storage, minio_bucket_usage_total_bytes: correct (a gauge despite "total" in its name).', query: 'minio_bucket_usage_total_bytes', expected: [] },
  { name: 'Storage, minio_s3_requests_total: a raw counter shown as is, not flagged.', query: 'minio_s3_requests_total', expected: [] },
  // 6. AI/LLM
  { name: 'AI, LLM request rate: correct.', query: 'rate(llm_requests_total[5m])', expected: [] },
  { name: `AI, LLM response time p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(llm_request_duration_seconds_bucket[5m]))', expected: [] },
  { name: 'AI, token usage: correct.', query: 'rate(llm_tokens_total[5m])', expected: [] },
  { name: `AI, RAG pipeline duration p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(rag_pipeline_duration_seconds_bucket[5m]))', expected: [] },
  { name: 'AI, RAG errors: correct.', query: 'rate(rag_pipeline_errors_total[5m])', expected: [] },
  { name: `AI, vector search latency p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(vector_search_duration_seconds_bucket[5m]))', expected: [] },
  // 7. Speech
  { name: 'Speech, requests: correct.', query: 'rate(speech_provider_requests_total[5m])', expected: [] },
  { name: `Speech, duration p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(speech_provider_duration_seconds_bucket[5m]))', expected: [] },
  { name: 'Speech, fallback usage: correct.', query: 'rate(speech_provider_fallback_total[5m])', expected: [] },
  { name: `Speech, audio processing p95: ${KEEPS_ALL_LABELS}.`, query: 'histogram_quantile(0.95, rate(speech_audio_duration_seconds_bucket[5m]))', expected: [] },
  // 8. System
  { name: 'System, CPU usage per instance: correct.', query: '100 - (avg by(instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)', expected: [] },
  { name: 'System, memory usage: correct (the two gauges match one-to-one).', query: '(1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100', expected: [] },
  { name: 'System, disk usage: correct (same filesystem labels on both sides).', query: '(1 - (node_filesystem_avail_bytes / node_filesystem_size_bytes)) * 100', expected: [] },
  { name: 'System, network receive: correct.', query: 'rate(node_network_receive_bytes_total[5m])', expected: [] },
  { name: 'System, network transmit: correct.', query: 'rate(node_network_transmit_bytes_total[5m])', expected: [] },
  // Querying Examples
  { name: 'Availability, uptime percentage over 24h: correct (up is built in, a gauge).', query: 'avg_over_time(up[24h]) * 100', expected: [] },
  { name: 'Availability, services down: correct (up is a gauge, not a counter).', query: 'up == 0', expected: [] },
  {
    name: 'Performance, slowest endpoints: valid for every check, but it averages per-series averages (unweighted by traffic) where sum by (endpoint) of the sum rate over sum by (endpoint) of the count rate is the real mean; no check covers it.',
    query: 'topk(10, \n  avg by(endpoint) (\n    rate(http_request_duration_seconds_sum[5m]) / \n    rate(http_request_duration_seconds_count[5m])\n  )\n)',
    expected: [],
  },
  {
    name: 'Performance, highest error rate endpoints: correct (5xx per second by endpoint).',
    query: 'topk(10, \n  sum by(endpoint) (\n    rate(http_requests_total{status=~"5.."}[5m])\n  )\n)',
    expected: [],
  },
  { name: 'Resources, top memory consumers: correct (a cAdvisor gauge).', query: 'topk(5, container_memory_usage_bytes)', expected: [] },
  { name: 'Resources, top CPU consumers: correct.', query: 'topk(5, rate(container_cpu_usage_seconds_total[5m]))', expected: [] },
  { name: 'Business, document processing rate: correct; "success" is a declared status.', query: 'rate(document_processing_total{status="success"}[1h])', expected: [] },
  {
    name: 'Business, file upload volume: wrong: file_upload_size_bytes is not a counter, so rate() treats every smaller upload as a reset (catalog/rate-on-gauge).',
    query: 'sum(rate(file_upload_size_bytes[1h]))',
    expected: [['catalog/rate-on-gauge', 'rate']],
  },
  { name: 'Business, active users: correct (a gauge).', query: 'websocket_connections_active', expected: [] },
  // Alerting
  { name: 'Alert ServiceDown: correct.', query: 'up == 0', alert: { alert: 'ServiceDown', for: '2m', severity: 'critical' }, expected: [] },
  {
    name: `Alert HighAPIErrorRate: ${NO_MATCH_GAP}.`,
    query: `(${HIGH_ERROR_RATE}) * 100 > 5`,
    alert: { alert: 'HighAPIErrorRate', for: '5m', severity: 'critical' },
    expected: [],
  },
  {
    name: 'Alert DiskSpaceCritical: correct.',
    query: '(1 - (node_filesystem_avail_bytes / node_filesystem_size_bytes)) * 100 > 95',
    alert: { alert: 'DiskSpaceCritical', for: '2m', severity: 'critical' },
    expected: [],
  },
  { name: 'Alert PostgreSQLDown: correct (pg_up is a gauge).', query: 'pg_up == 0', alert: { alert: 'PostgreSQLDown', for: '2m', severity: 'critical' }, expected: [] },
  {
    name: 'Alert SSLCertificateExpiringCritical: correct for the checks (a gauge holding the expiry time, minus time()), though the name reads as seconds left.',
    query: '(ssl_certificate_expiry_seconds - time()) / 86400 < 7',
    alert: { alert: 'SSLCertificateExpiringCritical', for: '1h', severity: 'critical' },
    expected: [],
  },
  {
    name: 'Alert HighCPUUsage: valid, but avg() with no by (instance) averages all nodes, so one busy node never fires it; no check covers it.',
    query: '100 - (avg(rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100) > 80',
    alert: { alert: 'HighCPUUsage', for: '5m', severity: 'warning' },
    expected: [],
  },
  {
    name: 'Alert HighMemoryUsage: correct.',
    query: '(1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)) * 100 > 85',
    alert: { alert: 'HighMemoryUsage', for: '5m', severity: 'warning' },
    expected: [],
  },
  {
    name: `Alert SlowAPIResponseTime: ${KEEPS_ALL_LABELS}, so it fires per series.`,
    query: 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m])) > 2',
    alert: { alert: 'SlowAPIResponseTime', for: '5m', severity: 'warning' },
    expected: [],
  },
  {
    name: 'Alert SpeechProviderFallbackActive: correct.',
    query: 'rate(speech_provider_fallback_total[5m]) > 0.1',
    alert: { alert: 'SpeechProviderFallbackActive', for: '10m', severity: 'warning' },
    expected: [],
  },
  // Key Performance Indicators
  { name: 'KPI availability: correct.', query: 'avg_over_time(up[30d]) * 100', expected: [] },
  {
    name: 'KPI response time: wrong: histogram_quantile over the raw buckets with no rate() is the quantile since the process started (catalog/histogram-quantile at the bucket selector).',
    query: 'histogram_quantile(0.95, http_request_duration_seconds_bucket)',
    expected: [['catalog/histogram-quantile', 'http_request_duration_seconds_bucket']],
  },
  { name: `KPI error rate: ${NO_MATCH_GAP}.`, query: HIGH_ERROR_RATE, expected: [] },
  { name: 'KPI throughput: correct.', query: 'rate(http_requests_total[1m])', expected: [] },
  // Useful Queries
  { name: 'Useful, request rate per endpoint: correct.', query: 'sum by(endpoint) (rate(http_requests_total[5m]))', expected: [] },
  { name: `Useful, error percentage: ${NO_MATCH_GAP}.`, query: `(${HIGH_ERROR_RATE}) * 100`, expected: [] },
  {
    name: 'Useful, Apdex: wrong: le="2.0" is not one of the buckets (… 1, 2.5 …), so that sum is empty and so is the score (catalog/label-value at "2.0"); the formula also adds all of le="2.0" to le="0.5", counting satisfied requests 1.5 times, which no check covers.',
    query:
      '(\n  sum(rate(http_request_duration_seconds_bucket{le="0.5"}[5m]))\n  +\n  sum(rate(http_request_duration_seconds_bucket{le="2.0"}[5m])) / 2\n)\n/\nsum(rate(http_request_duration_seconds_count[5m]))',
    expected: [['catalog/label-value', '"2.0"']],
  },
  // Troubleshooting
  { name: 'Troubleshooting, high cardinality metrics: correct (a selector by __name__ only is not checked against the catalog).', query: 'topk(10, count by(__name__)({__name__!=""}))', expected: [] },
  { name: 'Troubleshooting, label cardinality: correct; __name__ is a label of up\'s series.', query: 'count by(__name__, job)(up)', expected: [] },
];

describe("The seed's own queries", () => {
  it('the catalog built from the guide lints clean by itself', async () => {
    const { diagnostics } = await lintJson({ [CATALOG]: catalog });
    expect(diagnostics.map(where)).toEqual([]);
  });

  it.each(cases)('$name', async (testCase) => {
    const { text, firstLine } = ruleFile(testCase);
    const { diagnostics } = await lintJson({ [CATALOG]: catalog, [RULES]: text });
    expect(diagnostics.map(where)).toEqual(testCase.expected.map((e) => at(testCase.query, firstLine, e)));
  });
});
