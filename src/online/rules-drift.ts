/**
 * The generated rule groups against the groups a live Prometheus has loaded: which generated
 * rules it lacks, which it has changed, and which it has that monc does not generate.
 *
 * Rules are matched by group, kind and name. A name can repeat in a group (an SLO's recording
 * rules repeat per SLO, told apart by their labels), so among rules of one name identical ones
 * pair first, then ones with the same labels, then the rest in file order.
 */
import { parseDuration } from '../promql/ast.ts';
import { parsePromql } from '../promql/parse.ts';
import { printExpr } from '../promql/print.ts';
import type { AlertingRuleOut, RecordingRuleOut, RuleGroup } from '../rules/rule-groups.ts';
import type { LoadedRule, LoadedRuleGroup } from './snapshot.ts';
import { appendTo } from '../collections.ts';

export type GeneratedRule = RecordingRuleOut | AlertingRuleOut;

export type RuleDrift =
  | { readonly kind: 'missing'; readonly rule: GeneratedRule }
  | { readonly kind: 'changed'; readonly rule: GeneratedRule; readonly loaded: LoadedRule; readonly differences: readonly string[] }
  | { readonly kind: 'extra'; readonly loaded: LoadedRule };

export const ruleName = (rule: GeneratedRule) => (rule.kind === 'record' ? rule.record : rule.alert);

/** The drift of one generated group against the loaded groups of the same name (merged). */
export function groupDrift(group: RuleGroup, loaded: readonly LoadedRuleGroup[]): RuleDrift[] {
  const key = (kind: string, name: string) => `${kind}\u0000${name}`;
  const generatedByName = new Map<string, GeneratedRule[]>();
  for (const rule of group.rules) appendTo(generatedByName, key(rule.kind, ruleName(rule)), rule);
  const loadedByName = new Map<string, LoadedRule[]>();
  for (const rule of loaded.flatMap((g) => g.rules)) appendTo(loadedByName, key(rule.kind, rule.name), rule);

  const drift: RuleDrift[] = [];
  for (const name of new Set([...generatedByName.keys(), ...loadedByName.keys()])) {
    const generated = [...(generatedByName.get(name) ?? [])];
    const running = [...(loadedByName.get(name) ?? [])];
    const take = (fits: (g: GeneratedRule, l: LoadedRule) => boolean) => {
      const pairs: [GeneratedRule, LoadedRule][] = [];
      for (const g of [...generated]) {
        const i = running.findIndex((l) => fits(g, l));
        if (i < 0) continue;
        pairs.push([g, ...running.splice(i, 1)] as [GeneratedRule, LoadedRule]);
        generated.splice(generated.indexOf(g), 1);
      }
      return pairs;
    };
    take((g, l) => differences(g, l).length === 0);
    const changed = [...take((g, l) => sameMap(g.labels, l.labels)), ...take(() => true)];
    for (const [rule, l] of changed) drift.push({ kind: 'changed', rule, loaded: l, differences: differences(rule, l) });
    for (const rule of generated) drift.push({ kind: 'missing', rule });
    for (const l of running) drift.push({ kind: 'extra', loaded: l });
  }
  return drift;
}

/** What differs, each as "field: there … , generated …"; empty when the rules are the same. */
function differences(rule: GeneratedRule, loaded: LoadedRule): string[] {
  const found: string[] = [];
  if (canonicalExpr(loaded.expr) !== canonicalExpr(rule.expr)) found.push(`expr is ${JSON.stringify(loaded.expr)} there, ${JSON.stringify(rule.expr)} generated`);
  if (rule.kind === 'alert') {
    const forSeconds = rule.for === undefined ? 0 : (parseDuration(rule.for) ?? 0) / 1000;
    if (forSeconds !== loaded.forSeconds) found.push(`for is ${loaded.forSeconds}s there, ${forSeconds}s generated`);
    const annotations = mapDifference(rule.annotations, loaded.annotations);
    if (annotations) found.push(`annotations differ (${annotations})`);
  }
  const labels = mapDifference(rule.labels, loaded.labels);
  if (labels) found.push(`labels differ (${labels})`);
  return found;
}

/**
 * The expression as monc prints its tree, durations in milliseconds: Prometheus prints its own
 * way (its layout, `2w` for `14d`), so only the trees compare.
 */
function canonicalExpr(text: string): string {
  const { ast } = parsePromql(text);
  return ast ? printExpr(withMsDurations(ast)) : text.trim();
}

/** A copy of the tree with every duration written in milliseconds. */
function withMsDurations<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withMsDurations) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withMsDurations(value)])) as Record<string, unknown>;
  if (typeof copy['ms'] === 'number' && typeof copy['text'] === 'string') copy['text'] = `${copy['ms']}ms`;
  return copy as T;
}

function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return mapDifference(a, b) === undefined;
}

/** The keys whose values differ, as `key: "there" ≠ "generated"`, or undefined when equal. */
function mapDifference(generated: Readonly<Record<string, string>>, loaded: Readonly<Record<string, string>>): string | undefined {
  const keys = [...new Set([...Object.keys(generated), ...Object.keys(loaded)])].sort();
  const differing = keys.filter((k) => generated[k] !== loaded[k]);
  if (differing.length === 0) return undefined;
  const show = (v: string | undefined) => (v === undefined ? 'unset' : JSON.stringify(v));
  return differing.map((k) => `${k}: ${show(loaded[k])} there, ${show(generated[k])} generated`).join('; ');
}
