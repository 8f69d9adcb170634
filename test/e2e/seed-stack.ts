/**
 * The seed system on loopback, for end-to-end tests: the backend as a prom-client service with
 * a traffic switch, and a real Prometheus and Alertmanager running what `monc build` generates
 * for our definitions/, with every receiver a local webhook.
 *
 *   const stack = await startSeedStack();
 *   try { stack.backend.setTraffic('errors'); await stack.sink.waitFor(...); } finally { await stack.stop(); }
 *
 * Time runs TIME_SCALE times faster than in production, uniformly: every duration in the
 * generated files (rule ranges, `for`, group intervals, scrape and evaluation intervals, the
 * query lookback, the alert resend delay, Alertmanager's group_wait/group_interval/
 * repeat_interval/resolve_timeout) is divided by TIME_SCALE, so a 5m rate is a 5s rate and
 * `for: 5m` holds for 5 s. Every rule keeps its meaning in scaled time: each window holds the
 * same number of samples and evaluations as in production, burn-rate factors and ratios are
 * dimensionless, and the SLOs' traffic floors count events per window, which the traffic below
 * exceeds. Only thresholds on per-second rates (SpeechProviderFallbackActive's 0.1/s,
 * BackendThroughputNearCapacity's 800/s) and `time()` arithmetic (the SSL expiry alerts) are
 * not scaled; their series are absent or far from the thresholds either way.
 *
 * The SLOs' long windows (scaled 1h … 3d) start full: their SLI recordings are backfilled
 * (promtool) with TIME_SCALE-scaled history of the same healthy traffic the service then
 * serves live, at the scaled evaluation interval, ending right before Prometheus starts. Burn
 * rates then move as they would in a long-running system: the short windows react within
 * seconds, the long ones slowly, so the page tiers fire before the ticket tiers, and the
 * generated inhibitions drop the tickets.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { type Counter, type Gauge, type Histogram, Registry } from 'prom-client';
import { isMap, isSeq, parse, parseDocument, stringify } from 'yaml';
import type { Model } from '../../src/model/model.ts';
import { promMetric, type PromMetric } from './catalog-exporters.ts';
import { artifact } from './seed-deployed.ts';
import { sliSeries } from '../../src/model/conventions.ts';
import { parseDuration } from '../../src/promql/ast.ts';
import { startAlertmanager, startWebhookSink, type Alertmanager, type WebhookSink } from '../helpers/alertmanager.ts';
import { REPO_ROOT, compileProject } from '../helpers/compile-project.ts';
import { openMetrics, startPrometheus, type Prometheus, type SeriesSpec } from '../helpers/prometheus.ts';

/** Production durations divided by this are the test's durations. */
export const TIME_SCALE = 60;

/** The service whose metrics the stack serves live. */
const SERVICE = 'backend';
/** Requests per second the traffic generator serves, in batches every TICK_MS. */
const REQUESTS_PER_SECOND = 40;
const TICK_MS = 100;
/** In the `errors` traffic, one request in ERROR_EVERY fails with a 503 after SLOW_SECONDS. */
const ERROR_EVERY = 5;
const SLOW_SECONDS = 3;
const FAST_SECONDS = 0.08;
/** Scaled history backfilled for the SLO windows: the longest alerting window (3d) and a margin. */
const HISTORY_SECONDS = (75 * 3600) / TIME_SCALE;

// ---------------------------------------------------------------- durations

/** A Prometheus duration divided by TIME_SCALE, in milliseconds (e.g. '5m' → '5000ms'). */
export function scaleDuration(duration: string): string {
  const ms = parseDuration(duration);
  if (ms === undefined) throw new Error(`scaleDuration: not a duration: ${JSON.stringify(duration)}`);
  if (ms % TIME_SCALE !== 0) throw new Error(`scaleDuration: ${duration} is not a whole number of ms / ${TIME_SCALE}`);
  return `${ms / TIME_SCALE}ms`;
}

/** A rule file with every range, subquery step, `for` and group `interval` scaled. */
export function scaleRuleFile(yamlText: string): string {
  const doc = parseDocument(yamlText);
  const groups = doc.get('groups');
  if (!isSeq(groups)) throw new Error('scaleRuleFile: no `groups` list');
  for (const group of groups.items) {
    if (!isMap(group)) continue;
    const interval = group.get('interval');
    if (typeof interval === 'string') group.set('interval', scaleDuration(interval));
    const rules = group.get('rules');
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      if (!isMap(rule)) continue;
      const hold = rule.get('for');
      if (typeof hold === 'string') rule.set('for', scaleDuration(hold));
      const expr = String(rule.get('expr'));
      rule.set(
        'expr',
        expr.replace(/\[([0-9a-z]+)(?::([0-9a-z]*))?\]/g, (_, range: string, step: string | undefined) =>
          step === undefined ? `[${scaleDuration(range)}]` : `[${scaleDuration(range)}:${step === '' ? '' : scaleDuration(step)}]`,
        ),
      );
    }
  }
  return doc.toString();
}

