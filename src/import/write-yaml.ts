/**
 * Imported definitions as YAML a person would write: `kind` first, then the keys in the order
 * docs/definitions.md uses, block style (label domains and value lists inline, as in the
 * seed definitions), multi-line expressions as literal blocks, strings that every YAML reader
 * takes for strings, the schema modeline on top and comments saying where each part came from.
 * The same definitions always give the same bytes.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

export type YamlKind = 'Service' | 'Metrics' | 'Routing' | 'Dashboard';

export interface YamlDefinition {
  readonly kind: YamlKind;
  readonly spec: object;
  /**
   * Comment lines above a part, by its path in the spec: `alerts.0` above an alert,
   * `alerts.0.severity` above one of its fields.
   */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

export const SCHEMA_FILES: Readonly<Record<YamlKind, string>> = {
  Service: 'service.schema.json',
  Metrics: 'metrics.schema.json',
  Routing: 'routing.schema.json',
  Dashboard: 'dashboard.schema.json',
};

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
const FLOW = new Set([
  'metrics.*.labels.*',
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

/** One YAML file: the modeline (schemas relative to the file), the header comment lines, the definition. */
export function writeYaml(definition: YamlDefinition, options: { readonly schemaDir: string; readonly header: readonly string[] }): string {
  const ordered = order({ kind: definition.kind, ...definition.spec }, []);
  // YAML 1.1 quoting, so on, yes and no stay strings for every reader (the editor's too).
  const doc = new Document(ordered, { version: '1.1' });
  decorate(doc.contents, [], definition.comments);
  const body = doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true, flowCollectionPadding: true });
  const modeline = `# yaml-language-server: $schema=${options.schemaDir}/${SCHEMA_FILES[definition.kind]}`;
  const header = [modeline, ...(options.header.length > 0 ? ['#', ...options.header.map((line) => (line === '' ? '#' : `# ${line}`))] : [])];
  return `${header.join('\n')}\n${body}`;
}

/** A path's place in the documented order: list indexes and label names as `*`, every route of the tree as `route`. */
function shape(path: readonly string[]): string {
  return path
    .map((segment, i) => (/^\d+$/.test(segment) || (i > 0 && path[i - 1] === 'labels') ? '*' : segment))
    .join('.')
    .replace(/^route(\.routes\.\*)+/, 'route');
}

/** The value with its keys in the documented order (the rest after them, sorted), undefined dropped. */
function order(value: unknown, path: readonly string[]): unknown {
  // A multi-line expression ends in a line break, so it is written as `|`, as people write it.
  if (typeof value === 'string' && path.at(-1) === 'expr' && value.includes('\n') && !value.endsWith('\n')) return `${value}\n`;
  if (Array.isArray(value)) return value.map((item, i) => order(item, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return value;
  const leading = KEY_ORDER[shape(path)];
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (leading) {
    const rank = (key: string) => (leading.includes(key) ? leading.indexOf(key) : leading.length);
    entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, order(v, [...path, k])]));
}

/** Sets the comments and the inline style on the nodes of the document. */
function decorate(node: unknown, path: readonly string[], comments: ReadonlyMap<string, readonly string[]>): void {
  if (isSeq(node)) {
    if (FLOW.has(shape(path))) node.flow = true;
    node.items.forEach((item, i) => {
      const itemPath = [...path, String(i)];
      comment(item as Node, comments.get(itemPath.join('.')));
      decorate(item, itemPath, comments);
    });
  } else if (isMap(node)) {
    if (FLOW.has(shape(path))) node.flow = true;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const pairPath = [...path, String(pair.key.value)];
      comment(pair.key, comments.get(pairPath.join('.')));
      decorate(pair.value, pairPath, comments);
    }
  }
}

function comment(node: Node, lines: readonly string[] | undefined): void {
  if (lines && lines.length > 0) node.commentBefore = lines.map((line) => ` ${line}`).join('\n');
}
