/**
 * The IOB MAIIS backend API (FastAPI): its metrics, recording rules and alerts.
 * Alerts are the seed's (monitoring-guide.md, "Alerting"), with its PromQL corrected where
 * noted; thresholds are written as ratios (0.05 = 5 %) and shown with humanizePercentage.
 */
import { defineAlert, defineRecordingRule, defineService } from 'monc';
import * as m from './backend-metrics.ts';
import { runbookUrl } from './runbooks.ts';

// Runbooks are written here as runbookText (Markdown; fenced code uses ~~~ so it needs no
// escaping in template literals). monc publishes each as out/docs/runbooks/<Alert>.md and
// points runbook_url there (runbooks.url in monc.config.yaml).

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
  description: "The job-wide 5xx ratio. Both sides are summed by job before dividing; the seed divides the raw per-series rates, so each 5xx series is divided by its own rate and the \"ratio\" is 1 as soon as any request fails.",
  expr: `${errorRate.record} / ${requestRate.record}`,
});

// histogram_quantile needs the bucket RATES summed by `le` (and whatever it should keep, here
// job). The seed's `histogram_quantile(0.95, rate(..._bucket[5m]))` computes one quantile per
// method/endpoint/instance series set, and the KPI form without rate() uses counts since start.
const latencyBuckets = defineRecordingRule({
  record: 'job_le:http_request_duration_seconds_bucket:rate5m',
  description: "Bucket rates summed by job and le, for histogram_quantile: the seed's quantile over raw buckets without rate() and without sum by (le) yields one quantile per series and counts since process start.",
  expr: `sum by (job, le) (rate(${m.httpRequestDuration.series('bucket').over('5m')}))`,
});

