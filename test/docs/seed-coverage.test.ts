/**
 * definitions/ covers the seed, test/fixtures/seed/monitoring-guide.md (the IOB MAIIS monitoring
 * guide): every metric its PromQL, YAML alert, dashboard JSON and Python code blocks use is
 * declared, every alert it lists exists with its severity and `for`, and every panel its
 * "Pre-configured Dashboards" section lists is on a dashboard.
 *
 * What the definitions leave out on purpose is in DELIBERATE_OMISSIONS, with the reason: seed
 * names that were corrected (and what replaced them), and topics the compiler has no output
 * for. The map is checked too, so an entry goes stale the day the seed or the definitions
 * change under it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/model.ts';
import { BUILTIN_SERIES } from '../../src/model/conventions.ts';
import { REPO_ROOT, compileProject } from '../helpers/project.ts';
import { blockText, codeBlocks } from '../helpers/markdown.ts';

const SEED = path.join(REPO_ROOT, 'test/fixtures/seed/monitoring-guide.md');

/**
 * What the definitions do not carry under the seed's name, and why.
 *
 * - `metric`, `alert`, `panel`: a name the extraction finds in the seed. It must be absent
 *   from the compiled definitions, and `replacedBy` (the corrected name) must be present.
 * - `topic`: something the seed describes that monc does not compile (no metric, alert or
 *   dashboard). The word must occur in the seed and in no metric, alert, service, dashboard
 *   or panel name.
 */
type Omission =
  | { readonly kind: 'metric' | 'alert' | 'panel'; readonly replacedBy: string; readonly reason: string }
  | { readonly kind: 'topic'; readonly reason: string };

const DELIBERATE_OMISSIONS: Readonly<Record<string, Omission>> = {
  // Corrected names.
  redis_keys_total: {
    kind: 'metric',
    replacedBy: 'redis_db_keys',
    reason: 'redis_exporter has no redis_keys_total; it exports the key count per database as the gauge redis_db_keys{db} (definitions/redis-exporter.yaml).',
  },
  ssl_certificate_expiry_seconds: {
    kind: 'metric',
    replacedBy: 'ssl_certificate_expiry_timestamp_seconds',
    reason:
      'The value is the expiry time as a Unix timestamp (the seed subtracts time()); Prometheus naming calls that ..._timestamp_seconds, ' +
      'while ..._expiry_seconds reads as "seconds left" (definitions/ssl-exporter.yaml).',
  },
  'Replication Lag (if applicable)': {
    kind: 'panel',
    replacedBy: 'Replication Lag',
    reason: '"(if applicable)" qualifies the panel, it is not part of its title: the Database dashboard shows it for replicas.',
  },
  // Outside what monc compiles: Prometheus metrics, rules, Alertmanager routing and Grafana dashboards.
  Sentry: { kind: 'topic', reason: 'Error tracking and tracing in Sentry (SaaS) is configured in the backend code, not in Prometheus.' },
  ELK: { kind: 'topic', reason: 'Log aggregation (Elasticsearch, Logstash, Kibana) is an optional docker-compose stack, not metrics.' },
  pythonjsonlogger: { kind: 'topic', reason: 'Structured JSON logging is backend code; logs are not metrics.' },
  locust: { kind: 'topic', reason: 'Load testing is a tool run by hand; the throughput target it checks is the BackendThroughputNearCapacity alert.' },
  cProfile: { kind: 'topic', reason: 'CPU profiling is a development tool, not monitoring.' },
  memory_profiler: { kind: 'topic', reason: 'Memory profiling is a development tool, not monitoring.' },
  prometheus_client: {
    kind: 'topic',
    reason: "The Python client library is how the backend exposes its metrics; its classes are code. The metrics it exposes are declared in definitions/backend-metrics.ts.",
  },
};

// ── Reading the seed ────────────────────────────────────────────────────────────────────

interface SeedBlock {
  readonly lang: string;
  readonly text: string;
}

const seed = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';

/** Every PromQL expression: promql blocks (comments dropped), `expr:` of YAML rules, `"expr"` of dashboard JSON. */
function promqlTexts(blocks: readonly SeedBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.lang === 'promql') return [block.text.replace(/#.*$/gm, '')];
    if (block.lang === 'yaml') return [...block.text.matchAll(/^\s*expr:\s*(.+)$/gm)].map((m) => m[1] ?? '');
    if (block.lang === 'javascript') return [...block.text.matchAll(/"expr":\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? '');
    return [];
  });
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The metric names a PromQL text selects. Quoted strings, label matchers `{…}`, ranges `[…]`
 * and grouping clauses `by (…)` go first (they hold label names and values, durations); what
 * remains are metric names, numbers, keywords, and functions and aggregations, which are
 * followed by `(`.
 */
function metricNamesIn(promql: string): string[] {
  const stripped = promql
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...stripped.matchAll(/[0-9][0-9.eE+-]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\s*(\()?)/g)]
    .filter((m) => m[1] !== undefined && m[2] === undefined && !KEYWORDS.has(m[1].toLowerCase()))
    .map((m) => m[1] as string);
}

