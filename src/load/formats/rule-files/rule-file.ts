/**
 * Prometheus rule files (`groups:` files and PrometheusRule objects), read as promtool's
 * rulefmt reads them: its structure and rulefmt problems are reported here, at the node. Each
 * rule group becomes a pseudo-service of the group's name, whose alerts and recording rules
 * keep origins in the rule file, so the checks written for definitions point into it.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { AlertSpec, RecordingRuleSpec } from '../../../api/types.gen.ts';
import { LOAD_CHECKS, loadProblem, type LoadCheck, type LoadProblem } from '../../../check-descriptors.ts';
import type { Span } from '../../../diagnostic.ts';
import { createOrigin, type Origin, type PathSegment } from '../../../model/origin.ts';
import { durationInRange, GO_DURATION, yamlIntegerInRange } from '../../../go-limits.ts';
import type { RawDocument } from '../../raw.ts';
import type { SourceText } from '../../source-text.ts';
import { firstSyntaxError, readYamlDocuments, yamlLocator } from '../../yaml.ts';

// ---------------------------------------------------------------- promtool's rules

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

const MAY_HOLD_SURROGATE = /\\[uU]|\p{Surrogate}/u;

const FILE_FIELDS = ['groups'];
const PROMETHEUS_RULE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
/** A rule group's fields, by the Prometheus major version the project targets: query_offset came in 2.53, labels in 3. */
const GROUP_FIELDS: Readonly<Record<2 | 3, readonly string[]>> = {
  2: ['name', 'interval', 'limit', 'rules'],
  3: ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'],
};
/** The PrometheusRule CRD knows every version's group fields, and Thanos' partial_response_strategy. */
const CRD_GROUP_FIELDS = [...GROUP_FIELDS[3], 'partial_response_strategy'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];

/** A scalar's text as Go's yaml.v3 sees it (`1.0` stays "1.0"), or undefined for null. */
export function scalarText(node: Node | null | undefined): string | undefined {
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
  readonly origin: Origin;
  /** Group fields the PrometheusRule CRD allows. */
  readonly crd: boolean;
}

/** A Kubernetes object's kind: the document has apiVersion and kind. */
function kindOf(doc: Document): string | undefined {
  const root = doc.contents;
  return isMap(root) && root.has('apiVersion') ? scalarText(root.get('kind', true) as Node | undefined) : undefined;
}

export class RuleFile {
  readonly problems: LoadProblem[] = [];
  readonly documents: RawDocument[] = [];
  #doc!: Document;

  /** `prometheusVersion`: the major version whose rule groups the file is read as (a plain file's; a PrometheusRule's are the CRD's). */
  constructor(
    private readonly source: SourceText,
    private readonly prometheusVersion: 2 | 3,
  ) {}

  load(): void {
    const documents = readYamlDocuments(this.source.text);
    // A Kubernetes manifest with a PrometheusRule may hold other objects (a ServiceMonitor): they are not rules.
    const manifest = documents.some((doc) => kindOf(doc) === 'PrometheusRule');
    for (const doc of documents) {
      const syntaxError = firstSyntaxError(this.source.file, doc);
      if (syntaxError) {
        this.problems.push(syntaxError);
        continue;
      }
      const kind = kindOf(doc);
      if (manifest && kind !== undefined && kind !== 'PrometheusRule') continue;
      this.loadDocument(doc);
    }
    this.laterDocuments(documents);
  }

  /**
   * Prometheus reads one YAML document of a rule file, the first, even when it is empty; the
   * groups of any later one are never loaded, and promtool does not check them either. Still
   * linted here: they were meant to be loaded. A stream of PrometheusRule objects is a
   * Kubernetes manifest, whose every document is applied, and mimirtool and cortextool read
   * every document of theirs (one `namespace:` each).
   */
  private laterDocuments(documents: readonly Document[]): void {
    if (documents.length < 2 || documents.some((doc) => isMap(doc.contents) && (doc.contents.has('kind') || doc.contents.has('namespace')))) return;
    for (const doc of documents.slice(1)) {
      if (isMap(doc.contents) && doc.contents.has('groups')) {
        this.report(
          LOAD_CHECKS.rulefmtLaterDocument,
          doc.contents.items[0]?.key as Node,
          'Prometheus loads only the first YAML document of a rule file: the groups of this one are never loaded (and promtool does not check them); move them into the first document or a file of their own',
        );
      }
    }
  }

  /** One document of the file, already free of syntax errors (monc import reads a file's documents one at a time). */
  loadDocument(doc: Document): void {
    this.#doc = doc;
    this.unencodableStrings(doc);
    this.document(doc);
  }

