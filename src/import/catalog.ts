/**
 * A metrics catalog from evidence: imported expressions select metrics nobody declared, and
 * monc's checks need them declared. Each one is declared from what the expressions show of it:
 * its type from use (rate() over it: a counter; `_bucket` under histogram_quantile(): a
 * histogram), its labels from matchers, by/without, on/ignoring, group_left/right, label_replace
 * and label_join sources and the alerts' templates, followed through recording rules to the
 * metrics they read, and a value list only where every use names literal values. Every
 * declaration is a guess, and says so in its help text (catalog/inferred reports it at lint).
 */
import type { LabelDomainSpec, MetricSpec } from '../api/types.gen.ts';
import { compareText } from '../diagnostic.ts';
import { INFERRED_HELP_PREFIX, TARGET_LABELS } from '../model/conventions.ts';
import { unwrapParens, walk, type Expr, type LabelMatcher, type VectorSelector } from '../promql/ast.ts';
import { innermostSelector, isVectorValued, type LabelSet } from '../promql/labels.ts';
import { parsePromql } from '../promql/parse.ts';
import { LABEL_STAND_IN, usedVariables } from '../dashboards/variables.ts';
import { appendTo } from '../collections.ts';

/** At most this many literal values make a closed value list; more suggest an open domain. */
const MAX_GUESSED_VALUES = 10;

const VALID_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const VALID_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Functions that read native histograms only. */
const NATIVE_HISTOGRAM_FUNCTIONS = new Set(['histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_fraction', 'histogram_stddev', 'histogram_stdvar']);
const LABEL_FREE = new Set(['vector', 'time', 'scalar', 'pi', 'info']);
const NAME = '__name__';
/** Functions that keep the metric name: they only reorder or relabel series. */
const KEEP_NAME = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join']);
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);
const KEEPS_INPUT = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** A rule of the import, as far as the catalog cares. */
export interface EvidenceRule {
  readonly expr: string;
  /** The series a recording rule writes. */
  readonly record?: string;
  /** The labels the rule sets (a recording rule's are on its series). */
  readonly labels?: Readonly<Record<string, string>>;
  /** An alert's summary, description, annotations and labels: the labels they name must reach its result. */
  readonly templates?: readonly string[];
  /** Where the rule came from, for the help text. */
  readonly file: string;
  /** The service the rule belongs to: the metrics it reads first are named after its exporter. */
  readonly service: string;
  /**
   * A dashboard query, its Grafana variables filled in (dashboards/variables.ts): a matcher
   * value holding one ($job) stands for whatever the picker selects, and a label list's
   * stand-in is no label.
   */
  readonly variables?: boolean;
}

/** What is known of a series that the import does not declare: declared elsewhere, or built in. */
export type KnownSeries = (series: string) => { readonly labels: LabelSet } | undefined;

/**
 * A label an expression or template names that its series cannot carry, whatever the import
 * declares (a built-in series, an aggregation that drops it): monc's check reports it.
 */
export interface Unreachable {
  readonly rule: number;
  readonly label: string;
  readonly check: 'catalog/unknown-label' | 'catalog/template-label' | 'catalog/histogram-quantile';
}

export interface InferredCatalog {
  readonly metrics: readonly InferredMetric[];
  readonly unreachable: readonly Unreachable[];
}

/** Where an inferred metric is first selected: the rule and the name's offsets in its expression. */
export interface FirstUse {
  readonly rule: number;
  readonly from: number;
  readonly to: number;
}

export interface InferredMetric {
  readonly spec: MetricSpec;
  readonly firstUse: FirstUse;
  /** Why it has its type, for the comment and the finding. */
  readonly typeReason: string;
  /** Labels given a value list from the values the rules name: a guess to confirm. */
  readonly guessedValues: readonly string[];
}

interface LabelEvidence {
  readonly values: Set<string>;
  /** Seen where other values are likely: a regex, a negation, a grouping, a template. */
  open: boolean;
}

interface SeriesEvidence {
  readonly name: string;
  readonly service: string;
  readonly firstUse: FirstUse;
  readonly files: Set<string>;
  readonly labels: Map<string, LabelEvidence>;
  rated: boolean;
  underQuantile: boolean;
  /** Read by a native histogram function (histogram_count(), histogram_quantile() without _bucket). */
  native: boolean;
}

/** `$labels.x`, `.Labels.x` and `index $labels "x"`, as catalog/template-label reads them. */
const LABEL_REFERENCE = /(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)|index\s+(?:\$labels|\.Labels)\s+"([^"]+)"/g;

