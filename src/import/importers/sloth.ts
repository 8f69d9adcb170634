/**
 * Sloth's SLO specs (`version: prometheus/v1`) and PrometheusServiceLevel objects
 * (`sloth.slok.dev/v1`) as monc services: one service per Sloth service, one SLO per Sloth SLO
 * with its objective, description, labels and SLI (sloth-sli.ts). Sloth's default 30d period
 * and its windows catalog for it (the SRE Workbook's: page 1h/5m ×14.4 and 6h/30m ×6, ticket
 * 1d/2h ×3 and 3d/6h ×1) are monc's default window and tiers, so neither is written. The
 * alerting name names both of monc's alerts (Sloth gives page and ticket one name), a disabled
 * page or ticket alert switches its tiers off, and severity labels become monc's severities.
 * What monc has no place for (labels on one of the two alerts only, annotations, SLO plugins,
 * a windows catalog) is one finding at its line, and the rest is still imported.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { SloSpec } from '../../api/types.gen.ts';
import { SLO_GENERATED_LABELS } from '../../checks/slo-reserved-label.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { ANNOTATION, LABEL } from '../../model/conventions.ts';
import { DEFAULT_SLO_WINDOW, errorBudget, factorFor, TIER_TABLES } from '../../slo/math.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import type { ImportedService, Importer, SourceDocument, Sourced } from '../importer.ts';
import { Fields, SourceNodes } from '../source-nodes.ts';
import { alertName } from './rules.ts';
import { eventsSli, pluginSli, rawSli, type SliOutcome } from './sloth-sli.ts';

const API_VERSION = 'sloth.slok.dev/v1';

export const slothImporter: Importer = {
  kind: 'sloth',
  reads: 'a Sloth SLO spec (version: prometheus/v1) or a PrometheusServiceLevel object',
  detect(document) {
    const nodes = new SourceNodes(document);
    const root = nodes.node(document.doc.contents);
    if (!isMap(root)) return false;
    const text = (key: string) => scalarText(nodes.node(root.get(key, true)));
    return text('version') === 'prometheus/v1' || (text('apiVersion') === API_VERSION && ['PrometheusServiceLevel', 'AlertWindows'].includes(text('kind') ?? ''));
  },
  import(document) {
    return new SlothImport(document).run();
  },
};

/** The keys of one spec format: prometheus/v1 writes snake_case, the CRD camelCase. */
interface Keys {
  readonly sloPlugins: string;
  readonly errorQuery: string;
  readonly totalQuery: string;
  readonly errorRatioQuery: string;
  readonly pageAlert: string;
  readonly ticketAlert: string;
}

const PROMETHEUS_V1: Keys = { sloPlugins: 'slo_plugins', errorQuery: 'error_query', totalQuery: 'total_query', errorRatioQuery: 'error_ratio_query', pageAlert: 'page_alert', ticketAlert: 'ticket_alert' };
const CRD: Keys = { sloPlugins: 'sloPlugins', errorQuery: 'errorQuery', totalQuery: 'totalQuery', errorRatioQuery: 'errorRatioQuery', pageAlert: 'pageAlert', ticketAlert: 'ticketAlert' };

/** monc's service, team and SLO names: lowercase words joined by "-". */
const NAME = /^[a-z][a-z0-9-]*$/;
/** monc's alert names (the schema's pattern). */
const ALERT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Sloth's own SLO plugins that do what monc does anyway (its SLI, metadata and alert rules,
 * validation) or nothing to the rules (debug, noop): nothing is lost without them.
 */
const BUILT_IN_SLO_PLUGINS = new Set(['sloth.dev/core/sli_rules/v1', 'sloth.dev/core/metadata_rules/v1', 'sloth.dev/core/alert_rules/v1', 'sloth.dev/core/validate/v1', 'sloth.dev/core/debug/v1', 'sloth.dev/core/noop/v1']);

