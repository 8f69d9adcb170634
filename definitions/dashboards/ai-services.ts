/**
 * AI Services (monitoring-guide.md, "Grafana Dashboards" 4): the LLM (Ollama), the RAG
 * pipeline (embeddings, Qdrant vector search, generation) and the speech providers.
 * Use cases: AI service cost monitoring, performance optimization, provider comparison.
 */
import { defineDashboard } from 'monc';
import * as m from '../backend-metrics.ts';
import { ANNOTATIONS, FOLDER, INSTANCE, RANGE, RATE, runbookUrl, dashboardLinks, instanceVariable, jobVariable, labelVariable, quantileQueries } from './common.ts';

const MODEL = { ...INSTANCE, model: /$model/ };
const PROVIDER = { ...INSTANCE, provider: /$provider/ };

defineDashboard({
  id: 'ai-services',
  title: 'AI Services',
  description: 'LLM requests, latency and token usage (cost), the RAG pipeline (embeddings, vector search), and the speech providers with their fallbacks. For cost monitoring, performance work and provider comparison.',
  folder: FOLDER,
  service: 'backend',
  tags: ['iob-maiis', 'backend', 'ai', 'llm', 'rag', 'speech'],
  variables: [
    jobVariable(`${m.llmRequests}`),
    instanceVariable(`${m.llmRequests}`),
    labelVariable('model', 'Model', `${m.llmRequests}{job=~"$job"}`),
    labelVariable('provider', 'Speech provider', `${m.speechProviderRequests}{job=~"$job"}`),
  ],
  links: [
    { title: 'Runbook: speech provider fallback active', url: runbookUrl('SpeechProviderFallbackActive') },
    { title: 'Runbook: slow API response time', url: runbookUrl('SlowAPIResponseTime') },
    ...dashboardLinks('application-performance', 'system-overview'),
  ],
  annotations: ANNOTATIONS,
  rows: [
    {
      title: 'LLM',
      panels: [
        {
          title: 'LLM Request Rate',
          description: 'Requests per second to the LLM backend (Ollama), by model and outcome. Errors show up as the "error" series.',
          type: 'timeseries',
          unit: 'reqps',
          min: 0,
          width: 8,
          queries: [{ expr: `sum by (model, status) (rate(${m.llmRequests.where(MODEL).over(RATE)}))`, legend: '{{model}} {{status}}' }],
        },
        {
          title: 'LLM Response Time',
          description: 'p50, p95 and p99 of the time until the last token, over the selected models (llm_request_duration_seconds buckets summed by le). Long answers take long: compare with the completion tokens.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 8,
          queries: quantileQueries(m.llmRequestDuration.series('bucket', MODEL)),
        },
        {
          title: 'Token Usage (cost tracking)',
          description:
            'Prompt and completion tokens processed over the selected time range, by model: what the LLM costs scale with. ' +
            'For a hosted model, multiply by its price per token.',
          type: 'bargauge',
          unit: 'short',
          decimals: 0,
          min: 0,
          width: 8,
          queries: [{ expr: `sum by (model, type) (increase(${m.llmTokens.where(MODEL).over(RANGE)}))`, legend: '{{model}} {{type}}' }],
        },
        {
          title: 'Tokens per Second',
          description: 'Token throughput by model and type: a drop in completion tokens/s at a steady request rate means slower generation (GPU contention, a larger model).',
          type: 'timeseries',
          unit: 'short',
          min: 0,
          queries: [{ expr: `sum by (model, type) (rate(${m.llmTokens.where(MODEL).over(RATE)}))`, legend: '{{model}} {{type}}' }],
        },
        {
          title: 'LLM Error Ratio',
          description: 'The share of LLM requests that failed, per model (errors and requests summed per model before dividing).',
          type: 'timeseries',
          unit: 'percentunit',
          min: 0,
          queries: [
            {
              expr: `sum by (model) (rate(${m.llmRequests.where({ ...MODEL, status: 'error' }).over(RATE)})) / sum by (model) (rate(${m.llmRequests.where(MODEL).over(RATE)}))`,
              legend: '{{model}}',
            },
          ],
        },
      ],
    },
    {
      title: 'RAG pipeline',
      panels: [
        {
          title: 'RAG Pipeline Performance',
          description: 'p50, p95 and p99 of the end-to-end RAG pipeline (embed the question, search Qdrant, generate the answer). Break it down with the three panels next to it.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 8,
          queries: quantileQueries(m.ragPipelineDuration.series('bucket', INSTANCE)),
        },
        {
          title: 'Embedding Generation Time',
          description: 'p50 and p95 of the time to compute embeddings, for user questions (query) and for document chunks during ingestion (document).',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 8,
          queries: quantileQueries(m.embeddingGenerationDuration.series('bucket', INSTANCE), ['source'], ['p50', 'p95']),
        },
        {
          title: 'Vector Search Latency',
          description: 'p50, p95 and p99 of Qdrant vector searches. Rising with the collection size means the HNSW index or the search parameters need tuning.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 8,
          queries: quantileQueries(m.vectorSearchDuration.series('bucket', INSTANCE)),
        },
        {
          title: 'RAG Pipeline Errors',
          description: 'RAG pipeline failures per second, by the stage that failed: embedding, search (Qdrant) or generation (LLM).',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          width: 24,
          height: 6,
          queries: [{ expr: `sum by (stage) (rate(${m.ragPipelineErrors.where(INSTANCE).over(RATE)}))`, legend: '{{stage}}' }],
        },
      ],
    },
    {
      // Qdrant's own metrics (definitions/qdrant.yaml), next to the backend's view of search above.
      title: 'Vector database (Qdrant)',
      panels: [
        {
          title: 'Qdrant Vectors Stored',
          description: 'Vectors in all Qdrant collections (document chunks indexed for RAG), and the number of collections. Qdrant holds vectors and HNSW indexes in memory: this grows with the host\'s memory use.',
          type: 'timeseries',
          unit: 'short',
          min: 0,
          width: 8,
          queries: [
            { expr: 'sum(collections_vector_total{job="qdrant"})', legend: 'vectors' },
            { expr: 'sum(collections_total{job="qdrant"})', legend: 'collections' },
          ],
        },
        {
          title: 'Qdrant REST Latency',
          description: 'p50, p95 and p99 of Qdrant\'s REST API responses by endpoint template (successful responses, Qdrant v1.8+). Compare with Vector Search Latency, which adds the network and the client.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          width: 8,
          queries: [
            { expr: `histogram_quantile(0.5, sum by (le) (rate(rest_responses_duration_seconds_bucket{job="qdrant"}[${RATE}])))`, legend: 'p50' },
            { expr: `histogram_quantile(0.95, sum by (le) (rate(rest_responses_duration_seconds_bucket{job="qdrant"}[${RATE}])))`, legend: 'p95' },
            { expr: `histogram_quantile(0.99, sum by (le) (rate(rest_responses_duration_seconds_bucket{job="qdrant"}[${RATE}])))`, legend: 'p99' },
          ],
        },
        {
          title: 'Qdrant REST Error Ratio',
          description: 'The share of Qdrant REST responses with a 5xx status (summed before dividing). 4xx (bad requests, missing collections) are left out: they are the client\'s errors.',
          type: 'timeseries',
          unit: 'percentunit',
          min: 0,
          width: 8,
          queries: [
            {
              expr: `sum(rate(rest_responses_total{job="qdrant", status=~"5.."}[${RATE}])) / sum(rate(rest_responses_total{job="qdrant"}[${RATE}]))`,
              legend: '5xx',
            },
          ],
        },
      ],
    },
    {
      title: 'Speech providers',
      panels: [
        {
          title: 'Speech Provider Performance',
          description: 'p95 request duration per speech provider and operation (transcribe, synthesize): compare the providers.',
          type: 'timeseries',
          unit: 's',
          min: 0,
          queries: quantileQueries(m.speechProviderDuration.series('bucket', PROVIDER), ['provider', 'operation'], ['p95']),
        },
        {
          title: 'Fallback Usage',
          description:
            'Speech requests per second that fell back to the next provider, by the provider that failed. ' +
            'SpeechProviderFallbackActive warns above 0.1/s per provider for 10 minutes (red line).',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          thresholds: [{ value: 0.1, color: 'red' }],
          queries: [{ expr: `sum by (provider, operation) (rate(${m.speechProviderFallbacks.where(PROVIDER).over(RATE)}))`, legend: '{{provider}} {{operation}}' }],
        },
        {
          title: 'Speech Provider Error Ratio',
          description: 'The share of requests to each provider that failed over the selected time range (summed per provider before dividing).',
          type: 'bargauge',
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: [
            { value: 0.01, color: 'orange' },
            { value: 0.05, color: 'red' },
          ],
          queries: [
            {
              expr:
                `sum by (provider) (rate(${m.speechProviderRequests.where({ ...PROVIDER, status: 'error' }).over(RANGE)})) ` +
                `/ sum by (provider) (rate(${m.speechProviderRequests.where(PROVIDER).over(RANGE)}))`,
              legend: '{{provider}}',
            },
          ],
        },
        {
          title: 'Speech Real-Time Factor',
          description:
            'Seconds of processing per second of audio, per provider and operation, over the selected time range: below 1 is faster than real time. ' +
            'Normalises the provider latency for the length of the audio.',
          type: 'bargauge',
          unit: 'none',
          decimals: 2,
          min: 0,
          queries: [
            {
              expr:
                `sum by (provider, operation) (rate(${m.speechProviderDuration.series('sum', PROVIDER).over(RANGE)})) ` +
                `/ sum by (provider, operation) (rate(${m.speechAudioDuration.series('sum', PROVIDER).over(RANGE)}))`,
              legend: '{{provider}} {{operation}}',
            },
          ],
        },
        {
          title: 'Audio Length (p95)',
          description: '95th percentile length of the audio transcribed or synthesized, per operation (speech_audio_duration_seconds, the seed\'s "audio processing").',
          type: 'timeseries',
          unit: 's',
          min: 0,
          queries: quantileQueries(m.speechAudioDuration.series('bucket', PROVIDER), ['operation'], ['p95']),
        },
      ],
    },
  ],
});
