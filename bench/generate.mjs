#!/usr/bin/env node
/**
 * Workload generator for the monc benchmark.
 *
 *   node bench/generate.mjs --services N [--format yaml|ts] --out DIR [--seed S] [--slos-per-service K] [--force]
 *
 * DIR/definitions/ must not exist yet; --force replaces it (and DIR/out/).
 *
 * Writes a complete monc project into DIR: DIR/definitions/ with one file per service
 * (svcNNN.yaml or svcNNN.ts). Each service declares 5 metrics (a request counter, a latency
 * histogram, an in-flight gauge, a job counter and a memory gauge, all with bounded labels),
 * 2 recording rules and 4 alerts whose PromQL references only declared metrics, recorded
 * series or Prometheus' own `up`; with --slos-per-service K (or --slos K), K SLOs over those metrics too. The project
 * lints clean (no errors, no warnings).
 *
 * The output is deterministic: variation between services (teams, instance counts, label
 * bounds, buckets, thresholds) comes from a PRNG seeded with the seed and the service index,
 * so service 7 has the same content whether 10 or 1000 services are generated.
 *
 * Plain Node ESM, no dependencies; also importable: `generateProject({ services, format })`
 * returns a Map of relative path → file text.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEAMS = ['checkout', 'catalog', 'identity', 'payments', 'search', 'platform', 'growth', 'messaging'];
const QUEUES = [
  ['default', 'emails'],
  ['default', 'exports', 'webhooks'],
  ['ingest', 'reindex'],
  ['default', 'billing', 'notifications', 'reports'],
];
const LATENCY_BUCKETS = [
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
  [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const RUNBOOK_BASE = 'https://runbooks.example.com';

/** mulberry32: a tiny, well-distributed 32-bit PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything that varies between services, drawn from a PRNG seeded per service. */
function serviceParams(index, width, seed) {
  const random = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const id = String(index + 1).padStart(width, '0');
  const name = `svc${id}`;
  const buckets = pick(LATENCY_BUCKETS);
  // The latency threshold is a bucket boundary in the upper half, so the p95 is exact there.
  const latencyThreshold = buckets[between(Math.floor(buckets.length / 2), buckets.length - 2)];
  return {
    name,
    prefix: name, // metric namespace
    alertPrefix: `Svc${id}`,
    team: pick(TEAMS),
    instances: between(2, 6),
    port: pick([8080, 8000, 9090, 3000]),
    methods: METHODS.slice(0, between(2, METHODS.length)),
    endpoints: between(5, 20),
    queues: pick(QUEUES),
    buckets,
    latencyThreshold,
    errorRatio: pick([0.01, 0.02, 0.05]),
    jobFailureRatio: pick([0.05, 0.1, 0.2]),
    errorFor: pick(['2m', '5m']),
    latencyFor: pick(['5m', '10m']),
  };
}

/** The definitions of one service as plain data: the shape both formats express. */
function serviceModel(p) {
  const m = {
    requests: `${p.prefix}_http_requests_total`,
    duration: `${p.prefix}_http_request_duration_seconds`,
    inFlight: `${p.prefix}_http_requests_in_flight`,
    jobs: `${p.prefix}_jobs_processed_total`,
    memory: `${p.prefix}_process_resident_memory_bytes`,
  };
  const rec = {
    requestRate: `job:${p.prefix}_http_requests:rate5m`,
    errorRate: `job:${p.prefix}_http_request_errors:rate5m`,
  };
  return { m, rec };
}

/**
 * The service's first `count` SLOs, as plain data: request availability, latency at a bucket
 * boundary, job success, write availability and fast responses, then the same again with a
 * numbered name and a looser objective.
 */
function serviceSlos(p, count) {
  const { m } = serviceModel(p);
  const fastThreshold = p.buckets[Math.floor(p.buckets.length / 2) - 1];
  const kinds = [
    { name: 'availability', objective: 99.9, ratio: { errors: `${m.requests}{status=~"5.."}`, total: m.requests } },
    { name: 'latency', objective: 99, latency: { histogram: m.duration, threshold: p.latencyThreshold } },
    { name: 'jobs', objective: 99.5, ratio: { errors: `${m.jobs}{outcome="failure"}`, total: m.jobs } },
    { name: 'writes', objective: 99.95, ratio: { errors: `${m.requests}{method="POST", status=~"5.."}`, total: `${m.requests}{method="POST"}` } },
    { name: 'fast-responses', objective: 95, latency: { histogram: m.duration, threshold: fastThreshold } },
  ];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const round = Math.floor(i / kinds.length);
    return { ...kind, name: round === 0 ? kind.name : `${kind.name}-${round}`, objective: round === 0 ? kind.objective : Math.round((kind.objective - round / 10) * 1000) / 1000 };
  });
}

