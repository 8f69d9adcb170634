/**
 * Sloth's SLIs as monc's: events (error and total queries) as a ratio; a raw error ratio split
 * into the events it divides, when it is a ratio of counts; the SLI plugins of
 * sloth-common-sli-plugins as the SLI their query measures. Sloth evaluates a query once per
 * window with `{{.window}}` filled in; monc records events per step and sums them over each
 * window, so a query comes over only as counts that add up across steps.
 */
import type { SliSpec } from '../../api/types.gen.ts';
import { WINDOW_PLACEHOLDER } from '../../model/conventions.ts';
import { unwrapParens, walk, type Expr } from '../../promql/ast.ts';
import { parsePromql } from '../../promql/parse.ts';
import { typeCheck } from '../../promql/typecheck.ts';
import { eventQuery, hasTemplatedWindow } from '../event-query.ts';

/** An SLI monc can write, with what the reader should confirm; or why there is none. */
export type SliOutcome = { readonly sli: SliSpec; readonly guess?: string } | { readonly refused: string };

/** Events: the bad ones and all, each counted over `{{.window}}`. */
export function eventsSli(errorQuery: string, totalQuery: string): SliOutcome {
  const unwindowed = [errorQuery, totalQuery].filter((query) => !hasTemplatedWindow(query));
  if (unwindowed.length > 0) return { refused: 'Sloth counts events over {{.window}}, and this query does not use it, so it counts nothing per window' };
  const errors = eventQuery(errorQuery).trim();
  const total = eventQuery(totalQuery).trim();
  const invalid = [errors, total].map(promqlProblem).find((problem) => problem !== undefined);
  if (invalid) return { refused: invalid };
  return { sli: { ratio: { errors, total } } };
}

/** Why Prometheus would not take a query (another dialect's function, a range over a function), if it would not. */
function promqlProblem(query: string): string | undefined {
  const parsed = parsePromql(query.split(WINDOW_PLACEHOLDER).join('5m'));
  if (!parsed.ast) return `monc cannot parse ${query} as PromQL (${parsed.error?.message ?? 'it nests too deep'})`;
  const problem = typeCheck(parsed.ast, 2).problems[0];
  return problem && `${query} is not valid PromQL (${problem.message})`;
}

/** Functions over a range whose results add up across consecutive ranges. */
const ADDITIVE = new Set(['increase', 'sum_over_time', 'count_over_time']);
/** The functions over a range besides the `*_over_time` ones. */
const OVER_A_RANGE = new Set(['increase', 'rate', 'irate', 'delta', 'idelta', 'deriv', 'resets', 'changes', 'predict_linear', 'holt_winters']);
/** Operators that keep counts counts. */
const ADDITIVE_OPERATORS = new Set(['+', '-', 'or']);

/**
 * A raw error ratio, `A / B` (A bad, B all) or `1 - A / B` (A good), each a count over
 * `{{.window}}`: the SLI is the ratio of those counts. The guard `B > 0` and a fallback
 * `or on() vector(c)` go, since monc drops windows without traffic itself.
 */