/** What the contrib SLO plugins change in Sloth's rules, for the loss finding. */
const SLO_PLUGIN_EFFECTS: Readonly<Record<string, string>> = {
  'sloth.dev/contrib/denominator_corrected_rules/v1': 'weights the burn rate by traffic volume',
  'sloth.dev/contrib/error_budget_exhausted_alert/v1': 'adds an alert when the error budget is spent',
  'sloth.dev/contrib/info_labels/v1': 'adds labels to the sloth_slo_info series',
  'sloth.dev/contrib/remove_labels/v1': 'removes the spec labels from the SLI and metadata series',
  'sloth.dev/contrib/rule_intervals/v1': 'sets the rule groups\' evaluation intervals',
  'sloth.dev/contrib/validate_victoria_metrics/v1': 'validates the queries as VictoriaMetrics MetricsQL',
};

/** A label map of the source: values by name, and where each is. */
interface Labels {
  readonly values: ReadonlyMap<string, string>;
  readonly at: ReadonlyMap<string, Node>;
}

const NO_LABELS: Labels = { values: new Map(), at: new Map() };

/** One of Sloth's two alerts: page or ticket. */
interface SlothAlert {
  readonly kind: 'page' | 'ticket';
  readonly disabled: boolean;
  readonly labels: Labels;
  readonly annotations: Labels;
}

class SlothImport {
  readonly #nodes: SourceNodes;
  readonly #findings: Finding[] = [];
  /** Reserved labels reported already: a service label is every SLO's, and one finding at it is enough. */
  readonly #renamed = new Set<Node>();

  constructor(private readonly document: SourceDocument) {
    this.#nodes = new SourceNodes(document);
  }

