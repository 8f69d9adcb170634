/**
 * What the k8s/ checks share: whether the Kubernetes objects are written at all, the API
 * server's syntax rules for names, label keys and values (k8s.io/apimachinery's validation),
 * and how a label selector reads.
 */
import type { Span } from '../diagnostic.ts';
import type { LabelSelector, Model } from '../model/model.ts';

/** The prometheus-operator target is selected: the checks about its objects matter. */
export function writesKubernetes(model: Model): boolean {
  return model.targets.includes('prometheus-operator');
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why `name` cannot name an object (a DNS subdomain: lowercase letters, digits, '-' and '.', at most 253), or undefined. */
export function objectNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > 253) return `is ${name.length} characters long, over Kubernetes' 253`;
  return DNS_SUBDOMAIN.test(name) ? undefined : 'is no lowercase DNS subdomain name';
}

/** Why `key` is no label or annotation key ([prefix/]name: a DNS subdomain prefix, a name of at most 63 letters, digits, '-', '_', '.'), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `has the prefix "${prefix}", which is no lowercase DNS subdomain`;
  if (name.length > 63) return `has a name of ${name.length} characters, over 63`;
  if (!QUALIFIED_NAME.test(name)) return 'must be letters, digits, -, _ and ., starting and ending with a letter or digit, with an optional DNS prefix and /';
  return undefined;
}

/** Why `value` is no label value (at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit; or empty), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long, over 63`;
  return LABEL_VALUE.test(value) ? undefined : 'must be letters, digits, -, _ and ., starting and ending with a letter or digit';
}

/** A requirement of a selector, where it is written, and whether a label set meets it. */
export interface Requirement {
  readonly at: Span;
  /** As kubectl writes it: `app=web`, `tier in (api,web)`, `!canary`. */
  readonly text: string;
  readonly key: string;
  /** The values of the key it names. */
  readonly values: readonly string[];
  holds(labels: Readonly<Record<string, string>>): boolean;
}

/** matchLabels, then matchExpressions, each a requirement; an object is selected when it meets them all. */
export function requirements(selector: LabelSelector): Requirement[] {
  const fromLabels = Object.entries(selector.matchLabels).map(
    ([key, value]): Requirement => ({ at: selector.origin.at('matchLabels', key), text: `${key}=${value}`, key, values: [value], holds: (labels) => labels[key] === value }),
  );
  const fromExpressions = selector.matchExpressions.map((e, i): Requirement => {
    const at = selector.origin.at('matchExpressions', i);
    const has = (labels: Readonly<Record<string, string>>) => Object.hasOwn(labels, e.key);
    const among = (labels: Readonly<Record<string, string>>) => has(labels) && e.values.includes(labels[e.key] ?? '');
    const byOperator = {
      In: { text: `${e.key} in (${e.values.join(',')})`, holds: among },
      NotIn: { text: `${e.key} notin (${e.values.join(',')})`, holds: (labels: Readonly<Record<string, string>>) => !among(labels) },
      Exists: { text: e.key, holds: has },
      DoesNotExist: { text: `!${e.key}`, holds: (labels: Readonly<Record<string, string>>) => !has(labels) },
    };
    return { at, key: e.key, values: e.values, ...byOperator[e.operator] };
  });
  return [...fromLabels, ...fromExpressions];
}

export interface SelectorProblem {
  readonly at: Span;
  readonly message: string;
}

/**
 * What makes a selector invalid (the API server refuses the object) or unsatisfiable (it selects
 * nothing): keys and values that are no label keys and values, In and NotIn without values,
 * Exists and DoesNotExist with values, and requirements on one key that exclude each other.
 */
export function selectorProblems(selector: LabelSelector): SelectorProblem[] {
  const problems: SelectorProblem[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) problems.push({ at: selector.origin.keyAt('matchLabels', key), message: `matchLabels key "${key}" ${keyProblem}` });
    const valueProblem = labelValueProblem(value);
    if (valueProblem) problems.push({ at: selector.origin.at('matchLabels', key), message: `matchLabels value "${value}" of ${key} ${valueProblem}` });
  }
  selector.matchExpressions.forEach((e, i) => {
    const keyProblem = labelKeyProblem(e.key);
    if (keyProblem) problems.push({ at: selector.origin.at('matchExpressions', i, 'key'), message: `key "${e.key}" ${keyProblem}` });
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues && e.values.length === 0) problems.push({ at: selector.origin.at('matchExpressions', i, 'operator'), message: `${e.operator} needs values: with none, the API server refuses the selector` });
    if (!needsValues && e.values.length > 0) problems.push({ at: selector.origin.at('matchExpressions', i, 'values'), message: `${e.operator} takes no values: with values, the API server refuses the selector` });
    e.values.forEach((value, j) => {
      const valueProblem = labelValueProblem(value);
      if (valueProblem) problems.push({ at: selector.origin.at('matchExpressions', i, 'values', j), message: `value "${value}" of ${e.key} ${valueProblem}` });
    });
  });
  return problems.length > 0 ? problems : contradictions(selector);
}

/** Requirements that no label set meets together: for each key, the first requirement that cannot hold with the ones before it. */
function contradictions(selector: LabelSelector): SelectorProblem[] {
  const all = requirements(selector);
  const problems: SelectorProblem[] = [];
  for (const key of new Set(all.map((r) => r.key))) {
    const onKey = all.filter((r) => r.key === key);
    for (let n = 2; n <= onKey.length; n++) {
      const first = onKey.slice(0, n);
      if (satisfiable(first, key)) continue;
      const last = first[first.length - 1] as Requirement;
      problems.push({ at: last.at, message: `"${last.text}" cannot hold together with ${first.slice(0, -1).map((r) => `"${r.text}"`).join(' and ')}: the selector selects nothing` });
      break;
    }
  }
  return problems;
}

/** Some value of `key`, or its absence, meets every requirement: only the values they name matter, and one they do not. */
function satisfiable(onKey: readonly Requirement[], key: string): boolean {
  const named = new Set(onKey.flatMap((r) => r.values));
  const candidates: Record<string, string>[] = [{}, { [key]: unnamedValue(named) }, ...[...named].map((value) => ({ [key]: value }))];
  return candidates.some((labels) => onKey.every((r) => r.holds(labels)));
}

function unnamedValue(named: ReadonlySet<string>): string {
  let value = 'x';
  while (named.has(value)) value += 'x';
  return value;
}
