/**
 * `monc import`, pure: source texts in, the files to write and the findings out. Each document
 * goes to the importer the command names (or, for `auto`, the first that detects it); the
 * services they find get readable, free names and a team; the metrics their expressions
 * select and nobody declared are declared from evidence (catalog.ts); everything is written as
 * YAML or TypeScript a person would write (write-yaml.ts, write-ts.ts). Nothing here touches
 * the disk: the CLI says which names are taken and what the existing definitions declare.
 */
import { isScalar, visit, type Document } from 'yaml';
import type { AlertSpec, MetricSpec, PanelQuerySpec, RecordingRuleSpec, ServiceSpec, SloSpec } from '../api/types.gen.ts';
import type { Finding, Span } from '../diagnostic.ts';
import { toFinding } from '../check-descriptors.ts';
import { substituteVariables, writtenOffset } from '../dashboards/variables.ts';
import type { SourceText } from '../load/source-text.ts';
import { sourceOffsetOfValueIndex } from '../load/value-offsets.ts';
import { keyOf } from '../load/merge-keys.ts';
import { firstSyntaxError, readYamlDocumentsWithComments } from '../load/yaml.ts';
import { dashboardUid } from '../model/conventions.ts';
import { inferCatalog, type EvidenceRule, type InferredMetric, type KnownSeries, type Unreachable } from './catalog.ts';
import { IMPORT_CHECKS, importFinding } from './findings.ts';
import { FreeFileNames, numbered, readableName, type DefinitionFormat } from './free-names.ts';
import type { FileReader, ImportedDashboard, ImportedDefinition, ImportedRouting, ImportedService, Importer, ServicePer, SourceDocument, Sourced, Suppression } from './importer.ts';
import { IMPORTERS } from './registry.ts';
import { sliEvidence } from './slo-evidence.ts';
import { CALENDAR_PERIODS } from '../slo/calendar.ts';
import { DEFAULT_SLO_WINDOW, seconds } from '../slo/math.ts';
import { writeTs } from './write-ts.ts';
import { writeYaml } from './write-yaml.ts';
import type { WrittenDefinition } from './written-definition.ts';

/** The formats monc import writes definitions in. */
export type ImportFormat = DefinitionFormat;

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
  /** prometheus.retention of monc.config.yaml (or its default): imported SLO windows must fit in it. */
  readonly retention?: string | undefined;
  /** prometheus.features of monc.config.yaml: an SLO over a native histogram needs native-histograms in it. */
  readonly features?: readonly string[];
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
  /** The format of the definitions; default yaml. */
  readonly format?: ImportFormat | undefined;
  /** The schemas folder, relative to `into`, for the YAML modeline. */
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
  const parsed = input.sources.map((source) => parseSource(source, findings));
  const documents = parsed.flat();
  for (const [i, source] of input.sources.entries()) {
    const read = readSource(source, parsed[i] ?? [], importers, input, documents);
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
      findings.push(importFinding(IMPORT_CHECKS.guess, startOf(service.from), `the source of service "${name}" names no team; it is written with team "${DEFAULT_TEAM}": set the owning team (or import with --team)`));
    }
    const alerts = service.alerts.map((alert) => unique(alert, alert.spec.name, alertNames, 'Prometheus tells alerts of one name apart by their labels'));
    for (const alert of alerts) findings.push(...alertNotes(alert, { service: name, team }));
    const recordingRules = service.recordingRules.map((rule) =>
      unique(rule, recordingKey(rule.spec.record, rule.spec.labels ?? {}), recordings, 'the source records this series twice too'),
    );
    return { service: { ...service, alerts, recordingRules }, name, team, file: names.file(name) };
  });

  const boards = dashboards.map((dashboard) => names.dashboard(dashboard, findings));
  const queries = boards.flatMap(dashboardQueries);
  const sites = [...named.flatMap(({ service, name }) => evidenceSites(service, name)), ...queries.map(({ site }) => site)];
  const catalog = inferCatalog(
    sites.map((site) => site.evidence),
    input.existing.known,
  );
  for (const metric of catalog.metrics) findings.push(inferredFinding(metric, sites, input.sources));
  const kept = keptProblems(catalog.unreachable, sites);
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
    service.slos?.forEach((slo, i) => {
      note(`slos.${i}`, [fromComment(slo.from, input.sources)]);
      for (const suppression of kept.suppressions.get(slo) ?? []) note(`slos.${i}.${suppression.field}`, [suppressionComment(suppression)]);
    });
    const spec: ServiceSpec = {
      name,
      team,
      ...(service.description !== undefined && { description: service.description }),
      ...(service.ruler && { ruler: service.ruler }),
      ...(service.recordingRules.length > 0 && { recordingRules: service.recordingRules.map((r) => r.spec) }),
      ...(service.alerts.length > 0 && { alerts: service.alerts.map((a) => a.spec) }),
      ...(service.slos && service.slos.length > 0 && { slos: service.slos.map((slo) => slo.spec) }),
    };
    return {
      path: `${input.into}/${file}`,
      text: writeDefinition(input, { kind: 'Service', spec, comments }, [`Imported by monc import from ${service.from.file}.`]),
      summary: `service ${name}: ${[...(service.slos?.length ? [count(service.slos.length, 'SLO')] : []), count(service.alerts.length, 'alert'), count(service.recordingRules.length, 'recording rule')].join(', ')}`,
    };
  });
  for (const board of boards) files.push(dashboardFile(board, queries.filter((query) => query.board === board), kept.suppressions, input));
  if (catalog.metrics.length > 0) {
    const owners = [...named.map(({ name }) => name), ...boards.map(({ id }) => id)];
    const file = names.file(owners.length === 1 ? `${owners[0]}-metrics` : 'imported-metrics');
    files.push({ path: `${input.into}/${file}`, text: metricsFile(catalog.metrics, sites, input), summary: `${count(catalog.metrics.length, 'metric')} inferred from the expressions` });
  }
  const slos = named.flatMap(({ service }) => service.slos ?? []);
  findings.push(...retentionNote(slos, input.existing.retention), ...nativeHistogramNote(slos, input.existing.features));
  for (const routing of routings) {
    findings.push(...routingNotes(routing, routings, input.existing));
    files.push({ path: `${input.into}/${names.file('routing')}`, text: routingFile(routing, input), summary: routing.summary });
  }
  return { files, findings };
}