export function inferCatalog(rules: readonly EvidenceRule[], known: KnownSeries): InferredCatalog {
  const inference = new Inference(rules, known);
  inference.collect();
  return { metrics: inference.metrics(), unreachable: inference.unreachable };
}

class Inference {
  readonly #series = new Map<string, SeriesEvidence>();
  readonly #asts: (Expr | undefined)[];
  readonly #recorded = new Map<string, number[]>();
  /** (record, label) pairs being followed, so rules that read each other end. */
  readonly #following = new Set<string>();
  readonly unreachable: Unreachable[] = [];
  #rule = 0;

  constructor(
    private readonly rules: readonly EvidenceRule[],
    private readonly known: KnownSeries,
  ) {
    this.#asts = rules.map((rule) => parsePromql(rule.expr).ast);
    rules.forEach((rule, index) => {
      if (rule.record !== undefined) appendTo(this.#recorded, rule.record, index);
    });
  }

  collect(): void {
    this.rules.forEach((rule, index) => {
      const ast = this.#asts[index];
      if (!ast) return;
      this.#rule = index;
      for (const node of walk(ast)) this.visit(node);
      for (const label of templateLabels(rule.templates ?? [])) this.require(this.need(ast, label), label, 'catalog/template-label');
    });
  }

  private require(reached: boolean, label: string, check: Unreachable['check']): void {
    if (reached || this.unreachable.some((u) => u.rule === this.#rule && u.label === label && u.check === check)) return;
    this.unreachable.push({ rule: this.#rule, label, check });
  }

  /** The evidence of a series this import must declare, or undefined for one that is known or recorded. */
  private series(selector: VectorSelector): SeriesEvidence | undefined {
    const name = selector.metric?.name;
    if (name === undefined || !VALID_NAME.test(name) || this.#recorded.has(name) || this.known(name)) return undefined;
    let evidence = this.#series.get(name);
    if (!evidence) {
      const firstUse = { rule: this.#rule, from: selector.metric?.from ?? selector.from, to: selector.metric?.to ?? selector.to };
      evidence = { name, service: this.rules[this.#rule]?.service ?? '', firstUse, files: new Set(), labels: new Map(), rated: false, underQuantile: false, native: false };
      this.#series.set(name, evidence);
    }
    evidence.files.add(this.rules[this.#rule]?.file ?? '');
    return evidence;
  }

  private label(evidence: SeriesEvidence, name: string): LabelEvidence {
    let label = evidence.labels.get(name);
    if (!label) {
      label = { values: new Set(), open: false };
      evidence.labels.set(name, label);
    }
    return label;
  }

  private visit(node: Expr): void {
    switch (node.kind) {
      case 'vector': {
        const named = node.matchers.filter((m) => m.label.name !== NAME && VALID_LABEL.test(m.label.name));
        const evidence = this.series(node);
        const variables = this.rules[this.#rule]?.variables === true;
        if (evidence) for (const matcher of named) this.matcher(this.label(evidence, matcher.label.name), matcher, variables);
        const known = node.metric && !this.#recorded.has(node.metric.name) ? this.known(node.metric.name)?.labels : undefined;
        if (known && known !== 'unknown') for (const matcher of named) this.require(known.has(matcher.label.name), matcher.label.name, 'catalog/unknown-label');
        return;
      }
      case 'call':
        this.call(node);
        return;
      case 'aggregate': {
        const input = node.args[node.args.length - 1];
        if (input && node.grouping) for (const label of node.grouping.labels) this.require(this.need(input, label.name), label.name, 'catalog/unknown-label');
        return;
      }
      case 'binary': {
        const matching = node.matching;
        if (!matching) return;
        for (const label of matching.labels) {
          const lhs = this.need(node.lhs, label.name);
          const rhs = this.need(node.rhs, label.name);
          this.require(lhs || rhs, label.name, 'catalog/unknown-label');
        }
        const oneSide = matching.group === 'left' ? node.rhs : node.lhs;
        if (matching.group) for (const label of matching.include) this.require(this.need(oneSide, label.name), label.name, 'catalog/unknown-label');
        return;
      }
      default:
    }
  }

  private call(node: Extract<Expr, { kind: 'call' }>): void {
    const name = node.func.name;
    const first = node.args[0];
    if (COUNTER_FUNCTIONS.has(name) && first) {
      const selector = innermostSelector(first);
      const evidence = selector && this.series(selector);
      if (evidence) evidence.rated = true;
    } else if (name === 'histogram_quantile' && node.args[1]) {
      const selectors = [...walk(node.args[1])].filter((inner): inner is VectorSelector => inner.kind === 'vector');
      // Without a _bucket series or an le matcher it reads a native histogram, which has no le label.
      if (selectors.length > 0 && selectors.every((s) => this.readsNative(s))) {
        this.markNative(node.args[1]);
        return;
      }
      for (const inner of selectors) {
        if (!inner.metric?.name.endsWith('_bucket')) continue;
        const evidence = this.series(inner);
        if (evidence) evidence.underQuantile = true;
      }
      this.require(this.need(node.args[1], 'le'), 'le', 'catalog/histogram-quantile');
    } else if (NATIVE_HISTOGRAM_FUNCTIONS.has(name)) {
      const input = node.args.find((arg) => isVectorValued(arg));
      if (input) this.markNative(input);
    } else if ((name === 'label_replace' || name === 'label_join') && first) {
      const sources = name === 'label_replace' ? node.args.slice(3, 4) : node.args.slice(3);
      for (const source of sources) if (source.kind === 'string' && source.value !== '') this.need(first, source.value);
    }
  }

  /** A selector of a series the import declares, neither a _bucket series nor selected by le. */
  private readsNative(selector: VectorSelector): boolean {
    const name = selector.metric?.name;
    return name !== undefined && !name.endsWith('_bucket') && !selector.matchers.some((m) => m.label.name === 'le') && this.series(selector) !== undefined;
  }

  private markNative(input: Expr): void {
    for (const inner of walk(input)) {
      if (inner.kind !== 'vector') continue;
      const evidence = this.series(inner);
      if (evidence) evidence.native = true;
    }
  }

  private matcher(label: LabelEvidence, matcher: LabelMatcher, variables: boolean): void {
    if (matcher.value === '') return;
    if (variables && usedVariables(matcher.value).length > 0) {
      label.open = true;
      return;
    }
    if (matcher.op === '=' || matcher.op === '!=') {
      label.values.add(matcher.value);
      if (matcher.op === '!=') label.open = true;
      return;
    }
    const alternatives = literalAlternatives(matcher.value);
    if (alternatives) for (const value of alternatives) label.values.add(value);
    if (!alternatives || matcher.op === '!~') label.open = true;
  }

  /**
   * The result of `expr` must carry `label` (a grouping, a vector match or a template names it):
   * declares it on the metrics the result's labels come from, as promql/labels.ts follows them.
   * False when the result cannot carry it whatever the import declares; true also where monc
   * cannot tell (its checks then say nothing).
   */
  private need(expr: Expr, label: string): boolean {
    if (label === LABEL_STAND_IN && this.rules[this.#rule]?.variables) return true;
    const node = unwrapParens(expr);
    switch (node.kind) {
      case 'number':
      case 'string':
        return false;
      case 'vector':
        return this.needOnSeries(node, label);
      case 'matrix':
        return this.need(node.vector, label);
      case 'subquery':
      case 'offset':
      case 'at':
      case 'unary':
      case 'newer':
        return this.need(node.expr, label);
      case 'call':
        return this.needOnCall(node, label);
      case 'aggregate': {
        const input = node.args[node.args.length - 1];
        if (!input) return false;
        if (node.op.name === 'count_values' && node.args[0]?.kind === 'string' && node.args[0].value === label) return true;
        const names = node.grouping?.labels.map((l) => l.name) ?? [];
        const kept = KEEPS_INPUT.has(node.op.name) || (node.grouping?.mode === 'by' ? names.includes(label) : node.grouping?.mode === 'without' && !names.includes(label));
        return kept && this.need(input, label);
      }
      case 'binary':
        return this.needOnBinary(node, label);
      default:
        return true;
    }
  }

  private needOnCall(node: Extract<Expr, { kind: 'call' }>, label: string): boolean {
    const name = node.func.name;
    if (name === 'info') return true;
    if (LABEL_FREE.has(name)) return false;
    if (name === 'absent' || name === 'absent_over_time') {
      const selector = node.args[0] && innermostSelector(node.args[0]);
      return selector?.matchers.some((m) => m.op === '=' && m.label.name === label) ?? false;
    }
    if ((name === 'label_replace' || name === 'label_join') && node.args[1]?.kind === 'string' && node.args[1].value === label) return true;
    if ((name === 'histogram_quantile' || name === 'histogram_fraction') && label === 'le') return false;
    if (label === NAME && !KEEP_NAME.has(name)) return false;
    const input = node.args.find((arg) => arg.kind !== 'number' && arg.kind !== 'string');
    return input ? this.need(input, label) : false;
  }

  private needOnSeries(selector: VectorSelector, label: string): boolean {
    const name = selector.metric?.name;
    if (name === undefined || label === NAME) return true;
    const recordedBy = this.#recorded.get(name);
    if (!recordedBy) {
      const evidence = this.series(selector);
      if (evidence) {
        if (!TARGET_LABELS.includes(label as (typeof TARGET_LABELS)[number]) && VALID_LABEL.test(label)) this.label(evidence, label).open = true;
        return true;
      }
      const known = this.known(name)?.labels;
      return known === undefined || known === 'unknown' || known.has(label);
    }
    const key = `${name}\u0000${label}`;
    if (this.#following.has(key)) return true;
    this.#following.add(key);
    let reached = false;
    for (const index of recordedBy) {
      const rule = this.rules[index];
      const ast = this.#asts[index];
      if (!rule || !ast) continue;
      if (rule.labels?.[label] !== undefined) {
        reached = true;
        continue;
      }
      const current = this.#rule;
      this.#rule = index;
      reached = this.need(ast, label) || reached;
      this.#rule = current;
    }
    this.#following.delete(key);
    return reached;
  }

  private needOnBinary(node: Extract<Expr, { kind: 'binary' }>, label: string): boolean {
    const op = node.op.name;
    const filtering = COMPARISONS.has(op) && !node.bool;
    // Arithmetic and bool comparisons drop the metric name (group_x keeps the sides' labels).
    if (label === NAME && !filtering && !SET_OPERATORS.has(op) && !node.matching?.group) return false;
    if (!isVectorValued(node.lhs)) return this.need(node.rhs, label);
    if (!isVectorValued(node.rhs)) return this.need(node.lhs, label);
    if (op === 'and' || op === 'unless') return this.need(node.lhs, label);
    if (op === 'or') {
      const lhs = this.need(node.lhs, label);
      return this.need(node.rhs, label) || lhs;
    }
    const matching = node.matching;
    const included = matching?.include.some((l) => l.name === label) ?? false;
    if (matching?.group === 'left') return this.need(included ? node.rhs : node.lhs, label);
    if (matching?.group === 'right') return this.need(included ? node.lhs : node.rhs, label);
    const named = matching?.labels.some((l) => l.name === label) ?? false;
    if (matching?.mode === 'on' && !named) return false;
    if (matching?.mode === 'ignoring' && named) return false;
    return this.need(node.lhs, label);
  }

  metrics(): InferredMetric[] {
    const histograms = new Set(
      [...this.#series.values()]
        .filter((s) => s.name.endsWith('_bucket') && (s.underQuantile || s.labels.has('le')))
        .map((s) => s.name.slice(0, -'_bucket'.length))
        // A base series read as a native histogram is the same histogram, exposed both ways.
        .filter((base) => this.#series.get(base)?.native ?? true),
    );
    const summaries = new Set(
      [...this.#series.values()].filter((s) => s.labels.has('quantile') && !histograms.has(s.name)).map((s) => s.name),
    );
    // A label grouped by, matched on or negated anywhere takes more values than the rules name, on every metric.
    const openLabels = new Set([...this.#series.values()].flatMap((s) => [...s.labels].filter(([, label]) => label.open).map(([name]) => name)));
    const parts = new Map<string, SeriesEvidence[]>();
    for (const evidence of this.#series.values()) {
      const base = baseName(evidence.name, histograms, summaries);
      appendTo(parts, base, evidence);
    }
    return [...parts]
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, evidence]) => this.metric(name, evidence, histograms.has(name) ? 'histogram' : summaries.has(name) ? 'summary' : undefined, openLabels));
  }

  private metric(name: string, evidence: readonly SeriesEvidence[], family: 'histogram' | 'summary' | undefined, openLabels: ReadonlySet<string>): InferredMetric {
    const implicit = new Set<string>([...TARGET_LABELS, ...(family === 'histogram' ? ['le'] : family === 'summary' ? ['quantile'] : [])]);
    const merged = new Map<string, LabelEvidence>();
    for (const series of evidence) {
      for (const [label, seen] of series.labels) {
        if (implicit.has(label)) continue;
        const into = merged.get(label) ?? { values: new Set<string>(), open: false };
        for (const value of seen.values) into.values.add(value);
        into.open ||= seen.open;
        merged.set(label, into);
      }
    }
    const guessedValues: string[] = [];
    const labels = Object.fromEntries(
      [...merged].sort(([a], [b]) => compareText(a, b)).map(([label, seen]): [string, LabelDomainSpec] => {
        const values = [...seen.values].sort(compareText);
        if (!seen.open && !openLabels.has(label) && values.length > 0 && values.length <= MAX_GUESSED_VALUES) {
          guessedValues.push(label);
          return [label, { values }];
        }
        return [label, values.length > 0 ? { description: `Values seen in the imported rules: ${values.join(', ')}` } : {}];
      }),
    );
    const rated = evidence.some((s) => s.rated);
    const native = evidence.some((s) => s.native) && (family === 'histogram' || (!family && !merged.has('le')));
    // Read both ways, it needs the bucket bounds its _bucket series are read at: those the rules name.
    const buckets = native && family === 'histogram' ? bucketBounds(evidence) : [];
    const [type, typeReason] = native
      ? [
          'histogram' as const,
          `a native histogram function (histogram_count(), histogram_fraction(), histogram_quantile() of no _bucket series) reads it${buckets.length > 0 ? `, and its _bucket series at le ${buckets.join(', ')}, the only bounds declared` : ''}`,
        ]
      : family
      ? [family, family === 'histogram' ? histogramReason(name, evidence) : `${name} is selected by quantile`]
      : rated
        ? (['counter', 'rate(), irate(), increase() or resets() reads it'] as const)
        : /_(total|count|sum)$/.test(name)
          ? (['counter', `its name ends in ${/_(total|count|sum)$/.exec(name)?.[0]}`] as const)
          : (['gauge', 'no rate() reads it'] as const);
    const files = [...new Set(evidence.flatMap((s) => [...s.files]))].sort(compareText);
    const firstUse = evidence.map((s) => s.firstUse).sort((a, b) => a.rule - b.rule || a.from - b.from)[0] ?? { rule: 0, from: 0, to: 0 };
    return {
      spec: {
        name,
        type,
        help: `${INFERRED_HELP_PREFIX} from ${files.join(', ')}; confirm its type and labels, then write its help text.`,
        exporter: evidence[0]?.service ?? name,
        ...(Object.keys(labels).length > 0 && { labels }),
        ...(buckets.length > 0 && { buckets }),
        ...(native && { native: true }),
      },
      firstUse,
      typeReason,
      guessedValues,
    };
  }
}

/** The numeric le values a histogram's _bucket series are selected at, in order. */
function bucketBounds(evidence: readonly SeriesEvidence[]): number[] {
  const values = evidence.filter((s) => s.name.endsWith('_bucket')).flatMap((s) => [...(s.labels.get('le')?.values ?? [])]);
  return [...new Set(values.map(Number).filter((bound) => Number.isFinite(bound)))].sort((a, b) => a - b);
}

/** Why a classic histogram is one: its _bucket series under histogram_quantile(), or selected by le. */
function histogramReason(name: string, evidence: readonly SeriesEvidence[]): string {
  const bucket = `${name}_bucket`;
  return evidence.some((s) => s.name === bucket && s.underQuantile) ? `${bucket} is read by histogram_quantile()` : `${bucket} is selected by its le label`;
}

/** The metric a series belongs to: a histogram's or summary's series go to their family. */
function baseName(series: string, histograms: ReadonlySet<string>, summaries: ReadonlySet<string>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!series.endsWith(suffix)) continue;
    const base = series.slice(0, -suffix.length);
    if (histograms.has(base) || (suffix !== '_bucket' && summaries.has(base))) return base;
  }
  return series;
}

/** `a|b|c` of plain values (dots escaped), or undefined for any other regex. */
function literalAlternatives(regex: string): string[] | undefined {
  const parts = regex.split('|');
  if (!parts.every((part) => /^(?:[A-Za-z0-9_\-/:@ ,]|\\\.)+$/.test(part))) return undefined;
  return parts.map((part) => part.replace(/\\\./g, '.'));
}

function templateLabels(templates: readonly string[]): Set<string> {
  const labels = new Set<string>();
  for (const text of templates) for (const match of text.matchAll(LABEL_REFERENCE)) labels.add(match[1] ?? match[2] ?? '');
  labels.delete('');
  return labels;
}