export function rawSli(errorRatioQuery: string): SliOutcome {
  if (!hasTemplatedWindow(errorRatioQuery)) return { refused: 'the error ratio query does not use {{.window}}, so it does not measure a window' };
  const text = eventQuery(errorRatioQuery);
  // The placeholder as a duration of the same length, so the tree's offsets are offsets in the text.
  const parsed = parsePromql(text.split(WINDOW_PLACEHOLDER).join(SAME_LENGTH_DURATION));
  if (!parsed.ast) return { refused: `monc cannot parse the error ratio query (${parsed.error?.message ?? 'it nests too deep'})` };
  let ratio = withoutFallback(parsed.ast);
  let good = false;
  if (ratio.kind === 'binary' && ratio.op.name === '-' && isNumber(ratio.lhs, 1)) {
    good = true;
    ratio = withoutFallback(ratio.rhs);
  }
  if (ratio.kind !== 'binary' || ratio.op.name !== '/') {
    return { refused: 'a raw error ratio monc can import divides two counts over {{.window}} (bad / all, or 1 - good / all); this one does not, and a ratio cannot be summed over monc\'s windows' };
  }
  const part = counts(ratio.lhs, text);
  const total = counts(withoutGuard(ratio.rhs), text);
  const notCounts = [part, total].find((side): side is { refused: string } => 'refused' in side);
  if (notCounts) return notCounts;
  const invalid = [part, total].map((side) => promqlProblem((side as { query: string }).query)).find((problem) => problem !== undefined);
  if (invalid) return { refused: invalid };
  const key = good ? 'good' : 'errors';
  return {
    sli: { ratio: { [key]: (part as { query: string }).query, total: (total as { query: string }).query } },
    guess: `the raw error ratio is imported as the ratio of its ${good ? 'good' : 'bad'} events to all events, each counted per step and summed over the windows: it equals Sloth's as long as both queries are counts`,
  };
}

/** `{{window}}` and this are 10 characters. */
const SAME_LENGTH_DURATION = '999999999s';

function withoutFallback(expr: Expr): Expr {
  const node = unwrapParens(expr);
  if (node.kind === 'binary' && node.op.name.toLowerCase() === 'or' && isVectorLiteral(node.rhs)) return withoutFallback(node.lhs);
  return node;
}

function withoutGuard(expr: Expr): Expr {
  const node = unwrapParens(expr);
  if (node.kind === 'binary' && node.op.name === '>' && !node.bool && isNumber(node.rhs, 0)) return unwrapParens(node.lhs);
  return node;
}

function isNumber(expr: Expr, value: number): boolean {
  const node = unwrapParens(expr);
  return node.kind === 'number' && node.value === value;
}

function isVectorLiteral(expr: Expr): boolean {
  const node = unwrapParens(expr);
  return node.kind === 'call' && node.func.name === 'vector' && node.args.length === 1 && node.args[0]?.kind === 'number';
}

/** The text of a side of the ratio if it counts events over the window: sums of additive ranges. */
function counts(expr: Expr, text: string): { query: string } | { refused: string } {
  const query = text.slice(expr.from, expr.to).trim();
  let windowed = false;
  for (const node of walk(expr)) {
    if (node.kind === 'call' && (node.func.name.endsWith('_over_time') || OVER_A_RANGE.has(node.func.name))) {
      if (!ADDITIVE.has(node.func.name)) return { refused: `${query} takes ${node.func.name}() over the window, which does not add up across monc's steps the way a count does` };
      windowed = true;
    }
    if (node.kind === 'aggregate' && node.op.name !== 'sum') return { refused: `${query} aggregates with ${node.op.name}, which does not add up across monc's steps the way a sum does` };
    if (node.kind === 'binary' && !ADDITIVE_OPERATORS.has(node.op.name.toLowerCase()) && !isVectorLiteral(node.rhs)) {
      return { refused: `${query} combines with ${node.op.name}, so it is not a count of events` };
    }
  }
  if (!windowed) return { refused: `${query} counts nothing over {{.window}}` };
  return { query };
}

/** A plugin's options, as Sloth hands them over: text. */
export type PluginOptions = ReadonlyMap<string, string>;

interface SliPlugin {
  /** The options it reads; others are reported. */
  readonly options: readonly string[];
  /** The SLI its query measures; throws MissingOption when the options make none (Sloth refuses them too). */
  sli(options: PluginOptions): SliSpec;
}

/** Options the plugin requires, or the reason it fails without them. */
class MissingOption extends Error {}

function required(options: PluginOptions, key: string): string {
  const value = options.get(key)?.trim() ?? '';
  if (value === '') throw new MissingOption(`the plugin needs option ${key}`);
  return value;
}

/** `filter`, as the plugins read it: matchers without braces or trailing commas. */
function filter(options: PluginOptions): string {
  return (options.get('filter') ?? '').replace(/^[{},]+|[{},]+$/g, '');
}

