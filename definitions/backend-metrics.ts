/**
 * Metrics the IOB MAIIS backend (FastAPI, prometheus_client) exposes on backend:8000/metrics.
 *
 * Every label is bounded: route templates (never raw paths), enum-like values, or a small
 * `maxValues`. Ids (user, document, session, request) stay in logs and Sentry, never in labels.
 */
import { defineMetric } from 'monc';

/** The seed's default latency buckets (0.005 … 10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * HTTP latency buckets: the seed's defaults plus 2 s. SlowAPIResponseTime fires at p95 > 2 s
 * and the Apdex "tolerating" bound is 4T = 2 s; with 2 as a bucket boundary both are exact
 * instead of being interpolated between the 1 s and 2.5 s buckets.
 */
const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10];

/** Request/response/upload sizes: 100 B … 100 MB, one bucket per power of ten. */
const SIZE_BUCKETS = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

const method = { values: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] };
const endpoint = {
  description: 'The matched route template, e.g. /api/documents/{document_id}; never the raw path. Unmatched requests are "unmatched".',
  maxValues: 50,
};
const status = { description: 'The HTTP status codes the API returns (a few dozen at most; 20 in practice).', pattern: '[1-5][0-9][0-9]', maxValues: 20 };
const outcome = { values: ['success', 'error'] };

// ── HTTP ────────────────────────────────────────────────────────────────────────────────

export const httpRequests = defineMetric({
  name: 'http_requests_total',
  type: 'counter',
  help: 'HTTP requests handled, by method, route template and status code.',
  labels: { method, endpoint, status },
});

export const httpRequestDuration = defineMetric({
  name: 'http_request_duration_seconds',
  type: 'histogram',
  help: 'Time from receiving an HTTP request to sending the last byte of the response.',
  unit: 'seconds',
  labels: { method, endpoint },
  buckets: HTTP_LATENCY_BUCKETS,
});

export const httpRequestsInProgress = defineMetric({
  name: 'http_requests_in_progress',
  type: 'gauge',
  help: 'HTTP requests currently being handled.',
  labels: { method, endpoint },
});

export const httpRequestSize = defineMetric({
  name: 'http_request_size_bytes',
  type: 'histogram',
  help: 'Size of HTTP request bodies.',
  unit: 'bytes',
  labels: { method, endpoint },
  buckets: SIZE_BUCKETS,
});

export const httpResponseSize = defineMetric({
  name: 'http_response_size_bytes',
  type: 'histogram',
  help: 'Size of HTTP response bodies.',
  unit: 'bytes',
  labels: { method, endpoint },
  buckets: SIZE_BUCKETS,
});

// ── Authentication ──────────────────────────────────────────────────────────────────────

const authMethod = { values: ['password', 'refresh_token', 'api_key'] };

export const authAttempts = defineMetric({
  name: 'auth_attempts_total',
  type: 'counter',
  help: 'Authentication attempts, successful or not.',
  labels: { method: authMethod },
});

export const authFailures = defineMetric({
  name: 'auth_failures_total',
  type: 'counter',
  help: 'Failed authentication attempts, by reason.',
  labels: {
    method: authMethod,
    reason: { values: ['invalid_credentials', 'expired_token', 'invalid_token', 'locked_account', 'rate_limited'] },
  },
});

// ── Database (SQLAlchemy pool and queries) ──────────────────────────────────────────────

const dbOperation = { values: ['select', 'insert', 'update', 'delete', 'other'] };

export const dbQueries = defineMetric({
  name: 'db_queries_total',
  type: 'counter',
  help: 'Database queries executed.',
  labels: { operation: dbOperation, status: outcome },
});

export const dbQueryDuration = defineMetric({
  name: 'db_query_duration_seconds',
  type: 'histogram',
  help: 'Database query duration.',
  unit: 'seconds',
  labels: { operation: dbOperation },
  buckets: LATENCY_BUCKETS,
});

export const dbConnectionsActive = defineMetric({
  name: 'db_connections_active',
  type: 'gauge',
  help: 'Database connections checked out of the pool.',
});

export const dbConnectionsIdle = defineMetric({
  name: 'db_connections_idle',
  type: 'gauge',
  help: 'Database connections idle in the pool.',
});

// ── Cache (Redis) ───────────────────────────────────────────────────────────────────────

export const cacheOperations = defineMetric({
  name: 'cache_operations_total',
  type: 'counter',
  help: 'Cache operations, by operation and result.',
  labels: {
    operation: { values: ['get', 'set', 'delete'] },
    result: { values: ['hit', 'miss', 'ok', 'error'] },
  },
});