/** The documents of one file free of syntax errors; the errors go to the findings. */
function parseSource(source: SourceText, findings: Finding[]): SourceDocument[] {
  // Comments are kept: the one above an inhibit rule is its description. JSON (an exported
  // dashboard) may repeat a key: Grafana, like any JSON reader, keeps the last value.
  const json = /\.json$/i.test(source.file);
  const docs = readYamlDocumentsWithComments(source.text, json);
  const parsed = Array.isArray(docs) ? docs : [];
  if (json) for (const doc of parsed) keepLastOfRepeatedKeys(doc, source.file, findings);
  if (parsed.every((doc) => doc.contents === null && doc.errors.length === 0)) {
    findings.push(importFinding(IMPORT_CHECKS.unsupported, { file: source.file, start: 0, end: 0 }, 'the file is empty: there is nothing to import'));
  }
  return parsed.flatMap((doc, index) => {
    const syntaxError = firstSyntaxError(source.file, doc);
    if (syntaxError) findings.push(toFinding(syntaxError));
    return syntaxError || doc.contents === null ? [] : [{ source, doc, index, count: parsed.length }];
  });
}

/** Removes each mapping's earlier pairs of a repeated key, as JSON.parse does, with a finding at each. */
function keepLastOfRepeatedKeys(doc: Document.Parsed, file: string, findings: Finding[]): void {
  visit(doc, {
    Map(_, map) {
      const last = new Map(map.items.map((pair) => [keyOf(pair), pair]));
      if (last.size === map.items.length) return;
      for (const pair of map.items) {
        if (last.get(keyOf(pair)) === pair) continue;
        const range = isScalar(pair.key) ? pair.key.range : undefined;
        findings.push(importFinding(IMPORT_CHECKS.guess, { file, start: range?.[0] ?? 0, end: range?.[1] ?? 0 }, `the key ${JSON.stringify(String(keyOf(pair)))} is repeated in this object; Grafana, like any JSON reader, keeps the last value, and so does the import`));
      }
      map.items = map.items.filter((pair) => last.get(keyOf(pair)) === pair);
    },
  });
}