  /** Go's YAML reader rejects the escape of an unpaired surrogate ("\ud800"), and UTF-8 cannot encode one. */
  private unencodableStrings(doc: Document): void {
    // Only a \u or \U escape in a double-quoted string (or the text itself) can hold one: most files are not walked.
    if (!MAY_HOLD_SURROGATE.test(this.source.text)) return;
    visit(doc, {
      Scalar: (_key, node) => {
        const surrogate = typeof node.value === 'string' ? /\p{Surrogate}/u.exec(node.value)?.[0] : undefined;
        if (surrogate) {
          this.report(LOAD_CHECKS.encoding, node, `the text holds an unpaired surrogate (\\u${surrogate.charCodeAt(0).toString(16)}), which Prometheus rejects ("invalid Unicode character escape code")`);
        }
      },
    });
  }

  private report(check: LoadCheck, node: Node | null | undefined, message: string, related?: { node: Node; message: string }): void {
    const at = this.span(node);
    this.problems.push(loadProblem(check, at, message, related && [{ at: this.span(related.node), message: related.message }]));
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
        this.report(LOAD_CHECKS.rulefmtUnknownField, field.keyNode, `unknown field "${key}" in ${where}; the fields are ${known.join(', ')}`);
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
      this.report(LOAD_CHECKS.rulefmtStructure, root, 'a rule file must be a mapping with "groups:", or a PrometheusRule object');
      return;
    }
    const origin = createOrigin(this.source.file, yamlLocator(this.source.file, doc));
    const kind = scalarText(this.resolveAlias(root.get('kind', true)));
    if (kind === 'PrometheusRule') {
      const fields = this.fields(root, PROMETHEUS_RULE_FIELDS, 'a PrometheusRule object');
      const spec = fields.get('spec');
      if (!spec || !isMap(spec.value)) {
        const kindNode = this.resolveAlias(root.get('kind', true));
        this.report(LOAD_CHECKS.rulefmtStructure, spec?.value ?? spec?.keyNode ?? kindNode ?? root, 'a PrometheusRule needs a "spec" mapping with "groups:"');
        return;
      }
      this.groups(spec.value, origin.child('spec'), true, 'the PrometheusRule spec');
      return;
    }
    if (kind !== undefined && root.has('spec')) {
      this.report(LOAD_CHECKS.rulefmtStructure, this.resolveAlias(root.get('kind', true)), `kind "${kind}" is not a rule file; monc reads "groups:" files and PrometheusRule objects`);
      return;
    }
    this.groups(root, origin, false, 'a rule file');
  }

  private groups(map: YAMLMap, origin: Origin, crd: boolean, where: string): void {
    const fields = this.fields(map, FILE_FIELDS, where);
    const groups = fields.get('groups')?.value ?? null;
    if (groups === null || (isScalar(groups) && groups.value === null)) return;
    if (!isSeq(groups)) {
      this.report(LOAD_CHECKS.rulefmtStructure, groups, `"groups" must be a list of rule groups, not ${describeNode(groups)}`);
      return;
    }
    const seen = new Map<string, Node>();
    const duplicates = new DuplicateRules(this);
    groups.items.forEach((item, index) => {
      const group = this.resolveAlias(item);
      if (!isMap(group)) {
        this.report(LOAD_CHECKS.rulefmtStructure, group ?? groups, `a rule group must be a mapping with "name" and "rules", not ${describeNode(group)}`);
        return;
      }
      this.group(group, { origin: origin.child('groups', index), crd }, seen, duplicates);
    });
  }

  private group(map: YAMLMap, context: GroupContext, seen: Map<string, Node>, duplicates: DuplicateRules): void {
    const fields = this.fields(map, context.crd ? CRD_GROUP_FIELDS : GROUP_FIELDS[this.prometheusVersion], 'a rule group');
    const nameField = fields.get('name');
    const name = this.stringField(nameField, 'the group name') ?? '';
    if (name === '') {
      this.report(LOAD_CHECKS.rulefmtGroupName, nameField?.value ?? nameField?.keyNode ?? map, 'the rule group has no name; every group needs a unique "name"');
    } else {
      const first = seen.get(name);
      const at = nameField?.value ?? map;
      if (first) this.report(LOAD_CHECKS.rulefmtDuplicateGroup, at, `group "${name}" is repeated in this file; group names must be unique per file`, { node: first, message: 'first defined here' });
      else seen.set(name, at);
    }
    this.duration(fields.get('interval'), 'interval of the group');
    this.duration(fields.get('query_offset'), 'query_offset of the group');
    this.labelNames(this.stringMap(fields.get('labels'), 'label').keys);
    const limit = fields.get('limit');
    if (limit && limit.value !== null) {
      const text = scalarText(limit.value);
      if (!isScalar(limit.value) || (text !== undefined && !yamlIntegerInRange(text))) {
        const tooLarge = text !== undefined && /^[-+]?[0-9][0-9_]*$/.test(text);
        this.report(LOAD_CHECKS.rulefmtStructure, limit.value, tooLarge ? `"limit" ${text} is out of range: Prometheus reads it as a 64-bit integer` : `"limit" must be a whole number, not ${describeNode(limit.value)}`);
      }
    }
    const rules = fields.get('rules')?.value ?? null;
    if (rules === null || (isScalar(rules) && rules.value === null)) {
      this.documents.push(groupService(name, context.origin, []));
      return;
    }
    if (!isSeq(rules)) {
      this.report(LOAD_CHECKS.rulefmtStructure, rules, `"rules" must be a list of rules, not ${describeNode(rules)}`);
      return;
    }
    const built: BuiltRule[] = [];
    rules.items.forEach((item, index) => {
      const rule = this.resolveAlias(item);
      if (!isMap(rule)) {
        this.report(LOAD_CHECKS.rulefmtStructure, rule ?? rules, `a rule must be a mapping with "record" or "alert" and "expr", not ${describeNode(rule)}`);
        return;
      }
      const one = this.rule(rule, index, duplicates);
      if (one) built.push(one);
    });
    this.documents.push(groupService(name, context.origin, built));
  }

  /** A field that must be a scalar; reports anything else. */
  private stringField(field: Field | undefined, what: string): string | undefined {
    if (!field || field.value === null) return undefined;
    if (!isScalar(field.value)) {
      this.report(LOAD_CHECKS.rulefmtStructure, field.value, `${what} must be a string, not ${describeNode(field.value)}`);
      return undefined;
    }
    return scalarText(field.value);
  }

  /** Checks a duration field; returns true when it is set to a non-zero duration. */
  private duration(field: Field | undefined, what: string): boolean {
    if (!field || field.value === null || (isScalar(field.value) && field.value.value === null)) return false;
    if (!isScalar(field.value)) {
      this.report(LOAD_CHECKS.rulefmtStructure, field.value, `the ${what} must be a duration such as 5m, not ${describeNode(field.value)}`);
      return false;
    }
    const text = scalarText(field.value) ?? '';
    if (text === '' || !GO_DURATION.test(text)) {
      const hint = /^\d+(\.\d+)?$/.test(text) ? '; a duration needs a unit, e.g. 5m' : '; write e.g. 30s, 5m, 1h30m, 1d (units y, w, d, h, m, s, ms, largest first)';
      this.report(LOAD_CHECKS.rulefmtDuration, field.value, `${JSON.stringify(text)} is not a valid duration for the ${what}${hint}`);
      return false;
    }
    if (!durationInRange(text)) {
      this.report(LOAD_CHECKS.rulefmtDuration, field.value, `${JSON.stringify(text)} is out of range for the ${what}: Prometheus holds durations up to about 292 years`);
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
      this.report(LOAD_CHECKS.rulefmtStructure, field.value, `"${field.key}" must be a mapping of ${what} names to strings, not ${describeNode(field.value)}`);
      return { entries, keys };
    }
    for (const item of field.value.items) {
      if (!isPair(item)) continue;
      const keyNode = this.resolveAlias(item.key);
      const value = this.resolveAlias(item.value);
      const key = scalarText(keyNode) ?? '';
      if (value !== null && !isScalar(value)) {
        this.report(LOAD_CHECKS.rulefmtStructure, value, `the value of ${what} "${key}" must be a string, not ${describeNode(value)}`);
        continue;
      }
      entries.set(key, scalarText(value) ?? '');
      keys.set(key, keyNode ?? field.value);
    }
    return { entries, keys };
  }

  /**
   * Whether Prometheus takes the name of a label, an annotation or (with METRIC_NAME) a
   * recording rule: legacy names in 2; in 3, whose default validation scheme is UTF-8, any
   * name that is not empty (`service.name`).
   */
  private validName(name: string, legacy: RegExp): boolean {
    return this.prometheusVersion === 3 ? name !== '' : legacy.test(name);
  }

  /** What a valid name of the kind is, for a message. */
  private namesAre(kind: string): string {
    return this.prometheusVersion === 3 ? `${kind} names are not empty` : `${kind} names are letters, digits and "_", not starting with a digit`;
  }

  private labelNames(keys: ReadonlyMap<string, Node>): void {
    keys.forEach((node, key) => {
      if (!this.validName(key, LABEL_NAME) || key === '__name__') {
        const why = key === '__name__' ? 'the metric name cannot be set as a label' : this.namesAre('label');
        this.report(LOAD_CHECKS.rulefmtLabelName, node, `"${key}" is not a valid label name: ${why}`);
      }
    });
  }

  private rule(map: YAMLMap, index: number, duplicates: DuplicateRules): BuiltRule | undefined {
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
      this.report(LOAD_CHECKS.rulefmtRecordOrAlert, recordField?.keyNode, 'a rule sets both "record" and "alert"; a rule is either a recording rule or an alerting rule', {
        node: alertField?.keyNode ?? map,
        message: '"alert" is set here',
      });
    } else if (!hasRecord && !hasAlert) {
      if (alertField && alert === '' && !recordField) {
        this.report(LOAD_CHECKS.rulefmtAlertName, alertField.value ?? alertField.keyNode, 'the alert name is empty; "alert" needs a name, which becomes the alertname label');
      } else {
        this.report(LOAD_CHECKS.rulefmtRecordOrAlert, recordField?.keyNode ?? alertField?.keyNode ?? map, 'a rule needs either "record" (a recording rule) or "alert" (an alerting rule)');
      }
    }

    const exprField = fields.get('expr');
    const expr = this.stringField(exprField, '"expr"');
    // A list or mapping is already a rulefmt/structure finding: one mistake, one finding.
    const notScalar = exprField?.value !== undefined && exprField.value !== null && !isScalar(exprField.value);
    if ((expr === undefined || expr === '') && !notScalar) {
      this.report(LOAD_CHECKS.rulefmtMissingExpr, exprField?.value ?? exprField?.keyNode ?? map, 'the rule has no "expr"; every rule needs a PromQL expression');
    }

    if (hasRecord && !hasAlert) {
      if (annotations.entries.size > 0) this.report(LOAD_CHECKS.rulefmtRecordingRuleField, fields.get('annotations')?.keyNode, `recording rule "${record}" has annotations; only alerting rules have them`);
      if (forSet) this.report(LOAD_CHECKS.rulefmtRecordingRuleField, fields.get('for')?.keyNode, `recording rule "${record}" has "for"; only alerting rules wait before firing`);
      if (keepSet) this.report(LOAD_CHECKS.rulefmtRecordingRuleField, fields.get('keep_firing_for')?.keyNode, `recording rule "${record}" has "keep_firing_for"; only alerting rules have it`);
      if (!this.validName(record, METRIC_NAME)) {
        this.report(LOAD_CHECKS.rulefmtRecordName, recordField?.value, `"${record}" is not a valid metric name, so it cannot be a recording rule's name; use letters, digits, "_" and ":", e.g. job:http_requests:rate5m`);
      } else if (this.prometheusVersion === 3 && /[{}]/.test(record)) {
        this.report(LOAD_CHECKS.rulefmtRecordName, recordField?.value, `"${record}" has braces, which Prometheus refuses in a recording rule's name: the selector goes in "expr"`);
      }
    }
    this.labelNames(labels.keys);
    annotations.keys.forEach((node, key) => {
      if (!this.validName(key, LABEL_NAME)) this.report(LOAD_CHECKS.rulefmtAnnotationName, node, `"${key}" is not a valid annotation name: ${this.namesAre('annotation')}`);
    });

    const nameNode = hasAlert ? alertField?.value : recordField?.value;
    const name = hasAlert ? alert : record;
    if (name !== undefined && name !== '' && nameNode) duplicates.add(name, labels.entries, nameNode);

    if (expr === undefined || expr === '' || hasRecord === hasAlert) return undefined;
    if (hasRecord) return { kind: 'record', rule: { record, expr, labels: Object.fromEntries(labels.entries) }, index, renames: NO_RENAMES };
    return toAlert(alert ?? '', expr, index, fields, labels.entries, annotations.entries);
  }

  reportDuplicate(name: string, node: Node, first: Node): void {
    this.report(LOAD_CHECKS.rulefmtDuplicateRule, node, `rule "${name}" repeats a rule with the same name and labels in this file; Prometheus would record or alert the same series twice`, {
      node: first,
      message: 'first defined here',
    });
  }
}