function bucket(options: PluginOptions): number {
  const text = required(options, 'bucket');
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new MissingOption(`bucket "${text}" is not a bucket bound monc can take as a latency threshold`);
  return value;
}

/** `exclude_errors`: leave 5xx responses out of a latency SLI. */
function excludeErrors(options: PluginOptions): string {
  return /^(1|t|true)$/i.test(options.get('exclude_errors')?.trim() ?? '') ? 'code!~"5.."' : '';
}

function selector(metric: string, matchers: readonly string[]): string {
  return `${metric}{${matchers.filter((m) => m !== '').join(',')}}`;
}

/** Events of a counter over the window, as the plugins count them. */
function counted(metric: string, matchers: readonly string[]): string {
  return eventQuery(`sum(rate(${selector(metric, matchers)}[{{.window}}]))`);
}

/** Requests whose error matcher marks them bad, out of all. */
function errorsOf(metric: string, matchers: readonly string[], errorMatcher: string): SliSpec {
  return { ratio: { errors: counted(metric, [...matchers, errorMatcher]), total: counted(metric, matchers) } };
}

/** Requests in the threshold's bucket, out of all: monc's latency SLI. */
function latencyOf(histogram: string, matchers: readonly string[], options: PluginOptions): SliSpec {
  return { latency: { histogram: selector(histogram, matchers), threshold: bucket(options) } };
}

/**
 * The SLI plugins of github.com/slok/sloth-common-sli-plugins, by id: each query's events, in
 * the order of its matchers. Their `OR on() vector(…)` and `> 0` guards against no traffic are
 * left out: monc drops windows without traffic itself.
 */
