/**
 * `monc lint --rules`: existing Prometheus rule files in, diagnostics out. Pure, like
 * compile(): the CLI reads the files. Accepts the `groups:` format and PrometheusRule
 * objects (`kind: PrometheusRule` with `spec.groups`). The structure and rulefmt checks are
 * reported here, as promtool's rulefmt does them; then the rules become a Model (one
 * pseudo-service per group) and every check that understands rule files runs over it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { CheckMeta } from '../checks/check.ts';
import { loadFinding } from '../checks/check.ts';
import { rulefmtAlertName } from '../checks/rulefmt-alert-name.ts';
import { rulefmtAnnotationName } from '../checks/rulefmt-annotation-name.ts';
import { rulefmtDuplicateGroup } from '../checks/rulefmt-duplicate-group.ts';
import { rulefmtDuplicateRule } from '../checks/rulefmt-duplicate-rule.ts';
import { rulefmtDuration } from '../checks/rulefmt-duration.ts';
import { rulefmtGroupName } from '../checks/rulefmt-group-name.ts';
import { rulefmtLabelName } from '../checks/rulefmt-label-name.ts';
import { rulefmtMissingExpr } from '../checks/rulefmt-missing-expr.ts';
import { rulefmtRecordName } from '../checks/rulefmt-record-name.ts';
import { rulefmtRecordOrAlert } from '../checks/rulefmt-record-or-alert.ts';
import { rulefmtRecordingRuleField } from '../checks/rulefmt-recording-rule-field.ts';
import { rulefmtStructure } from '../checks/rulefmt-structure.ts';
import { rulefmtUnknownField } from '../checks/rulefmt-unknown-field.ts';
import type { SourceInput } from '../compile.ts';
import { resolve, runChecks } from '../compile.ts';
import { compareDiagnostics, type Diagnostic, type Finding, type Span } from '../diagnostic.ts';
import { decodeSource } from '../load/decode.ts';
import { createOrigin, type Origin, type PathSegment } from '../load/origin.ts';
import type { SourceText } from '../load/source-text.ts';
import { firstSyntaxError, yamlLocator } from '../load/yaml-loader.ts';
import { DEFAULT_CARDINALITY, DEFAULT_GRAFANA, DEFAULT_PROMETHEUS } from '../model/build-model.ts';
import type { Alert, Model, PrometheusSettings, RecordingRule, Service } from '../model/model.ts';

export interface RuleFilesResult {
  /** Sorted; resolved to lines and columns. */
  readonly diagnostics: Diagnostic[];
  /** Every text a diagnostic may point into, for code frames. */
  readonly sources: Map<string, SourceText>;
  readonly model: Model;
}

export function lintRuleFiles(inputs: readonly SourceInput[], prometheus: PrometheusSettings = DEFAULT_PROMETHEUS): RuleFilesResult {
  const texts = new Map<string, SourceText>();
  const findings: Finding[] = [];
  const services: Service[] = [];
  for (const input of inputs) {
    const { source, finding } = decodeSource(input.path, input.bytes);
    texts.set(input.path, source);
    if (finding) {
      findings.push(finding);
      continue;
    }
    const file = new RuleFile(source);
    file.load();
    findings.push(...file.findings);
    services.push(...file.services);
  }
  const alerts = services.flatMap((s) => s.alerts);
  const recordingRules = services.flatMap((s) => s.recordingRules);
  const model: Model = {
    services,
    metrics: [],
    alerts,
    recordingRules,
    slos: [],
    dashboards: [],
    routing: undefined,
    routings: [],
    inhibitRules: [],
    metricsByName: new Map(),
    prometheus,
    grafana: DEFAULT_GRAFANA,
    runbooksUrl: undefined,
    cardinality: DEFAULT_CARDINALITY,
  };
  findings.push(...runChecks(model, texts, 'rule-files'));
  const diagnostics = findings.map((finding) => resolve(finding, texts)).sort(compareDiagnostics);
  return { diagnostics, sources: texts, model };
}