// ── YAML ────────────────────────────────────────────────────────────────────────────────

/** A YAML double-quoted scalar (JSON strings are valid YAML flow scalars). */
const q = (s) => JSON.stringify(s);
const flowList = (items) => `[${items.map((i) => (typeof i === 'number' ? String(i) : q(i))).join(', ')}]`;

function slosYaml(slos) {
  if (slos.length === 0) return '';
  const sli = (slo) =>
    slo.ratio
      ? `      ratio:\n        errors: ${q(slo.ratio.errors)}\n        total: ${q(slo.ratio.total)}\n`
      : `      latency: { histogram: ${slo.latency.histogram}, threshold: ${slo.latency.threshold} }\n`;
  return `\nslos:\n${slos.map((slo) => `  - name: ${slo.name}\n    objective: ${slo.objective}\n    sli:\n${sli(slo)}`).join('')}`;
}

function serviceYaml(p, slos) {
  const { m, rec } = serviceModel(p);
  const targets = Array.from({ length: p.instances }, (_, i) => `${p.name}-${i}.${p.name}:${p.port}`);
  const runbook = (slug) => `${RUNBOOK_BASE}/${p.name}/${slug}`;
  return `# yaml-language-server: $schema=../schemas/service.schema.json
# Generated by bench/generate.mjs (synthetic benchmark workload).
kind: Service
name: ${p.name}
team: ${p.team}
description: ${q(`Synthetic service ${p.name} owned by ${p.team}: an HTTP API with a background job queue.`)}
scrape:
  job: ${p.name}
  targets: ${flowList(targets)}

metrics:
  - name: ${m.requests}
    type: counter
    help: HTTP requests handled, by method, route template and status code.
    labels:
      method: { values: ${flowList(p.methods)} }
      status: { description: The HTTP status code., pattern: "[1-5][0-9][0-9]", maxValues: 10 }
      endpoint: { description: The matched route template; never the raw path., maxValues: ${p.endpoints} }
  - name: ${m.duration}
    type: histogram
    help: Time from receiving an HTTP request to sending the last byte of the response.
    unit: seconds
    labels:
      method: { values: ${flowList(p.methods)} }
      endpoint: { description: The matched route template; never the raw path., maxValues: ${p.endpoints} }
    buckets: ${flowList(p.buckets)}
  - name: ${m.inFlight}
    type: gauge
    help: HTTP requests currently being handled.
  - name: ${m.jobs}
    type: counter
    help: Background jobs processed, by queue and outcome.
    labels:
      queue: { values: ${flowList(p.queues)} }
      outcome: { values: ["success", "failure"] }
  - name: ${m.memory}
    type: gauge
    help: Resident memory of the service process.
    unit: bytes

recordingRules:
  - record: ${rec.requestRate}
    expr: ${q(`sum by (job) (rate(${m.requests}[5m]))`)}
  - record: ${rec.errorRate}
    expr: ${q(`sum by (job) (rate(${m.requests}{status=~"5.."}[5m]))`)}

alerts:
  - name: ${p.alertPrefix}HighErrorRate
    expr: ${q(`${rec.errorRate} / ${rec.requestRate} > ${p.errorRatio}`)}
    for: ${p.errorFor}
    severity: critical
    summary: ${q(`{{ $labels.job }}: {{ $value | humanizePercentage }} of requests fail with 5xx`)}
    description: ${q(`More than ${Math.round(p.errorRatio * 100)}% of requests to {{ $labels.job }} have failed with a 5xx status for ${p.errorFor}.`)}
    runbook: ${runbook('high-error-rate')}
  - name: ${p.alertPrefix}SlowRequests
    expr: ${q(`histogram_quantile(0.95, sum by (job, le) (rate(${m.duration}_bucket[5m]))) > ${p.latencyThreshold}`)}
    for: ${p.latencyFor}
    severity: warning
    summary: ${q(`{{ $labels.job }}: p95 latency is {{ $value | humanizeDuration }}`)}
    description: ${q(`The 95th percentile request latency of {{ $labels.job }} has been above ${p.latencyThreshold}s for ${p.latencyFor}.`)}
    runbook: ${runbook('slow-requests')}
  - name: ${p.alertPrefix}InstanceDown
    expr: ${q(`up{job="${p.name}"} == 0`)}
    for: 2m
    severity: critical
    summary: ${q(`{{ $labels.instance }} of {{ $labels.job }} is down`)}
    description: ${q(`Prometheus has failed to scrape {{ $labels.instance }} for 2 minutes.`)}
    runbook: ${runbook('instance-down')}
  - name: ${p.alertPrefix}JobFailures
    expr: ${q(`sum by (job, queue) (rate(${m.jobs}{outcome="failure"}[10m])) / sum by (job, queue) (rate(${m.jobs}[10m])) > ${p.jobFailureRatio}`)}
    for: 15m
    severity: warning
    summary: ${q(`{{ $labels.job }}: {{ $value | humanizePercentage }} of {{ $labels.queue }} jobs fail`)}
    description: ${q(`More than ${Math.round(p.jobFailureRatio * 100)}% of jobs on queue {{ $labels.queue }} of {{ $labels.job }} have failed for 15 minutes.`)}
    runbook: ${runbook('job-failures')}
${slosYaml(slos)}`;
}

