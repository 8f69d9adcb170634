/**
 * Input series for an SLO's generated tests: concrete series that the SLI's selectors pick
 * (and, for the good events, that the error selector does not), with label values taken from
 * the matchers, the label's declared values, or a small pool, each verified against the matcher.
 */
import { anchoredRegex } from '../promql/regex.ts';
import type { Catalog } from '../model/catalog.ts';
import { walk, type Expr, type LabelMatcher, type VectorSelector } from '../promql/ast.ts';
import type { Recorded, Step } from './scenarios.ts';
import { promqlString } from '../api/promql-string.ts';
import { flat } from '../flat.ts';

export type Labels = Readonly<Record<string, string>>;

export interface SeriesTemplate {
  readonly name: string;
  readonly labels: Labels;
}

/** Counter series fed from the scenario's steps. */
export interface CounterFeed {
  readonly kind: 'counters';
  readonly series: readonly { readonly series: SeriesTemplate; readonly count: (step: Step) => number }[];
  /** The groupBy label values every recorded series carries. */
  readonly groupLabels: Labels;
  /** What the SLI rules record from the counts they see, when not the counts themselves (a timeslice judges each step). */
  readonly record?: (counted: Recorded) => Recorded;
}

/** 0/1 series, one per varied label value. */
export interface AvailabilityFeed {
  readonly kind: 'availability';
  readonly series: readonly SeriesTemplate[];
  readonly groupLabels: Labels;
}

export type Feed = CounterFeed | AvailabilityFeed;

const POOL = ['200', '500', '0', '1', 'ok', 'error', 'success', 'failure', 'true', 'false', 'GET', 'POST', 'default', 'x'];

/** The declared values of a metric's label, for test series that must carry real values. */
export function declaredValues(catalog: Catalog, metric: string, label: string): readonly string[] {
  return catalog.get(metric)?.metric?.labels.find((l) => l.name === label)?.values ?? [];
}

export interface Selector {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}

/** The one series selector of a query's AST: a plain selector, or the only one inside a {{window}} expression. */
export function selectorOf(ast: Expr | undefined): Selector | undefined {
  if (!ast) return undefined;
  const selectors = [...walk(ast)].filter((node): node is VectorSelector => node.kind === 'vector');
  const only = selectors.length === 1 ? selectors[0] : undefined;
  if (!only?.metric) return undefined;
  return { name: only.metric.name, matchers: only.matchers.filter((m) => m.label.name !== '__name__') };
}

function matches(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    default: {
      const regex = anchoredRegex(matcher.value);
      if (!regex) return false;
      return matcher.op === '=~' ? regex.matches(value) : !regex.matches(value);
    }
  }
}

/** A few strings a regex is likely to match: its literal text with classes and groups collapsed. */
function regexSamples(pattern: string): string[] {
  const first = pattern
    .replace(/^\^|\$$/g, '')
    .replace(/\(\?:/g, '(')
    .replace(/\\d/g, '0')
    .replace(/\[\^?([^\]])[^\]]*\]/g, '$1')
    .replace(/\(([^|()]*)(\|[^()]*)?\)/g, '$1')
    .replace(/[?*]/g, '')
    .replace(/\+/g, '')
    .replace(/\\(.)/g, '$1');
  return [first, first.replace(/\./g, '0'), first.split('|')[0] ?? ''];
}

function candidates(label: string, matchers: readonly LabelMatcher[], domain: readonly string[]): string[] {
  const mine = matchers.filter((m) => m.label.name === label);
  return [
    ...new Set([
      ...mine.filter((m) => m.op === '=').map((m) => m.value),
      ...domain,
      ...mine.filter((m) => m.op === '=~').flatMap((m) => regexSamples(m.value)),
      ...POOL,
    ]),
  ].filter((value) => value !== '');
}

