/**
 * OpenSLO v1 and v1alpha documents as monc services and SLOs. The objects of one import name
 * each other across files (an SLO its Service, its SLI by indicatorRef, its AlertPolicies, an
 * AlertPolicy its AlertConditions, a metric source its DataSource), so the whole import is read
 * once (ImportContext.documents) and each service is written from the document that holds its
 * Service object, or its first SLO. SLI, AlertPolicy, AlertCondition and DataSource objects give
 * no definition of their own: they are read where an SLO names them.
 *
 * Budgeting methods: Occurrences is monc's ratio SLI (events summed); Timeslices is monc's
 * timeslice SLI (the share of good slices); RatioTimeslices, an average of the slices' ratios,
 * is imported as a ratio SLI with a finding. Burn-rate alert conditions become the SLO's tiers.
 * Queries of a data source that does not speak PromQL are refused, one finding per SLO.
 */
import { isMap, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { SloSpec, SloTierSpec } from '../../api/types.gen.ts';
import { SLO_GENERATED_LABELS } from '../../checks/slo-reserved-label.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { LABEL, WINDOW_PLACEHOLDER } from '../../model/conventions.ts';
import { parsePromql } from '../../promql/parse.ts';
import { DEFAULT_TIERS, formatDuration } from '../../slo/math.ts';
import { parseDuration } from '../../promql/ast.ts';
import { eventQuery, hasTemplatedWindow, moncWindow } from '../event-query.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import { readableName } from '../free-names.ts';
import type { ImportedService, Importer, SourceDocument, Sourced } from '../importer.ts';
import { SourceNodes } from '../source-nodes.ts';

type Tier = SloTierSpec;

export const opensloImporter: Importer = {
  kind: 'openslo',
  reads: 'OpenSLO v1 or v1alpha documents (SLO, SLI, Service, AlertPolicy, AlertCondition, DataSource)',
  detect: (document) => objectsIn(document).length > 0,
  import(document, context) {
    const documents = context.documents ?? [document];
    let analysis = ANALYSES.get(documents);
    if (!analysis) {
      analysis = new Analysis(documents);
      ANALYSES.set(documents, analysis);
    }
    return analysis.of(document.doc);
  },
};

/** One analysis per import: each document's call takes its part. */
const ANALYSES = new WeakMap<readonly SourceDocument[], Analysis>();

/** OpenSLO's kinds, by their lowercase spelling (osko writes Datasource). */
const KINDS = ['SLO', 'SLI', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'DataSource'] as const;
type Kind = (typeof KINDS)[number];
const KIND_BY_LOWERCASE = new Map<string, Kind>(KINDS.map((kind) => [kind.toLowerCase(), kind]));

/** openslo/v1, openslo/v1alpha, and the Kubernetes group spelling openslo.com/v1 (the osko operator's). */
const API_VERSION = /^openslo(?:\.com)?\/(\w+)$/;
const READ_VERSIONS = new Set(['v1', 'v1alpha']);

/** Data sources that answer PromQL. */
const PROMQL_SOURCES = /^(prometheus|mimir|cortex|thanos|victoriametrics|sloth)$/i;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** What the finding says of a service without a team of its own: runImport names it. */
const DEFAULT_TEAM_TEXT = 'the team it is imported with';

/** A map of the source with the reader of its document. */
class View {
  constructor(
    readonly map: YAMLMap,
    readonly nodes: SourceNodes,
  ) {}

  node(key: string): Node | null {
    return this.nodes.node(this.map.get(key, true));
  }

  text(key: string): string | undefined {
    return scalarText(this.node(key));
  }

  number(key: string): number | undefined {
    const text = this.text(key);
    const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    return Number.isFinite(value) ? value : undefined;
  }

  view(key: string): View | undefined {
    const node = this.node(key);
    return isMap(node) ? new View(node, this.nodes) : undefined;
  }

  /** The items of a list, each a map or a scalar node. */
  items(key: string): (View | Node)[] {
    const node = this.node(key);
    if (!isSeq(node)) return [];
    return node.items.flatMap((item): (View | Node)[] => {
      const resolved = this.nodes.node(item);
      if (!resolved) return [];
      return isMap(resolved) ? [new View(resolved, this.nodes)] : [resolved];
    });
  }

  views(key: string): View[] {
    return this.items(key).filter((item): item is View => item instanceof View);
  }

  /** The span of a field's value, or of the map itself. */
  span(key?: string): Span {
    return this.nodes.span(key === undefined ? this.map : (this.node(key) ?? this.keyNode(key) ?? this.map));
  }

  /** The span of a field's key, for findings about the field as a whole. */
  keySpan(key: string): Span {
    return this.nodes.span(this.keyNode(key) ?? this.map);
  }

  private keyNode(key: string): Node | undefined {
    return this.nodes.pairs(this.map).find((pair) => pair.key === key)?.keyNode;
  }
}

interface OpenSloObject {
  /** Undefined for a kind OpenSLO does not have. */
  readonly kind: Kind | undefined;
  readonly version: string;
  readonly name: string;
  readonly view: View;
  readonly home: Document;
}

function readable(object: OpenSloObject): boolean {
  return object.kind !== undefined && READ_VERSIONS.has(object.version);
}

/** The OpenSLO objects of a document (a single object, or a list of them), those of versions monc does not read too. */
function objectsIn(document: SourceDocument): OpenSloObject[] {
  const nodes = new SourceNodes(document);
  const root = nodes.node(document.doc.contents);
  const maps = isMap(root) ? [root] : isSeq(root) ? root.items.map((item) => nodes.node(item)).filter((item): item is YAMLMap => isMap(item)) : [];
  return maps.flatMap((map) => {
    const view = new View(map, nodes);
    const version = API_VERSION.exec(view.text('apiVersion') ?? '')?.[1];
    if (version === undefined) return [];
    const kind = KIND_BY_LOWERCASE.get((view.text('kind') ?? '').toLowerCase());
    return [{ kind, version, name: view.view('metadata')?.text('name') ?? '', view, home: document.doc }];
  });
}

/** An SLI as the SLO reads it, whichever version and place it was written in. */
type Indicator =
  | { readonly kind: 'ratio'; readonly at: View; readonly counter: boolean; readonly counterAt: Span; readonly good?: Source; readonly bad?: Source; readonly total?: Source; readonly raw?: Source; readonly rawType?: string }
  | { readonly kind: 'threshold'; readonly at: View; readonly source: Source };

/** A metric source: its type (resolved through its DataSource) and query. */
interface Source {
  readonly at: View;
  readonly type: string | undefined;
  readonly query: string | undefined;
  readonly queryAt: Span;
}

class Analysis {
  readonly #objects: OpenSloObject[];
  readonly #definitions = new Map<Document, ImportedService[]>();
  readonly #findings = new Map<Document, Finding[]>();
  /** SLI, AlertPolicy and AlertCondition objects some SLO reads. */
  readonly #used = new Set<View['map']>();
  /** Findings already given at a span (an inline object read by several SLOs is reported once). */
  readonly #reported = new Set<string>();
  #home: Document | undefined;

  constructor(documents: readonly SourceDocument[]) {
    this.#objects = documents.flatMap(objectsIn);
    const read = this.#objects.filter(readable);
    for (const object of this.#objects) {
      if (readable(object)) continue;
      this.#home = object.home;
      const [what, key] = object.kind ? [`OpenSLO ${object.version} is not read`, 'apiVersion'] : [`kind "${object.view.text('kind') ?? ''}" is not an OpenSLO kind`, 'kind'];
      this.add(importFinding(IMPORT_CHECKS.unsupported, object.view.span(key), `${what}: monc import openslo reads ${KINDS.join(', ')} of openslo/v1 and openslo/v1alpha`));
    }
    const services = new Map<string, { home: OpenSloObject; service?: OpenSloObject; slos: OpenSloObject[] }>();
    for (const object of read) {
      if (object.kind === 'Service') {
        const entry = services.get(object.name);
        if (!entry) services.set(object.name, { home: object, service: object, slos: [] });
        else if (entry.service) {
          this.#home = object.home;
          this.loss(object.view.span(), `a second Service named "${object.name}" (the first is in ${entry.service.view.span().file}): it is not imported`);
        } else Object.assign(entry, { service: object });
      } else if (object.kind === 'SLO') {
        const name = object.view.view('spec')?.text('service') ?? '';
        const entry = services.get(name) ?? { home: object, slos: [] };
        entry.slos.push(object);
        services.set(name, entry);
      }
    }
    for (const [name, entry] of services) {
      this.#home = entry.service?.home ?? entry.home.home;
      const slos = entry.slos.flatMap((slo) => {
        this.#home = slo.home;
        return new SloReader(this, slo).read();
      });
      this.#home = entry.service?.home ?? entry.home.home;
      if (!entry.service && slos.length === 0) continue;
      this.service(name, entry.service, entry.home, slos);
    }
    for (const object of read) this.unread(object);
  }

  of(doc: Document): { definitions: ImportedService[]; findings: Finding[] } {
    return { definitions: this.#definitions.get(doc) ?? [], findings: this.#findings.get(doc) ?? [] };
  }

  /**
   * The object of a kind a reference names: the one in the referring document if there is one,
   * else in its file, else anywhere in the import (names are unique per kind in OpenSLO, but
   * files of unrelated examples reuse them).
   */
  named(kind: Kind, name: string, from: View): OpenSloObject | undefined {
    const candidates = this.#objects.filter((object) => object.kind === kind && object.name === name && readable(object));
    const file = from.nodes.span(from.map).file;
    return (
      candidates.find((object) => object.view.nodes === from.nodes) ??
      candidates.find((object) => object.view.nodes.span(object.view.map).file === file) ??
      candidates[0]
    );
  }

  use(view: View): void {
    this.#used.add(view.map);
  }

  add(finding: Finding): void {
    const key = `${finding.check}@${finding.at.file}:${finding.at.start}:${finding.message}`;
    if (this.#reported.has(key) || !this.#home) return;
    this.#reported.add(key);
    const list = this.#findings.get(this.#home) ?? [];
    list.push(finding);
    this.#findings.set(this.#home, list);
  }

  loss(at: Span, message: string): void {
    this.add(importFinding(IMPORT_CHECKS.loss, at, message));
  }

  guess(at: Span, message: string): void {
    this.add(importFinding(IMPORT_CHECKS.guess, at, message));
  }

  private service(name: string, service: OpenSloObject | undefined, home: OpenSloObject, slos: Sourced<SloSpec>[]): void {
    const spec = service?.view.view('spec');
    const metadata = service?.view.view('metadata');
    const description = described(metadata?.text('displayName'), spec?.text('description'));
    const teams = service ? labelValues(metadata?.view('labels'), LABEL.team) : [];
    if (service) {
      const labels = metadata?.view('labels');
      const others = labels ? labels.nodes.pairs(labels.map).filter((pair) => pair.key !== LABEL.team) : [];
      if (others.length > 0) this.loss(metadata?.keySpan('labels') ?? service.view.span(), `the Service's labels ${others.map((p) => p.key).join(', ')} are not imported: a monc service has a name, a team and a description`);
      if (teams.length > 1) this.loss(metadata?.view('labels')?.span(LABEL.team) ?? service.view.span(), `the Service names the teams ${teams.join(', ')}; a monc service has one team, and none is set`);
      if (metadata?.node('annotations')) this.loss(metadata.keySpan('annotations'), "the Service's annotations are not imported: a monc service has none");
    }
    // The Service's team, else the one team label all its SLOs agree on.
    const sloTeams = new Set(slos.map((slo) => slo.spec.labels?.[LABEL.team]));
    const [sloTeam] = sloTeams;
    const team = teams.length === 1 ? teams[0] : sloTeams.size === 1 && sloTeam !== undefined && !sloTeam.includes(',') ? sloTeam : undefined;
    const list = this.#definitions.get(this.#home ?? home.home) ?? [];
    list.push({
      kind: 'service',
      name: name || 'openslo',
      team,
      ...(description !== undefined && { description }),
      from: (service ?? home).view.span(),
      recordingRules: [],
      alerts: [],
      slos: this.unique(slos, name).map((slo) => this.teamLabel(slo, team)),
    });
    this.#definitions.set(this.#home ?? home.home, list);
  }

  /** SLO names are ids within the service: a second SLO of a name is numbered, with a finding. */
  private unique(slos: readonly Sourced<SloSpec>[], service: string): Sourced<SloSpec>[] {
    const names = new Set<string>();
    return slos.map((slo) => {
      const wanted = slo.spec.name;
      let name = wanted;
      for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
      names.add(name);
      if (name === wanted) return slo;
      this.guess(slo.from, `service "${service}" has another SLO named "${wanted}": this one is imported as "${name}" (its slo label is ${service}-${name})`);
      return { ...slo, spec: { ...slo.spec, name } };
    });
  }

  /**
   * monc writes the service's team as the team label: an SLO whose team label says the same
   * needs none; another team is renamed, as monc's label it would overwrite.
   */
  private teamLabel(slo: Sourced<SloSpec>, team: string | undefined): Sourced<SloSpec> {
    const labels = slo.spec.labels;
    const value = labels?.[LABEL.team];
    if (!labels || value === undefined) return slo;
    const { [LABEL.team]: _, ...rest } = labels;
    const { labels: __, ...spec } = slo.spec;
    if (value === team) return { ...slo, spec: Object.keys(rest).length > 0 ? { ...spec, labels: rest } : spec };
    const renamed = `openslo_${LABEL.team}`;
    this.loss(slo.fields?.[`labels.${LABEL.team}`] ?? slo.from, `label "${LABEL.team}" is one monc writes on the SLO's series and alerts (the service's team, ${team ?? DEFAULT_TEAM_TEXT}): it is imported as "${renamed}"`);
    return { ...slo, spec: { ...spec, labels: { ...rest, [renamed]: value } } };
  }

  /** An SLI, AlertPolicy or AlertCondition no SLO reads, a DataSource or a notification target: nothing of it is written. */
  private unread(object: OpenSloObject): void {
    this.#home = object.home;
    const at = object.view.span();
    switch (object.kind) {
      case 'SLI':
      case 'AlertPolicy':
      case 'AlertCondition':
        if (!this.#used.has(object.view.map)) this.loss(at, `${object.kind} "${object.name}" is referenced by no SLO of the import, and monc has no ${object.kind === 'SLI' ? 'SLI' : 'alert policy'} of its own: nothing of it is imported`);
        break;
      case 'DataSource':
        this.loss(at, `DataSource "${object.name}": monc queries the Prometheus its config names (prometheus in monc.config.yaml); the connection details are not imported`);
        break;
      case 'AlertNotificationTarget':
        this.notificationTarget(object.view, object.name);
        break;
      default:
        break;
    }
  }

  notificationTarget(view: View, name: string): void {
    this.loss(view.span(), `notification target "${name}" is not imported: monc routes alerts by their team, service and severity labels in its routing (kind: Routing); route to ${view.view('spec')?.text('target') ?? 'the target'} there`);
  }
}

/** "displayName: description", or whichever is written. */
function described(displayName: string | undefined, description: string | undefined): string | undefined {
  if (displayName === undefined || displayName === '') return description;
  if (description === undefined || description === '' || description.startsWith(displayName)) return description || displayName;
  return `${displayName}: ${description}`;
}

/** A label's values: OpenSLO takes a string or a list of strings. */
function labelValues(labels: View | undefined, key: string): string[] {
  const node = labels?.node(key);
  if (isSeq(node)) return node.items.map((item) => scalarText(labels?.nodes.node(item)) ?? '').filter((value) => value !== '');
  const text = scalarText(node);
  return text === undefined || text === '' ? [] : [text];
}


/** The SLOs monc writes for one OpenSLO SLO, and the findings on the way. */
class SloReader {
  readonly #spec: View | undefined;
  readonly #metadata: View | undefined;
  readonly #v1alpha: boolean;

  constructor(
    private readonly analysis: Analysis,
    private readonly slo: OpenSloObject,
  ) {
    this.#spec = slo.view.view('spec');
    this.#metadata = slo.view.view('metadata');
    this.#v1alpha = slo.version === 'v1alpha';
  }

  read(): Sourced<SloSpec>[] {
    const spec = this.#spec;
    const base = readableName(this.slo.name || 'slo');
    if (!spec) return this.refuse(this.slo.view.span(), 'it has no spec');
    const method = spec.text('budgetingMethod') ?? 'Occurrences';
    const objectives = spec.views('objectives');
    if (objectives.length === 0) return this.refuse(spec.keySpan('objectives'), 'it has no objectives');
    const shared = this.#v1alpha ? undefined : this.indicator(spec);
    const composite = objectives.some((objective) => objective.node('indicator') || objective.node('indicatorRef'));
    if (composite && objectives.length > 1) {
      this.analysis.loss(spec.keySpan('objectives'), `SLO "${this.slo.name}" is a composite SLO; monc has none: each objective is imported as an SLO of its own, whose budget burns alone (compositeWeight is not used)`);
    }
    const built = objectives.map((objective, i) => this.objective(objective, i, method, shared));
    if (built.every((b) => b === undefined)) return [];
    const window = this.window(spec);
    const alerting = this.alerting(spec);
    const labels = this.labels();
    const description = described(this.#metadata?.text('displayName'), spec.text('description'));
    if (this.#metadata?.node('annotations')) {
      this.analysis.loss(this.#metadata.keySpan('annotations'), `the annotations of SLO "${this.slo.name}" are not imported: a monc SLO has none (its description, runbook and labels are what it carries)`);
    }
    if (method === 'RatioTimeslices') {
      this.analysis.loss(spec.span('budgetingMethod'), 'RatioTimeslices averages the ratios of the time slices; monc sums the events of the whole window (each event weighs the same, a busy slice more than a quiet one): it is imported as Occurrences');
    }

    // Objectives that read the same SLI share one monc SLO (its objectives); the others are SLOs of their own.
    const groups: { sli: string; members: NonNullable<(typeof built)[number]>[] }[] = [];
    for (const b of built) {
      if (!b) continue;
      const key = JSON.stringify(b.sli);
      const group = groups.find((g) => g.sli === key);
      if (group) group.members.push(b);
      else groups.push({ sli: key, members: [b] });
    }
    const names = new Set<string>();
    const labelFields = this.labelFields();
    return groups.map((group) => {
      const [first, ...rest] = group.members;
      if (!first) throw new Error('an objective group is never empty');
      const wanted = groups.length === 1 ? base : `${base}-${first.slug}`;
      let name = wanted;
      for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
      names.add(name);
      const sloSpec: SloSpec = {
        name,
        ...(description !== undefined && { description }),
        objective: first.objective,
        ...(rest.length > 0 && { objectives: rest.map((r) => ({ name: r.slug, objective: r.objective })) }),
        ...(window !== undefined && { window }),
        sli: first.sli,
        ...(alerting && { alerting }),
        ...(labels && { labels }),
      };
      return { spec: sloSpec, from: groups.length === 1 ? this.slo.view.span() : first.at.span(), fields: { ...first.fields, ...labelFields } };
    });
  }

  private refuse(at: Span, why: string): [] {
    this.analysis.loss(at, `SLO "${this.slo.name}" is not imported: ${why}`);
    return [];
  }

  /** The indicator a spec (or an objective of a composite SLO) holds inline or names. */
  private indicator(holder: View): Indicator | undefined {
    const ref = holder.text('indicatorRef');
    if (ref !== undefined) {
      const sli = this.analysis.named('SLI', ref, holder);
      if (!sli) {
        this.analysis.loss(holder.span('indicatorRef'), `SLO "${this.slo.name}" names the SLI "${ref}", which is not in the import (give its file to monc import too)`);
        return undefined;
      }
      this.analysis.use(sli.view);
      const spec = sli.view.view('spec');
      return spec && this.metric(spec);
    }
    const inline = holder.view('indicator');
    if (!inline) return undefined;
    // v1 inlines an SLI (metadata and spec); v1alpha writes the metric itself.
    return this.metric(inline.view('spec') ?? inline);
  }

  private metric(sli: View): Indicator | undefined {
    const ratio = sli.view('ratioMetric') ?? sli.view('ratioMetrics');
    if (ratio) return this.ratioMetric(ratio);
    const threshold = sli.view('thresholdMetric');
    if (threshold) {
      const source = this.source(threshold);
      return source && { kind: 'threshold', at: threshold, source };
    }
    return undefined;
  }

  private ratioMetric(ratio: View): Indicator {
    const part = (key: string) => {
      const view = ratio.view(key);
      return view ? this.source(view) : undefined;
    };
    const counterKey = ratio.node('counter') ? 'counter' : 'incremental';
    const good = part('good');
    const bad = part('bad');
    const total = part('total');
    const raw = part('raw');
    const rawType = ratio.text('rawType');
    return {
      kind: 'ratio',
      at: ratio,
      counter: ratio.text(counterKey) !== 'false',
      counterAt: ratio.span(counterKey),
      ...(good && { good }),
      ...(bad && { bad }),
      ...(total && { total }),
      ...(raw && { raw }),
      ...(rawType !== undefined && { rawType }),
    };
  }

  /** A metric source: v1's { metricSource: { metricSourceRef, type, spec: { query } } } (or spec.promql), v1alpha's { source, queryType, query }. */
  private source(holder: View): Source {
    if (this.#v1alpha || !holder.node('metricSource')) {
      return { at: holder, type: holder.text('source'), query: holder.text('query'), queryAt: holder.span('query') };
    }
    const metricSource = holder.view('metricSource') ?? holder;
    const spec = metricSource.view('spec');
    let type = metricSource.text('type');
    const ref = metricSource.text('metricSourceRef');
    if (ref !== undefined) {
      const dataSource = this.analysis.named('DataSource', ref, metricSource);
      if (dataSource) type ??= dataSource.view.view('spec')?.text('type');
      else
        this.analysis.guess(
          metricSource.span('metricSourceRef'),
          `the DataSource "${ref}" is not in the import; ${type === undefined ? 'the query is read as PromQL, the only language monc writes' : `its type is taken from the metric source (${type})`}`,
        );
    }
    const key = queryKey(spec);
    return { at: metricSource, type, query: spec?.text(key), queryAt: spec?.span(key) ?? metricSource.span() };
  }

  /** One objective as an SLI and a target, or undefined (with a finding) when monc cannot express it. */
  private objective(
    objective: View,
    index: number,
    method: string,
    shared: Indicator | undefined,
  ): { at: View; slug: string; objective: number; sli: SloSpec['sli']; fields: Record<string, Span> } | undefined {
    const displayName = objective.text('displayName');
    const slug = (displayName && readableName(displayName)) || `objective-${index + 1}`;
    const target = objective.number('target');
    const percent = objective.number('targetPercent');
    const objectivePercent = percent ?? (target !== undefined ? round(target * 100) : undefined);
    const indicator = this.#v1alpha ? this.alphaIndicator(objective) : objective.node('indicator') || objective.node('indicatorRef') ? this.indicator(objective) : shared;
    if (!indicator) {
      const named = this.#spec?.text('indicatorRef') ?? objective.text('indicatorRef');
      if (named !== undefined && !this.analysis.named('SLI', named, objective)) return undefined;
      this.refuse(objective.span(), `${displayName ? `objective "${displayName}"` : 'its objective'} has no indicator (ratioMetric or thresholdMetric)`);
      return undefined;
    }
    const sources = indicator.kind === 'threshold' ? [indicator.source] : [indicator.good, indicator.bad, indicator.total, indicator.raw].filter((s): s is Source => s !== undefined);
    for (const source of sources) {
      const type = source.type;
      if (type === undefined && !this.#v1alpha) {
        this.analysis.guess(source.at.span(), 'the metric source names no type and no DataSource that has one: the query is read as PromQL, the only language monc writes');
      } else if (type !== undefined && !PROMQL_SOURCES.test(type)) {
        this.refuse(this.#v1alpha ? source.at.span('source') : source.at.span('type'), `its metric source is ${type}, and monc writes Prometheus rules: only PromQL queries (Prometheus, Mimir, Cortex, Thanos, VictoriaMetrics) are imported`);
        return undefined;
      } else if (type === undefined) {
        this.refuse(source.at.span(), 'its metric source names no source');
        return undefined;
      }
      if (source.query === undefined || source.query.trim() === '') {
        this.refuse(source.queryAt, 'a metric source has no query');
        return undefined;
      }
      if (!this.#v1alpha) {
        const spec = source.at.view('spec');
        for (const pair of spec ? spec.nodes.pairs(spec.map) : []) {
          if (pair.key !== queryKey(spec)) this.analysis.loss(spec?.keySpan(pair.key) ?? source.at.span(), `the metric source's ${pair.key} is not imported: monc's SLI is the query alone`);
        }
      }
    }
    if (objectivePercent === undefined) {
      this.refuse(objective.span(), `${displayName ? `objective "${displayName}"` : 'its objective'} has neither target nor targetPercent`);
      return undefined;
    }
    const sli = method === 'Timeslices' ? this.timesliceSli(indicator, objective) : this.occurrencesSli(indicator, objective);
    if (!sli) return undefined;
    for (const text of sliTexts(sli.sli)) {
      const parsed = parsePromql(text.split(WINDOW_PLACEHOLDER).join('5m'));
      if (parsed.error) {
        this.refuse(sources[0]?.queryAt ?? objective.span(), `its query is not PromQL monc can read (${parsed.error.message})`);
        return undefined;
      }
    }
    return { at: objective, slug, objective: objectivePercent, ...sli };
  }

  /** v1alpha: the objective's ratioMetrics, else the spec's indicator. */
  private alphaIndicator(objective: View): Indicator | undefined {
    const ratio = objective.view('ratioMetrics');
    if (ratio) return this.ratioMetric(ratio);
    const indicator = this.#spec?.view('indicator');
    const threshold = indicator?.view('thresholdMetric');
    return threshold ? { kind: 'threshold', at: threshold, source: this.source(threshold) } : undefined;
  }

  /** Occurrences: good (or bad) events out of all; a threshold metric's samples are the events. */
  private occurrencesSli(indicator: Indicator, objective: View): { sli: SloSpec['sli']; fields: Record<string, Span> } | undefined {
    if (indicator.kind === 'threshold') {
      const bound = this.bound(objective);
      if (!bound) return undefined;
      const query = moncWindow(indicator.source.query ?? '').trim();
      const at = indicator.source.queryAt;
      return {
        sli: {
          ratio: {
            errors: `sum(count_over_time(((${query}) ${NEGATED[bound.op]} ${bound.value})[${WINDOW_PLACEHOLDER}:]))`,
            total: `sum(count_over_time((${query})[${WINDOW_PLACEHOLDER}:]))`,
          },
        },
        fields: { 'sli.ratio.errors': at, 'sli.ratio.total': at },
      };
    }
    if (indicator.raw) return this.refuseRaw(indicator);
    const numerator = indicator.good ?? indicator.bad;
    if (!numerator || !indicator.total) {
      this.refuse(indicator.at.span(), 'its ratioMetric needs good or bad, and total');
      return undefined;
    }
    const key = indicator.good ? 'good' : 'errors';
    const part = this.events(numerator, indicator);
    const total = this.events(indicator.total, indicator);
    if (part === undefined || total === undefined) return undefined;
    return {
      sli: { ratio: key === 'good' ? { good: part, total } : { errors: part, total } },
      fields: { [`sli.ratio.${key}`]: numerator.queryAt, 'sli.ratio.total': indicator.total.queryAt },
    };
  }

  private refuseRaw(indicator: Extract<Indicator, { kind: 'ratio' }>): undefined {
    this.refuse(indicator.at.span('raw'), "its ratioMetric is a precomputed ratio (raw); monc's ratio SLI counts events, and a ratio cannot be summed into one over a window: it is imported only with budgetingMethod Timeslices");
    return undefined;
  }

  /**
   * A ratio part as monc's ratio SLI takes it: a query over `{{.window}}` as written (rate() as
   * increase(): monc reads the counts), a counter's selector as it is (monc takes its increase),
   * `sum(selector)` as its selector (monc sums).
   */
  private events(source: Source, indicator: Extract<Indicator, { kind: 'ratio' }>): string | undefined {
    const query = (source.query ?? '').trim();
    if (hasTemplatedWindow(query)) return eventQuery(query);
    if (!indicator.counter) {
      this.refuse(indicator.counterAt, 'its ratioMetric is not a counter (counter: false): monc counts events with increase() over counters, and a gauge\'s values are not events');
      return undefined;
    }
    const selector = counterSelector(query);
    if (selector === undefined) {
      this.refuse(source.queryAt, `its query ${JSON.stringify(query)} is neither a counter's selector nor a query over {{.window}}: monc cannot tell how it counts events`);
      return undefined;
    }
    return selector;
  }

  /** The objective's op and value, for a threshold metric. */
  private bound(objective: View): { op: Op; value: number } | undefined {
    const op = objective.text('op');
    const value = objective.number('value');
    if (op === undefined || !(op in NEGATED) || value === undefined) {
      this.refuse(objective.span(), 'a thresholdMetric objective needs op (lt, lte, gt or gte) and value');
      return undefined;
    }
    return { op: op as Op, value };
  }

  /**
   * Timeslices: a slice is good when its good events are at least timeSliceTarget of all (a
   * ratio metric), or when that share of its samples meets the objective's bound (a threshold
   * metric, read each evaluation within the slice by a subquery).
   */
  private timesliceSli(indicator: Indicator, objective: View): { sli: SloSpec['sli']; fields: Record<string, Span> } | undefined {
    const sliceTarget = objective.number('timeSliceTarget');
    if (sliceTarget === undefined || sliceTarget <= 0 || sliceTarget > 1) {
      this.refuse(objective.span('timeSliceTarget'), 'Timeslices needs timeSliceTarget, the share of a slice that must be good, in (0, 1]');
      return undefined;
    }
    const slice = this.slice(objective);
    if (slice === undefined) return undefined;
    if (indicator.kind === 'threshold') {
      const bound = this.bound(objective);
      if (!bound) return undefined;
      const query = moncWindow(indicator.source.query ?? '').trim();
      return {
        sli: { timeslice: { slice, query: `avg_over_time(((${query}) ${bound.op === 'lt' ? '<' : bound.op === 'lte' ? '<=' : bound.op === 'gt' ? '>' : '>='} bool ${bound.value})[${WINDOW_PLACEHOLDER}:])`, min: sliceTarget } },
        fields: { 'sli.timeslice.query': indicator.source.queryAt },
      };
    }
    if (indicator.raw) {
      const query = moncWindow(indicator.raw.query ?? '').trim();
      const failure = indicator.rawType === 'failure';
      return {
        sli: { timeslice: { slice, query, ...(failure ? { max: round(1 - sliceTarget) } : { min: sliceTarget }) } },
        fields: { 'sli.timeslice.query': indicator.raw.queryAt },
      };
    }
    const numerator = indicator.good ?? indicator.bad;
    if (!numerator || !indicator.total) {
      this.refuse(indicator.at.span(), 'its ratioMetric needs good or bad, and total');
      return undefined;
    }
    const part = this.events(numerator, indicator);
    const total = this.events(indicator.total, indicator);
    if (part === undefined || total === undefined) return undefined;
    const query = `${countOver(part)} / ${countOver(total)}`;
    return {
      sli: { timeslice: { slice, query, ...(indicator.good ? { min: sliceTarget } : { max: round(1 - sliceTarget) }) } },
      fields: { 'sli.timeslice.query': numerator.queryAt },
    };
  }

  /** timeSliceWindow (a duration, or minutes as a number); v1alpha has none, and 1m is taken. */
  private slice(objective: View): string | undefined {
    const text = objective.text('timeSliceWindow');
    if (text === undefined) {
      this.analysis.guess(objective.span(), `the objective names no timeSliceWindow${this.#v1alpha ? ' (v1alpha has none)' : ''}: monc judges slices of 1m`);
      return '1m';
    }
    const minutes = /^\d+$/.test(text) ? `${text}m` : text;
    if (parseDuration(minutes) === undefined || /^\d+[MQY]$/.test(minutes)) {
      this.refuse(objective.span('timeSliceWindow'), `timeSliceWindow ${text} is not a duration monc writes (such as 1m or 5m)`);
      return undefined;
    }
    return minutes;
  }

  /** The SLO's window: rolling, or a calendar month, week or quarter. */
  private window(spec: View): SloSpec['window'] | undefined {
    const key = this.#v1alpha ? 'timeWindows' : 'timeWindow';
    const windows = spec.views(key);
    const [first, ...more] = windows;
    if (!first) {
      this.analysis.guess(spec.span(), `SLO "${this.slo.name}" has no ${key}: it gets monc's default window, 30d rolling`);
      return undefined;
    }
    for (const extra of more) this.analysis.loss(extra.span(), 'OpenSLO takes one time window: only the first is imported');
    const calendar = first.view('calendar');
    const rolling = first.text('isRolling') === 'true' || !calendar;
    const length = this.#v1alpha ? alphaLength(first) : shorthand(first.text('duration'));
    const at = this.#v1alpha ? first.span() : first.span('duration');
    if (!length) {
      this.analysis.loss(at, `the time window's length is not one monc reads (a duration such as 28d, 1w or 1M): the SLO gets monc's default window, 30d rolling`);
      return undefined;
    }
    if (rolling) {
      if (calendar) this.analysis.loss(first.keySpan('calendar'), 'a rolling window has no calendar: its startTime and timeZone are not used');
      if (length.calendarOnly) this.analysis.loss(at, `monc's rolling windows are fixed durations: ${length.text} is imported as ${length.rolling}`);
      return length.rolling;
    }
    const period = length.period;
    if (period === undefined) {
      this.analysis.loss(at, `monc's calendar windows are a month, a week or a quarter: this ${length.text} calendar window is imported as a rolling ${length.rolling}`);
      return length.rolling;
    }
    const timezone = calendar?.text('timeZone');
    const startTime = calendar?.text('startTime');
    if (startTime !== undefined && !periodStart(startTime, period)) {
      this.analysis.loss(calendar?.span('startTime') ?? at, `monc's ${period}s start at ${PERIOD_STARTS[period]}, 00:00 in the time zone; this one starts at ${startTime}`);
    }
    return { calendar: period, ...(timezone !== undefined && timezone !== '' && { timezone }) };
  }

  /** The SLO's alert policies as tiers replacing monc's defaults, or the defaults (with a finding) when it has none. */
  private alerting(spec: View): SloSpec['alerting'] | undefined {
    const items = spec.items('alertPolicies');
    if (items.length === 0) {
      this.analysis.guess(spec.node('alertPolicies') ? spec.keySpan('alertPolicies') : this.slo.view.span(), `SLO "${this.slo.name}" has no alert policy: monc gives it its default burn-rate tiers (page-1h, page-6h, ticket-1d, ticket-3d); switch them off in alerting.tiers if it should not alert`);
      return undefined;
    }
    const tiers: Record<string, Tier> = {};
    let noData = false;
    const seen = new Set<YAMLMap>();
    for (const item of items) {
      const policy = this.reference(item, 'AlertPolicy', 'alertPolicyRef');
      if (!policy) continue;
      const policySpec = policy.view('spec');
      if (!policySpec) continue;
      if (policySpec.text('alertWhenNoData') === 'true') noData = true;
      if (policySpec.text('alertWhenBreaching') === 'false') this.analysis.loss(policySpec.span('alertWhenBreaching'), 'alertWhenBreaching: false is not imported: monc\'s burn-rate alerts fire while the condition breaches');
      if (policySpec.text('alertWhenResolved') === 'true') this.analysis.loss(policySpec.span('alertWhenResolved'), "alertWhenResolved is not imported: whether a resolved alert notifies is the receiver's send_resolved in monc's routing");
      for (const target of policySpec.items('notificationTargets')) {
        if (target instanceof View && target.text('targetRef') === undefined) this.analysis.notificationTarget(target, target.view('metadata')?.text('name') ?? '');
        else if (target instanceof View) {
          const name = target.text('targetRef') ?? '';
          if (!this.analysis.named('AlertNotificationTarget', name, target)) this.analysis.loss(target.span('targetRef'), `the AlertNotificationTarget "${name}" is not in the import; monc routes alerts in its routing, not per SLO`);
        }
      }
      for (const item of policySpec.items('conditions')) {
        const condition = this.reference(item, 'AlertCondition', 'conditionRef');
        if (!condition || seen.has(condition.map)) continue;
        seen.add(condition.map);
        const tier = this.tier(condition);
        if (!tier) continue;
        let name = tier.name;
        for (let n = 2; name in tiers; n++) name = `${tier.name}-${n}`;
        tiers[name] = tier.tier;
      }
    }
    if (Object.keys(tiers).length === 0) return undefined;
    const defaults = Object.fromEntries(DEFAULT_TIERS.filter((tier) => !(tier.name in tiers)).map((tier) => [tier.name, false] as const));
    return { tiers: { ...defaults, ...tiers }, ...(!noData && { noData: false }) };
  }

  /** An inline object of a kind, or the one its reference names (a finding when none). */
  private reference(item: View | Node, kind: Kind, refKey: string): View | undefined {
    if (!(item instanceof View)) {
      this.analysis.loss(this.slo.view.nodes.span(item), `a ${kind} is written inline (kind: ${kind}) or named (${refKey}: NAME); "${scalarText(item) ?? ''}" is neither, and is not imported`);
      return undefined;
    }
    const ref = item.text(refKey);
    if (ref === undefined) return item;
    const object = this.analysis.named(kind, ref, item);
    if (!object) {
      this.analysis.loss(item.span(refKey), `the ${kind} "${ref}" is not in the import (give its file to monc import too): its alerts are not imported`);
      return undefined;
    }
    this.analysis.use(object.view);
    return object.view;
  }

  /** A burn-rate alert condition as a tier: the lookback window is the long window, a twelfth of it the short one. */
  private tier(condition: View): { name: string; tier: Tier } | undefined {
    const spec = condition.view('spec');
    const rule = spec?.view('condition');
    const name = condition.view('metadata')?.text('name');
    if (!spec || !rule) return undefined;
    const kind = rule.text('kind') ?? 'burnrate';
    if (kind !== 'burnrate') {
      this.analysis.loss(rule.span('kind'), `alert condition${name ? ` "${name}"` : ''} is of kind ${kind}; monc alerts on burn rates only: it is not imported`);
      return undefined;
    }
    const op = rule.text('op') ?? 'gt';
    if (op === 'lt' || op === 'lte') {
      this.analysis.loss(rule.span('op'), `alert condition${name ? ` "${name}"` : ''} fires when the burn rate is ${op === 'lt' ? 'under' : 'at most'} its threshold; monc's tiers fire when it is above: it is not imported`);
      return undefined;
    }
    const factor = rule.number('threshold');
    const lookback = rule.text('lookbackWindow') ?? '';
    const longSeconds = (parseDuration(lookback) ?? 0) / 1000;
    if (factor === undefined || factor <= 0 || longSeconds <= 0) {
      this.analysis.loss(rule.span(), `alert condition${name ? ` "${name}"` : ''} needs a threshold above 0 and a lookbackWindow such as 1h: it is not imported`);
      return undefined;
    }
    const longWindow = formatDuration(longSeconds);
    const shortWindow = formatDuration(longSeconds / 12);
    this.analysis.guess(rule.span('lookbackWindow'), `monc's tiers need a short window beside the long one (lookbackWindow ${lookback}): ${shortWindow}, a twelfth, as the SRE Workbook does, so the alert stops soon after the burn does`);
    const alertAfter = rule.text('alertAfter');
    const pending = alertAfter !== undefined && (parseDuration(alertAfter) ?? 0) > 0 ? formatDuration((parseDuration(alertAfter) ?? 0) / 1000) : undefined;
    const severityText = spec.text('severity') ?? '';
    const page = /^(page|critical)$/i.test(severityText);
    const known = /^(page|ticket|critical|warning)$/i.test(severityText);
    const defaultSeverity = page ? 'critical' : 'warning';
    const alertSeverity = known || severityText === '' || severityText === defaultSeverity ? undefined : severityText;
    const tierName = name && /^[a-z]/.test(readableName(name)) ? readableName(name) : `${page ? 'page' : 'ticket'}-${longWindow}`;
    return {
      name: tierName,
      tier: { severity: page ? 'page' : 'ticket', longWindow, shortWindow, factor, ...(pending && { for: pending }), ...(alertSeverity && { alertSeverity }) },
    };
  }

  /** Where the team label is, for the finding should it be renamed. */
  private labelFields(): Record<string, Span> {
    const labels = this.#metadata?.view('labels');
    return labels?.node(LABEL.team) ? { [`labels.${LABEL.team}`]: labels.keySpan(LABEL.team) } : {};
  }

  /** metadata.labels as the SLO's labels: one value each, names Prometheus takes, none that monc writes. */
  private labels(): Record<string, string> | undefined {
    const labels = this.#metadata?.view('labels');
    if (!labels) return undefined;
    const result: Record<string, string> = {};
    for (const { key } of labels.nodes.pairs(labels.map)) {
      const values = labelValues(labels, key);
      const at = labels.span(key);
      let name = LABEL_NAME.test(key) && !key.startsWith('__') ? key : key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^(?=[0-9])|^__/, 'l_');
      if (name !== key) this.analysis.loss(labels.keySpan(key), `label "${key}" is not a Prometheus label name: it is imported as "${name}"`);
      if (SLO_GENERATED_LABELS.includes(name) && !(name === LABEL.team && values.length === 1)) {
        const renamed = `openslo_${name}`;
        this.analysis.loss(labels.keySpan(key), `label "${name}" is one monc writes on the SLO's series and alerts (slo/reserved-label): it is imported as "${renamed}"`);
        name = renamed;
      }
      if (values.length > 1) this.analysis.loss(at, `label "${key}" has the values ${values.join(', ')}; a Prometheus label has one: they are imported joined, "${values.join(',')}"`);
      result[name] = values.join(',');
    }
    return Object.keys(result).length > 0 ? result : undefined;
  }
}

type Op = 'lt' | 'lte' | 'gt' | 'gte';
/** The comparison that makes a sample bad, by the objective's op (which makes it good). */
const NEGATED: Readonly<Record<Op, string>> = { lt: '>=', lte: '>', gt: '<=', gte: '<' };

/** A counter query monc takes as a selector: the selector itself, or sum() of one. */
function counterSelector(query: string): string | undefined {
  const parsed = parsePromql(query);
  const ast = parsed.ast;
  if (!ast) return undefined;
  if (ast.kind === 'vector') return query;
  if (ast.kind === 'aggregate' && ast.op.name === 'sum' && !ast.grouping && ast.args.length === 1 && ast.args[0]?.kind === 'vector') {
    return query.slice(ast.args[0].from, ast.args[0].to).trim();
  }
  return undefined;
}

/** A ratio part as the events of the slice: a selector's increase over `{{window}}`, a windowed query as written. */
function countOver(part: string): string {
  if (part.includes(WINDOW_PLACEHOLDER)) return /^sum\s*\(/.test(part) && balanced(part) ? part : `(${part})`;
  return `sum(increase(${part}[${WINDOW_PLACEHOLDER}]))`;
}

/** Whether the text is one call: its first parenthesis closes at its end. */
function balanced(text: string): boolean {
  let depth = 0;
  const first = text.indexOf('(');
  for (let i = first; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.trimEnd().length - 1;
  }
  return false;
}

function sliTexts(sli: SloSpec['sli']): string[] {
  return [sli.ratio?.good, sli.ratio?.errors, sli.ratio?.total, sli.timeslice?.query].filter((text): text is string => text !== undefined);
}

/** A ratio times 100 (or 1 − ratio) without the float's tail: 0.995 → 99.5. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}

type Period = 'month' | 'week' | 'quarter';
const PERIOD_STARTS: Readonly<Record<Period, string>> = { month: 'the first of the month', week: 'Monday', quarter: 'the first of January, April, July and October' };

interface WindowLength {
  readonly text: string;
  /** As a rolling window: a Prometheus duration. */
  readonly rolling: string;
  /** The calendar period of that length. */
  readonly period: Period | undefined;
  /** A month, quarter or year: a fixed rolling duration only approximates it. */
  readonly calendarOnly: boolean;
}

/** OpenSLO's duration shorthand: m, h, d, w, M (month), Q (quarter), Y (year). */
function shorthand(text: string | undefined): WindowLength | undefined {
  const match = /^([1-9][0-9]*)([mhdwMQY])$/.exec(text ?? '');
  if (!match || text === undefined) return undefined;
  const n = Number(match[1]);
  const unit = match[2] ?? '';
  return lengthOf(text, n, unit);
}

/** v1alpha: count and unit (Second, Day, Week, Month, Quarter). */
function alphaLength(window: View): WindowLength | undefined {
  const count = window.number('count');
  const unit = { Second: 's', Minute: 'm', Hour: 'h', Day: 'd', Week: 'w', Month: 'M', Quarter: 'Q', Year: 'Y' }[window.text('unit') ?? ''];
  if (count === undefined || !Number.isInteger(count) || count <= 0 || unit === undefined) return undefined;
  return lengthOf(`${count} ${window.text('unit') ?? ''}${count === 1 ? '' : 's'}`, count, unit);
}

function lengthOf(text: string, n: number, unit: string): WindowLength {
  const days = { M: 30, Q: 90, Y: 365 }[unit];
  const rolling = days !== undefined ? `${n * days}d` : `${n}${unit}`;
  const period: Period | undefined = n === 1 ? ({ M: 'month', w: 'week', Q: 'quarter' } as const)[unit as 'M' | 'w' | 'Q'] : undefined;
  return { text, rolling, period, calendarOnly: days !== undefined };
}

/** Whether a calendar startTime ("2022-01-01 00:00:00") is where monc's period of that kind starts. */
function periodStart(startTime: string, period: Period): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(startTime.trim());
  if (!match) return false;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  if (`${hour}${minute}${second}` !== '000000') return false;
  if (period === 'week') return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay() === 1;
  return day === '01' && (period === 'month' || ['01', '04', '07', '10'].includes(month ?? ''));
}

/** The key of a v1 metric source's query: OpenSLO's `query`, or `promql`, as Nobl9's Prometheus metric spec (and its OpenSLO converter's input) names it. */
function queryKey(spec: View | undefined): 'query' | 'promql' {
  return !spec?.node('query') && spec?.node('promql') ? 'promql' : 'query';
}
