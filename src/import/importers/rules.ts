/**
 * Prometheus rule files (`groups:`) and PrometheusRule objects as monc services: every rule
 * keeps its name, expression, labels and annotations; `severity`, `summary`, `description` and
 * `runbook_url` move to the fields monc writes back under the same names. What monc has no
 * place for (a group's interval or limit, an expression monc cannot parse) is a finding at the
 * line of the rule file, and the rest is still imported.
 */
import { isMap, isPair, isSeq, type Node, type YAMLMap } from 'yaml';
import type { AlertSpec, RecordingRuleSpec, RulerSpec } from '../../api/types.gen.ts';
import { toFinding } from '../../check-descriptors.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { RuleFile, scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { ANNOTATION, LABEL, SEVERITIES } from '../../model/conventions.ts';
import { parsePromql } from '../../promql/parse.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import type { ImportContext, ImportedService, Importer, SourceDocument, Sourced, Suppression } from '../importer.ts';
import { SourceNodes } from '../source-nodes.ts';

/** monc's alert names (the schema's pattern); Prometheus takes any string. */
const ALERT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Annotations that are fields of a monc alert, written back under the same name. */
const ANNOTATION_FIELDS = { [ANNOTATION.summary]: 'summary', [ANNOTATION.description]: 'description', [ANNOTATION.runbook]: 'runbook' } as const;

export const rulesImporter: Importer = {
  kind: 'rules',
  reads: 'a Prometheus rule file (groups:) or a PrometheusRule object',
  detect(document) {
    const nodes = new SourceNodes(document);
    const root = nodes.node(document.doc.contents);
    if (!isMap(root)) return false;
    return scalarText(nodes.node(root.get('kind', true))) === 'PrometheusRule' || root.has('groups');
  },
  import(document, context) {
    return new RulesImport(document, context).run();
  },
};

interface Group {
  readonly name: string;
  readonly map: YAMLMap;
}

class RulesImport {
  readonly #findings: Finding[] = [];
  /** Spans of the rulefmt errors in the document: a rule holding one is not imported. */
  readonly #errors: Span[] = [];
  readonly #nodes: SourceNodes;

  constructor(
    private readonly document: SourceDocument,
    private readonly context: ImportContext,
  ) {
    this.#nodes = new SourceNodes(document);
  }