// ── TypeScript ──────────────────────────────────────────────────────────────────────────

const tsList = (items) => `[${items.map((i) => (typeof i === 'number' ? String(i) : `'${i}'`)).join(', ')}]`;
/** A TS single-quoted string literal. */
const s = (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function slosTs(slos) {
  if (slos.length === 0) return '';
  const sli = (slo) =>
    slo.ratio
      ? `{ ratio: { errors: ${s(slo.ratio.errors)}, total: ${s(slo.ratio.total)} } }`
      : `{ latency: { histogram: ${s(slo.latency.histogram)}, threshold: ${slo.latency.threshold} } }`;
  return `  slos: [\n${slos.map((slo) => `    { name: ${s(slo.name)}, objective: ${slo.objective}, sli: ${sli(slo)} },\n`).join('')}  ],\n`;
}

function serviceTs(p, slos) {
  const { m, rec } = serviceModel(p);
  const targets = Array.from({ length: p.instances }, (_, i) => `${p.name}-${i}.${p.name}:${p.port}`);
  return `/**
 * Synthetic service ${p.name} (generated by bench/generate.mjs): an HTTP API with a
 * background job queue.
 */
import { defineMetric, defineService } from 'monc';

const RUNBOOKS = '${RUNBOOK_BASE}/${p.name}';

const method = { values: ${tsList(p.methods)} };
const endpoint = { description: 'The matched route template; never the raw path.', maxValues: ${p.endpoints} };

export const httpRequests = defineMetric({
  name: '${m.requests}',
  type: 'counter',
  help: 'HTTP requests handled, by method, route template and status code.',
  labels: { method, status: { description: 'The HTTP status code.', pattern: '[1-5][0-9][0-9]', maxValues: 10 }, endpoint },
});

export const httpRequestDuration = defineMetric({
  name: '${m.duration}',
  type: 'histogram',
  help: 'Time from receiving an HTTP request to sending the last byte of the response.',
  unit: 'seconds',
  labels: { method, endpoint },
  buckets: ${tsList(p.buckets)},
});

export const httpRequestsInFlight = defineMetric({
  name: '${m.inFlight}',
  type: 'gauge',
  help: 'HTTP requests currently being handled.',
});

export const jobsProcessed = defineMetric({
  name: '${m.jobs}',
  type: 'counter',
  help: 'Background jobs processed, by queue and outcome.',
  labels: { queue: { values: ${tsList(p.queues)} }, outcome: { values: ['success', 'failure'] } },
});

export const processMemory = defineMetric({
  name: '${m.memory}',
  type: 'gauge',
  help: 'Resident memory of the service process.',
  unit: 'bytes',
});

const requestRate = {
  record: '${rec.requestRate}',
  expr: \`sum by (job) (rate(\${httpRequests}[5m]))\`,
};

const errorRate = {
  record: '${rec.errorRate}',
  expr: \`sum by (job) (rate(\${httpRequests.where({ status: /5../ }).over('5m')}))\`,
};

defineService({
  name: '${p.name}',
  team: '${p.team}',
  description: ${s(`Synthetic service ${p.name} owned by ${p.team}: an HTTP API with a background job queue.`)},
  scrape: { job: '${p.name}', targets: ${tsList(targets)} },
  metrics: [httpRequests, httpRequestDuration, httpRequestsInFlight, jobsProcessed, processMemory],
  recordingRules: [requestRate, errorRate],
  alerts: [
    {
      name: '${p.alertPrefix}HighErrorRate',
      expr: \`\${errorRate.record} / \${requestRate.record} > ${p.errorRatio}\`,
      for: '${p.errorFor}',
      severity: 'critical',
      summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} of requests fail with 5xx',
      description: 'More than ${Math.round(p.errorRatio * 100)}% of requests to {{ $labels.job }} have failed with a 5xx status for ${p.errorFor}.',
      runbook: \`\${RUNBOOKS}/high-error-rate\`,
    },
    {
      name: '${p.alertPrefix}SlowRequests',
      expr: \`histogram_quantile(0.95, sum by (job, le) (rate(\${httpRequestDuration.series('bucket').over('5m')}))) > ${p.latencyThreshold}\`,
      for: '${p.latencyFor}',
      severity: 'warning',
      summary: '{{ $labels.job }}: p95 latency is {{ $value | humanizeDuration }}',
      description: 'The 95th percentile request latency of {{ $labels.job }} has been above ${p.latencyThreshold}s for ${p.latencyFor}.',
      runbook: \`\${RUNBOOKS}/slow-requests\`,
    },
    {
      name: '${p.alertPrefix}InstanceDown',
      expr: 'up{job="${p.name}"} == 0',
      for: '2m',
      severity: 'critical',
      summary: '{{ $labels.instance }} of {{ $labels.job }} is down',
      description: 'Prometheus has failed to scrape {{ $labels.instance }} for 2 minutes.',
      runbook: \`\${RUNBOOKS}/instance-down\`,
    },
    {
      name: '${p.alertPrefix}JobFailures',
      expr:
        \`sum by (job, queue) (rate(\${jobsProcessed.where({ outcome: 'failure' }).over('10m')}))\` +
        \` / sum by (job, queue) (rate(\${jobsProcessed}[10m])) > ${p.jobFailureRatio}\`,
      for: '15m',
      severity: 'warning',
      summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} of {{ $labels.queue }} jobs fail',
      description: 'More than ${Math.round(p.jobFailureRatio * 100)}% of jobs on queue {{ $labels.queue }} of {{ $labels.job }} have failed for 15 minutes.',
      runbook: \`\${RUNBOOKS}/job-failures\`,
    },
  ],
${slosTs(slos)}});
`;
}

// ── Project ─────────────────────────────────────────────────────────────────────────────

/** The project's files: relative path → text. */
export function generateProject({ services, format = 'yaml', seed = 1, slos = 0 }) {
  if (!Number.isInteger(services) || services < 1) throw new Error(`--services must be a positive integer, got ${services}`);
  if (format !== 'yaml' && format !== 'ts') throw new Error(`--format must be yaml or ts, got ${format}`);
  if (!Number.isInteger(slos) || slos < 0) throw new Error(`--slos-per-service must be a whole number, got ${slos}`);
  const width = Math.max(3, String(services).length);
  const files = new Map();
  for (let i = 0; i < services; i++) {
    const p = serviceParams(i, width, seed);
    const serviceSlosList = serviceSlos(p, slos);
    files.set(`definitions/${p.name}.${format}`, format === 'yaml' ? serviceYaml(p, serviceSlosList) : serviceTs(p, serviceSlosList));
  }
  // A fleet of this size has more series than the default total budget (1M); each metric stays under its own.
  // SLO windows (30d) must fit in the retention.
  const retention = slos > 0 ? 'prometheus:\n  retention: 30d\n' : '';
  files.set('monc.config.yaml', `${retention}cardinality:\n  seriesTotal: ${Math.max(1_000_000, services * 10_000)}\n`);
  return files;
}

/** Writes the project into dir; with `force`, replaces any definitions/ and out/ already there. */
export async function writeProject(dir, options) {
  const files = generateProject(options);
  if (!options.force && existsSync(path.join(dir, 'definitions'))) {
    throw new Error(`${path.join(dir, 'definitions')} already exists; pass --force to replace it`);
  }
  await rm(path.join(dir, 'definitions'), { recursive: true, force: true });
  await rm(path.join(dir, 'out'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'definitions'), { recursive: true });
  for (const [file, text] of files) await writeFile(path.join(dir, file), text);
  return files;
}

function parseArgs(argv) {
  const options = { services: undefined, format: 'yaml', out: undefined, seed: 1, slos: 0, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--services': options.services = Number(value()); break;
      case '--format': options.format = value(); break;
      case '--out': options.out = value(); break;
      case '--seed': options.seed = Number(value()); break;
      case '--slos-per-service':
      case '--slos': options.slos = Number(value()); break;
      case '--force': options.force = true; break;
      case '-h': case '--help':
        process.stdout.write('Usage: node bench/generate.mjs --services N [--format yaml|ts] --out DIR [--seed S] [--slos-per-service K] [--force]\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (options.services === undefined || options.out === undefined) throw new Error('--services and --out are required');
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const files = await writeProject(path.resolve(options.out), options);
    process.stderr.write(`generate: wrote ${files.size - 1} ${options.format} service files into ${path.join(options.out, 'definitions')}/\n`);
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exit(2);
  }
}