/** Metrics the Python blocks define: the name passed to a prometheus_client constructor (never the variable it is bound to). */
function pythonMetricNames(blocks: readonly SeedBlock[]): string[] {
  return blocks
    .filter((block) => block.lang === 'python')
    .flatMap((block) => [...block.text.matchAll(/\b(?:Counter|Gauge|Histogram|Summary|Info|Enum)\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? ''));
}

interface SeedAlert {
  readonly name: string;
  readonly for: string | undefined;
  readonly severity: string | undefined;
}

/** The alert rules of the YAML blocks: `alert:` starts a rule, its `for:` and `severity:` follow. */
function seedAlerts(blocks: readonly SeedBlock[]): SeedAlert[] {
  return blocks
    .filter((block) => block.lang === 'yaml')
    .flatMap((block) => block.text.split(/^(?=alert:)/m).filter((rule) => rule.startsWith('alert:')))
    .map((rule) => ({
      name: /^alert:\s*(\S+)/.exec(rule)?.[1] ?? '',
      for: /^for:\s*(\S+)/m.exec(rule)?.[1],
      severity: /^severity:\s*(\S+)/m.exec(rule)?.[1],
    }));
}

/** The "- " items after each "**Panels:**" in the "Pre-configured Dashboards" section. */
function seedPanelTitles(markdown: string): string[] {
  const section = /^### Pre-configured Dashboards\n([\s\S]*?)^### /m.exec(markdown)?.[1] ?? '';
  return [...section.matchAll(/^\*\*Panels:\*\*\n((?:- .*\n)+)/gm)].flatMap((m) =>
    (m[1] ?? '')
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2).trim()),
  );
}

const unique = (names: readonly string[]) => [...new Set(names)].sort();

const blocks = codeBlocks(seed).map((block) => ({ lang: block.lang, text: blockText(block) }));
const SEED_METRICS = unique([...promqlTexts(blocks).flatMap(metricNamesIn), ...pythonMetricNames(blocks)]);
const SEED_ALERTS = seedAlerts(blocks);
const SEED_PANELS = unique(seedPanelTitles(seed));

const omitted = (kind: Omission['kind']) => (name: string) => DELIBERATE_OMISSIONS[name]?.kind === kind;
const kept = (kind: Omission['kind']) => (name: string) => !omitted(kind)(name);

// ── Reading the definitions ─────────────────────────────────────────────────────────────

let model: Model;
beforeAll(async () => {
  ({ model } = await compileProject(REPO_ROOT));
});

const SERIES_SUFFIXES = [
  ['_bucket', ['histogram']],
  ['_sum', ['histogram', 'summary']],
  ['_count', ['histogram', 'summary']],
] as const;

/** A declared metric, a built-in series, or a _bucket/_sum/_count series of a declared histogram or summary. */
function isDeclaredSeries(name: string): boolean {
  if ((BUILTIN_SERIES as readonly string[]).includes(name)) return true;
  if (model.metricsByName.has(name)) return true;
  return SERIES_SUFFIXES.some(([suffix, types]) => {
    if (!name.endsWith(suffix)) return false;
    const base = model.metricsByName.get(name.slice(0, -suffix.length));
    return base !== undefined && (types as readonly string[]).includes(base.type);
  });
}

const panelTitles = () => new Set(model.dashboards.flatMap((d) => d.rows.flatMap((row) => row.panels.map((panel) => panel.title))));
const alertNames = () => new Set(model.alerts.map((alert) => alert.name));

function presentInModel(kind: 'metric' | 'alert' | 'panel', name: string): boolean {
  if (kind === 'metric') return isDeclaredSeries(name);
  if (kind === 'alert') return alertNames().has(name);
  return panelTitles().has(name);
}

/** Every name the compiler outputs, lower-cased, for the topic check. */
function modelNames(): string[] {
  return [
    ...model.metrics.map((m) => m.name),
    ...model.alerts.map((a) => a.name),
    ...model.services.map((s) => s.name),
    ...model.dashboards.flatMap((d) => [d.id, d.title, ...d.rows.flatMap((row) => row.panels.map((p) => p.title))]),
  ].map((name) => name.toLowerCase());
}

