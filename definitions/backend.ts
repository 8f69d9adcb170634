/**
 * The IOB MAIIS backend API (FastAPI): its metrics, recording rules and alerts.
 * Alerts are the seed's (monitoring-guide.md, "Alerting"), with its PromQL corrected where
 * noted; thresholds are written as ratios (0.05 = 5 %) and shown with humanizePercentage.
 */
import { defineAlert, defineRecordingRule, defineService } from 'monc';
import * as m from './backend-metrics.ts';

const RUNBOOKS = 'https://runbooks.iob-maiis.example';

// ── Recording rules ─────────────────────────────────────────────────────────────────────
// Both sides of the error ratio are summed by job BEFORE dividing. The seed divides the raw
// rates, `rate(x{status=~"5.."}[5m]) / rate(x[5m])`, which matches series one-to-one on every
// label: each 5xx series is divided by its own rate, never by the job's total, so the "ratio"
// is 1 (100 %) as soon as any request fails, and NaN otherwise.

const requestRate = defineRecordingRule({
  record: 'job:http_requests:rate5m',
  expr: `sum by (job) (rate(${m.httpRequests}[5m]))`,
});

const errorRate = defineRecordingRule({
  record: 'job:http_request_errors:rate5m',
  expr: `sum by (job) (rate(${m.httpRequests.where({ status: /5../ }).over('5m')}))`,
});

const errorRatio = defineRecordingRule({
  record: 'job:http_request_errors_per_requests:ratio_rate5m',
  expr: `${errorRate.record} / ${requestRate.record}`,
});

// histogram_quantile needs the bucket RATES summed by `le` (and whatever it should keep, here
// job). The seed's `histogram_quantile(0.95, rate(..._bucket[5m]))` computes one quantile per
// method/endpoint/instance series set, and the KPI form without rate() uses counts since start.
const latencyBuckets = defineRecordingRule({
  record: 'job_le:http_request_duration_seconds_bucket:rate5m',
  expr: `sum by (job, le) (rate(${m.httpRequestDuration.series('bucket').over('5m')}))`,
});

// Apdex with T = 0.5 s: (satisfied + tolerating / 2) / total. Buckets are cumulative, so
// le="2" already contains the satisfied requests: the score is (le=0.5 + le=2) / 2 / total.
// The seed adds le=0.5 to half of le=2.0, counting satisfied requests 1.5 times. `le` is
// matched as 2 or 2.0 so the rule works with Prometheus 2 and 3 (which normalises le to floats).
const apdex = defineRecordingRule({
  record: 'job:http_request_apdex:ratio_rate5m',
  expr: `
(
    sum by (job) (${latencyBuckets.record}{le="0.5"})
  +
    sum by (job) (${latencyBuckets.record}{le=~"2(\\\\.0)?"})
)
/ 2
/ sum by (job) (${latencyBuckets.record}{le="+Inf"})
`,
});

// ── Alerts ──────────────────────────────────────────────────────────────────────────────

const highApiErrorRate = defineAlert({
  name: 'HighAPIErrorRate',
  // Seed: (rate(http_requests_total{status=~"5.."}[5m]) / rate(http_requests_total[5m])) * 100 > 5
  // — a per-series division (see the recording rules above); this is the job-wide ratio.
  expr: `${errorRatio.record} > 0.05`,
  for: '5m',
  severity: 'critical',
  summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} of API requests fail with 5xx',
  description:
    'More than 5% of requests to {{ $labels.job }} have returned a 5xx status for 5 minutes. ' +
    'Check the backend logs and Sentry for the failing endpoints, and the health of Postgres, Redis, Qdrant and Ollama.',
  runbook: `${RUNBOOKS}/high-api-error-rate`,
  dashboard: 'application-performance',
});

const slowApiResponseTime = defineAlert({
  name: 'SlowAPIResponseTime',
  // Seed: histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m])) > 2
  // — without sum by (le) it yields one quantile per label set instead of the job's p95.
  expr: `histogram_quantile(0.95, ${latencyBuckets.record}) > 2`,
  for: '5m',
  severity: 'warning',
  summary: '{{ $labels.job }}: p95 API latency is {{ $value | humanizeDuration }}',
  description:
    'The 95th percentile response time of {{ $labels.job }} has been above 2s for 5 minutes (target: p95 < 500ms). ' +
    'Look for slow endpoints on the Application Performance dashboard, slow database queries and LLM latency.',
  runbook: `${RUNBOOKS}/slow-api-response-time`,
  dashboard: 'application-performance',
});

const speechProviderFallbackActive = defineAlert({
  name: 'SpeechProviderFallbackActive',
  // Seed: rate(speech_provider_fallback_total[5m]) > 0.1 — per instance and operation, so
  // fallbacks spread over instances or operations never add up to the threshold.
  expr: `sum by (job, provider) (rate(${m.speechProviderFallbacks}[5m])) > 0.1`,
  for: '10m',
  severity: 'warning',
  summary: 'Speech provider {{ $labels.provider }} is failing over ({{ $value | humanize }} fallbacks/s)',
  description:
    'Requests to speech provider {{ $labels.provider }} have fallen back to the next provider more than 0.1 times per second for 10 minutes. ' +
    'Check the provider status page, credentials and quotas.',
  runbook: `${RUNBOOKS}/speech-provider-fallback-active`,
  dashboard: 'ai-services',
});