// Apdex with T = 0.5 s: (satisfied + tolerating / 2) / total. Buckets are cumulative, so
// le="2" already contains the satisfied requests: the score is (le=0.5 + le=2) / 2 / total.
// The seed adds le=0.5 to half of le=2.0, counting satisfied requests 1.5 times. `le` is
// matched as 2 or 2.0 so the rule works with Prometheus 2 and 3 (which normalises le to floats).
const apdex = defineRecordingRule({
  record: 'job:http_request_apdex:ratio_rate5m',
  description:
    'Apdex with T = 0.5 s: (satisfied + tolerating / 2) / total, where satisfied requests take at most 0.5 s and tolerating ones at most 2 s (4T). ' +
    'Histogram buckets are cumulative, so the le="2" bucket already holds the satisfied requests and the score is (le=0.5 + le=2) / 2 / total. ' +
    'The seed\'s query adds le=0.5 to half of le=2.0 and so counts every satisfied request 1.5 times, which can push the score above 1. ' +
    'le is matched as 2 or 2.0 so the rule works on Prometheus 2 and 3.',
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
  dashboard: 'application-performance',
  runbookText: `
### What it means

More than 5% of the requests the backend answered in the last 5 minutes were 5xx, and it
has stayed that way for 5 minutes. Users see failed chats, uploads or logins. The errors SLO
(BackendErrorsFastBurn) usually fires too: its budget is 0.1%.

### Likely causes

- A dependency is down or slow: PostgreSQL (PostgreSQLDown), Redis, Qdrant, MinIO or
  Ollama. The backend turns their failures into 500s and 503s.
- A bad deployment: a bug on one endpoint, a failed migration, a missing setting. Look for
  a Deployments annotation just before the errors began.
- Exhausted resources: the database connection pool (every connection checked out), a full
  disk, an OOM-killed worker.

### What to check

~~~sh
docker logs --since 15m iob_maiis_backend 2>&1 | grep -iE 'error|exception|traceback' | tail -50
docker ps -a --format 'table {{.Names}}\\t{{.Status}}' | grep iob_maiis
docker exec iob_maiis_postgres pg_isready -U postgres
docker exec iob_maiis_redis redis-cli ping
curl -s http://localhost:6333/readyz          # Qdrant, from the host
curl -s http://localhost:8000/metrics | grep http_requests_total | grep 'status="5'
~~~

On **Application Performance**: Error Rate shows when it began, Top 10 Highest Error Rate
Endpoints shows where. Sentry groups the exceptions with stack traces. **Database** shows
Active Connections against the pool; **Storage & Cache** shows Storage Errors;
**AI Services** shows RAG Pipeline Errors and the LLM Error Ratio.

In Prometheus:
\`topk(10, sum by (endpoint, status) (rate(http_requests_total{job="backend", status=~"5.."}[5m])))\`.

### How to fix

- One endpoint after a deployment: roll back to the previous image
  (\`docker compose up -d backend\` with the previous tag) and open a bug with the Sentry issue.
- A dependency: follow its runbook (PostgreSQLDown, ServiceDown) and restart it; the
  backend recovers on its own once it answers again.
- Pool exhausted: restart the backend replicas to release connections, then find the
  slow queries (Database dashboard, Slow Queries).

### Escalate

This pages the backend on-call. If it is not mitigated within 30 minutes, or data may have
been written wrongly, escalate to the backend team lead and post in the incident channel.
`,
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
  dashboard: 'application-performance',
  runbookText: `
### What it means

The backend's 95th percentile response time has been above 2 s for 5 minutes: one request
in twenty takes longer than that. The target is p95 < 500 ms (the latency SLO counts the
requests slower than 500 ms).

### Likely causes

- Slow LLM answers: chat endpoints wait for Ollama, whose latency grows with load, long
  answers and CPU contention.
- Slow database queries: a missing index, lock contention, a connection pool that is
  empty so requests queue for a connection.
- Slow vector search in Qdrant as collections grow, or slow embedding generation.
- Host saturation (HighCPUUsage, HighMemoryUsage) or more traffic than the backend is
  sized for (BackendThroughputNearCapacity).

### What to check

~~~sh
docker stats --no-stream
docker logs --since 15m iob_maiis_backend 2>&1 | tail -100
docker exec -it iob_maiis_postgres psql -U postgres -c "SELECT pid, now() - query_start AS runtime, state, left(query, 80) FROM pg_stat_activity WHERE state <> 'idle' ORDER BY runtime DESC LIMIT 10;"
~~~

On **Application Performance**: Top 10 Slowest Endpoints and Response Time (p50, p95, p99).
On **AI Services**: LLM Response Time, RAG Pipeline Performance, Vector Search Latency.
On **Database**: Query Duration and Slow Queries. On **System Overview**: CPU and memory.

In Prometheus:
\`topk(10, histogram_quantile(0.95, sum by (endpoint, le) (rate(http_request_duration_seconds_bucket{job="backend"}[5m]))))\`.

### How to fix

- LLM bound: reduce concurrency to Ollama, use a smaller model, or add GPU capacity.
- Database bound: \`EXPLAIN ANALYZE\` the slowest statement from Slow Queries and add the
  index; terminate a long-running blocking query with \`pg_terminate_backend(pid)\`.
- Capacity bound: add backend replicas.

### Escalate

A warning. If it lasts more than an hour, or the latency SLO pages, bring in the backend
team lead.
`,
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
  dashboard: 'ai-services',
  runbookText: `
### What it means

Speech requests (transcription or synthesis) to the provider in the \`provider\` label fail
and fall back to the next provider more than 0.1 times per second, for 10 minutes. Users are
still served, but slower (two attempts) and possibly with worse quality or higher cost.

### Likely causes

- The provider has an outage or degraded service.
- Credentials expired or were revoked; the quota or rate limit is used up.
- Network problems from the backend to the provider (DNS, egress, TLS).
- For a local model: its container is down or out of memory.

### What to check

~~~sh
docker logs --since 30m iob_maiis_backend 2>&1 | grep -i speech | tail -50
~~~

- The provider's status page and its usage or quota page.
- On **AI Services**: Fallback Usage (which provider, which operation), Speech Provider
  Error Ratio and Speech Provider Performance.
- In Prometheus: \`sum by (provider, operation, status) (rate(speech_provider_requests_total[5m]))\`
  and \`sum by (provider) (rate(external_api_cost_dollars_total[1h])) * 3600\` (the fallback
  provider's cost per hour).

### How to fix

- Outage: nothing to do but wait; if it lasts, make the fallback provider the primary in the
  backend's configuration so requests stop paying for a failing first attempt.
- Credentials or quota: rotate the key or raise the quota, then restart the backend.
- Local model: restart its container and check its memory.

### Escalate

A warning to Slack. If every provider fails (speech requests fail, not just fall back),
escalate to the backend on-call.
`,
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
  dashboard: 'application-performance',
  runbookText: `
### What it means

The backend has handled more than 800 requests per second for 15 minutes: over 80% of the
1000 requests/s it is sized for. Latency and errors rise next if traffic keeps growing.

### Likely causes

- Real growth, a campaign, or a new client integration.
- A client retrying in a loop, or a crawler or an attack (check Rate Limiting Events).
- A frontend bug polling an endpoint.

### What to check

On **Application Performance**: Request Rate (RPS) against the capacity line and Request
Rate by Endpoint; on **Security**: Rate Limiting Events and Blocked IPs.

~~~sh
docker logs --since 10m iob_maiis_nginx | awk '{print $1}' | sort | uniq -c | sort -rn | head
~~~

In Prometheus: \`topk(10, sum by (endpoint) (rate(http_requests_total{job="backend"}[5m])))\`.

### How to fix

- Legitimate traffic: add backend replicas, and check Postgres connections, Redis and Ollama
  keep up (Database and AI Services dashboards).
- Abusive traffic: tighten the rate limit for the endpoint or block the source in nginx.

### Escalate

A warning. Tell the platform team when scaling needs more hosts.
`,
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
  runbookText: `
### What it means

The backend's scrape target has been down (\`up{job="backend"} == 0\`) for a share of the
time that burns the 99.9% availability budget (43 minutes in 30 days) too fast. A page tier
(FastBurn) means the budget runs out within days at this rate; a ticket tier (SlowBurn)
within the window. NoData means the SLI itself is missing: Prometheus has no \`up\` series
for the backend, so the scrape job is missing from its configuration.

### What to check

~~~sh
docker ps -a --filter name=iob_maiis_backend
docker logs --tail 200 iob_maiis_backend
curl -s http://localhost:8000/metrics | head
curl -s http://localhost:9090/api/v1/targets | jq '.data.activeTargets[] | select(.labels.job == "backend") | {health, lastError}'
~~~

The **backend SLOs** dashboard shows the budget left and the burn rate per window; the
ServiceDown runbook covers a target that is down.

### How to fix

Bring the backend back (see ServiceDown). For NoData, check that the generated
prometheus.yml with the \`backend\` job is the one Prometheus loaded
(\`curl -X POST http://localhost:9090/-/reload\`).

### Escalate

FastBurn pages the backend on-call; after 30 minutes, escalate to the backend team lead.
SlowBurn and NoData are warnings for the team channel: fix them within the working day.
`,
};

const latency = {
  name: 'latency',
  // The seed's "p95 < 500ms", as an SLO: 95% of requests are answered within 500 ms.
  description: 'Requests are answered within 500 ms (the seed\'s p95 < 500ms).',
  objective: 95,
  // Expected traffic for the docs' budget in events: a fifth of the seed's 1000 RPS capacity.
  traffic: 200,
  window: '30d',
  sli: { latency: { histogram: `${m.httpRequestDuration}{job="backend"}`, threshold: 0.5 } },
  runbookText: `
### What it means

More than 5% of the backend's requests take longer than 500 ms, at a rate that burns the
latency SLO's budget too fast (FastBurn: within days; SlowBurn: within the 30-day window).
NoData means \`http_request_duration_seconds\` is missing: the backend is not scraped, or
the metric was renamed.

### What to check

Follow the SlowAPIResponseTime runbook: **Application Performance** (Top 10 Slowest
Endpoints, Response Time), **AI Services** (LLM Response Time, Vector Search Latency),
**Database** (Query Duration, Slow Queries). The **backend SLOs** dashboard shows which
window burns.

~~~sh
curl -s http://localhost:8000/metrics | grep -c http_request_duration_seconds_bucket
~~~

### How to fix

Remove the slowest endpoint's bottleneck (LLM, database, vector search) or add capacity.
If one slow endpoint dominates and cannot be fixed quickly, consider serving it
asynchronously.

### Escalate

FastBurn pages the backend on-call; bring in the backend team lead if the budget is
exhausted. SlowBurn and NoData are warnings for the team channel: fix them within the
working day.
`,
};

const errors = {
  name: 'errors',
  description: 'Requests succeed: fewer than 0.1% fail with a 5xx (the seed\'s error rate < 0.1%).',
  objective: 99.9,
  // Expected traffic for the docs' budget in events: a fifth of the seed's 1000 RPS capacity.
  traffic: 200,
  window: '30d',
  sli: {
    ratio: {
      errors: `${m.httpRequests.where({ job: 'backend', status: /5../ })}`,
      total: `${m.httpRequests.where({ job: 'backend' })}`,
    },
  },
  runbookText: `
### What it means

More than 0.1% of the backend's requests fail with a 5xx, at a rate that burns the errors
SLO's budget too fast (FastBurn: within days; SlowBurn: within the 30-day window). NoData
means \`http_requests_total\` is missing for the \`backend\` job.

### What to check

Follow the HighAPIErrorRate runbook: **Application Performance** (Error Rate, Top 10
Highest Error Rate Endpoints), Sentry for the exceptions, and the health of Postgres,
Redis, Qdrant, MinIO and Ollama.

~~~sh
docker logs --since 30m iob_maiis_backend 2>&1 | grep -iE 'error|exception' | tail -50
~~~

In Prometheus:
\`sum by (endpoint, status) (rate(http_requests_total{job="backend", status=~"5.."}[1h]))\`.

### How to fix

Roll back a bad deployment, or restore the failing dependency. A slow burn from one
endpoint is a bug to fix in the next release: open a ticket with the Sentry issue.

### Escalate

FastBurn pages the backend on-call; bring in the backend team lead if the budget is
exhausted. SlowBurn and NoData are warnings for the team channel: fix them within the
working day.
`,
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
                // runbookText is published under runbooks.url (monc.config.yaml).
                runbook_url: runbookUrl('HighAPIErrorRate'),
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
