/**
 * `monc import`, pure: source texts in, the files to write and the findings out. Each document
 * goes to the importer the command names (or, for `auto`, the first that detects it); the
 * services they find get readable, free names and a team; the metrics their expressions
 * select and nobody declared are declared from evidence (catalog.ts); everything is written as
 * YAML a person would write (write-yaml.ts). Nothing here touches the disk: the CLI says which
 * names are taken and what the existing definitions declare.
 */
import { parseAllDocuments } from 'yaml';
import type { AlertSpec, MetricSpec, PanelQuerySpec, RecordingRuleSpec, ServiceSpec } from '../api/types.gen.ts';
import type { Finding, Span } from '../diagnostic.ts';
import { toFinding } from '../check-descriptors.ts';
import { substituteVariables, writtenOffset } from '../dashboards/variables.ts';
import type { SourceText } from '../load/source-text.ts';
import { sourceOffsetOfValueIndex } from '../load/value-offsets.ts';
import { firstSyntaxError, YAML_OPTIONS } from '../load/yaml.ts';
import { dashboardUid } from '../model/conventions.ts';
import { inferCatalog, type EvidenceRule, type InferredMetric, type KnownSeries, type Unreachable } from './catalog.ts';
import { IMPORT_CHECKS, importFinding } from './findings.ts';
import type { FileReader, ImportedDashboard, ImportedDefinition, ImportedRouting, ImportedService, Importer, ServicePer, Sourced, Suppression } from './importer.ts';
import { IMPORTERS } from './registry.ts';
import { writeYaml, type YamlDefinition } from './write-yaml.ts';

/** The team of a service whose rules name none, until a person sets it. */
export const DEFAULT_TEAM = 'unowned';

/** What the definitions already in the target folder declare, so the import neither repeats nor collides with them. */
export interface ExistingDefinitions {
  readonly services: ReadonlySet<string>;
  readonly alerts: ReadonlySet<string>;
  /** Recording rules, by recordingKey(). */
  readonly recordings: ReadonlySet<string>;
  /** A series declared, recorded or built in, with its labels. */
  readonly known: KnownSeries;
  /** The file of the routing the definitions already have: monc takes one per project. */
  readonly routing?: string | undefined;
  /** The ids of the dashboards they define. */
  readonly dashboards?: ReadonlySet<string>;
}

export interface ImportInput {
  /** An importer's kind, or `auto`. */
  readonly kind: string;
  readonly sources: readonly SourceText[];
  readonly servicePer: ServicePer;
  /** The team of services whose rules name none. */
  readonly team?: string | undefined;
  readonly existing: ExistingDefinitions;
  /** The folder the files go to, as paths are shown (posix, relative to the working directory). */
  readonly into: string;
  /** File names in that folder that exist already: never overwritten. */
  readonly taken: ReadonlySet<string>;
  /** The schemas folder, relative to `into`, for the modeline. */
  readonly schemaDir: string;
  /** Reads the files a source names (Alertmanager's template globs). */
  readonly files?: FileReader | undefined;
}

export interface WrittenFile {
  /** `into`/name. */
  readonly path: string;
  readonly text: string;
  /** What it holds, for the line the CLI prints. */
  readonly summary: string;
}

export interface ImportOutput {
  readonly files: readonly WrittenFile[];
  readonly findings: readonly Finding[];
}