/** The services of one file, or the findings that say why it has none. */
function readSource(
  source: SourceText,
  parsed: readonly SourceDocument[],
  importers: readonly Importer[],
  input: ImportInput,
  documents: readonly SourceDocument[],
): { definitions: ImportedDefinition[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const definitions: ImportedDefinition[] = [];
  for (const document of parsed) {
    const importer = importers.find((candidate) => candidate.detect(document));
    if (!importer) {
      const range = document.doc.contents?.range ?? [0, 0, 0];
      findings.push(importFinding(IMPORT_CHECKS.unsupported, { file: source.file, start: range[0], end: range[0] }, notImportable(input.kind, importers)));
      continue;
    }
    const result = importer.import(document, { servicePer: input.servicePer, files: input.files, documents });
    definitions.push(...result.definitions);
    findings.push(...result.findings);
  }
  return { definitions, findings };
}

function notImportable(kind: string, importers: readonly Importer[]): string {
  if (kind !== 'auto') return `this document is not ${importers.map((i) => i.reads).join(' or ')}, which monc import ${kind} reads`;
  return `this document is not a kind monc can import; ${IMPORTERS.map((i) => `monc import ${i.kind} reads ${i.reads}`).join('; ')}`;
}

/**
 * Service names, dashboard ids and file names: readable, and free in the folder, among the
 * existing definitions and in this import. A name is taken by a definitions file of any format (`checkout.yaml` takes
 * `checkout` for a TS import too): one name, one file.
 */
class Names {
  readonly #services: Set<string>;
  readonly #dashboards: Set<string>;
  readonly #files: FreeFileNames;

  constructor(input: ImportInput) {
    this.#services = new Set(input.existing.services);
    this.#dashboards = new Set(input.existing.dashboards);
    this.#files = new FreeFileNames(input.taken, input.format);
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
      if (taken.has(name) || this.#files.has(name)) continue;
      taken.add(name);
      return name;
    }
  }

  file(stem: string): string {
    return this.#files.file(stem);
  }
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
function keptProblems(unreachable: readonly Unreachable[], sites: readonly EvidenceSite[]): { findings: Finding[]; suppressions: Map<Sourced<unknown>, Suppression[]> } {
  const findings: Finding[] = [];
  const suppressions = new Map<Sourced<unknown>, Suppression[]>();
  const add = (rule: Sourced<unknown>, suppression: Suppression, at: Span | undefined, message: string) => {
    const existing = suppressions.get(rule) ?? [];
    if (!existing.some((s) => s.check === suppression.check && s.field === suppression.field)) suppressions.set(rule, [...existing, suppression]);
    findings.push(importFinding(IMPORT_CHECKS.kept, at ?? rule.from, `${message}; it is imported as it is, and monc's ${suppression.check} is silenced there`));
  };
  for (const { rule: index, label, check } of unreachable) {
    const site = sites[index];
    if (site?.slo && site.path) {
      // An SLI field: the check is silenced on its line, as on a rule's expression.
      add(site.slo, { check, field: site.path, reason: `no series monc knows carries ${label} there` }, site.at, `label "${label}" is named where no series monc knows carries it (a built-in series such as up carries only job, instance and the labels of monc's scrape jobs)`);
      continue;
    }
    const rule = site?.rule;
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

/**
 * An expression the catalog reads as evidence, and where it is in the source: a rule's
 * expression as written, or the shape an SLI field is read in (slo-evidence.ts).
 */
interface EvidenceSite {
  readonly evidence: EvidenceRule;
  /** The rule or dashboard query it is the expression of; none for an SLI field. */
  readonly rule?: Sourced<Expression>;
  /** The SLO whose SLI field it is, and the field's path in the SLO spec. */
  readonly slo?: Sourced<SloSpec>;
  readonly path?: string;
  /** The field in the source, and its text in the spec. */
  readonly at: Span;
  readonly text: string;
}

function evidenceSites(service: ImportedService, name: string): EvidenceSite[] {
  const rules = [...service.recordingRules, ...service.alerts].map((rule): EvidenceSite => {
    const spec: AlertSpec | RecordingRuleSpec = rule.spec;
    const file = rule.from.file;
    const evidence: EvidenceRule =
      'record' in spec
        ? { expr: spec.expr, record: spec.record, ...(spec.labels && { labels: spec.labels }), file, service: name }
        : { expr: spec.expr, templates: templateFields(spec).map(([, text]) => text), file, service: name };
    return { evidence, rule, at: rule.fields?.['expr'] ?? rule.from, text: spec.expr };
  });
  const slis = (service.slos ?? []).flatMap((slo: Sourced<SloSpec>) =>
    sliEvidence(slo.spec).map(({ path, text, expr }): EvidenceSite => ({ evidence: { expr, file: slo.from.file, service: name }, slo, path, at: slo.fields?.[path] ?? slo.from, text })),
  );
  return [...rules, ...slis];
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
  readonly site: EvidenceSite;
}

function dashboardQueries(board: NamedDashboard): DashboardQuery[] {
  return board.dashboard.queries.map(({ path, expr, at }) => {
    const query: Sourced<PanelQuerySpec> = { spec: { expr }, from: at, fields: { expr: at } };
    const evidence: EvidenceRule = { expr: substituteVariables(expr).text, variables: true, file: at.file, service: board.id };
    return { board, path, query, site: { evidence, rule: query, at, text: expr } };
  });
}

/** A dashboard's file: the comments say where each part came from, and which check a query keeps silenced. */
function dashboardFile(board: NamedDashboard, queries: readonly DashboardQuery[], suppressions: ReadonlyMap<Sourced<unknown>, readonly Suppression[]>, input: ImportInput): WrittenFile {
  const { dashboard, id, file } = board;
  const comments = new Map([...dashboard.parts].map(([path, span]): [string, string[]] => [path, [fromComment(span, input.sources)]]));
  for (const { path, query } of queries) {
    // A panel query starts with its expr: the comment goes above the query; an annotation's above its expr.
    const at = path.startsWith('annotations.') ? `${path}.expr` : path;
    for (const suppression of suppressions.get(query) ?? []) comments.set(at, [...(comments.get(at) ?? []), suppressionComment(suppression)]);
  }
  return {
    path: `${input.into}/${file}`,
    text: writeDefinition(input, { kind: 'Dashboard', spec: { id, ...dashboard.spec }, comments }, [`Imported by monc import from ${dashboard.from.file}.`]),
    summary: `dashboard ${id}: ${dashboard.summary}`,
  };
}

/** Where the metric is first selected, in the source file. */
function firstUseSpan(metric: InferredMetric, sites: readonly EvidenceSite[], sources: readonly SourceText[]): Span {
  const site = sites[metric.firstUse.rule];
  if (!site) return { file: sources[0]?.file ?? '', start: 0, end: 0 };
  const { at, text } = site;
  const [from, to] = offsetsInText(site, metric.firstUse.from, metric.firstUse.to);
  const raw = sources.find((s) => s.file === at.file)?.text.slice(at.start, at.end) ?? '';
  const start = at.start + sourceOffsetOfValueIndex(raw, text, from);
  const end = at.start + sourceOffsetOfValueIndex(raw, text, to);
  return { file: at.file, start, end: Math.max(start, end) };
}

/**
 * The offsets of a name selected in a site's evidence, in the text written in the source. A
 * dashboard query was read with its variables filled in: offsets map back to the query as
 * written. An SLI field is read in a shape of its own (a histogram's name as its _bucket
 * series): the name is found in the text as written.
 */
function offsetsInText({ evidence, text }: EvidenceSite, from: number, to: number): [number, number] {
  if (evidence.variables) {
    const read = substituteVariables(text);
    return [writtenOffset(read, from), writtenOffset(read, to)];
  }
  if (evidence.expr === text) return [from, to];
  const name = evidence.expr.slice(from, to);
  for (const candidate of [name, name.replace(/_bucket$/, '')]) {
    const index = text.indexOf(candidate);
    if (index >= 0) return [index, index + candidate.length];
  }
  return [0, 0];
}

function inferredFinding(metric: InferredMetric, sites: readonly EvidenceSite[], sources: readonly SourceText[]): Finding {
  const spec = metric.spec;
  const labels = Object.keys(spec.labels ?? {});
  const values = metric.guessedValues.length > 0 ? `; the values of ${metric.guessedValues.join(', ')} are only those the rules name` : '';
  return importFinding(
    IMPORT_CHECKS.guess,
    firstUseSpan(metric, sites, sources),
    `"${spec.name}" is declared as a ${spec.type} because ${metric.typeReason}, with ${labels.length > 0 ? `labels ${labels.join(', ')}` : 'no labels'}${values}: confirm it`,
  );
}

function metricsFile(inferred: readonly InferredMetric[], sites: readonly EvidenceSite[], input: ImportInput): string {
  const kinds = [
    ...(sites.some((site) => site.rule && !site.evidence.variables) ? ['rules'] : []),
    ...(sites.some((site) => site.slo) ? ['SLOs'] : []),
    ...(sites.some((site) => site.evidence.variables) ? ['dashboards'] : []),
  ];
  const sources = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : (kinds[0] ?? 'rules');
  const comments = new Map<string, string[]>();
  inferred.forEach((metric, i) => {
    comments.set(`metrics.${i}`, [`inferred ${fromComment(firstUseSpan(metric, sites, input.sources), input.sources)}: a ${metric.spec.type} because ${metric.typeReason}`]);
    for (const label of metric.guessedValues) comments.set(`metrics.${i}.labels.${label}`, [`only the values the ${sources} name: add the others it takes`]);
  });
  const definition: WrittenDefinition = { kind: 'Metrics', spec: { metrics: inferred.map((m): MetricSpec => m.spec) }, comments };
  return writeDefinition(input, definition, [
    `The metrics the imported ${sources} select, which no definition declared. monc import`,
    'declared each from what the expressions show of it: a guess. Confirm its type and',
    'labels and write its help text; monc lint lists the ones left (catalog/inferred).',
  ]);
}

/**
 * SLO windows longer than monc.config.yaml's retention are slo/window-exceeds-retention errors at
 * the first lint; the source tool's Prometheus keeps them already, but monc cannot know: one
 * finding, at the longest window, says what to set.
 */
function retentionNote(slos: readonly Sourced<SloSpec>[], retention: string | undefined): Finding[] {
  if (retention === undefined) return [];
  const reads = (slo: SloSpec) => {
    const window = slo.window ?? DEFAULT_SLO_WINDOW;
    return typeof window === 'string' ? window : CALENDAR_PERIODS[window.calendar].range;
  };
  const longest = slos.reduce<Sourced<SloSpec> | undefined>((max, slo) => (max === undefined || seconds(reads(slo.spec)) > seconds(reads(max.spec)) ? slo : max), undefined);
  if (!longest || seconds(reads(longest.spec)) <= seconds(retention)) return [];
  return [
    importFinding(
      IMPORT_CHECKS.guess,
      longest.fields?.['window'] ?? startOf(longest.from),
      `SLO "${longest.spec.name}" reads ${reads(longest.spec)} of data, and monc.config.yaml's prometheus.retention is ${retention}: set it to what Prometheus' --storage.tsdb.retention.time says (at least ${reads(longest.spec)}), or monc lint reports slo/window-exceeds-retention`,
    ),
  ];
}

/**
 * An SLO over a native histogram needs native-histograms in monc.config.yaml's
 * prometheus.features, or the first lint reports slo/sli: the source tool's Prometheus has the
 * feature on already, but monc cannot know. One finding, at the first such SLO.
 */
function nativeHistogramNote(slos: readonly Sourced<SloSpec>[], features: readonly string[] | undefined): Finding[] {
  if (features === undefined || features.includes('native-histograms')) return [];
  const native = slos.find((slo) => slo.spec.sli.latency?.native === true);
  if (!native) return [];
  return [
    importFinding(
      IMPORT_CHECKS.guess,
      native.fields?.['sli.latency.histogram'] ?? native.fields?.['sli'] ?? startOf(native.from),
      `SLO "${native.spec.name}" reads a native histogram: add native-histograms to prometheus.features in monc.config.yaml, as Prometheus runs with --enable-feature=native-histograms, or monc lint reports slo/sli`,
    ),
  ];
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
  return writeDefinition(input, { kind: 'Routing', spec: routing.spec, comments }, [`Imported by monc import from ${routing.from.file}.`]);
}

/** A definition's file in the format asked for. */
function writeDefinition(input: ImportInput, definition: WrittenDefinition, header: readonly string[]): string {
  return input.format === 'ts' ? writeTs(definition, { header }) : writeYaml(definition, { schemaDir: input.schemaDir, header });
}
