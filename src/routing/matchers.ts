/**
 * Alertmanager label matchers (`severity="critical"`, `team=~"db|infra"`): parsing, printing
 * in the canonical form Alertmanager writes, matching label sets, and implication between
 * matchers, which the routing checks use to find shadowed routes and self-inhibiting rules.
 */
import { anchoredRegex } from '../promql/regex.ts';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^"\s]*)\s*$/;

/** `label op "value"`, or undefined when the text is no matcher (the schema rejects it first). */
export function parseMatcher(text: string): LabelMatcher | undefined {
  const match = MATCHER.exec(text);
  if (!match) return undefined;
  const [, label = '', op = '=', raw = ''] = match;
  const value = raw.startsWith('"') ? unescapeGo(raw.slice(1, -1)) : raw;
  return { label, op: op as MatchOp, value };
}

/** Alertmanager's unescaping: \n, \" and \\ are escapes; any other backslash is kept (`\.` stays `\.`). */
function unescapeGo(quoted: string): string {
  return quoted.replace(/\\(.)/g, (_match, c: string) => (c === 'n' ? '\n' : c === '"' || c === '\\' ? c : `\\${c}`));
}

/** The form Alertmanager prints and amtool accepts: `label="value"`, escaping only \, " and newlines. */
export function formatMatcher(matcher: LabelMatcher): string {
  const value = matcher.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${matcher.label}${matcher.op}"${value}"`;
}

export function isValidRegex(pattern: string): boolean {
  return anchoredRegex(pattern) !== undefined;
}

/** Whether a label value (empty when the label is missing) satisfies the matcher. */
export function matchesValue(matcher: Pick<LabelMatcher, 'op' | 'value'>, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchoredRegex(matcher.value)?.matches(value) ?? false;
    case '!~':
      return !(anchoredRegex(matcher.value)?.matches(value) ?? true);
  }
}

export function matchesAll(matchers: readonly LabelMatcher[], labels: Readonly<Record<string, string>>): boolean {
  return matchers.every((m) => matchesValue(m, labels[m.label] ?? ''));
}

/**
 * Whether every label set that satisfies `given` also satisfies `implied`. Conservative: true
 * only when one of `given` on the same label decides it (the same matcher, an equality whose
 * value `implied` accepts, or a regex that is a plain alternation of such values).
 */
export function implies(given: readonly LabelMatcher[], implied: LabelMatcher): boolean {
  return given.some((m) => {
    if (m.label !== implied.label) return false;
    if (m.op === implied.op && m.value === implied.value) return true;
    const values = m.op === '=' ? [m.value] : m.op === '=~' ? literalAlternatives(m.value) : undefined;
    return values?.every((v) => matchesValue(implied, v)) ?? false;
  });
}

/** `a|b|c` made of literal strings, or undefined for any other regex. */
function literalAlternatives(pattern: string): string[] | undefined {
  const parts = pattern.split('|');
  return parts.every((p) => /^[a-zA-Z0-9_ -]*$/.test(p)) ? parts : undefined;
}

/** Whether the matchers `a` select a subset of what `b` selects: every matcher of `b` follows from `a`. */
export function narrowerOrEqual(a: readonly LabelMatcher[], b: readonly LabelMatcher[]): boolean {
  return b.every((m) => implies(a, m));
}