export function runImport(input: ImportInput): ImportOutput {
  const findings: Finding[] = [];
  const services: ImportedService[] = [];
  const routings: ImportedRouting[] = [];
  const dashboards: ImportedDashboard[] = [];
  const importers = input.kind === 'auto' ? IMPORTERS : IMPORTERS.filter((importer) => importer.kind === input.kind);
  for (const source of input.sources) {
    const read = readSource(source, importers, input);
    findings.push(...read.findings);
    for (const definition of read.definitions) {
      if (definition.kind === 'service') services.push(definition);
      else if (definition.kind === 'routing') routings.push(definition);
      else dashboards.push(definition);
    }
  }
  const names = new Names(input);
  const alertNames = new Set(input.existing.alerts);
  const recordings = new Set(input.existing.recordings);
  const named = services.map((service) => {
    const name = names.service(service.name);
    const team = service.team ?? input.team ?? DEFAULT_TEAM;
    if (service.team === undefined && input.team === undefined) {
      findings.push(importFinding(IMPORT_CHECKS.guess, startOf(service.from), `the rules of service "${name}" name no team; it is written with team "${DEFAULT_TEAM}": set the owning team (or import with --team)`));
    }
    const alerts = service.alerts.map((alert) => unique(alert, alert.spec.name, alertNames, 'Prometheus tells alerts of one name apart by their labels'));
    for (const alert of alerts) findings.push(...alertNotes(alert, { service: name, team }));
    const recordingRules = service.recordingRules.map((rule) =>
      unique(rule, recordingKey(rule.spec.record, rule.spec.labels ?? {}), recordings, 'the source records this series twice too'),
    );
    return { service: { ...service, alerts, recordingRules }, name, team, file: names.file(name) };
  });

  const rules = named.flatMap(({ service, name }) => [...service.recordingRules, ...service.alerts].map((rule) => ({ rule: rule as Sourced<AlertSpec | RecordingRuleSpec>, service: name })));
  const boards = dashboards.map((dashboard) => names.dashboard(dashboard, findings));
  const queries = boards.flatMap(dashboardQueries);
  const catalog = inferCatalog(
    [...rules.map(({ rule, service }) => evidenceOf(rule, service)), ...queries.map(({ evidence }) => evidence)],
    input.existing.known,
  );
  const sourced: Sourced<Expression>[] = [...rules.map(({ rule }) => rule), ...queries.map(({ query }) => query)];
  for (const metric of catalog.metrics) findings.push(inferredFinding(metric, sourced, input.sources));
  const kept = keptProblems(catalog.unreachable, sourced);
  findings.push(...kept.findings);

  const files: WrittenFile[] = named.map(({ service, name, team, file }) => {
    const comments = new Map<string, string[]>();
    const note = (path: string, lines: readonly string[]) => comments.set(path, [...(comments.get(path) ?? []), ...lines]);
    const describe = (list: 'recordingRules' | 'alerts', parts: readonly Sourced<AlertSpec | RecordingRuleSpec>[]) =>
      parts.forEach((part, i) => {
        note(`${list}.${i}`, [fromComment(part.from, input.sources)]);
        for (const suppression of [...(part.suppressions ?? []), ...(kept.suppressions.get(part) ?? [])]) {
          const itemLevel = suppression.field === undefined || suppression.field === FIRST_KEY[list];
          note(itemLevel ? `${list}.${i}` : `${list}.${i}.${suppression.field}`, [suppressionComment(suppression)]);
        }
      });
    describe('recordingRules', service.recordingRules);
    describe('alerts', service.alerts);
    const spec: ServiceSpec = {
      name,
      team,
      ...(service.description !== undefined && { description: service.description }),
      ...(service.ruler && { ruler: service.ruler }),
      ...(service.recordingRules.length > 0 && { recordingRules: service.recordingRules.map((r) => r.spec) }),
      ...(service.alerts.length > 0 && { alerts: service.alerts.map((a) => a.spec) }),
    };
    return {
      path: `${input.into}/${file}`,
      text: writeYaml({ kind: 'Service', spec, comments }, { schemaDir: input.schemaDir, header: [`Imported by monc import from ${service.from.file}.`] }),
      summary: `service ${name}: ${count(service.alerts.length, 'alert')}, ${count(service.recordingRules.length, 'recording rule')}`,
    };
  });
  for (const board of boards) files.push(dashboardFile(board, queries.filter((query) => query.board === board), kept.suppressions, input));
  if (catalog.metrics.length > 0) {
    const owners = [...named.map(({ name }) => name), ...boards.map(({ id }) => id)];
    const file = names.file(owners.length === 1 ? `${owners[0]}-metrics` : 'imported-metrics');
    files.push({ path: `${input.into}/${file}`, text: metricsFile(catalog.metrics, sourced, input), summary: `${count(catalog.metrics.length, 'metric')} inferred from the expressions` });
  }
  for (const routing of routings) {
    findings.push(...routingNotes(routing, routings, input.existing));
    files.push({ path: `${input.into}/${names.file('routing')}`, text: routingFile(routing, input), summary: routing.summary });
  }
  return { files, findings };
}