export const cacheHitRatio = defineMetric({
  name: 'cache_hit_ratio',
  type: 'gauge',
  help: 'Cache hits over lookups since the backend started (0–1).',
  unit: 'ratio',
});

// ── Storage (MinIO) ─────────────────────────────────────────────────────────────────────

export const storageOperations = defineMetric({
  name: 'storage_operations_total',
  type: 'counter',
  help: 'Object storage operations.',
  labels: { operation: { values: ['upload', 'download', 'delete'] }, status: outcome },
});

export const storageUploadDuration = defineMetric({
  name: 'storage_upload_duration_seconds',
  type: 'histogram',
  help: 'Time to upload one object to object storage.',
  unit: 'seconds',
  buckets: LATENCY_BUCKETS,
});

export const storageUploadSize = defineMetric({
  name: 'storage_upload_size_bytes',
  type: 'histogram',
  help: 'Size of objects uploaded to object storage.',
  unit: 'bytes',
  buckets: SIZE_BUCKETS,
});

export const storageUploadErrors = defineMetric({
  name: 'storage_upload_errors_total',
  type: 'counter',
  help: 'Uploads to object storage that failed, by the kind of error the S3 client raised.',
  labels: { reason: { values: ['timeout', 'connection', 'access_denied', 'no_such_bucket', 'quota_exceeded', 'other'] } },
});

// ── AI: LLM, RAG, vector search ─────────────────────────────────────────────────────────

const model = { description: 'The configured LLM model name (a handful per deployment).', maxValues: 10 };

export const llmRequests = defineMetric({
  name: 'llm_requests_total',
  type: 'counter',
  help: 'Requests to the LLM backend (Ollama).',
  labels: { model, status: outcome },
});

export const llmRequestDuration = defineMetric({
  name: 'llm_request_duration_seconds',
  type: 'histogram',
  help: 'LLM request duration, until the last token.',
  unit: 'seconds',
  labels: { model },
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
});

export const llmTokens = defineMetric({
  name: 'llm_tokens_total',
  type: 'counter',
  help: 'LLM tokens processed (cost tracking).',
  labels: { model, type: { values: ['prompt', 'completion'] } },
});

export const ragPipelineDuration = defineMetric({
  name: 'rag_pipeline_duration_seconds',
  type: 'histogram',
  help: 'End-to-end RAG pipeline duration: embed, search, generate.',
  unit: 'seconds',
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
});

export const ragPipelineErrors = defineMetric({
  name: 'rag_pipeline_errors_total',
  type: 'counter',
  help: 'RAG pipeline failures, by the stage that failed.',
  labels: { stage: { values: ['embedding', 'search', 'generation'] } },
});

export const vectorSearchDuration = defineMetric({
  name: 'vector_search_duration_seconds',
  type: 'histogram',
  help: 'Qdrant vector search duration.',
  unit: 'seconds',
  buckets: LATENCY_BUCKETS,
});

export const embeddingGenerationDuration = defineMetric({
  name: 'embedding_generation_duration_seconds',
  type: 'histogram',
  help: 'Time to compute the embeddings of one input: a user query (RAG) or a batch of document chunks (ingestion).',
  unit: 'seconds',
  labels: { source: { values: ['query', 'document'] } },
  buckets: LATENCY_BUCKETS,
});

// ── Speech providers ────────────────────────────────────────────────────────────────────

const provider = { description: 'The speech provider (cloud API or local model).', maxValues: 10 };
const speechOperation = { values: ['transcribe', 'synthesize'] };

export const speechProviderRequests = defineMetric({
  name: 'speech_provider_requests_total',
  type: 'counter',
  help: 'Requests to speech providers.',
  labels: { provider, operation: speechOperation, status: outcome },
});

export const speechProviderDuration = defineMetric({
  name: 'speech_provider_duration_seconds',
  type: 'histogram',
  help: 'Speech provider request duration.',
  unit: 'seconds',
  labels: { provider, operation: speechOperation },
  buckets: LATENCY_BUCKETS,
});

export const speechProviderFallbacks = defineMetric({
  name: 'speech_provider_fallback_total',
  type: 'counter',
  help: 'Speech requests that fell back to the next provider; provider is the one that failed.',
  labels: { provider, operation: speechOperation },
});

/** The length of the audio itself (not the time to process it): transcribed input or synthesized output. */
export const speechAudioDuration = defineMetric({
  name: 'speech_audio_duration_seconds',
  type: 'histogram',
  help: 'Length of the audio of one speech request: the input transcribed or the output synthesized.',
  unit: 'seconds',
  labels: { provider, operation: speechOperation },
  buckets: [1, 2.5, 5, 10, 30, 60, 120, 300, 600],
});