/** A rule of a group, as a definition, with where it is in the group and how its field names map to the rule file's. */
type RuleSpec = { readonly kind: 'alert'; readonly alert: AlertSpec } | { readonly kind: 'record'; readonly rule: RecordingRuleSpec };
type BuiltRule = RuleSpec & {
  readonly index: number;
  readonly renames: Readonly<Record<string, readonly PathSegment[]>>;
};

/** promtool's duplicate-rules lint: per file, across groups, on name plus labels. */
class DuplicateRules {
  /** The rules seen, by name: most names are seen once, so labels are compared only between rules of one name. */
  readonly #byName = new Map<string, { readonly labels: ReadonlyMap<string, string>; readonly node: Node }[]>();

  constructor(private readonly file: RuleFile) {}

  add(name: string, labels: ReadonlyMap<string, string>, node: Node): void {
    const seen = this.#byName.get(name);
    const first = seen?.find((rule) => sameLabels(rule.labels, labels));
    if (first) this.file.reportDuplicate(name, node, first.node);
    else if (seen) seen.push({ labels, node });
    else this.#byName.set(name, [{ labels, node }]);
  }
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}

/**
 * A rule group as a pseudo-service named after the group. Its origin answers the definitions'
 * paths (`alerts.0.summary`) with where the rule file keeps them (`rules.3.annotations.summary`).
 */