/** The services of one file, or the findings that say why it has none. */
function readSource(source: SourceText, importers: readonly Importer[], input: ImportInput): { definitions: ImportedDefinition[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const definitions: ImportedDefinition[] = [];
  const docs = parseAllDocuments(source.text, YAML_OPTIONS);
  const documents = Array.isArray(docs) ? docs : [];
  documents.forEach((doc, index) => {
    const syntaxError = firstSyntaxError(source.file, doc);
    if (syntaxError) {
      findings.push(toFinding(syntaxError));
      return;
    }
    if (doc.contents === null) return;
    const document = { source, doc, index, count: documents.length };
    const importer = importers.find((candidate) => candidate.detect(document));
    if (!importer) {
      const range = doc.contents.range ?? [0, 0, 0];
      findings.push(importFinding(IMPORT_CHECKS.unsupported, { file: source.file, start: range[0], end: range[0] }, notImportable(input.kind, importers)));
      return;
    }
    const result = importer.import(document, { servicePer: input.servicePer, files: input.files });
    definitions.push(...result.definitions);
    findings.push(...result.findings);
  });
  if (documents.every((doc) => doc.contents === null && doc.errors.length === 0)) {
    findings.push(importFinding(IMPORT_CHECKS.unsupported, { file: source.file, start: 0, end: 0 }, 'the file is empty: there is nothing to import'));
  }
  return { definitions, findings };
}

function notImportable(kind: string, importers: readonly Importer[]): string {
  if (kind !== 'auto') return `this document is not ${importers.map((i) => i.reads).join(' or ')}, which monc import ${kind} reads`;
  return `this document is not a kind monc can import; monc import reads ${IMPORTERS.map((i) => `${i.reads} (${i.kind})`).join(', ')}`;
}

/** Service names, dashboard ids and file names: readable, and free in the folder, among the existing definitions and in this import. */
class Names {
  readonly #services: Set<string>;
  readonly #dashboards: Set<string>;
  readonly #files: Set<string>;

  constructor(input: ImportInput) {
    this.#services = new Set(input.existing.services);
    this.#dashboards = new Set(input.existing.dashboards);
    this.#files = new Set([...input.taken].map((file) => file.toLowerCase()));
  }

  /** A free service name whose file is free too, so service and file share the name. */
  service(wanted: string): string {
    return this.#free(readableName(wanted), this.#services);
  }

  /** A free dashboard id whose file is free too; a finding when the dashboard's Grafana uid changes with it. */
  dashboard(dashboard: ImportedDashboard, findings: Finding[]): NamedDashboard {
    // A title's words are words: CoreDNS is coredns, not core-dns as a camel-cased file name would be.
    const id = this.#free(readableName(dashboard.name.toLowerCase(), 'dashboard'), this.#dashboards);
    const uid = dashboardUid(id);
    if (dashboard.uid && dashboard.uid.value !== uid) {
      findings.push(
        importFinding(IMPORT_CHECKS.guess, dashboard.uid.at, `the dashboard's uid "${dashboard.uid.value}" becomes "${uid}" (monc derives uids from ids): links and bookmarks to /d/${dashboard.uid.value} need the new one`),
      );
    }
    return { dashboard, id, file: this.file(id) };
  }

  /** The first of base, base-2, … that is not taken and whose file is free. */
  #free(base: string, taken: Set<string>): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : numbered(base, n);
      if (taken.has(name) || this.#files.has(`${name}.yaml`)) continue;
      taken.add(name);
      return name;
    }
  }

  file(stem: string): string {
    for (let n = 1; ; n++) {
      const file = `${n === 1 ? stem : numbered(stem, n)}.yaml`;
      if (this.#files.has(file)) continue;
      this.#files.add(file);
      return file;
    }
  }
}

/** `-2`, `-3`, … after a name, within the 63 characters of a service name. */
function numbered(name: string, n: number): string {
  const suffix = `-${n}`;
  return `${name.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * A service name or dashboard id from a file, group or title: lowercase words joined by "-"
 * (kubeStateMetrics.rules → kube-state-metrics), `fallback` first when they do not start with a letter.
 */
export function readableName(text: string, fallback = 'rules'): string {
  const stem = text.replace(/\.(ya?ml|json)$/i, '').replace(/([.-](spec|rules|prometheusrule))+$/i, '');
  const words = stem
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = /^[a-z]/.test(words) ? words : `${fallback}${words ? `-${words}` : ''}`;
  return name.slice(0, 63).replace(/-+$/, '');
}

/**
 * What an imported alert keeps that monc would write otherwise: a severity outside monc's
 * (silenced by the importer), a service or team label other than the one monc writes.
 */
function alertNotes(alert: Sourced<AlertSpec>, generated: Readonly<Record<'service' | 'team', string>>): Finding[] {
  const notes: Finding[] = [];
  for (const suppression of alert.suppressions ?? []) {
    if (suppression.check !== 'alert/severity') continue;
    notes.push(
      importFinding(
        IMPORT_CHECKS.kept,
        alert.fields?.[suppression.field ?? 'name'] ?? alert.from,
        `alert "${alert.spec.name}" is ${suppression.reason}; monc's routing and alert/severity expect critical, warning or info. It is imported as it is, and alert/severity is silenced there`,
      ),
    );
  }
  for (const label of ['service', 'team'] as const) {
    const value = alert.spec.labels?.[label];
    if (value === undefined || value === generated[label]) continue;
    notes.push(
      importFinding(
        IMPORT_CHECKS.guess,
        alert.fields?.[`labels.${label}`] ?? alert.from,
        `alert "${alert.spec.name}" keeps its label ${label}="${value}", which overrides the ${label} label monc writes on alerts ("${generated[label]}"): routes and dashboards that select ${label}="${generated[label]}" do not see it`,
      ),
    );
  }
  return notes;
}