const PLUGINS: Readonly<Record<string, SliPlugin>> = {
  'sloth-common/coredns/availability': {
    options: ['filter', 'custom_rcode_regex'],
    sli: (o) => errorsOf('coredns_dns_responses_total', [filter(o)], `rcode=~"${o.get('custom_rcode_regex')?.trim() || 'SERVFAIL'}"`),
  },
  'sloth-common/coredns/latency': { options: ['filter', 'bucket'], sli: (o) => latencyOf('coredns_dns_request_duration_seconds', [filter(o)], o) },
  'sloth-common/haproxy/frontend/availability': { options: ['filter'], sli: (o) => errorsOf('haproxy_frontend_http_responses_total', [filter(o)], 'code="5xx"') },
  'sloth-common/istio/v1/availability': {
    options: ['filter', 'service', 'namespace'],
    sli: (o) => errorsOf('istio_requests_total', [filter(o), ...istioDestination(o)], 'response_code=~"(5..|429)"'),
  },
  'sloth-common/istio/v1/latency': {
    options: ['filter', 'exclude_errors', 'service', 'namespace', 'bucket'],
    sli: (o) => latencyOf('istio_request_duration_milliseconds', [filter(o), excludeErrors(o), ...istioDestination(o)], o),
  },
  'sloth-common/kubernetes/apiserver/availability': { options: ['filter'], sli: (o) => errorsOf('apiserver_request_total', [filter(o)], 'code=~"(5..|429)"') },
  'sloth-common/kubernetes/apiserver/latency': { options: ['filter', 'bucket'], sli: (o) => latencyOf('apiserver_request_duration_seconds', [filter(o), 'verb!="WATCH"'], o) },
  'sloth-common/kubernetes/kooper/availability': {
    options: ['filter', 'controller'],
    sli: (o) => {
      const matchers = [filter(o), `controller="${required(o, 'controller')}"`];
      const processed = 'kooper_controller_processed_event_duration_seconds_count';
      // Requeued events are retried, not failed: they leave the total.
      const requeued = counted('kooper_controller_queued_events_total', [...matchers, 'requeue="true"']);
      return { ratio: { errors: counted(processed, [...matchers, 'success="false"']), total: `${counted(processed, matchers)} - (${requeued} or on() vector(0))` } };
    },
  },
  'sloth-common/kubernetes/kooper/latency': {
    options: ['filter', 'controller', 'bucket'],
    sli: (o) => latencyOf('kooper_controller_processed_event_duration_seconds', [filter(o), `controller="${required(o, 'controller')}"`], o),
  },
  'sloth-common/kubernetes/kooper/queue-congestion': {
    options: ['filter', 'controller', 'bucket'],
    sli: (o) => latencyOf('kooper_controller_event_in_queue_duration_seconds', [filter(o), `controller="${required(o, 'controller')}"`], o),
  },
  'sloth-common/kubernetes/nginx-ingress/availability': { options: ['filter'], sli: (o) => errorsOf('nginx_ingress_controller_requests', [filter(o)], 'status=~"(5..|429)"') },
  'sloth-common/prometheus/rules/eval-availability': {
    options: ['filter'],
    sli: (o) => ({ ratio: { errors: counted('prometheus_rule_evaluation_failures_total', [filter(o)]), total: counted('prometheus_rule_evaluations_total', [filter(o)]) } }),
  },
  // The share of up samples that are 0: monc's availability SLI.
  'sloth-common/prometheus/targets/availability': { options: ['filter'], sli: (o) => ({ availability: { up: selector('up', [filter(o)]) } }) },
  'sloth-common/slok-go-http-metrics/availability': { options: ['filter'], sli: (o) => errorsOf('http_request_duration_seconds_count', [filter(o)], 'code=~"(5..|429)"') },
  'sloth-common/slok-go-http-metrics/latency': {
    options: ['filter', 'bucket', 'exclude_errors'],
    sli: (o) => latencyOf('http_request_duration_seconds', [filter(o), excludeErrors(o)], o),
  },
  'sloth-common/traefik/v1/availability': {
    options: ['filter', 'backend_regex'],
    sli: (o) => errorsOf('traefik_backend_requests_total', [filter(o), `backend=~"${required(o, 'backend_regex')}"`], 'code=~"(5..|429)"'),
  },
  'sloth-common/traefik/v1/latency': {
    options: ['filter', 'exclude_errors', 'backend_regex', 'bucket'],
    sli: (o) => latencyOf('traefik_backend_request_duration_seconds', [filter(o), excludeErrors(o), `backend=~"${required(o, 'backend_regex')}"`], o),
  },
  'sloth-common/traefik/v2/availability': {
    options: ['filter', 'service_name_regex'],
    sli: (o) => errorsOf('traefik_service_requests_total', [filter(o), `service=~"${required(o, 'service_name_regex')}"`], 'code=~"(5..)"'),
  },
  'sloth-common/traefik/v2/latency': {
    options: ['filter', 'exclude_errors', 'service_name_regex', 'bucket'],
    sli: (o) => latencyOf('traefik_service_request_duration_seconds', [filter(o), excludeErrors(o), `service=~"${required(o, 'service_name_regex')}"`], o),
  },
};

function istioDestination(options: PluginOptions): string[] {
  return [`destination_service_name="${required(options, 'service')}"`, `destination_service_namespace="${required(options, 'namespace')}"`];
}

/** The ids monc knows, for the docs and messages. */
export const KNOWN_SLI_PLUGINS: readonly string[] = Object.keys(PLUGINS);

/** A plugin's SLI, and the options it does not read. */
export function pluginSli(id: string, options: PluginOptions): SliOutcome & { readonly unread?: readonly string[] } {
  const plugin = PLUGINS[id];
  if (!plugin) {
    return {
      refused: `SLI plugin "${id}" is not one monc knows: monc turns the plugins of sloth-common-sli-plugins into SLIs (${KNOWN_SLI_PLUGINS.length} of them, listed in docs/migrating/sloth.md); write this SLI's error and total queries as events instead`,
    };
  }
  try {
    const sli = plugin.sli(options);
    return { sli, unread: [...options.keys()].filter((key) => !plugin.options.includes(key)) };
  } catch (error) {
    if (error instanceof MissingOption) return { refused: `${error.message}, as Sloth does` };
    throw error;
  }
}
