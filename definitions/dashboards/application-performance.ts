/**
 * Application Performance (monitoring-guide.md, "Grafana Dashboards" 2): the backend API's
 * traffic, errors and latency, overall and per endpoint. Use cases: performance optimization,
 * SLA monitoring, incident investigation.
 */
import { defineDashboard } from 'monc';
import * as m from '../backend-metrics.ts';
import { ANNOTATIONS, FOLDER, INSTANCE, RANGE, RATE, runbookUrl, dashboardLinks, instanceVariable, jobVariable, labelVariable, quantileQueries } from './common.ts';

/** The graphs follow all three pickers; the top-10 tables rank every endpoint of the job. */
const SELECTED = { ...INSTANCE, endpoint: /$endpoint/ };

const requests = m.httpRequests.where(SELECTED);
const serverErrors = m.httpRequests.where({ ...SELECTED, status: /5../ });

defineDashboard({
  id: 'application-performance',
  title: 'Application Performance',
  description: 'The IOB MAIIS backend API: request rate, errors and latency (p50/p95/p99), overall and per endpoint. For performance work, SLA monitoring and incident investigation.',
  folder: FOLDER,
  service: 'backend',
  tags: ['iob-maiis', 'backend', 'http'],
  variables: [
    jobVariable(`${m.httpRequests}`),
    instanceVariable(`${m.httpRequests}`),
    labelVariable('endpoint', 'Endpoint', `${m.httpRequests}{job=~"$job"}`),
  ],
  links: [
    { title: 'Runbook: high API error rate', url: runbookUrl('HighAPIErrorRate') },
    { title: 'Runbook: slow API response time', url: runbookUrl('SlowAPIResponseTime') },
    { title: 'Runbook: throughput near capacity', url: runbookUrl('BackendThroughputNearCapacity') },
    { title: 'backend SLOs', url: '/d/monc-slo-backend' },
    ...dashboardLinks('system-overview', 'database', 'ai-services'),
  ],
  annotations: ANNOTATIONS,
  rows: [
    {
      title: 'Golden signals',
      panels: [
        {
          title: 'Request Rate (RPS)',
          description:
            'Requests per second handled by the selected jobs, instances and endpoints, with the 1000 requests/s the backend is sized for. ' +
            'BackendThroughputNearCapacity fires above 80% of it for 15 minutes.',
          type: 'timeseries',
          unit: 'reqps',
          min: 0,
          queries: [
            { expr: `sum by (job) (rate(${requests.over(RATE)}))`, legend: '{{job}}' },
            { expr: 'job:http_requests_capacity:rps{job=~"$job"}', legend: 'capacity {{job}}' },
          ],
        },
        {
          title: 'Error Rate',
          description:
            'The share of requests answered with a 5xx: both sides summed per job before dividing. ' +
            'The SLO allows 0.1% (orange line); HighAPIErrorRate pages above 5% for 5 minutes (red line).',
          type: 'timeseries',
          unit: 'percentunit',
          min: 0,
          thresholds: [
            { value: 0.001, color: 'orange' },
            { value: 0.05, color: 'red' },
          ],
          queries: [{ expr: `sum by (job) (rate(${serverErrors.over(RATE)})) / sum by (job) (rate(${requests.over(RATE)}))`, legend: '{{job}}' }],
        },
        {
          title: 'Response Time (p50, p95, p99)',
          description:
            'Latency percentiles of all selected requests, from the http_request_duration_seconds buckets summed by le. ' +
            'Target: p95 under 500 ms (orange line); SlowAPIResponseTime warns when p95 stays above 2 s (red line).',
          type: 'timeseries',
          unit: 's',
          min: 0,
          thresholds: [
            { value: 0.5, color: 'orange' },
            { value: 2, color: 'red' },
          ],
          queries: quantileQueries(m.httpRequestDuration.series('bucket', SELECTED)),
        },
        {
          title: 'Requests in Progress',
          description: 'Requests being handled right now, per instance. A climbing line with flat throughput means requests are piling up behind something slow (database, LLM).',
          type: 'timeseries',
          unit: 'short',
          min: 0,
          queries: [{ expr: `sum by (instance) (${m.httpRequestsInProgress.where(SELECTED)})`, legend: '{{instance}}' }],
        },
      ],
    },
    {
      title: 'Endpoints',
      panels: [
        {
          title: 'Top 10 Slowest Endpoints',
          description:
            'The ten endpoints with the highest p95 latency over the selected time range (all endpoints of the job, whatever the endpoint picker says). ' +
            'The seed averages per-series averages; this is each endpoint\'s p95 from its summed bucket rates.',
          type: 'table',
          unit: 's',
          queries: [
            {
              expr: `sort_desc(topk(10, histogram_quantile(0.95, sum by (endpoint, le) (rate(${m.httpRequestDuration.series('bucket', INSTANCE).over(RANGE)})))))`,
              legend: '{{endpoint}}',
            },
          ],
        },
        {
          title: 'Top 10 Highest Error Rate Endpoints',
          description:
            'The ten endpoints with the highest share of 5xx responses over the selected time range (errors and requests summed per endpoint before dividing). ' +
            'An endpoint with few requests can rank high with a single failure: check its request rate.',
          type: 'table',
          unit: 'percentunit',
          queries: [
            {
              expr: `sort_desc(topk(10, sum by (endpoint) (rate(${m.httpRequests.where({ ...INSTANCE, status: /5../ }).over(RANGE)})) / sum by (endpoint) (rate(${m.httpRequests.where(INSTANCE).over(RANGE)}))))`,
              legend: '{{endpoint}}',
            },
          ],
        },
        {
          title: 'Request Rate by Endpoint',
          description: 'Requests per second per selected endpoint: which routes carry the traffic.',
          type: 'timeseries',
          unit: 'reqps',
          min: 0,
          queries: [{ expr: `sum by (endpoint) (rate(${requests.over(RATE)}))`, legend: '{{endpoint}}' }],
        },
        {
          title: 'Response Time Distribution',
          description: 'How many requests fell into each latency bucket per second: a second band appearing above the main one is a slow path (cache misses, LLM calls).',
          type: 'heatmap',
          unit: 's',
          queries: [{ expr: `sum by (le) (rate(${m.httpRequestDuration.series('bucket', SELECTED).over(RATE)}))`, legend: '{{le}}' }],
        },
      ],
    },
    {
      title: 'Payload sizes',
      collapsed: true,
      panels: [
        {
          title: 'Request and Response Size (p95)',
          description: '95th percentile of request and response body sizes. Large uploads (documents, audio) dominate the request side.',
          type: 'timeseries',
          unit: 'bytes',
          min: 0,
          queries: [
            { expr: `histogram_quantile(0.95, sum by (le) (rate(${m.httpRequestSize.series('bucket', SELECTED).over(RATE)})))`, legend: 'request p95' },
            { expr: `histogram_quantile(0.95, sum by (le) (rate(${m.httpResponseSize.series('bucket', SELECTED).over(RATE)})))`, legend: 'response p95' },
          ],
        },
      ],
    },
  ],
});