/** A recording rule's identity for model/duplicate: its series and labels. */
export function recordingKey(record: string, labels: Readonly<Record<string, string>>): string {
  return `${record}${JSON.stringify(Object.entries(labels).sort())}`;
}

/** The key a part starts with: a suppression of it goes above the part. */
const FIRST_KEY = { alerts: 'name', recordingRules: 'record' } as const;

/**
 * monc's model/duplicate asks for one alert per name and one recording rule per series; an
 * imported part keeps its name, and the check is silenced there.
 */
function unique<T>(part: Sourced<T>, key: string, seen: Set<string>, reason: string): Sourced<T> {
  if (!seen.has(key)) {
    seen.add(key);
    return part;
  }
  return { ...part, suppressions: [...(part.suppressions ?? []), { check: 'model/duplicate', reason }] };
}

/** `$labels.x`, `.Labels.x` and `index $labels "x"` naming one label. */
function namesLabel(template: string, label: string): boolean {
  return [...template.matchAll(LABEL_REFERENCE)].some((match) => (match[1] ?? match[2]) === label);
}

const LABEL_REFERENCE = /(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)|index\s+(?:\$labels|\.Labels)\s+"([^"]+)"/g;

/**
 * Labels the source names where its series cannot carry them: a template after an aggregation
 * that drops the label renders empty in Prometheus too, and a built-in series such as `up`
 * carries only the labels monc knows the scrape jobs give it. Each is imported as written,
 * reported, and monc's check is silenced on the field.
 */
function keptProblems(unreachable: readonly Unreachable[], rules: readonly Sourced<Expression>[]): { findings: Finding[]; suppressions: Map<Sourced<Expression>, Suppression[]> } {
  const findings: Finding[] = [];
  const suppressions = new Map<Sourced<Expression>, Suppression[]>();
  const add = (rule: Sourced<Expression>, suppression: Suppression, at: Span | undefined, message: string) => {
    const existing = suppressions.get(rule) ?? [];
    if (!existing.some((s) => s.check === suppression.check && s.field === suppression.field)) suppressions.set(rule, [...existing, suppression]);
    findings.push(importFinding(IMPORT_CHECKS.kept, at ?? rule.from, `${message}; it is imported as it is, and monc's ${suppression.check} is silenced there`));
  };
  for (const { rule: index, label, check } of unreachable) {
    const rule = rules[index];
    if (!rule) continue;
    if (check === 'catalog/template-label') {
      for (const [field, text] of templateFields(rule.spec)) {
        if (!namesLabel(text, label)) continue;
        add(rule, { check, field, reason: `the expression's result has no label ${label}` }, rule.fields?.[field], `the template names label "${label}", which the result of the expression cannot carry: Prometheus renders it empty`);
      }
    } else {
      const why = check === 'catalog/histogram-quantile' ? 'histogram_quantile() reads series without the le label' : `label "${label}" is named where no series monc knows carries it (a built-in series such as up carries only job, instance and the labels of monc's scrape jobs)`;
      add(rule, { check, field: 'expr', reason: check === 'catalog/histogram-quantile' ? 'its input keeps no le label' : `no series monc knows carries ${label} there` }, rule.fields?.['expr'], why);
    }
  }
  return { findings, suppressions };
}