function groupService(name: string, origin: Origin, rules: readonly BuiltRule[]): RawDocument {
  const alerts = rules.filter((r): r is Extract<BuiltRule, { kind: 'alert' }> => r.kind === 'alert');
  const recordingRules = rules.filter((r): r is Extract<BuiltRule, { kind: 'record' }> => r.kind === 'record');
  const mapPath = (path: readonly PathSegment[]): PathSegment[] => {
    const [list, index, field, ...rest] = path;
    const rule = list === 'alerts' ? alerts[index as number] : list === 'recordingRules' ? recordingRules[index as number] : undefined;
    if (!rule) return [...path];
    const renamed = typeof field === 'string' ? rule.renames[field] : undefined;
    return ['rules', rule.index, ...(field === undefined ? [] : renamed ? [...renamed, ...rest] : [field, ...rest])];
  };
  return {
    kind: 'service',
    spec: { name, team: '', alerts: alerts.map((r) => r.alert), recordingRules: recordingRules.map((r) => r.rule) },
    origin: createOrigin(origin.file, (path, key) => (key ? origin.keyAt(...mapPath(path)) : origin.at(...mapPath(path)))),
  };
}

const RUNBOOK_KEYS = ['runbook_url', 'runbook'] as const;

/** Where an alert definition's fields are in a rule, by the rule's runbook annotation; a recording rule's are where they are. */
const alertRenames = (runbookKey: string): Readonly<Record<string, readonly PathSegment[]>> => ({
  name: ['alert'],
  keepFiringFor: ['keep_firing_for'],
  severity: ['labels', 'severity'],
  summary: ['annotations', 'summary'],
  description: ['annotations', 'description'],
  runbook: ['annotations', runbookKey],
});
const ALERT_RENAMES = { runbook_url: alertRenames('runbook_url'), runbook: alertRenames('runbook') };
const NO_RENAMES: Readonly<Record<string, readonly PathSegment[]>> = {};