  run(): { definitions: ImportedService[]; findings: Finding[] } {
    const { source, doc } = this.document;
    // Checked as promtool 2 checks it: what monc's definitions hold must be valid on either version.
    const checked = new RuleFile(source, 2);
    checked.loadDocument(doc);
    for (const problem of checked.problems) {
      const finding = toFinding(problem);
      this.#findings.push(finding);
      if (finding.severity === 'error') this.#errors.push(problem.at);
    }
    const root = this.node(doc.contents);
    if (!isMap(root)) return { definitions: [], findings: this.#findings };
    const prometheusRule = scalarText(this.node(root.get('kind', true))) === 'PrometheusRule';
    const container = prometheusRule ? this.node(root.get('spec', true)) : root;
    const groupsNode = isMap(container) ? this.node(container.get('groups', true)) : null;
    const groups: Group[] = isSeq(groupsNode)
      ? groupsNode.items.flatMap((item) => {
          const map = this.node(item);
          return isMap(map) ? [{ name: this.text(map, 'name') ?? '', map }] : [];
        })
      : [];
    if (prometheusRule) this.metadataLoss(root);
    const fileName = (prometheusRule && this.objectName(root)) || this.fileName();
    const owners: { name: string; groups: Group[]; at: Node }[] =
      this.context.servicePer === 'group'
        ? groups.map((group) => ({ name: group.name || fileName, groups: [group], at: group.map }))
        : [{ name: fileName, groups, at: root }];
    const definitions = owners.map((owner) => this.service(owner.name, owner.groups, owner.at)).filter((service) => service.alerts.length + service.recordingRules.length > 0);
    if (definitions.length === 0 && !this.#findings.some((finding) => finding.severity === 'error')) {
      this.#findings.push(importFinding(IMPORT_CHECKS.unsupported, this.span(groupsNode ?? root), 'the rule groups hold no rules: there is nothing to import'));
    }
    return { definitions, findings: this.#findings };
  }

  private node(value: unknown): Node | null {
    return this.#nodes.node(value);
  }

  private span(node: Node | null | undefined): Span {
    return this.#nodes.span(node);
  }

  private text(map: YAMLMap, key: string): string | undefined {
    return scalarText(this.node(map.get(key, true)));
  }

  /** The key node of a field, for findings about the field as a whole. */
  private keyOf(map: YAMLMap, key: string): Node | undefined {
    return this.#nodes.pairs(map).find((pair) => pair.key === key)?.keyNode;
  }

  private loss(node: Node | null | undefined, message: string): void {
    this.#findings.push(importFinding(IMPORT_CHECKS.loss, this.span(node), message));
  }

  private fileName(): string {
    const base = this.document.source.file.split('/').pop() ?? 'rules';
    const stem = base.replace(/\.(ya?ml|json)$/i, '');
    return this.document.count > 1 ? `${stem}-${this.document.index + 1}` : stem;
  }

  private objectName(root: YAMLMap): string | undefined {
    const metadata = this.node(root.get('metadata', true));
    return isMap(metadata) ? this.text(metadata, 'name') : undefined;
  }

  /** A PrometheusRule's namespace, labels and annotations: monc's prometheus-operator target writes its own. */
  private metadataLoss(root: YAMLMap): void {
    const metadata = this.node(root.get('metadata', true));
    if (!isMap(metadata)) return;
    const kept = ['namespace', 'labels', 'annotations'].filter((key) => metadata.has(key));
    if (kept.length === 0) return;
    this.loss(
      this.keyOf(root, 'metadata'),
      `the PrometheusRule's ${kept.join(', ')} are not carried over: the prometheus-operator target names, labels and places the PrometheusRules it writes from the config (targets, kubernetes)`,
    );
  }

  private service(name: string, groups: readonly Group[], at: Node): ImportedService {
    const recordingRules: Sourced<RecordingRuleSpec>[] = [];
    const alerts: Sourced<AlertSpec>[] = [];
    const ruler = this.ruler(groups);
    for (const group of groups) {
      this.groupLosses(group);
      const groupLabels = this.stringMap(this.node(group.map.get('labels', true)));
      const rules = this.node(group.map.get('rules', true));
      if (!isSeq(rules)) continue;
      for (const item of rules.items) {
        const rule = this.node(item);
        if (!isMap(rule) || this.hasError(rule)) continue;
        const imported = this.rule(rule, groupLabels);
        if (imported?.kind === 'alert') alerts.push(imported.sourced);
        else if (imported?.kind === 'record') recordingRules.push(imported.sourced);
      }
    }
    const teams = new Set(alerts.map((a) => a.spec.labels?.[LABEL.team]));
    const team = teams.size === 1 ? [...teams][0] : undefined;
    return {
      kind: 'service',
      name,
      team,
      ...(ruler && { ruler }),
      from: this.span(at),
      recordingRules,
      alerts: team === undefined ? alerts : alerts.map((a) => ({ ...a, spec: compact({ ...a.spec, labels: withoutKey(a.spec.labels ?? {}, LABEL.team) }) })),
    };
  }

  private hasError(node: Node): boolean {
    const [start, , end] = node.range ?? [0, 0, 0];
    return this.#errors.some((error) => error.start >= start && error.start < end);
  }

  /**
   * The group settings monc writes per service (ruler): kept when every group of the service
   * agrees on them, a loss where one differs.
   */
  private ruler(groups: readonly Group[]): RulerSpec | undefined {
    const setting = (key: string) => {
      const values = groups.map((group) => ({ group, value: this.text(group.map, key) }));
      const first = values.find((v) => v.value !== undefined);
      if (!first) return undefined;
      for (const { group, value } of values) {
        if (value === first.value) continue;
        const what = value === undefined ? 'has none' : `has ${value}`;
        this.loss(this.keyOf(group.map, key) ?? group.map, `group "${group.name}" ${what} for ${key}, but the service's groups share one setting in monc (${first.value}, from group "${first.group.name}"); import with --service-per group to keep both`);
      }
      return first.value;
    };
    const queryOffset = setting('query_offset');
    const strategy = setting('partial_response_strategy');
    const partialResponseStrategy = strategy === 'warn' || strategy === 'abort' ? strategy : undefined;
    if (queryOffset === undefined && partialResponseStrategy === undefined) return undefined;
    return { ...(queryOffset !== undefined && { queryOffset }), ...(partialResponseStrategy && { partialResponseStrategy }) };
  }

  /** A group's interval and limit: monc evaluates a service's rules in one group at the global interval, without a limit. */
  private groupLosses(group: Group): void {
    const interval = this.text(group.map, 'interval');
    if (interval !== undefined && interval !== '') {
      this.loss(
        this.keyOf(group.map, 'interval'),
        `group "${group.name}" is evaluated every ${interval}; monc writes each service's rules into one group at the global evaluation interval (prometheus.evaluationInterval in monc.config.yaml), so this interval is not carried over`,
      );
    }
    const limit = this.text(group.map, 'limit');
    if (limit !== undefined && limit !== '0') {
      this.loss(this.keyOf(group.map, 'limit'), `group "${group.name}" limits its rules to ${limit} series (limit); monc writes no limit`);
    }
  }

  /** The spans of a labels or annotations map's values, by `prefix.key`. */
  private valueSpans(node: Node | null, prefix: string): Record<string, Span> {
    if (!isMap(node)) return {};
    const spans: Record<string, Span> = {};
    for (const item of node.items) {
      if (isPair(item)) spans[`${prefix}.${scalarText(this.node(item.key)) ?? ''}`] = this.span(this.node(item.value) ?? this.node(item.key));
    }
    return spans;
  }

  private stringMap(node: Node | null): Record<string, string> {
    if (!isMap(node)) return {};
    const entries: [string, string][] = [];
    for (const item of node.items) {
      if (!isPair(item)) continue;
      entries.push([scalarText(this.node(item.key)) ?? '', scalarText(this.node(item.value)) ?? '']);
    }
    return Object.fromEntries(entries);
  }

  private rule(map: YAMLMap, groupLabels: Readonly<Record<string, string>>): { kind: 'alert'; sourced: Sourced<AlertSpec> } | { kind: 'record'; sourced: Sourced<RecordingRuleSpec> } | undefined {
    const alert = this.text(map, 'alert');
    const record = this.text(map, 'record');
    const exprNode = this.node(map.get('expr', true));
    const expr = (scalarText(exprNode) ?? '').trim();
    const parsed = parsePromql(expr);
    if (parsed.error) {
      this.loss(exprNode, `${alert !== undefined ? `alert "${alert}"` : `recording rule "${record}"`} is not imported: monc cannot parse its expression (${parsed.error.message})`);
      return undefined;
    }
    const labels = { ...groupLabels, ...this.stringMap(this.node(map.get('labels', true))) };
    const from = this.span(map);
    const labelSpans = this.valueSpans(this.node(map.get('labels', true)), 'labels');
    const annotationSpans = this.valueSpans(this.node(map.get('annotations', true)), 'annotations');
    const fields: Record<string, Span> = { expr: this.span(exprNode), ...labelSpans };
    if (record !== undefined) {
      return { kind: 'record', sourced: { spec: { record, expr, ...(Object.keys(labels).length > 0 && { labels }) }, from, fields } };
    }
    const written = alert ?? '';
    const name = ALERT_NAME.test(written) ? written : alertName(written);
    if (name !== written) {
      this.loss(
        this.node(map.get('alert', true)),
        `alert "${written}" is imported as "${name}": monc's alert names are letters, digits and "_", starting with a letter; routes, inhibitions and silences that match alertname="${written}" need the new name`,
      );
    }
    const annotations = this.stringMap(this.node(map.get('annotations', true)));
    const severity = labels[LABEL.severity];
    const moved: Partial<Record<'summary' | 'description' | 'runbook', string>> = {};
    for (const [annotation, field] of Object.entries(ANNOTATION_FIELDS)) {
      if (annotations[annotation] === undefined) continue;
      moved[field] = annotations[annotation];
      const at = annotationSpans[`annotations.${annotation}`];
      if (at) fields[field] = at;
    }
    for (const [path, at] of Object.entries(annotationSpans)) if (!(path.slice('annotations.'.length) in ANNOTATION_FIELDS)) fields[path] = at;
    const severityAt = labelSpans[`labels.${LABEL.severity}`];
    if (severityAt) fields['severity'] = severityAt;
    fields['name'] = this.span(this.node(map.get('alert', true)));
    const forText = this.text(map, 'for');
    const keepFiringFor = this.text(map, 'keep_firing_for');
    const spec: AlertSpec = {
      name,
      expr,
      ...(forText !== undefined && { for: forText }),
      ...(keepFiringFor !== undefined && { keepFiringFor }),
      ...(severity !== undefined && { severity }),
      ...moved,
      labels: withoutKey(labels, LABEL.severity),
      annotations: Object.fromEntries(Object.entries(annotations).filter(([key]) => !(key in ANNOTATION_FIELDS))),
    };
    return { kind: 'alert', sourced: { spec: compact(spec), from, fields, suppressions: severitySuppressions(severity) } };
  }
}

/**
 * monc asks every alert for one of its severities (alert/severity, for routing); an imported
 * alert keeps what it had, and the check is silenced on it with the reason.
 */
function severitySuppressions(severity: string | undefined): Suppression[] {
  if (severity === undefined) return [{ check: 'alert/severity', reason: 'imported without a severity label' }];
  if (!(SEVERITIES as readonly string[]).includes(severity)) return [{ check: 'alert/severity', reason: `imported with severity "${severity}"`, field: 'severity' }];
  return [];
}

/** A monc alert name from any other: words joined in CamelCase (Php-fpmMax-childrenReached → PhpFpmMaxChildrenReached). */
export function alertName(name: string): string {
  const words = name.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Alert${joined}`;
}

function withoutKey(map: Readonly<Record<string, string>>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => k !== key));
}

/** The alert without empty labels and annotations maps. */
function compact(spec: AlertSpec): AlertSpec {
  const { labels, annotations, ...rest } = spec;
  return { ...rest, ...(labels && Object.keys(labels).length > 0 && { labels }), ...(annotations && Object.keys(annotations).length > 0 && { annotations }) };
}