/** Labels satisfying every matcher of `selector` and of `also`, with the groupBy labels set. */
export function labelsFor(selector: Selector, also: readonly LabelMatcher[], groupBy: readonly string[], domain: (label: string) => readonly string[]): Labels | undefined {
  const all = [...selector.matchers, ...also];
  const names = [...new Set([...all.map((m) => m.label.name), ...groupBy])].sort();
  const labels: Record<string, string> = {};
  for (const name of names) {
    const constraints = all.filter((m) => m.label.name === name);
    // A matcher that accepts the empty value accepts a series without the label.
    if (!groupBy.includes(name) && constraints.every((m) => matches(m, ''))) continue;
    const value = candidates(name, all, domain(name)).find((v) => constraints.every((m) => matches(m, v)));
    if (value === undefined) return undefined;
    labels[name] = value;
  }
  return labels;
}

/** Series picked by `part` (inside) and series picked by `total` but not by `part` (outside). */
export function splitSeries(
  total: Selector,
  part: Selector,
  groupBy: readonly string[],
  domains: (metric: string, label: string) => readonly string[],
): { inside: SeriesTemplate; outside: SeriesTemplate; sameMetric: boolean } | undefined {
  if (total.name !== part.name) {
    const insideLabels = labelsFor(part, [], groupBy, (label) => domains(part.name, label));
    const group = insideLabels && pickGroup(insideLabels, groupBy);
    const outsideLabels = group && labelsFor(total, groupMatchers(group), groupBy, (label) => domains(total.name, label));
    if (!insideLabels || !outsideLabels) return undefined;
    return { inside: { name: part.name, labels: insideLabels }, outside: { name: total.name, labels: outsideLabels }, sameMetric: false };
  }
  const domain = (label: string) => domains(total.name, label);
  const inside = labelsFor(total, part.matchers, groupBy, domain);
  if (!inside) return undefined;
  for (const matcher of part.matchers) {
    const label = matcher.label.name;
    const value = candidates(label, [...total.matchers, ...part.matchers], domain(label)).find(
      (v) => total.matchers.filter((m) => m.label.name === label).every((m) => matches(m, v)) && !matches(matcher, v),
    );
    if (value === undefined || groupBy.includes(label)) continue;
    return { inside: { name: total.name, labels: inside }, outside: { name: total.name, labels: { ...inside, [label]: value } }, sameMetric: true };
  }
  return undefined;
}

export function pickGroup(labels: Labels, groupBy: readonly string[]): Labels {
  return Object.fromEntries(groupBy.map((label) => [label, labels[label] ?? '']));
}

function groupMatchers(group: Labels): LabelMatcher[] {
  const at = { from: 0, to: 0 };
  return Object.entries(group).map(([name, value]) => ({ ...at, label: { ...at, name }, op: '=' as const, value, valueRange: at }));
}

/** `name{a="x", b="y"}` in promtool's input notation. */
export function seriesText(series: SeriesTemplate): string {
  const labels = Object.entries(series.labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${promqlString(value)}`);
  return labels.length === 0 ? series.name : flat(`${series.name}{${labels.join(', ')}}`);
}

/** promtool's expanding notation for a list of values: runs of equal steps as `start+stepxN`, gaps as `_`. */
export function expandingNotation(values: readonly (number | undefined)[]): string {
  const tokens: string[] = [];
  let i = 0;
  while (i < values.length) {
    const start = values[i];
    if (start === undefined) {
      let n = 0;
      while (values[i + n + 1] === undefined && i + n + 1 < values.length) n++;
      tokens.push(n === 0 ? '_' : `_x${n + 1}`);
      i += n + 1;
      continue;
    }
    const next = values[i + 1];
    const step = next === undefined ? undefined : next - start;
    let n = 0;
    while (step !== undefined && values[i + n + 1] !== undefined && (values[i + n + 1] ?? 0) - (values[i + n] ?? 0) === step) n++;
    tokens.push(n === 0 ? String(start) : `${start}${step !== undefined && step < 0 ? '' : '+'}${step}x${n}`);
    i += n + 1;
  }
  return tokens.join(' ');
}