  run(): { definitions: ImportedService[]; findings: Finding[] } {
    const root = this.#nodes.node(this.document.doc.contents);
    if (!isMap(root)) return this.result([]);
    const top = new Fields(this.#nodes, root);
    if (top.text('version') === 'prometheus/v1') return this.result(this.service(top, root, PROMETHEUS_V1));
    top.node('apiVersion');
    if (top.text('kind') === 'AlertWindows') {
      this.alertWindows(top);
      return this.result([]);
    }
    top.node('status');
    this.metadataLoss(top);
    const spec = top.node('spec');
    this.losses(top, (key) => `${key} is not part of a PrometheusServiceLevel: not imported`);
    if (!isMap(spec)) {
      this.finding(IMPORT_CHECKS.loss, root, 'the PrometheusServiceLevel has no spec: there is nothing to import');
      return this.result([]);
    }
    return this.result(this.service(new Fields(this.#nodes, spec), spec, CRD));
  }

  private result(definitions: ImportedService[]): { definitions: ImportedService[]; findings: Finding[] } {
    return { definitions, findings: this.#findings };
  }

  private finding(check: (typeof IMPORT_CHECKS)[keyof typeof IMPORT_CHECKS], at: Span | Node, message: string): void {
    this.#findings.push(importFinding(check, 'file' in at ? at : this.#nodes.span(at), message));
  }

  /** One loss per key of the map that was not read. */
  private losses(fields: Fields, message: (key: string) => string): void {
    for (const { key, at } of fields.unread()) this.finding(IMPORT_CHECKS.loss, at, message(key));
  }

  /** The object's namespace, labels and annotations: monc names and places the rules it writes itself. */
  private metadataLoss(top: Fields): void {
    const metadata = top.node('metadata');
    if (!isMap(metadata)) return;
    const kept = ['namespace', 'labels', 'annotations'].filter((key) => metadata.has(key));
    if (kept.length === 0) return;
    const key = this.#nodes.pairs(top.map).find((pair) => pair.key === 'metadata')?.keyNode ?? metadata;
    this.finding(IMPORT_CHECKS.loss, key, `the PrometheusServiceLevel's ${kept.join(', ')} ${kept.length > 1 ? 'are' : 'is'} not carried over: the prometheus-operator target names, labels and places the PrometheusRules it writes from the config (targets, kubernetes)`);
  }

  /**
   * A windows catalog (Sloth's --slo-period-windows-path) is a setting of the Sloth run, not of
   * an SLO: monc writes windows per SLO, so the finding gives the tiers to write.
   */
  private alertWindows(top: Fields): void {
    const spec = top.node('spec');
    const at = this.#nodes.pairs(top.map).find((pair) => pair.key === 'kind')?.keyNode ?? top.map;
    if (!isMap(spec)) {
      this.finding(IMPORT_CHECKS.loss, at, 'a Sloth AlertWindows catalog without a spec: there is nothing to import');
      return;
    }
    const fields = new Fields(this.#nodes, spec);
    const period = fields.text('sloPeriod') ?? '30d';
    const tiers = (['page', 'ticket'] as const).flatMap((severity) => {
      const windows = fields.node(severity);
      return (['quick', 'slow'] as const).map((speed, i) => {
        const window = isMap(windows) ? this.#nodes.node(windows.get(speed, true)) : null;
        const text = (key: string) => (isMap(window) ? scalarText(this.#nodes.node(window.get(key, true))) : undefined) ?? '?';
        const name = DEFAULT_TIER_NAMES[severity][i];
        return `${name}: { longWindow: ${text('longWindow')}, shortWindow: ${text('shortWindow')}, budgetPercent: ${text('errorBudgetPercent')} }`;
      });
    });
    this.finding(
      IMPORT_CHECKS.loss,
      at,
      `Sloth's alert windows for a ${period} period (a --slo-period-windows-path catalog) are not imported: monc has no windows catalog, each SLO says its window and tiers. Give the SLOs Sloth generated with it window: ${period} and alerting.tiers: { ${tiers.join(', ')} }`,
    );
  }

  private service(fields: Fields, at: YAMLMap, keys: Keys): ImportedService[] {
    const name = fields.text('service')?.trim() ?? '';
    const labels = this.labels(fields, 'labels');
    const pluginsNode = fields.node(keys.sloPlugins);
    const slosNode = fields.node('slos');
    this.losses(fields, (key) => `${key} is not a field of a Sloth SLO spec: not imported`);
    if (name === '') {
      this.finding(IMPORT_CHECKS.loss, fields.at('service'), 'the spec names no service (Sloth refuses it too): its SLOs are not imported');
      return [];
    }
    this.sloPlugins(pluginsNode, 'the service');
    const team = this.team(labels);
    const serviceLabels = team === undefined ? labels : withoutLabel(labels, LABEL.team);
    const names = new Set<string>();
    const alertNames = new Map<string, string>();
    if (slosNode !== null && !isSeq(slosNode)) {
      this.finding(IMPORT_CHECKS.loss, slosNode, `slos of service "${name}" is not a list of SLOs (Sloth refuses it too): nothing is imported`);
      return [];
    }
    const slos = (slosNode?.items ?? []).flatMap((item) => {
      const node = this.#nodes.node(item);
      if (isMap(node)) return this.slo(new Fields(this.#nodes, node), serviceLabels, keys, names, alertNames) ?? [];
      this.finding(IMPORT_CHECKS.loss, node ?? slosNode ?? at, `an item of slos of service "${name}" is not an SLO (Sloth refuses it too): not imported`);
      return [];
    });
    if (slos.length === 0) {
      this.finding(IMPORT_CHECKS.loss, slosNode ?? at, `service "${name}" has no SLO monc can import: it is not written`);
      return [];
    }
    return [{ kind: 'service', name, team, from: this.#nodes.span(at), recordingRules: [], alerts: [], slos }];
  }

  /** A team label the service's SLOs share is the service's team (monc writes it on the alerts). */
  private team(labels: Labels): string | undefined {
    const team = labels.values.get(LABEL.team);
    return team !== undefined && NAME.test(team) ? team : undefined;
  }

  private labels(fields: Fields, key: string): Labels {
    const node = fields.node(key);
    if (!isMap(node)) return NO_LABELS;
    const values = new Map<string, string>();
    const at = new Map<string, Node>();
    for (const pair of this.#nodes.pairs(node)) {
      values.set(pair.key, scalarText(pair.value) ?? '');
      at.set(pair.key, pair.keyNode);
    }
    return { values, at };
  }

  private slo(fields: Fields, serviceLabels: Labels, keys: Keys, names: Set<string>, alertNames: Map<string, string>): Sourced<SloSpec> | undefined {
    const written = fields.text('name') ?? '';
    const objectiveNode = fields.node('objective');
    const objective = Number(scalarText(objectiveNode));
    const description = fields.text('description');
    const sloLabels = merge(serviceLabels, this.labels(fields, 'labels'));
    const sliNode = fields.node('sli');
    const alertingNode = fields.node('alerting');
    const pluginsNode = fields.node('plugins');
    this.losses(fields, (key) => `${key} is not a field of a Sloth SLO: not imported`);
    const what = `SLO "${written}"`;
    if (!(objective > 0 && objective <= 100)) {
      const problem = objectiveNode === null ? 'is missing' : isScalar(objectiveNode) ? `${scalarText(objectiveNode)} is not a percentage in (0, 100]` : 'is not a number';
      this.finding(IMPORT_CHECKS.loss, objectiveNode ?? fields.map, `${what} is not imported: its objective ${problem} (Sloth refuses it too)`);
      return undefined;
    }
    const fieldSpans: Record<string, Span> = {};
    const sli = isMap(sliNode) ? this.sli(new Fields(this.#nodes, sliNode), keys, fieldSpans) : { refused: sliNode === null ? 'it has no sli' : 'its sli is not a map of events, raw or plugin (Sloth refuses it too)' };
    if ('refused' in sli) {
      // At the query or plugin the SLI is made of, when it has one.
      this.finding(IMPORT_CHECKS.loss, Object.values(fieldSpans)[0] ?? sliNode ?? fields.map, `${what} is not imported: ${sli.refused}`);
      return undefined;
    }
    if (sli.guess) this.finding(IMPORT_CHECKS.guess, sliNode ?? fields.map, sli.guess);
    this.sloPlugins(pluginsNode, what);

    const name = this.sloName(written, names, fields.at('name'));
    const alerting = isMap(alertingNode) ? this.alerting(new Fields(this.#nodes, alertingNode), keys, sloLabels, what, alertNames) : { spec: {}, labels: sloLabels, runbook: undefined };
    this.unreachableTiers(alerting.spec, objective, objectiveNode ?? fields.map, what);
    const labels = this.unreserved(alerting.labels);
    const spec: SloSpec = {
      name,
      ...(description !== undefined && description.trim() !== '' && { description: description.trim() }),
      objective,
      sli: sli.sli,
      ...(Object.keys(alerting.spec).length > 0 && { alerting: alerting.spec }),
      ...(Object.keys(labels).length > 0 && { labels }),
      ...(alerting.runbook !== undefined && { runbook: alerting.runbook }),
    };
    return { spec, from: this.#nodes.span(fields.map), fields: fieldSpans };
  }

  /**
   * A tier whose threshold is an error ratio above 100% never fires; Sloth writes it all the
   * same, monc refuses it (slo/unreachable-tier): switched off, nothing changes.
   */
  private unreachableTiers(alerting: NonNullable<SloSpec['alerting']>, objective: number, at: Node, what: string): void {
    const budget = errorBudget(objective);
    const never = TIER_TABLES.workbook(DEFAULT_SLO_WINDOW).filter((tier) => {
      if (alerting.tiers?.[tier.name] === false) return false;
      const factor = tier.factor ?? factorFor(tier.budgetPercent ?? 0, DEFAULT_SLO_WINDOW, tier.longWindow);
      return factor * budget > 1;
    });
    if (never.length === 0) return;
    alerting.tiers = { ...alerting.tiers, ...Object.fromEntries(never.map((tier) => [tier.name, false])) };
    this.finding(
      IMPORT_CHECKS.guess,
      at,
      `with an objective of ${objective}% the tier${never.length > 1 ? 's' : ''} ${never.map((t) => t.name).join(', ')} would fire only above an error ratio of 100%, so ${what}'s Sloth alerts never fire there either: ${never.length > 1 ? 'they are' : 'it is'} switched off`,
    );
  }

  /** A free monc SLO name: Sloth's, in lowercase words. */
  private sloName(written: string, names: Set<string>, at: Span): string {
    const words = written.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const base = /^[a-z]/.test(words) ? words : `slo${words ? `-${words}` : ''}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    if (name !== written) {
      this.finding(IMPORT_CHECKS.loss, at, `SLO "${written}" is imported as "${name}": monc's SLO names are lowercase words joined by "-", unique in their service; its series and alerts are labelled slo="<service>-${name}"`);
    }
    return name;
  }

  private sli(fields: Fields, keys: Keys, spans: Record<string, Span>): SliOutcome {
    const events = fields.node('events');
    const raw = fields.node('raw');
    const plugin = fields.node('plugin');
    this.losses(fields, (key) => `${key} is not one of Sloth's SLIs (events, raw, plugin): not imported`);
    const given = [events, raw, plugin].filter(isMap);
    if (given.length !== 1) return { refused: 'its sli must be one of events, raw or plugin (Sloth refuses it too)' };
    if (isMap(events)) {
      const query = new Fields(this.#nodes, events);
      const errors = query.text(keys.errorQuery) ?? '';
      const total = query.text(keys.totalQuery) ?? '';
      spans['sli.ratio.errors'] = query.at(keys.errorQuery);
      spans['sli.ratio.total'] = query.at(keys.totalQuery);
      this.losses(query, (key) => `${key} is not a field of Sloth's events SLI: not imported`);
      return eventsSli(errors, total);
    }
    if (isMap(raw)) {
      const query = new Fields(this.#nodes, raw);
      const text = query.text(keys.errorRatioQuery) ?? '';
      const outcome = rawSli(text);
      for (const path of ['sli.ratio.errors', 'sli.ratio.good', 'sli.ratio.total']) spans[path] = query.at(keys.errorRatioQuery);
      this.losses(query, (key) => `${key} is not a field of Sloth's raw SLI: not imported`);
      return outcome;
    }
    const fieldsOf = new Fields(this.#nodes, plugin as YAMLMap);
    const id = fieldsOf.text('id') ?? '';
    const optionsNode = fieldsOf.node('options');
    const options = new Map<string, string>();
    const optionKeys = new Map<string, Node>();
    if (isMap(optionsNode)) {
      for (const pair of this.#nodes.pairs(optionsNode)) {
        options.set(pair.key, scalarText(pair.value) ?? '');
        optionKeys.set(pair.key, pair.keyNode);
      }
    }
    this.losses(fieldsOf, (key) => `${key} is not a field of Sloth's plugin SLI: not imported`);
    const outcome = pluginSli(id, options);
    for (const path of ['sli.ratio.errors', 'sli.ratio.total', 'sli.latency.histogram', 'sli.availability.up']) spans[path] = fieldsOf.at('id');
    for (const key of outcome.unread ?? []) {
      this.finding(IMPORT_CHECKS.loss, optionKeys.get(key) ?? fieldsOf.at('id'), `option ${key} is not one plugin "${id}" reads (Sloth ignores it too): not imported`);
    }
    return outcome;
  }

  /** A chain of SLO plugins: Sloth's own rules are monc's; a contrib plugin's change is lost. */
  private sloPlugins(node: Node | null, owner: string): void {
    if (!isMap(node)) return;
    const chain = this.#nodes.node(node.get('chain', true));
    for (const item of isSeq(chain) ? chain.items : []) {
      const plugin = this.#nodes.node(item);
      if (!isMap(plugin)) continue;
      const idNode = this.#nodes.node(plugin.get('id', true));
      const id = scalarText(idNode) ?? '';
      if (BUILT_IN_SLO_PLUGINS.has(id)) continue;
      const effect = SLO_PLUGIN_EFFECTS[id];
      this.finding(IMPORT_CHECKS.loss, idNode ?? plugin, `SLO plugin "${id}" of ${owner} is not imported: monc has no SLO plugins${effect ? `, so nothing ${effect}` : ''}`);
    }
  }

  /**
   * Sloth's alerting as monc's: the name for both alerts, disabled alerts as tiers switched
   * off, severity labels as severities, labels both enabled alerts carry as the SLO's labels,
   * a runbook annotation as the runbook. Labels on one alert only and other annotations are lost.
   */
  private alerting(
    fields: Fields,
    keys: Keys,
    sloLabels: Labels,
    what: string,
    alertNames: Map<string, string>,
  ): { spec: NonNullable<SloSpec['alerting']>; labels: Labels; runbook: string | undefined } {
    const written = fields.text('name');
    const common = this.labels(fields, 'labels');
    const commonAnnotations = this.labels(fields, 'annotations');
    const alerts = [this.alert(fields, keys.pageAlert, 'page'), this.alert(fields, keys.ticketAlert, 'ticket')] as const;
    this.losses(fields, (key) => `${key} is not a field of Sloth's alerting: not imported`);
    const enabled = alerts.filter((alert) => !alert.disabled);
    const spec: NonNullable<SloSpec['alerting']> = {};
    const tiers: Record<string, false> = {};
    for (const alert of alerts) if (alert.disabled) for (const tier of DEFAULT_TIER_NAMES[alert.kind]) tiers[tier] = false;
    if (Object.keys(tiers).length > 0) spec.tiers = tiers;
    for (const alert of enabled) {
      const severity = alert.labels.values.get(LABEL.severity) ?? common.values.get(LABEL.severity);
      if (severity !== undefined) spec[alert.kind === 'page' ? 'pageSeverity' : 'ticketSeverity'] = severity;
    }
    if (written !== undefined && enabled.length > 0) {
      const valid = ALERT_NAME.test(written) ? written : alertName(written);
      if (valid !== written) {
        this.finding(
          IMPORT_CHECKS.loss,
          fields.at('name'),
          `alert "${written}" is imported as "${valid}": monc's alert names are letters, digits and "_", starting with a letter; routes, inhibitions and silences that match alertname="${written}" need the new name`,
        );
      }
      // monc's generated tests tell an SLO's alerts from another's by their name.
      let name = valid;
      for (let n = 2; alertNames.has(name); n++) name = `${valid}${n}`;
      if (name !== valid) {
        this.finding(
          IMPORT_CHECKS.loss,
          fields.at('name'),
          `alert "${valid}" already names the alerts of ${alertNames.get(valid)}; ${what}'s are imported as "${name}", since monc's generated tests tell SLOs' alerts apart by name: routes and silences that match alertname="${valid}" need the new name too`,
        );
      }
      alertNames.set(name, what);
      for (const alert of enabled) spec[alert.kind === 'page' ? 'pageAlert' : 'ticketAlert'] = name;
    }

    // A label goes on the SLO when every enabled alert carries it with one value.
    const labelValues = new Map(sloLabels.values);
    const labelAt = new Map(sloLabels.at);
    const alertLabels = [...new Set([...common.values.keys(), ...enabled.flatMap((alert) => [...alert.labels.values.keys()])])].filter((label) => label !== LABEL.severity);
    const shared: string[] = [];
    for (const label of alertLabels) {
      const values = enabled.map((alert) => alert.labels.values.get(label) ?? common.values.get(label));
      const at = enabled.map((alert) => alert.labels.at.get(label)).find((node) => node !== undefined) ?? common.at.get(label);
      if (values.every((value) => value !== undefined && value === values[0])) {
        labelValues.set(label, values[0] ?? '');
        if (at) labelAt.set(label, at);
        shared.push(label);
        continue;
      }
      if (at) {
        const on = enabled.filter((_, i) => values[i] !== undefined).map((alert) => `${alert.kind} alert`);
        this.finding(
          IMPORT_CHECKS.loss,
          at,
          `label ${label} of ${what} is on the ${on.join(' and ')} ${on.length > 1 ? 'with different values' : 'only'}: monc writes an SLO's labels on all its alerts, and has no labels for one of them; not imported`,
        );
      }
    }
    if (shared.length > 0) {
      const at = shared.map((label) => labelAt.get(label)).find((node) => node !== undefined);
      if (at) {
        this.finding(
          IMPORT_CHECKS.guess,
          at,
          `the alert label${shared.length > 1 ? 's' : ''} ${shared.join(', ')} of ${what} ${shared.length > 1 ? 'are' : 'is'} written as the SLO's labels, which monc puts on its alerts and also on its recording rules`,
        );
      }
    }
    const runbook = this.annotations(commonAnnotations, enabled, what);
    return { spec, labels: { values: labelValues, at: labelAt }, runbook };
  }

  /** The runbook annotation both alerts share becomes the runbook; every other annotation is lost. */
  private annotations(common: Labels, enabled: readonly SlothAlert[], what: string): string | undefined {
    let runbook: string | undefined;
    const names = [...new Set([...common.values.keys(), ...enabled.flatMap((alert) => [...alert.annotations.values.keys()])])];
    for (const annotation of names) {
      const values = enabled.map((alert) => alert.annotations.values.get(annotation) ?? common.values.get(annotation));
      const at = common.at.get(annotation) ?? enabled.map((alert) => alert.annotations.at.get(annotation)).find((node) => node !== undefined);
      const same = values.every((value) => value !== undefined && value === values[0]);
      if (same && (annotation === ANNOTATION.runbook || annotation === 'runbook')) {
        runbook = values[0];
        continue;
      }
      if (!at) continue;
      const why =
        annotation === ANNOTATION.summary || annotation === ANNOTATION.description || annotation === 'title'
          ? 'monc writes its own summary and description on SLO alerts, from the SLO and the tier'
          : 'monc has no annotations on SLO alerts besides the runbook';
      this.finding(IMPORT_CHECKS.loss, at, `annotation ${annotation} of ${what}'s alerts is not imported: ${why}`);
    }
    return runbook;
  }

  private alert(fields: Fields, key: string, kind: 'page' | 'ticket'): SlothAlert {
    const node = fields.node(key);
    if (!isMap(node)) return { kind, disabled: false, labels: NO_LABELS, annotations: NO_LABELS };
    const alert = new Fields(this.#nodes, node);
    const disabled = alert.bool('disable') ?? false;
    const labels = this.labels(alert, 'labels');
    const annotations = this.labels(alert, 'annotations');
    this.losses(alert, (name) => `${name} is not a field of Sloth's ${key}: not imported`);
    return { kind, disabled, labels, annotations };
  }

  /** The SLO's labels with the names monc generates renamed, each with a finding. */
  private unreserved(labels: Labels): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of labels.values) {
      if (!SLO_GENERATED_LABELS.includes(name)) {
        result[name] = value;
        continue;
      }
      let renamed = `${name}_label`;
      while (labels.values.has(renamed)) renamed = `${renamed}_`;
      result[renamed] = value;
      const at = labels.at.get(name);
      if (at && !this.#renamed.has(at)) {
        this.#renamed.add(at);
        this.finding(IMPORT_CHECKS.loss, at, `label ${name} is one monc writes itself on an SLO's series and alerts: it is imported as ${renamed}="${value}"; routes and queries that select ${name}="${value}" need the new name`);
      }
    }
    return result;
  }
}

/** monc's default tiers (the SRE Workbook's, as Sloth's catalogs order them: quick, then slow). */
const DEFAULT_TIER_NAMES = { page: ['page-1h', 'page-6h'], ticket: ['ticket-1d', 'ticket-3d'] } as const;

function merge(base: Labels, over: Labels): Labels {
  return { values: new Map([...base.values, ...over.values]), at: new Map([...base.at, ...over.at]) };
}

function withoutLabel(labels: Labels, name: string): Labels {
  return { values: new Map([...labels.values].filter(([key]) => key !== name)), at: new Map([...labels.at].filter(([key]) => key !== name)) };
}