// ── Security ────────────────────────────────────────────────────────────────────────────

export const rateLimitExceeded = defineMetric({
  name: 'rate_limit_exceeded_total',
  type: 'counter',
  help: 'Requests the rate limiter rejected with 429, by route template and the key the limit applies to.',
  labels: { endpoint, scope: { values: ['ip', 'user', 'api_key'] } },
});

export const uploadRejected = defineMetric({
  name: 'upload_rejected_total',
  type: 'counter',
  help: 'Uploads rejected by validation before they reach object storage, by reason (suspicious upload activity).',
  labels: {
    reason: { values: ['file_too_large', 'unsupported_type', 'content_type_mismatch', 'malware_detected', 'quota_exceeded'] },
  },
});

export const blockedIps = defineMetric({
  name: 'blocked_ips',
  type: 'gauge',
  help: 'Client IP addresses currently on the block list (repeated failed logins or rate-limit violations).',
});

// ── Process ─────────────────────────────────────────────────────────────────────────────

/** From prometheus_client's process collector; it changes when the backend restarts, e.g. on a deployment. */
export const processStartTime = defineMetric({
  name: 'process_start_time_seconds',
  type: 'gauge',
  help: 'Start time of the process since unix epoch in seconds.',
  unit: 'seconds',
});

// ── Business ────────────────────────────────────────────────────────────────────────────

export const documentProcessing = defineMetric({
  name: 'document_processing_total',
  type: 'counter',
  help: 'Documents processed (OCR, chunking, embedding).',
  labels: { status: { values: ['success', 'failure'] } },
});

export const websocketConnectionsActive = defineMetric({
  name: 'websocket_connections_active',
  type: 'gauge',
  help: 'Open WebSocket connections (active chat sessions).',
});

/**
 * Size of each file a user uploads through the API (POST /api/documents/upload, voice notes),
 * before validation; storage_upload_size_bytes counts what reaches MinIO. The seed's "File
 * upload volume", `sum(rate(file_upload_size_bytes[1h]))`, cannot work on a histogram (there
 * is no series without a suffix): the uploaded bytes per second are
 * `sum(rate(file_upload_size_bytes_sum[1h]))`.
 */
export const fileUploadSize = defineMetric({
  name: 'file_upload_size_bytes',
  type: 'histogram',
  help: 'Size of the files users upload through the API, before validation.',
  unit: 'bytes',
  labels: { kind: { values: ['document', 'image', 'audio'], description: 'What was uploaded, from the upload endpoint.' } },
  buckets: SIZE_BUCKETS,
});

/** The seed's business metric example: one count per user action, never per user. */
export const userActions = defineMetric({
  name: 'user_actions_total',
  type: 'counter',
  help: 'User actions, by action type and outcome.',
  labels: {
    action_type: {
      values: ['login', 'logout', 'chat_query', 'voice_query', 'document_upload', 'document_delete', 'document_search', 'transaction_view'],
      description: 'What the user did; a fixed list in the backend, never a route or an id.',
    },
    status: { values: ['success', 'failure'] },
  },
});

/** The seed's cost metric: what each external API call costs, added when the call returns. */
export const externalApiCost = defineMetric({
  name: 'external_api_cost_dollars_total',
  type: 'counter',
  help: 'Cost of calls to external paid APIs (LLM, speech, OCR providers), in US dollars.',
  unit: 'dollars',
  labels: { provider: { description: 'The external API provider, e.g. openai (a handful per deployment).', maxValues: 10 } },
});

// ── Custom metrics (the seed's "Adding Custom Metrics") ─────────────────────────────────

export const documentOcrErrors = defineMetric({
  name: 'document_ocr_errors_total',
  type: 'counter',
  help: 'OCR processing errors, by document language and kind of error.',
  labels: {
    language: { description: 'The OCR language of the document (ISO 639-1, the languages the OCR engine is configured for).', pattern: '[a-z]{2}', maxValues: 10 },
    error_type: { values: ['timeout', 'unreadable', 'unsupported_format', 'engine_error'] },
  },
});

/** The seed's histogram example, with the seed's own buckets. */
export const customProcessingDuration = defineMetric({
  name: 'custom_processing_duration_seconds',
  type: 'histogram',
  help: 'Duration of one document processing step, by step.',
  unit: 'seconds',
  labels: { operation_type: { values: ['ocr', 'chunking', 'embedding', 'indexing'] } },
  buckets: [0.1, 0.5, 1, 5, 10],
});

export const processingQueueSize = defineMetric({
  name: 'processing_queue_size',
  type: 'gauge',
  help: 'Number of items waiting in the document processing queue.',
});
