/**
 * What `monc import` writes, whatever the format (write-yaml.ts, write-ts.ts): a definition's
 * kind, its spec and the comments above its parts, and the layout both writers share: keys in
 * the order docs/definitions.md uses, and which parts are written inline. A new kind or field
 * needs a line here, and nothing in the writers.
 */

export type WrittenKind = 'Service' | 'Metrics' | 'Routing' | 'Dashboard';

export interface WrittenDefinition {
  readonly kind: WrittenKind;
  readonly spec: object;
  /**
   * Comment lines above a part, by its path in the spec: `alerts.0` above an alert,
   * `alerts.0.severity` above one of its fields.
   */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

const PANEL_KEYS = ['title', 'description', 'type', 'x', 'y', 'width', 'height', 'unit', 'decimals', 'min', 'max', 'thresholds', 'content', 'mode', 'queries'];
const QUERY_KEYS = ['expr', 'legend', 'instant'];

/** Keys in the order of docs/definitions.md, by where they are (`*` for a list index or a map key). */
const KEY_ORDER: Readonly<Record<string, readonly string[]>> = {
  '': [
    'kind',
    'name',
    'id',
    'title',
    'team',
    'description',
    'folder',
    'service',
    'tags',
    'time',
    'refresh',
    'variables',
    'links',
    'annotations',
    'panels',
    'rows',
    'instances',
    'scrape',
    'ruler',
    'metrics',
    'recordingRules',
    'alerts',
    'slos',
    'tests',
    'global',
    'route',
    'receivers',
    'inhibitRules',
    'timeIntervals',
    'templates',
  ],
  'metrics.*': ['name', 'type', 'help', 'unit', 'exporter', 'labels', 'buckets', 'native'],
  'metrics.*.labels.*': ['values', 'maxValues', 'pattern', 'description'],
  'recordingRules.*': ['record', 'expr', 'labels', 'description'],
  'alerts.*': ['name', 'expr', 'for', 'keepFiringFor', 'severity', 'summary', 'description', 'runbook', 'labels', 'annotations', 'dashboard', 'runbookText'],
  'slos.*': ['name', 'description', 'objective', 'objectives', 'window', 'sli', 'groupBy', 'alerting', 'labels', 'runbook', 'runbookText', 'traffic'],
  'slos.*.objectives.*': ['name', 'objective', 'threshold'],
  'slos.*.window': ['calendar', 'timezone'],
  'slos.*.sli.ratio': ['errors', 'good', 'total'],
  'slos.*.sli.latency': ['histogram', 'threshold', 'native'],
  'slos.*.sli.timeslice': ['slice', 'query', 'max', 'min'],
  'slos.*.alerting': ['tierTable', 'tiers', 'minEvents', 'for', 'pageSeverity', 'ticketSeverity', 'pageAlert', 'ticketAlert', 'noDataFor', 'noData'],
  'slos.*.alerting.tiers.*': ['severity', 'longWindow', 'shortWindow', 'budgetPercent', 'factor', 'for', 'alert', 'alertSeverity'],
  'slos.*.alerting.noData': ['for', 'severity', 'alert'],
  ruler: ['sourceTenants', 'queryOffset', 'evaluationDelay', 'partialResponseStrategy'],
  global: ['resolveTimeout', 'smtp', 'slackApiUrlFile', 'opsgenieApiKeyFile'],
  'global.smtp': ['smarthost', 'from', 'authUsername', 'authPasswordFile', 'requireTls'],
  route: ['receiver', 'severity', 'team', 'service', 'matchers', 'groupBy', 'groupWait', 'groupInterval', 'repeatInterval', 'continue', 'muteTimeIntervals', 'activeTimeIntervals', 'routes'],
  'receivers.*': ['name', 'pagerduty', 'slack', 'email', 'webhook', 'opsgenie'],
  'receivers.*.pagerduty.*': ['routingKeyFile', 'serviceKeyFile', 'severity', 'description', 'sendResolved'],
  'receivers.*.slack.*': ['channel', 'apiUrlFile', 'title', 'text', 'sendResolved'],
  'receivers.*.email.*': ['to', 'from', 'smarthost', 'authUsername', 'authPasswordFile', 'requireTls', 'sendResolved'],
  'receivers.*.webhook.*': ['url', 'username', 'passwordFile', 'maxAlerts', 'sendResolved'],
  'receivers.*.opsgenie.*': ['apiKeyFile', 'priority', 'message', 'sendResolved'],
  'inhibitRules.*': ['description', 'sourceMatchers', 'targetMatchers', 'equal'],
  'timeIntervals.*': ['name', 'intervals'],
  'timeIntervals.*.intervals.*': ['times', 'weekdays', 'daysOfMonth', 'months', 'years', 'location'],
  'timeIntervals.*.intervals.*.times.*': ['start', 'end'],
  'templates.*': ['name', 'content'],
  time: ['from', 'to'],
  'variables.*': ['name', 'label', 'kind', 'query', 'values', 'multi', 'includeAll'],
  'links.*': ['title', 'url'],
  'annotations.*': ['name', 'expr', 'color'],
  'panels.*': PANEL_KEYS,
  'rows.*': ['title', 'collapsed', 'panels'],
  'rows.*.panels.*': PANEL_KEYS,
  'panels.*.queries.*': QUERY_KEYS,
  'rows.*.panels.*.queries.*': QUERY_KEYS,
  'panels.*.thresholds.*': ['value', 'color'],
  'rows.*.panels.*.thresholds.*': ['value', 'color'],
};

/** Written inline: short maps and lists of names a reader takes in at a glance. */
const INLINE = new Set([
  'metrics.*.labels.*',
  'slos.*.groupBy',
  'slos.*.objectives.*',
  'slos.*.alerting.tiers.*',
  'route.groupBy',
  'route.muteTimeIntervals',
  'route.activeTimeIntervals',
  'inhibitRules.*.equal',
  'timeIntervals.*.intervals.*.times.*',
  ...['weekdays', 'daysOfMonth', 'months', 'years'].map((key) => `timeIntervals.*.intervals.*.${key}`),
  'tags',
  'time',
  'variables.*.values',
  'panels.*.thresholds',
  'rows.*.panels.*.thresholds',
]);

/** Whether the part at `path` is written inline (on one line, in either format). */
export function isInline(path: readonly string[]): boolean {
  return INLINE.has(shape(path));
}

/** A path's place in the documented order: list indexes, label and tier names as `*`, every route of the tree as `route`. */
function shape(path: readonly string[]): string {
  return path
    .map((segment, i) => (/^\d+$/.test(segment) || (i > 0 && (path[i - 1] === 'labels' || path[i - 1] === 'tiers')) ? '*' : segment))
    .join('.')
    .replace(/^route(\.routes\.\*)+/, 'route');
}

/**
 * The value as both formats write it: its keys in the documented order (the rest after them,
 * sorted), undefined dropped, and a multi-line expression ending in a line break, as people
 * write it in YAML (`|`); TS writes the same string, so both load as the same definitions.
 */
export function inWrittenOrder(value: unknown, path: readonly string[] = []): unknown {
  if (typeof value === 'string' && path.at(-1) === 'expr' && value.includes('\n') && !value.endsWith('\n')) return `${value}\n`;
  if (Array.isArray(value)) return value.map((item, i) => inWrittenOrder(item, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return value;
  const leading = KEY_ORDER[shape(path)];
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (leading) {
    const rank = (key: string) => (leading.includes(key) ? leading.indexOf(key) : leading.length);
    entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, inWrittenOrder(v, [...path, k])]));
}