/** An alerting rule as an alert definition: severity, summary, description and runbook get their own fields. */
function toAlert(name: string, expr: string, index: number, fields: ReadonlyMap<string, Field>, labels: ReadonlyMap<string, string>, annotations: ReadonlyMap<string, string>): BuiltRule {
  const runbookKey = RUNBOOK_KEYS.find((key) => annotations.has(key));
  // The optional fields are set one by one, in the order a written alert has them: spreads of
  // literals with computed keys took V8's slow path for every alert of every file.
  const alert: AlertSpec = { name, expr };
  const set = (key: 'for' | 'keepFiringFor' | 'severity' | 'summary' | 'description' | 'runbook', value: string | undefined) => {
    if (value !== undefined) alert[key] = value;
  };
  set('for', scalarText(fields.get('for')?.value));
  set('keepFiringFor', scalarText(fields.get('keep_firing_for')?.value));
  set('severity', labels.get('severity'));
  set('summary', annotations.get('summary'));
  set('description', annotations.get('description'));
  set('runbook', runbookKey && annotations.get(runbookKey));
  alert.labels = Object.fromEntries([...labels].filter(([key]) => key !== 'severity'));
  alert.annotations = Object.fromEntries([...annotations].filter(([key]) => key !== 'summary' && key !== 'description' && key !== runbookKey));
  return { kind: 'alert', alert, index, renames: ALERT_RENAMES[runbookKey ?? 'runbook_url'] };
}