// ── Tests ───────────────────────────────────────────────────────────────────────────────

describe('the seed document', () => {
  it('exists at test/fixtures/seed/monitoring-guide.md', () => {
    expect(existsSync(SEED), `missing ${SEED}`).toBe(true);
  });

  it('yields the metric names its PromQL, YAML, dashboard JSON and Python blocks use', () => {
    for (const name of ['http_requests_total', 'http_request_duration_seconds_bucket', 'pg_stat_database_numbackends', 'container_cpu_usage_seconds_total', 'up', 'ssl_certificate_expiry_seconds', 'websocket_connections_active', 'document_ocr_errors_total', 'external_api_cost_dollars_total']) {
      expect(SEED_METRICS).toContain(name);
    }
  });

  it('yields no PromQL function, keyword, label name, duration or Python variable as a metric name', () => {
    for (const name of ['rate', 'histogram_quantile', 'topk', 'avg_over_time', 'time', 'sum', 'by', 'le', 'status', 'mode', 'instance', 'endpoint', '__name__', 'operation', '5m', 'document_ocr_errors', 'api_cost_total', 'queue_size', 'Counter']) {
      expect(SEED_METRICS).not.toContain(name);
    }
  });

  it('yields the nine alerts of "Critical Alerts" and "Warning Alerts", each with its for and severity', () => {
    expect(SEED_ALERTS.map((a) => a.name)).toHaveLength(9);
    expect(SEED_ALERTS.filter((a) => a.for === undefined || a.severity === undefined)).toEqual([]);
  });

  it('yields the panels of all six pre-configured dashboards', () => {
    for (const title of ['CPU Usage (per service)', 'Top 10 Slowest Endpoints', 'Replication Lag (if applicable)', 'Token Usage (cost tracking)', 'Storage Usage (MinIO/S3)', 'Blocked IPs']) {
      expect(SEED_PANELS).toContain(title);
    }
  });
});

describe('definitions/ declares every metric the seed uses', () => {
  it.each(SEED_METRICS.filter(kept('metric')))('%s is declared (or is a built-in series, or a series of a declared histogram)', (name) => {
    expect(isDeclaredSeries(name), `${name} is used by the seed but not declared in definitions/`).toBe(true);
  });
});

describe('definitions/ has every alert the seed lists', () => {
  it.each(SEED_ALERTS.filter((a) => kept('alert')(a.name)).map((a) => [a.name, a] as const))('%s exists with the seed\'s severity and for', (name, alert) => {
    const found = model.alerts.find((a) => a.name === name);
    expect(found, `no alert ${name} in definitions/`).toBeDefined();
    expect({ severity: found?.severity, for: found?.for }).toEqual({ severity: alert.severity, for: alert.for });
  });
});

describe('the dashboards have every panel the seed lists', () => {
  it.each(SEED_PANELS.filter(kept('panel')))('a dashboard has a panel titled "%s"', (title) => {
    expect([...panelTitles()], `no panel titled "${title}"`).toContain(title);
  });
});

describe('DELIBERATE_OMISSIONS has no stale entry', () => {
  const corrections = Object.entries(DELIBERATE_OMISSIONS).flatMap(([name, o]) => (o.kind === 'topic' ? [] : [[name, o.kind, o.replacedBy] as const]));
  const topics = Object.entries(DELIBERATE_OMISSIONS).flatMap(([name, o]) => (o.kind === 'topic' ? [name] : []));
  const extracted = { metric: SEED_METRICS, alert: SEED_ALERTS.map((a) => a.name), panel: SEED_PANELS };

  it.each(corrections)('the seed\'s %s (%s) is in the seed, absent from the definitions, and replaced by %s', (name, kind, replacedBy) => {
    expect(extracted[kind], `${name} is no longer in the seed`).toContain(name);
    expect(presentInModel(kind, name), `${name} is in the definitions now: drop the omission`).toBe(false);
    expect(presentInModel(kind, replacedBy), `the replacement ${replacedBy} is missing`).toBe(true);
  });

  it.each(topics)('the seed describes %s and nothing monc compiles is named after it', (topic) => {
    expect(seed, `${topic} is no longer in the seed`).toContain(topic);
    expect(modelNames().filter((name) => name.includes(topic.toLowerCase()))).toEqual([]);
  });

  it('gives every entry a reason', () => {
    expect(Object.entries(DELIBERATE_OMISSIONS).filter(([, o]) => o.reason.trim() === '').map(([name]) => name)).toEqual([]);
  });
});