/** An alert's templated fields by their path: summary, description, annotations and labels. */
function templateFields(spec: Expression): [string, string][] {
  if (!('name' in spec)) return [];
  return [
    ...(spec.summary !== undefined ? [['summary', spec.summary] as [string, string]] : []),
    ...(spec.description !== undefined ? [['description', spec.description] as [string, string]] : []),
    ...Object.entries(spec.annotations ?? {}).map(([key, text]): [string, string] => [`annotations.${key}`, text]),
    ...Object.entries(spec.labels ?? {}).map(([key, text]): [string, string] => [`labels.${key}`, text]),
  ];
}

function suppressionComment(suppression: Suppression): string {
  return `monc-disable-next-line ${suppression.check} -- ${suppression.reason}`;
}

function startOf(span: Span): Span {
  return { file: span.file, start: span.start, end: span.start };
}

function lineOf(span: Span, sources: readonly SourceText[]): number {
  return sources.find((s) => s.file === span.file)?.position(span.start).line ?? 1;
}

function fromComment(span: Span, sources: readonly SourceText[]): string {
  return `from ${span.file}:${lineOf(span, sources)}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function evidenceOf(rule: Sourced<AlertSpec | RecordingRuleSpec>, service: string): EvidenceRule {
  const spec = rule.spec;
  if ('record' in spec) return { expr: spec.expr, record: spec.record, ...(spec.labels && { labels: spec.labels }), file: rule.from.file, service };
  return { expr: spec.expr, templates: templateFields(spec).map(([, text]) => text), file: rule.from.file, service };
}

/** What the catalog reads: the expressions of alerts, recording rules and dashboard queries. */
type Expression = AlertSpec | RecordingRuleSpec | PanelQuerySpec;

/** A dashboard with the id and file the import gives it. */
interface NamedDashboard {
  readonly dashboard: ImportedDashboard;
  readonly id: string;
  readonly file: string;
}

/** A dashboard query as the catalog reads it: its variables filled in as the dashboard checks fill them. */
interface DashboardQuery {
  readonly board: NamedDashboard;
  /** Where it is in the dashboard spec: the part whose expr it is. */
  readonly path: string;
  readonly query: Sourced<PanelQuerySpec>;
  readonly evidence: EvidenceRule;
}

function dashboardQueries(board: NamedDashboard): DashboardQuery[] {
  return board.dashboard.queries.map(({ path, expr, at }) => ({
    board,
    path,
    query: { spec: { expr }, from: at, fields: { expr: at } },
    evidence: { expr: substituteVariables(expr).text, variables: true, file: at.file, service: board.id },
  }));
}

/** A dashboard's file: the comments say where each part came from, and which check a query keeps silenced. */
function dashboardFile(board: NamedDashboard, queries: readonly DashboardQuery[], suppressions: ReadonlyMap<Sourced<Expression>, readonly Suppression[]>, input: ImportInput): WrittenFile {
  const { dashboard, id, file } = board;
  const comments = new Map([...dashboard.parts].map(([path, span]): [string, string[]] => [path, [fromComment(span, input.sources)]]));
  for (const { path, query } of queries) {
    // A panel query starts with its expr: the comment goes above the query; an annotation's above its expr.
    const at = path.startsWith('annotations.') ? `${path}.expr` : path;
    for (const suppression of suppressions.get(query) ?? []) comments.set(at, [...(comments.get(at) ?? []), suppressionComment(suppression)]);
  }
  return {
    path: `${input.into}/${file}`,
    text: writeYaml({ kind: 'Dashboard', spec: { id, ...dashboard.spec }, comments }, { schemaDir: input.schemaDir, header: [`Imported by monc import from ${dashboard.from.file}.`] }),
    summary: `dashboard ${id}: ${dashboard.summary}`,
  };
}

/**
 * Where the metric is first selected, in the source file. The catalog read a dashboard query
 * with its variables filled in; offsets in that text are mapped back to the query as written
 * (a rule has no variables: the same offsets).
 */
function firstUseSpan(metric: InferredMetric, rules: readonly Sourced<Expression>[], sources: readonly SourceText[]): Span {
  const rule = rules[metric.firstUse.rule];
  if (!rule) return { file: sources[0]?.file ?? '', start: 0, end: 0 };
  const at = rule.fields?.['expr'] ?? rule.from;
  const raw = sources.find((s) => s.file === at.file)?.text.slice(at.start, at.end) ?? '';
  const read = substituteVariables(rule.spec.expr);
  const start = at.start + sourceOffsetOfValueIndex(raw, rule.spec.expr, writtenOffset(read, metric.firstUse.from));
  const end = at.start + sourceOffsetOfValueIndex(raw, rule.spec.expr, writtenOffset(read, metric.firstUse.to));
  return { file: at.file, start, end: Math.max(start, end) };
}

function inferredFinding(metric: InferredMetric, rules: readonly Sourced<Expression>[], sources: readonly SourceText[]): Finding {
  const spec = metric.spec;
  const labels = Object.keys(spec.labels ?? {});
  const values = metric.guessedValues.length > 0 ? `; the values of ${metric.guessedValues.join(', ')} are only those the rules name` : '';
  return importFinding(
    IMPORT_CHECKS.guess,
    firstUseSpan(metric, rules, sources),
    `"${spec.name}" is declared as a ${spec.type} because ${metric.typeReason}, with ${labels.length > 0 ? `labels ${labels.join(', ')}` : 'no labels'}${values}: confirm it`,
  );
}

function metricsFile(inferred: readonly InferredMetric[], rules: readonly Sourced<Expression>[], input: ImportInput): string {
  // A dashboard query is an expression without a name or a record.
  const ofRules = rules.some(({ spec }) => 'name' in spec || 'record' in spec);
  const ofDashboards = rules.some(({ spec }) => !('name' in spec || 'record' in spec));
  const sources = ofRules && ofDashboards ? 'rules and dashboards' : ofDashboards ? 'dashboards' : 'rules';
  const comments = new Map<string, string[]>();
  inferred.forEach((metric, i) => {
    comments.set(`metrics.${i}`, [`inferred ${fromComment(firstUseSpan(metric, rules, input.sources), input.sources)}: a ${metric.spec.type} because ${metric.typeReason}`]);
    for (const label of metric.guessedValues) comments.set(`metrics.${i}.labels.${label}`, [`only the values the ${sources} name: add the others it takes`]);
  });
  const definition: YamlDefinition = { kind: 'Metrics', spec: { metrics: inferred.map((m): MetricSpec => m.spec) }, comments };
  return writeYaml(definition, {
    schemaDir: input.schemaDir,
    header: [
      `The metrics the imported ${sources} select, which no definition declared. monc import`,
      'declared each from what the expressions show of it: a guess. Confirm its type and',
      'labels and write its help text; monc lint lists the ones left (catalog/inferred).',
    ],
  });
}

/**
 * monc takes one routing per project (model/duplicate): a second one, imported or already in
 * the definitions, is written all the same, and the finding says to keep one.
 */
function routingNotes(routing: ImportedRouting, routings: readonly ImportedRouting[], existing: ExistingDefinitions): Finding[] {
  const other = existing.routing ?? (routings.indexOf(routing) > 0 ? routings[0]?.from.file : undefined);
  if (other === undefined) return [];
  return [
    importFinding(
      IMPORT_CHECKS.guess,
      startOf(routing.from),
      `the definitions already have a routing (from ${other}), and monc takes one per project: merge the two into one file, or import this configuration into a project of its own`,
    ),
  ];
}

function routingFile(routing: ImportedRouting, input: ImportInput): string {
  const comments = new Map([...routing.parts].map(([path, span]) => [path, [fromComment(span, input.sources)]]));
  return writeYaml({ kind: 'Routing', spec: routing.spec, comments }, { schemaDir: input.schemaDir, header: [`Imported by monc import from ${routing.from.file}.`] });
}