// ── Capacity ────────────────────────────────────────────────────────────────────────────
// The seed's throughput target: the backend is sized for 1000 requests/s. The threshold is
// recorded so dashboards can draw it next to the request rate.

const CAPACITY_RPS = 1000;

const capacity = defineRecordingRule({
  record: 'job:http_requests_capacity:rps',
  expr: `vector(${CAPACITY_RPS})`,
  labels: { job: 'backend' },
});

const throughputNearCapacity = defineAlert({
  name: 'BackendThroughputNearCapacity',
  expr: `${requestRate.record}{job="backend"} > on (job) 0.8 * ${capacity.record}`,
  for: '15m',
  severity: 'warning',
  summary: '{{ $labels.job }} serves {{ $value | humanize }} requests/s, over 80% of its 1000 requests/s capacity',
  description:
    'The backend has handled more than 800 requests/s for 15 minutes; it is sized for 1000 (the seed\'s throughput target). ' +
    'Scale out before latency and errors rise: add backend replicas, and check the database and LLM backends keep up.',
  runbook: `${RUNBOOKS}/backend-throughput-near-capacity`,
  dashboard: 'application-performance',
});

// ── SLOs ────────────────────────────────────────────────────────────────────────────────
// The seed's KPIs over its 30-day retention. monc turns each into SLI recording rules,
// multi-window burn-rate alerts (page and ticket tiers) and promtool tests.

const availability = {
  name: 'availability',
  description: 'The API is reachable: its scrape target answers (the seed\'s 99.9% uptime).',
  objective: 99.9,
  window: '30d',
  sli: { availability: { up: 'up{job="backend"}' } },
  runbook: `${RUNBOOKS}/backend-availability`,
};

const latency = {
  name: 'latency',
  // The seed's "p95 < 500ms", as an SLO: 95% of requests are answered within 500 ms.
  description: 'Requests are answered within 500 ms (the seed\'s p95 < 500ms).',
  objective: 95,
  window: '30d',
  sli: { latency: { histogram: `${m.httpRequestDuration}{job="backend"}`, threshold: 0.5 } },
  runbook: `${RUNBOOKS}/backend-latency`,
};

const errors = {
  name: 'errors',
  description: 'Requests succeed: fewer than 0.1% fail with a 5xx (the seed\'s error rate < 0.1%).',
  objective: 99.9,
  window: '30d',
  sli: {
    ratio: {
      errors: `${m.httpRequests.where({ job: 'backend', status: /5../ })}`,
      total: `${m.httpRequests.where({ job: 'backend' })}`,
    },
  },
  runbook: `${RUNBOOKS}/backend-errors`,
};

defineService({
  name: 'backend',
  team: 'backend',
  description: 'The IOB MAIIS API: chat, RAG, documents, voice and banking endpoints (FastAPI).',
  scrape: { job: 'backend', targets: ['backend:8000'] },
  metrics: Object.values(m),
  recordingRules: [requestRate, errorRate, errorRatio, latencyBuckets, apdex, capacity],
  alerts: [highApiErrorRate, slowApiResponseTime, speechProviderFallbackActive, throughputNearCapacity],
  slos: [availability, latency, errors],
  tests: [
    {
      name: 'a 10% 5xx rate fires HighAPIErrorRate after 5 minutes, and the job-wide ratio is recorded',
      interval: '1m',
      inputSeries: [
        { series: 'http_requests_total{job="backend", method="GET", endpoint="/api/chat", status="200"}', values: '0+540x30' },
        { series: 'http_requests_total{job="backend", method="POST", endpoint="/api/documents", status="500"}', values: '0+60x30' },
      ],
      alertRuleTests: [
        { evalTime: '5m', alertname: 'HighAPIErrorRate', expAlerts: [] },
        {
          evalTime: '15m',
          alertname: 'HighAPIErrorRate',
          expAlerts: [
            {
              expLabels: { job: 'backend', service: 'backend', team: 'backend', severity: 'critical' },
              expAnnotations: {
                summary: 'backend: 10% of API requests fail with 5xx',
                description: (highApiErrorRate.description ?? '').replace('{{ $labels.job }}', 'backend'),
                runbook_url: highApiErrorRate.runbook ?? '',
                dashboard_url: 'http://localhost:3001/d/monc-application-performance',
              },
            },
          ],
        },
      ],
      promqlExprTests: [
        { expr: 'job:http_request_errors_per_requests:ratio_rate5m', evalTime: '15m', expSamples: [{ labels: 'job:http_request_errors_per_requests:ratio_rate5m{job="backend"}', value: 0.1 }] },
      ],
    },
  ],
});
