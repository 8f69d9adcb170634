/**
 * Pyrra's ServiceLevelObjective (pyrra.dev/v1alpha1, and the bare `v1alpha1` of Pyrra's
 * filesystem mode) as a monc service holding one SLO, read the way Pyrra's slo/rules.go reads
 * it: the target and window, the indicator (ratio, latency on a classic histogram's bucket,
 * latencyNative, bool_gauge) with its grouping, Pyrra's burn-rate table (`tierTable: pyrra`:
 * 14, 7, 2, 1 with windows and `for` scaled from 28d) under Pyrra's alert names, severities
 * and absent alert, no traffic floor (Pyrra has none), and the labels Pyrra puts on its rules:
 * the `pyrra.dev/` labels of the object and the equality matchers of the total selector.
 * What monc has no place for is one finding at its line; an SLO monc cannot express at all is
 * one finding saying why, and is not written.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import { LABEL_NAME_PATTERN, NONZERO_DURATION_PATTERN } from '../../api/schema.ts';
import { SLO_GENERATED_LABELS } from '../../checks/slo-reserved-label.ts';
import type { RulerSpec, SloSpec } from '../../api/types.gen.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { LABEL } from '../../model/conventions.ts';
import type { VectorSelector } from '../../promql/ast.ts';
import { parseDuration } from '../../promql/ast.ts';
import { parsePromql } from '../../promql/parse.ts';
import { errorBudget, formatDuration, objectiveInRange, pyrraTiers, seconds } from '../../slo/math.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import type { ImportedService, Importer, ImportResult, SourceDocument } from '../importer.ts';
import { Fields, SourceNodes } from '../source-nodes.ts';
import { alertName } from './rules.ts';

export const pyrraImporter: Importer = {
  kind: 'pyrra',
  reads: 'a Pyrra ServiceLevelObjective',
  detect(document) {
    const nodes = new SourceNodes(document);
    const root = nodes.node(document.doc.contents);
    if (!isMap(root) || scalarText(nodes.node(root.get('kind', true))) !== 'ServiceLevelObjective') return false;
    const spec = nodes.node(root.get('spec', true));
    return (scalarText(nodes.node(root.get('apiVersion', true))) ?? '').startsWith('pyrra.dev/') || (isMap(spec) && spec.has('indicator'));
  },
  import(document) {
    return new PyrraImport(document).run();
  },
};

/** Pyrra's names for its alerts when `alerting` names none (slo/slo.go). */
const PYRRA_ALERT = 'ErrorBudgetBurn';
const PYRRA_ABSENT_ALERT = 'SLOMetricAbsent';
/** Labels of the object that Pyrra puts on its rules and alerts, without this prefix. */
const PROPAGATED = 'pyrra.dev/';
/** Pyrra's severities of its four burn-rate tiers (fastBurn, mediumBurn, slowBurn, longTermBurn) and of its absent alert. */
const SEVERITY_KEYS = ['fastBurn', 'mediumBurn', 'slowBurn', 'longTermBurn'] as const;
const DEFAULT_SEVERITY = { page: 'critical', ticket: 'warning' } as const;
const ABSENT_SEVERITY = 'critical';
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LABEL_NAME = new RegExp(LABEL_NAME_PATTERN);

type Sli = SloSpec['sli'];
type Tier = NonNullable<NonNullable<SloSpec['alerting']>['tiers']>[string];

/** An SLO that monc cannot express: where, and why. */
class Refusal {
  constructor(
    readonly at: Span,
    readonly reason: string,
  ) {}
}

/** A selector of the indicator, as written and parsed. */
interface Selector {
  readonly text: string;
  readonly selector: VectorSelector;
  readonly name: string;
  readonly at: Span;
}

/** The indicator as a monc SLI, with the selector whose equality matchers Pyrra puts on its rules. */
interface Indicator {
  readonly sli: Sli;
  readonly name: string;
  readonly groupBy: string[];
  readonly fields: Record<string, Span>;
  readonly total: Selector;
}

class PyrraImport {
  readonly #nodes: SourceNodes;
  readonly #findings: Finding[] = [];
  #name = '';

  constructor(private readonly document: SourceDocument) {
    this.#nodes = new SourceNodes(document);
  }