// ---------------------------------------------------------------- promtool's rules

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** prometheus/common model.ParseDuration: units in this order, each at most once, or "0". */
const DURATION = /^(?:(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?|0)$/;
const INTEGER = /^[-+]?(?:0|[1-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+)$/;

const FILE_FIELDS = ['groups'];
const PROMETHEUS_RULE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const GROUP_FIELDS = ['name', 'interval', 'limit', 'rules'];
/** The PrometheusRule CRD also knows these group fields (Thanos, newer Prometheus). */
const CRD_GROUP_FIELDS = [...GROUP_FIELDS, 'partial_response_strategy', 'query_offset', 'labels'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

/** A scalar's text as Go's yaml.v3 sees it (`1.0` stays "1.0"), or undefined for null. */
function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function describeNode(node: Node | null | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'empty' : `${JSON.stringify(scalarText(node))}`;
  return 'empty';
}

interface Field {
  readonly key: string;
  readonly pair: Pair;
  readonly keyNode: Node;
  readonly value: Node | null;
}

interface GroupContext {
  readonly name: string;
  readonly origin: Origin;
  /** Group fields the PrometheusRule CRD allows. */
  readonly crd: boolean;
}

class RuleFile {
  readonly findings: Finding[] = [];
  readonly services: Service[] = [];
  #doc!: Document;

  constructor(private readonly source: SourceText) {}

  load(): void {
    for (const doc of parseAllDocuments(this.source.text, { uniqueKeys: true, prettyErrors: false })) {
      const syntaxError = firstSyntaxError(this.source.file, doc);
      if (syntaxError) {
        this.findings.push(syntaxError);
        continue;
      }
      this.#doc = doc;
      this.document(doc);
    }
  }

  private report(check: CheckMeta, node: Node | null | undefined, message: string, related?: { node: Node; message: string }): void {
    const at = this.span(node);
    this.findings.push(loadFinding(check, at, message, related && [{ at: this.span(related.node), message: related.message }]));
  }

  private span(node: Node | null | undefined): Span {
    const range = node?.range ?? [0, 0, 0];
    return { file: this.source.file, start: range[0], end: Math.max(range[0], range[1]) };
  }

  private resolveAlias(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.#doc) as Node | undefined) ?? null;
    return (node as Node | null | undefined) ?? null;
  }

  /** The fields of a mapping, each unknown one reported. */
  private fields(map: YAMLMap, known: readonly string[], where: string): Map<string, Field> {
    const fields = new Map<string, Field>();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = this.resolveAlias(item.key);
      const key = scalarText(keyNode) ?? '';
      const field = { key, pair: item, keyNode: keyNode ?? map, value: this.resolveAlias(item.value) };
      if (!known.includes(key)) {
        this.report(rulefmtUnknownField, field.keyNode, `unknown field "${key}" in ${where}; the fields are ${known.join(', ')}`);
        continue;
      }
      fields.set(key, field);
    }
    return fields;
  }

  private document(doc: Document): void {
    const root = this.resolveAlias(doc.contents);
    if (root === null || (isScalar(root) && root.value === null)) return; // an empty document
    if (!isMap(root)) {
      this.report(rulefmtStructure, root, 'a rule file must be a mapping with "groups:", or a PrometheusRule object');
      return;
    }
    const origin = createOrigin(this.source.file, yamlLocator(this.source.file, doc));
    const kind = scalarText(this.resolveAlias(root.get('kind', true)));
    if (kind === 'PrometheusRule') {
      const fields = this.fields(root, PROMETHEUS_RULE_FIELDS, 'a PrometheusRule object');
      const spec = fields.get('spec');
      if (!spec || !isMap(spec.value)) {
        const kindNode = this.resolveAlias(root.get('kind', true));
        this.report(rulefmtStructure, spec?.value ?? spec?.keyNode ?? kindNode ?? root, 'a PrometheusRule needs a "spec" mapping with "groups:"');
        return;
      }
      this.groups(spec.value, origin.child('spec'), true, 'the PrometheusRule spec');
      return;
    }
    if (kind !== undefined && root.has('spec')) {
      this.report(rulefmtStructure, this.resolveAlias(root.get('kind', true)), `kind "${kind}" is not a rule file; monc reads "groups:" files and PrometheusRule objects`);
      return;
    }
    this.groups(root, origin, false, 'a rule file');
  }

  private groups(map: YAMLMap, origin: Origin, crd: boolean, where: string): void {
    const fields = this.fields(map, FILE_FIELDS, where);
    const groups = fields.get('groups')?.value ?? null;
    if (groups === null || (isScalar(groups) && groups.value === null)) return;
    if (!isSeq(groups)) {
      this.report(rulefmtStructure, groups, `"groups" must be a list of rule groups, not ${describeNode(groups)}`);
      return;
    }
    const seen = new Map<string, Node>();
    const duplicates = new DuplicateRules(this);
    groups.items.forEach((item, index) => {
      const group = this.resolveAlias(item);
      if (!isMap(group)) {
        this.report(rulefmtStructure, group ?? groups, `a rule group must be a mapping with "name" and "rules", not ${describeNode(group)}`);
        return;
      }
      this.group(group, { name: '', origin: origin.child('groups', index), crd }, seen, duplicates);
    });
  }

  private group(map: YAMLMap, context: GroupContext, seen: Map<string, Node>, duplicates: DuplicateRules): void {
    const fields = this.fields(map, context.crd ? CRD_GROUP_FIELDS : GROUP_FIELDS, 'a rule group');
    const nameField = fields.get('name');
    const name = this.stringField(nameField, 'the group name') ?? '';
    if (name === '') {
      this.report(rulefmtGroupName, nameField?.value ?? nameField?.keyNode ?? map, 'the rule group has no name; every group needs a unique "name"');
    } else {
      const first = seen.get(name);
      const at = nameField?.value ?? map;
      if (first) this.report(rulefmtDuplicateGroup, at, `group "${name}" is repeated in this file; group names must be unique per file`, { node: first, message: 'first defined here' });
      else seen.set(name, at);
    }
    this.duration(fields.get('interval'), 'interval of the group');
    const limit = fields.get('limit');
    if (limit && limit.value !== null) {
      const text = scalarText(limit.value);
      if (!isScalar(limit.value) || (text !== undefined && !INTEGER.test(text))) {
        this.report(rulefmtStructure, limit.value, `"limit" must be a whole number, not ${describeNode(limit.value)}`);
      }
    }
    const rules = fields.get('rules')?.value ?? null;
    if (rules === null || (isScalar(rules) && rules.value === null)) {
      this.services.push(pseudoService(name, context.origin, [], []));
      return;
    }
    if (!isSeq(rules)) {
      this.report(rulefmtStructure, rules, `"rules" must be a list of rules, not ${describeNode(rules)}`);
      return;
    }
    const alerts: Alert[] = [];
    const recordingRules: RecordingRule[] = [];
    rules.items.forEach((item, index) => {
      const rule = this.resolveAlias(item);
      if (!isMap(rule)) {
        this.report(rulefmtStructure, rule ?? rules, `a rule must be a mapping with "record" or "alert" and "expr", not ${describeNode(rule)}`);
        return;
      }
      const built = this.rule(rule, { ...context, name }, context.origin.child('rules', index), duplicates);
      if (built?.kind === 'alert') alerts.push(built.alert);
      else if (built?.kind === 'record') recordingRules.push(built.rule);
    });
    this.services.push(pseudoService(name, context.origin, alerts, recordingRules));
  }

  /** A field that must be a scalar; reports anything else. */
  private stringField(field: Field | undefined, what: string): string | undefined {
    if (!field || field.value === null) return undefined;
    if (!isScalar(field.value)) {
      this.report(rulefmtStructure, field.value, `${what} must be a string, not ${describeNode(field.value)}`);
      return undefined;
    }
    return scalarText(field.value);
  }

  /** Checks a duration field; returns true when it is set to a non-zero duration. */
  private duration(field: Field | undefined, what: string): boolean {
    if (!field || field.value === null || (isScalar(field.value) && field.value.value === null)) return false;
    if (!isScalar(field.value)) {
      this.report(rulefmtStructure, field.value, `the ${what} must be a duration such as 5m, not ${describeNode(field.value)}`);
      return false;
    }
    const text = scalarText(field.value) ?? '';
    if (text === '' || !DURATION.test(text)) {
      const hint = /^\d+(\.\d+)?$/.test(text) ? '; a duration needs a unit, e.g. 5m' : '; write e.g. 30s, 5m, 1h30m, 1d (units y, w, d, h, m, s, ms, largest first)';
      this.report(rulefmtDuration, field.value, `${JSON.stringify(text)} is not a valid duration for the ${what}${hint}`);
      return false;
    }
    return /[1-9]/.test(text);
  }

  /** A map[string]string field: labels or annotations. */
  private stringMap(field: Field | undefined, what: string): { entries: Map<string, string>; keys: Map<string, Node> } {
    const entries = new Map<string, string>();
    const keys = new Map<string, Node>();
    if (!field || field.value === null || (isScalar(field.value) && field.value.value === null)) return { entries, keys };
    if (!isMap(field.value)) {
      this.report(rulefmtStructure, field.value, `"${field.key}" must be a mapping of ${what} names to strings, not ${describeNode(field.value)}`);
      return { entries, keys };
    }
    for (const item of field.value.items) {
      if (!isPair(item)) continue;
      const keyNode = this.resolveAlias(item.key);
      const value = this.resolveAlias(item.value);
      const key = scalarText(keyNode) ?? '';
      if (value !== null && !isScalar(value)) {
        this.report(rulefmtStructure, value, `the value of ${what} "${key}" must be a string, not ${describeNode(value)}`);
        continue;
      }
      entries.set(key, scalarText(value) ?? '');
      keys.set(key, keyNode ?? field.value);
    }
    return { entries, keys };
  }

  private rule(map: YAMLMap, group: GroupContext, origin: Origin, duplicates: DuplicateRules): BuiltRule | undefined {
    const fields = this.fields(map, RULE_FIELDS, 'a rule');
    const recordField = fields.get('record');
    const alertField = fields.get('alert');
    const record = this.stringField(recordField, '"record"');
    const alert = this.stringField(alertField, '"alert"');
    const labels = this.stringMap(fields.get('labels'), 'label');
    const annotations = this.stringMap(fields.get('annotations'), 'annotation');
    const forSet = this.duration(fields.get('for'), '"for" of the rule');
    const keepSet = this.duration(fields.get('keep_firing_for'), '"keep_firing_for" of the rule');

    const hasRecord = record !== undefined && record !== '';
    const hasAlert = alert !== undefined && alert !== '';
    if (hasRecord && hasAlert) {
      this.report(rulefmtRecordOrAlert, recordField?.keyNode, 'a rule sets both "record" and "alert"; a rule is either a recording rule or an alerting rule', {
        node: alertField?.keyNode ?? map,
        message: '"alert" is set here',
      });
    } else if (!hasRecord && !hasAlert) {
      if (alertField && alert === '' && !recordField) {
        this.report(rulefmtAlertName, alertField.value ?? alertField.keyNode, 'the alert name is empty; "alert" needs a name, which becomes the alertname label');
      } else {
        this.report(rulefmtRecordOrAlert, recordField?.keyNode ?? alertField?.keyNode ?? map, 'a rule needs either "record" (a recording rule) or "alert" (an alerting rule)');
      }
    }

    const exprField = fields.get('expr');
    const expr = this.stringField(exprField, '"expr"');
    if (expr === undefined || expr === '') {
      this.report(rulefmtMissingExpr, exprField?.value ?? exprField?.keyNode ?? map, 'the rule has no "expr"; every rule needs a PromQL expression');
    }

    if (hasRecord && !hasAlert) {
      if (annotations.entries.size > 0) this.report(rulefmtRecordingRuleField, fields.get('annotations')?.keyNode, `recording rule "${record}" has annotations; only alerting rules have them`);
      if (forSet) this.report(rulefmtRecordingRuleField, fields.get('for')?.keyNode, `recording rule "${record}" has "for"; only alerting rules wait before firing`);
      if (keepSet) this.report(rulefmtRecordingRuleField, fields.get('keep_firing_for')?.keyNode, `recording rule "${record}" has "keep_firing_for"; only alerting rules have it`);
      if (!METRIC_NAME.test(record)) {
        this.report(rulefmtRecordName, recordField?.value, `"${record}" is not a valid metric name, so it cannot be a recording rule's name; use letters, digits, "_" and ":", e.g. job:http_requests:rate5m`);
      }
    }
    for (const [key, node] of labels.keys) {
      if (!LABEL_NAME.test(key) || key === '__name__') {
        const why = key === '__name__' ? 'the metric name cannot be set as a label' : 'label names are letters, digits and "_", not starting with a digit';
        this.report(rulefmtLabelName, node, `"${key}" is not a valid label name: ${why}`);
      }
    }
    for (const [key, node] of annotations.keys) {
      if (!LABEL_NAME.test(key)) this.report(rulefmtAnnotationName, node, `"${key}" is not a valid annotation name: annotation names are letters, digits and "_", not starting with a digit`);
    }

    const nameNode = hasAlert ? alertField?.value : recordField?.value;
    const name = hasAlert ? alert : record;
    if (name !== undefined && name !== '' && nameNode) duplicates.add(name, labels.entries, nameNode);

    if (expr === undefined || expr === '' || hasRecord === hasAlert) return undefined;
    const exprText = { text: expr, origin: origin.child('expr') };
    const labelsObject = Object.fromEntries(labels.entries);
    if (hasRecord) return { kind: 'record', rule: { record, service: group.name, expr: exprText, labels: labelsObject, origin } };
    return { kind: 'alert', alert: toAlert(alert ?? '', group.name, exprText, fields, labels.entries, annotations.entries, origin) };
  }

  reportDuplicate(name: string, node: Node, first: Node): void {
    this.report(rulefmtDuplicateRule, node, `rule "${name}" repeats a rule with the same name and labels in this file; Prometheus would record or alert the same series twice`, {
      node: first,
      message: 'first defined here',
    });
  }
}

type BuiltRule = { kind: 'alert'; alert: Alert } | { kind: 'record'; rule: RecordingRule };

/** promtool's duplicate-rules lint: per file, across groups, on name plus labels. */
class DuplicateRules {
  readonly #first = new Map<string, Node>();

  constructor(private readonly file: RuleFile) {}

  add(name: string, labels: ReadonlyMap<string, string>, node: Node): void {
    const key = JSON.stringify([name, [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
    const first = this.#first.get(key);
    if (first) this.file.reportDuplicate(name, node, first);
    else this.#first.set(key, node);
  }
}

function pseudoService(name: string, origin: Origin, alerts: Alert[], recordingRules: RecordingRule[]): Service {
  return { name, team: '', description: undefined, instances: 1, scrape: undefined, metrics: [], alerts, recordingRules, slos: [], tests: [], origin };
}

const RUNBOOK_KEYS = ['runbook_url', 'runbook'];

function toAlert(
  name: string,
  group: string,
  expr: Alert['expr'],
  fields: ReadonlyMap<string, Field>,
  labels: ReadonlyMap<string, string>,
  annotations: ReadonlyMap<string, string>,
  origin: Origin,
): Alert {
  const runbookKey = RUNBOOK_KEYS.find((key) => annotations.has(key));
  const scalar = (key: string) => scalarText(fields.get(key)?.value);
  const special = new Set(['summary', 'description', ...(runbookKey ? [runbookKey] : [])]);
  return {
    name,
    service: group,
    expr,
    for: scalar('for'),
    keepFiringFor: scalar('keep_firing_for'),
    severity: labels.get('severity'),
    summary: annotations.get('summary'),
    description: annotations.get('description'),
    runbook: runbookKey && annotations.get(runbookKey),
    labels: Object.fromEntries([...labels].filter(([key]) => key !== 'severity')),
    annotations: Object.fromEntries([...annotations].filter(([key]) => !special.has(key))),
    dashboard: undefined,
    runbookText: undefined,
    origin: renamedOrigin(origin, {
      name: ['alert'],
      keepFiringFor: ['keep_firing_for'],
      severity: ['labels', 'severity'],
      summary: ['annotations', 'summary'],
      description: ['annotations', 'description'],
      runbook: ['annotations', runbookKey ?? 'runbook_url'],
    }),
  };
}

/**
 * An origin that answers the model's field names (`name`, `summary`, …) with where a rule
 * file keeps them (`alert`, `annotations.summary`, …), so checks written for definitions
 * point into rule files unchanged.
 */
function renamedOrigin(origin: Origin, renames: Readonly<Record<string, readonly PathSegment[]>>): Origin {
  const rename = (path: PathSegment[]): PathSegment[] => {
    const [first, ...rest] = path;
    const renamed = typeof first === 'string' ? renames[first] : undefined;
    return renamed ? [...renamed, ...rest] : path;
  };
  return {
    file: origin.file,
    at: (...path) => origin.at(...rename(path)),
    keyAt: (...path) => origin.keyAt(...rename(path)),
    child: (...path) => origin.child(...rename(path)),
  };
}