/**
 * The generated prometheus.yml with scaled intervals, the one scrape job of `job` pointed at
 * `target`, and `alertmanager` as the only Alertmanager. The other jobs are dropped: nothing
 * serves them here, and a target on a closed port would be `up == 0`, firing ServiceDown and
 * its inhibitions; without the jobs their rules see no series, as for a healthy fleet.
 */
export function rewritePrometheusConfig(yamlText: string, job: string, target: string, alertmanager: string): string {
  const config = parse(yamlText) as Record<string, any>;
  const global = config['global'] ?? {};
  global.scrape_interval = scaleDuration(global.scrape_interval ?? '1m');
  global.evaluation_interval = scaleDuration(global.evaluation_interval ?? '1m');
  // The default 10s timeout scaled is not a whole number of ms; a scrape must end within its interval anyway.
  global.scrape_timeout = global.scrape_interval;
  config['global'] = global;
  const scrapes = (config['scrape_configs'] ?? []) as Record<string, any>[];
  const kept = scrapes.filter((s) => s['job_name'] === job);
  if (kept.length !== 1) throw new Error(`rewritePrometheusConfig: no scrape job ${job}`);
  for (const scrape of kept) scrape['static_configs'] = [{ targets: [target] }];
  config['scrape_configs'] = kept;
  config['alerting'] = { alertmanagers: [{ static_configs: [{ targets: [alertmanager] }] }] };
  return stringify(config);
}

/**
 * The generated alertmanager.yml with every receiver a webhook to `url(receiverName)` and the
 * route's timers scaled at every level; routes, matchers, grouping, inhibitions, time
 * intervals and templates stay as generated.
 */
export function rewriteAlertmanagerConfig(yamlText: string, url: (receiver: string) => string): string {
  const config = parse(yamlText) as Record<string, any>;
  const global = config['global'] ?? {};
  if (typeof global.resolve_timeout === 'string') global.resolve_timeout = scaleDuration(global.resolve_timeout);
  const scaleRoute = (route: Record<string, any>): void => {
    for (const key of ['group_wait', 'group_interval', 'repeat_interval']) {
      if (typeof route[key] === 'string') route[key] = scaleDuration(route[key]);
    }
    for (const child of route['routes'] ?? []) scaleRoute(child);
  };
  scaleRoute(config['route']);
  config['receivers'] = ((config['receivers'] ?? []) as { name: string }[]).map(({ name }) => ({
    name,
    webhook_configs: [{ url: url(name), send_resolved: true }],
  }));
  return stringify(config);
}

// ---------------------------------------------------------------- the backend service

export type Traffic = 'healthy' | 'errors';

export interface BackendService {
  /** `127.0.0.1:PORT`, serving /metrics. */
  readonly address: string;
  /** healthy: every request a 200 in 80 ms; errors: one in ERROR_EVERY a 503 after 3 s. */
  setTraffic(traffic: Traffic): void;
  close(): Promise<void>;
}

/** The service's declared metrics as prom-client metrics, by name. */
function declaredMetrics(model: Model, service: string, registry: Registry): Map<string, PromMetric> {
  return new Map(model.metrics.filter((m) => m.service === service).map((m) => [m.name, promMetric(m, registry)]));
}

/** The backend on 127.0.0.1: its declared metrics on /metrics, fed by a traffic generator. */
export async function startBackendService(model: Model): Promise<BackendService> {
  const registry = new Registry();
  const metrics = declaredMetrics(model, SERVICE, registry);
  const requests = metrics.get('http_requests_total') as Counter<string> | undefined;
  const duration = metrics.get('http_request_duration_seconds') as Histogram<string> | undefined;
  if (requests === undefined || duration === undefined) throw new Error('startBackendService: the backend declares no HTTP request metrics');
  (metrics.get('process_start_time_seconds') as Gauge<string> | undefined)?.set(Math.floor(Date.now() / 1000));

  let traffic: Traffic = 'healthy';
  let served = 0;
  const perTick = (REQUESTS_PER_SECOND * TICK_MS) / 1000;
  const tick = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const failing = traffic === 'errors' && served++ % ERROR_EVERY === 0;
      const route = { method: 'GET', endpoint: '/api/chat' };
      requests.inc({ ...route, status: failing ? '503' : '200' });
      duration.observe(route, failing ? SLOW_SECONDS : FAST_SECONDS);
    }
  }, TICK_MS);

  const http: HttpServer = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (typeof address !== 'object' || address === null) throw new Error('startBackendService: no address');

  let closed = false;
  return {
    address: `127.0.0.1:${address.port}`,
    setTraffic: (next) => {
      traffic = next;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(tick);
      const done = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await done;
    },
  };
}