  run(): ImportResult {
    const root = this.#nodes.node(this.document.doc.contents);
    if (!isMap(root)) return { definitions: [], findings: this.#findings };
    try {
      return { definitions: [this.service(root)], findings: this.#findings };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.#findings.push(importFinding(IMPORT_CHECKS.loss, error.at, `ServiceLevelObjective${this.#name ? ` "${this.#name}"` : ''} is not imported: ${error.reason}`));
      return { definitions: [], findings: this.#findings };
    }
  }

  private loss(at: Span | Node, message: string): void {
    this.#findings.push(importFinding(IMPORT_CHECKS.loss, 'file' in at ? at : this.#nodes.span(at), message));
  }

  private fields(node: Node | null, where: Span, what: string): Fields {
    if (!isMap(node)) throw new Refusal(node ? this.#nodes.span(node) : where, `${what} is missing or not a mapping`);
    return new Fields(this.#nodes, node);
  }

  /** Keys that are no field of Pyrra's: a loss each. */
  private unknown(fields: Fields, where: string): void {
    for (const { key, at } of fields.unread()) this.loss(at, `${where}${key} is not a field of Pyrra's ServiceLevelObjective; it is not imported`);
  }

  private service(root: YAMLMap): ImportedService {
    const object = new Fields(this.#nodes, root);
    const rootSpan = this.#nodes.span(root);
    const metadata = this.fields(object.node('metadata'), rootSpan, 'metadata');
    const name = metadata.text('name');
    if (name === undefined) throw new Refusal(metadata.at('name'), 'it has no metadata.name');
    this.#name = name;
    const namespace = metadata.text('namespace');
    const spec = this.fields(object.node('spec'), rootSpan, 'spec');
    object.node('apiVersion');
    object.node('kind');
    object.node('status');
    this.unknown(object, '');

    const objective = this.objective(spec);
    const window = this.window(spec);
    const indicator = this.indicator(this.fields(spec.node('indicator'), spec.at('indicator'), 'spec.indicator'));
    const description = spec.text('description');
    const alerting = this.alerting(spec, objective, window);
    const strategy = spec.text('partial_response_strategy');
    this.ruleLayout(spec);
    this.unknown(spec, 'spec.');
    const { labels, team, fields: labelFields } = this.labels(metadata, indicator);
    const runbook = this.annotations(metadata);

    const slo: SloSpec = {
      name: indicator.name,
      ...(description !== undefined && { description }),
      objective,
      window,
      sli: indicator.sli,
      ...(indicator.groupBy.length > 0 && { groupBy: indicator.groupBy }),
      alerting,
      ...(Object.keys(labels).length > 0 && { labels }),
      ...(runbook !== undefined && { runbook }),
    };
    const ruler: RulerSpec | undefined = strategy === 'warn' || strategy === 'abort' ? { partialResponseStrategy: strategy } : undefined;
    return {
      kind: 'service',
      // One service per Pyrra namespace-and-name; a name that starts with its namespace is not prefixed twice.
      name: namespace === undefined || name === namespace || name.startsWith(`${namespace}-`) ? name : `${namespace}-${name}`,
      team,
      ...(ruler && { ruler }),
      from: rootSpan,
      recordingRules: [],
      alerts: [],
      slos: [{ spec: slo, from: rootSpan, fields: { ...indicator.fields, ...labelFields, objective: spec.at('target'), window: spec.at('window') } }],
    };
  }

  /** spec.target: a percentage in a string, as Pyrra's CRD has it. */
  private objective(spec: Fields): number {
    const text = spec.text('target');
    if (text === undefined) throw new Refusal(spec.at('target'), 'it has no spec.target');
    if (!NUMBER.test(text.trim())) throw new Refusal(spec.at('target'), `target "${text}" is not a number`);
    const objective = Number(text);
    if (!objectiveInRange(objective)) {
      const ratio = objective > 0 && objective < 1 ? ` (Pyrra's targets are percentages: ${objective} is ${objective}%, not ${objective * 100}%)` : '';
      throw new Refusal(spec.at('target'), `target ${text}%${ratio} is outside the objectives monc takes, from 50% up to 100% excluded`);
    }
    return objective;
  }

  private window(spec: Fields): string {
    const window = spec.text('window');
    if (window === undefined) throw new Refusal(spec.at('window'), 'it has no spec.window');
    if (!new RegExp(NONZERO_DURATION_PATTERN).test(window) || parseDuration(window) === undefined) {
      throw new Refusal(spec.at('window'), `window "${window}" is not a Prometheus duration longer than zero`);
    }
    return window;
  }

  /** The indicator Pyrra reads: the first of ratio, latency, latencyNative and bool_gauge it has (slo.go IndicatorType). */
  private indicator(fields: Fields): Indicator {
    const present = (['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const).filter((key) => isMap(fields.node(key)));
    this.unknown(fields, 'spec.indicator.');
    const [first, ...others] = present;
    if (first === undefined) throw new Refusal(this.#nodes.span(fields.map), 'its indicator has none of ratio, latency, latencyNative or bool_gauge');
    for (const other of others) this.loss(fields.at(other), `indicator ${other} is not imported: Pyrra reads only the ${first} indicator of an SLO that has several`);
    const node = new Fields(this.#nodes, fields.node(first) as YAMLMap);
    const groupBy = this.grouping(node, first);
    const indicator = this.sliOf(first, node);
    this.unknown(node, `spec.indicator.${first}.`);
    return { ...indicator, groupBy };
  }

  private sliOf(kind: 'ratio' | 'latency' | 'latencyNative' | 'bool_gauge', fields: Fields): Omit<Indicator, 'groupBy'> {
    switch (kind) {
      case 'ratio': {
        const errors = this.query(fields, 'errors', 'ratio errors');
        const total = this.query(fields, 'total', 'ratio total');
        return { name: 'errors', sli: { ratio: { errors: errors.text, total: total.text } }, fields: { 'sli.ratio.errors': errors.at, 'sli.ratio.total': total.at }, total };
      }
      case 'latency':
        if (fields.node('success') === null && fields.node('latency') !== null) {
          throw new Refusal(this.#nodes.span(fields.map), 'its latency indicator has no success bucket; its latency: field is one of latencyNative, which reads a native histogram');
        }
        return this.latency(fields);
      case 'latencyNative': {
        const total = this.query(fields, 'total', 'latencyNative total');
        const latency = fields.text('latency');
        const ms = latency === undefined ? undefined : parseDuration(latency);
        if (ms === undefined || ms <= 0) throw new Refusal(fields.at('latency'), `latencyNative latency ${latency === undefined ? 'is missing' : `"${latency}" is not a duration`}`);
        // Pyrra reads the duration in seconds, the unit of the histogram.
        return { name: 'latency', sli: { latency: { histogram: total.text, threshold: ms / 1000, native: true } }, fields: { 'sli.latency.histogram': total.at }, total };
      }
      case 'bool_gauge': {
        const gauge = this.selector(fields, 'bool_gauge');
        return { name: 'availability', sli: { availability: { up: gauge.text } }, fields: { 'sli.availability.up': gauge.at }, total: gauge };
      }
    }
  }

  /**
   * A latency indicator: `success` is the threshold's bucket (`h_bucket{…, le="0.5"}`), `total`
   * the histogram's count. When both are one histogram with the same matchers, that is monc's
   * latency SLI (whose bucket matching reads Prometheus 3's `5.0` as well as `5`); otherwise
   * the good events out of all, as Pyrra counts them.
   */
  private latency(fields: Fields): Omit<Indicator, 'groupBy'> {
    const success = this.query(fields, 'success', 'latency success');
    const total = this.query(fields, 'total', 'latency total');
    const le = success.selector.matchers.find((m) => m.label.name === 'le');
    if (le === undefined || le.op !== '=' || !NUMBER.test(le.value)) {
      throw new Refusal(success.at, 'latency success.metric must select one bucket with an le="<bound>" matcher, as Pyrra asks');
    }
    const threshold = Number(le.value);
    const base = success.name.replace(/_bucket$/, '');
    const matchers = (selector: VectorSelector) =>
      selector.matchers
        .filter((m) => m.label.name !== 'le' && m.label.name !== '__name__')
        .map((m) => `${m.label.name}${m.op}${JSON.stringify(m.value)}`)
        .sort()
        .join(',');
    const oneHistogram = success.name.endsWith('_bucket') && total.name === `${base}_count` && matchers(success.selector) === matchers(total.selector);
    if (oneHistogram && threshold > 0 && total.text.startsWith(total.name)) {
      return {
        name: 'latency',
        sli: { latency: { histogram: `${base}${total.text.slice(total.name.length)}`, threshold } },
        fields: { 'sli.latency.histogram': total.at },
        total,
      };
    }
    if (/^\d+$/.test(le.value)) {
      this.loss(success.at, `latency success and total are not one histogram's bucket and count with the same matchers, so they are imported as good and total events; on Prometheus 3, which writes the bound as le="${le.value}.0", le="${le.value}" selects nothing: write le=~"${le.value}(\\\\.0)?"`);
    }
    return { name: 'latency', sli: { ratio: { good: success.text, total: total.text } }, fields: { 'sli.ratio.good': success.at, 'sli.ratio.total': total.at }, total };
  }

  /** A `{metric: …}` of the indicator. */
  private query(fields: Fields, key: string, what: string): Selector {
    const query = this.fields(fields.node(key), this.#nodes.span(fields.map), `${what}`);
    const selector = this.selector(query, what);
    this.unknown(query, `${what.replace(' ', '.')}.`);
    return selector;
  }

  /** A `metric:` field: one series selector, as Pyrra asks. */
  private selector(fields: Fields, what: string): Selector {
    const text = fields.text('metric')?.trim();
    const at = fields.at('metric');
    if (text === undefined) throw new Refusal(at, `${what}.metric is missing`);
    const parsed = parsePromql(text);
    if (parsed.error) throw new Refusal(at, `${what}.metric is not PromQL (${parsed.error.message})`);
    const selector = parsed.ast;
    if (selector?.kind !== 'vector') throw new Refusal(at, `${what}.metric must be a series selector, as Pyrra asks`);
    const name = selector.metric?.name;
    if (name === undefined) throw new Refusal(at, `${what}.metric names no metric`);
    return { text, selector, name, at };
  }

  private grouping(fields: Fields, kind: string): string[] {
    const labels = fields.strings('grouping') ?? [];
    for (const label of labels) {
      if (!LABEL_NAME.test(label)) throw new Refusal(fields.at('grouping'), `${kind} grouping "${label}" is not a label name`);
    }
    return [...new Set(labels)];
  }

  /**
   * Pyrra's alerting as monc's: Pyrra's tier table under its alert names and severities, no
   * traffic floor, the absent alert as the no-data alert (fired after Pyrra's AbsentDuration).
   */
  private alerting(spec: Fields, objective: number, window: string): NonNullable<SloSpec['alerting']> {
    const node = spec.node('alerting');
    const fields = isMap(node) ? new Fields(this.#nodes, node) : undefined;
    const written = fields?.text('name') ?? PYRRA_ALERT;
    const name = this.alertName(written, fields?.at('name'));
    const burnAlerts = fields?.bool('disabled') !== true && fields?.bool('burnrates') !== false;
    const absent = fields?.bool('absent') !== false;
    const severityNode = fields?.node('severities');
    const severities = isMap(severityNode) ? new Fields(this.#nodes, severityNode) : undefined;

    const budget = errorBudget(objective);
    const table = pyrraTiers(window);
    const tiers: Record<string, Tier> = {};
    table.forEach((tier, i) => {
      const severity = severities?.text(SEVERITY_KEYS[i] ?? '');
      const threshold = (tier.factor ?? 0) * budget;
      if (!burnAlerts) tiers[tier.name] = false;
      else if (threshold >= 1) {
        tiers[tier.name] = false;
        this.loss(spec.at('target'), `Pyrra's ${tier.name} alert (burn rate ${tier.factor} over ${tier.longWindow} and ${tier.shortWindow}) is not written: at a ${objective}% target it needs an error ratio of ${+(threshold * 100).toPrecision(4)}%, which no traffic reaches`);
      } else if (severity !== undefined && severity !== DEFAULT_SEVERITY[tier.severity]) tiers[tier.name] = { alertSeverity: severity };
    });
    const absentSeverity = severities?.text('absent') ?? ABSENT_SEVERITY;
    if (absent) {
      // Another SLO's no-data alert of the same name would fire in this one's generated tests (slo/duplicate).
      const absentName = fields?.text('absentName') ?? PYRRA_ABSENT_ALERT;
      this.loss(
        fields?.at('absentName') ?? this.#nodes.span(fields?.map ?? spec.map),
        `Pyrra's absent alert ${absentName} is monc's no-data alert, with Pyrra's severity and wait (${absentDuration(objective, window)}) but a name of its own per SLO (<Service><Slo>NoData): routes and silences that match alertname="${absentName}" need the new name`,
      );
    }
    if (severities) this.unknown(severities, 'spec.alerting.severities.');
    if (fields) this.unknown(fields, 'spec.alerting.');
    return {
      tierTable: 'pyrra',
      ...(Object.keys(tiers).length > 0 && { tiers }),
      minEvents: 0,
      ...(burnAlerts && { pageAlert: name, ticketAlert: name }),
      noData: absent ? { for: absentDuration(objective, window), severity: absentSeverity } : false,
    };
  }

  private alertName(written: string, at: Span | undefined): string {
    const name = alertName(written);
    if (name !== written && at) this.loss(at, `alert name "${written}" is imported as "${name}": monc's alert names are letters, digits and "_", starting with a letter`);
    return name;
  }

  /** performanceOverAccuracy and ruleOutput shape Pyrra's rule files; monc writes its own layout. */
  private ruleLayout(spec: Fields): void {
    if (spec.bool('performanceOverAccuracy') === true) {
      this.loss(spec.at('performanceOverAccuracy'), "performanceOverAccuracy is not imported: monc records the SLI once per step and sums the windows from those recordings, with no subqueries to trade for accuracy");
    }
    if (spec.node('ruleOutput') !== null) {
      this.loss(spec.at('ruleOutput'), 'ruleOutput is not imported: monc writes the rules of a service into one file, labelled by the prometheus-operator target from the config');
    }
  }

  /**
   * The labels Pyrra writes on the SLO's rules and alerts: the object's `pyrra.dev/` labels
   * without the prefix, then the total selector's equality matchers that are not grouped by.
   * `team` is the service's team; a label monc generates is renamed; the object's other
   * labels are Kubernetes labels of the PrometheusRule Pyrra writes.
   */
  private labels(metadata: Fields, indicator: Indicator): { labels: Record<string, string>; team: string | undefined; fields: Record<string, Span> } {
    const written = new Map<string, { value: string; at: Span }>();
    const labelsNode = metadata.node('labels');
    for (const { key, keyNode, value } of isMap(labelsNode) ? this.#nodes.pairs(labelsNode) : []) {
      const at = this.#nodes.span(value ?? keyNode);
      if (key.startsWith(PROPAGATED)) written.set(key.slice(PROPAGATED.length), { value: scalarText(value) ?? '', at });
      else this.loss(keyNode, `label ${key} is not imported: Pyrra puts it on the PrometheusRule object it writes (for the Prometheus Operator's ruleSelector), not on the rules; monc labels the PrometheusRules it writes from the config (targets, kubernetes)`);
    }
    for (const matcher of indicator.total.selector.matchers) {
      if (matcher.op !== '=' || matcher.label.name === '__name__' || indicator.groupBy.includes(matcher.label.name)) continue;
      written.set(matcher.label.name, { value: matcher.value, at: indicator.total.at });
    }
    const labels: Record<string, string> = {};
    const fields: Record<string, Span> = {};
    let team: string | undefined;
    for (const [name, { value, at }] of written) {
      if (name === LABEL.team) {
        team = value;
        continue;
      }
      const renamed = SLO_GENERATED_LABELS.includes(name) || !LABEL_NAME.test(name) ? `slo_${name.replace(/[^a-zA-Z0-9_]/g, '_')}` : name;
      if (renamed !== name) {
        this.loss(at, `label ${name}="${value}" is imported as ${renamed}: monc writes ${name} on every SLO rule and alert itself; routes and silences that match ${name}="${value}" need the new name`);
      }
      labels[renamed] = value;
      fields[`labels.${renamed}`] = at;
    }
    return { labels, team, fields };
  }

  /**
   * The object's `pyrra.dev/` annotations, which Pyrra puts on its alerts: the runbook is the
   * SLO's runbook (the alerts' runbook_url); monc's SLO alerts write their own summary and
   * description and carry no others. The other annotations are the Kubernetes object's.
   */
  private annotations(metadata: Fields): string | undefined {
    const node = metadata.node('annotations');
    let runbook: string | undefined;
    for (const { key, keyNode, value } of isMap(node) ? this.#nodes.pairs(node) : []) {
      if (!key.startsWith(PROPAGATED)) continue;
      const annotation = key.slice(PROPAGATED.length);
      if (annotation === 'runbook') {
        runbook = scalarText(value);
        this.loss(keyNode, 'annotation pyrra.dev/runbook is the SLO\'s runbook: its alerts carry it as runbook_url, where Pyrra\'s carry it as runbook');
      } else {
        this.loss(keyNode, `annotation ${key} is not imported: Pyrra puts ${annotation} on its alerts, and monc's SLO alerts carry only their summary, description, runbook_url and dashboard_url`);
      }
    }
    return runbook;
  }
}

/**
 * How long Pyrra's absent alert waits (slo.go AbsentDuration): the time a full outage takes to
 * fire the fastest tier over its long window, plus that tier's `for`, rounded to the minute.
 */
export function absentDuration(objective: number, window: string): string {
  const fastest = pyrraTiers(window)[0];
  if (fastest === undefined || fastest.factor === undefined) return formatDuration(0);
  const threshold = fastest.factor * (1 - objective / 100);
  const total = Math.trunc(threshold * seconds(fastest.longWindow)) + seconds(fastest.for ?? '0s');
  return formatDuration(Math.floor(total / 60 + 0.5) * 60);
}