// ---------------------------------------------------------------- SLO history

/**
 * Scaled history of every SLO's SLI recordings for `service`: the healthy traffic's events per
 * recording step (scrapes for an availability SLI), no bad events, one sample per scaled
 * evaluation interval, ending now.
 */
function sloHistory(model: Model, service: string, evaluationMs: number, scrapeMs: number): string {
  const end = Math.floor(Date.now() / 1000) - 1;
  const series: SeriesSpec[] = model.slos
    .filter((slo) => slo.service === service)
    .flatMap((slo) => {
      const names = sliSeries(slo.step);
      const stepMs = Number(scaleDuration(slo.step).slice(0, -'ms'.length));
      const events = slo.sli.kind === 'availability' ? stepMs / scrapeMs : (REQUESTS_PER_SECOND * stepMs) / 1000;
      const labels = { service: slo.service, slo: slo.id };
      return [
        { name: names.total, labels, type: 'gauge' as const, value: () => events },
        { name: names.errors, labels, type: 'gauge' as const, value: () => 0 },
      ];
    });
  return openMetrics(series, { start: end - HISTORY_SECONDS, end, step: evaluationMs / 1000 });
}

// ---------------------------------------------------------------- the stack

export interface SeedStack {
  readonly model: Model;
  readonly backend: BackendService;
  readonly prometheus: Prometheus;
  readonly alertmanager: Alertmanager;
  /** Every receiver of the generated routing is `sink.url(<receiver name>)`. */
  readonly sink: WebhookSink;
  /** The receiver names of the generated routing. */
  readonly receivers: readonly string[];
  stop(): Promise<void>;
}

/** Compiles our definitions/ and starts the backend service, the webhooks, Alertmanager and Prometheus. */
export async function startSeedStack(): Promise<SeedStack> {
  const { model, artifacts, diagnostics } = await compileProject(REPO_ROOT);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`definitions/ does not compile: ${errors.map((d) => d.message).join('; ')}`);
  const job = model.services.find((s) => s.name === SERVICE)?.scrape?.job ?? SERVICE;

  const cleanup: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const close of cleanup.splice(0).reverse()) await close();
  };
  try {
    const backend = await startBackendService(model);
    cleanup.push(() => backend.close());
    const sink = await startWebhookSink();
    cleanup.push(() => sink.close());

    const amConfig = artifact(artifacts, 'alertmanager/alertmanager.yml');
    const receivers = ((parse(amConfig) as { receivers?: { name: string }[] }).receivers ?? []).map((r) => r.name);
    const templates = Object.fromEntries(
      artifacts.filter((a) => a.path.startsWith('alertmanager/templates/')).map((a) => [a.path.slice('alertmanager/templates/'.length), a.content]),
    );
    // Debug logging: the flush lines tell when a group's notification was sent or dropped.
    const alertmanager = await startAlertmanager({ config: rewriteAlertmanagerConfig(amConfig, (r) => sink.url(r)), templates, logLevel: 'debug' });
    cleanup.push(() => alertmanager.stop());

    const promConfig = rewritePrometheusConfig(artifact(artifacts, 'prometheus/prometheus.yml'), job, backend.address, new URL(alertmanager.url).host);
    const global = (parse(promConfig) as { global: { scrape_interval: string; evaluation_interval: string } }).global;
    const ms = (d: string): number => Number(d.slice(0, -'ms'.length));
    const ruleFiles = Object.fromEntries(
      artifacts.filter((a) => a.path.startsWith('prometheus/rules/')).map((a) => [a.path.slice('prometheus/'.length), scaleRuleFile(a.content)]),
    );
    const prometheus = await startPrometheus({
      ruleFiles: {},
      config: promConfig,
      files: ruleFiles,
      data: sloHistory(model, SERVICE, ms(global.evaluation_interval), ms(global.scrape_interval)),
      args: [`--query.lookback-delta=${scaleDuration('5m')}`, `--rules.alert.resend-delay=${scaleDuration('1m')}`],
    });
    cleanup.push(() => prometheus.stop());
    return { model, backend, prometheus, alertmanager, sink, receivers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
