/**
 * Grafana template variables in panel queries. The PromQL checks need plain PromQL, so each
 * variable is replaced by a stand-in of the right kind — a duration inside `[…]`, a number
 * elsewhere, and left as it is inside a string (a matcher value) — and the replacements are
 * kept so checks can tell a written `[5m]` from `[$__rate_interval]`.
 */

/** Grafana's own variables, which need no definition. */
export const BUILTIN_VARIABLES = ['__rate_interval', '__interval', '__interval_ms', '__range', '__range_s', '__range_ms', '__from', '__to', '__dashboard', '__name', '__org', '__user'];

export interface Substituted {
  readonly text: string;
  /** Where variables were replaced: in the new text (from, to) and as written (writtenFrom, writtenTo). */
  readonly variables: readonly {
    readonly name: string;
    readonly from: number;
    readonly to: number;
    readonly writtenFrom: number;
    readonly writtenTo: number;
    readonly inString: boolean;
  }[];
}

/** An offset in the substituted text as an offset in the text as written. */
export function writtenOffset(substituted: Substituted, offset: number): number {
  let shift = 0;
  for (const v of substituted.variables) {
    if (offset < v.from) break;
    if (offset < v.to) return Math.min(v.writtenFrom + (offset - v.from), v.writtenTo);
    shift = v.writtenTo - v.to;
  }
  return offset + shift;
}

/** $job, ${job}, [[job]] in a matcher's value: a dashboard query's, whose value the viewer picks (a `$` anchor at the end of a regex is not one). */
export function hasGrafanaVariable(value: string): boolean {
  return /\$\{?[a-zA-Z_]|\[\[[a-zA-Z_]/.test(value);
}

const VARIABLE = /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]/g;

/**
 * Stand-ins by position: a duration where PromQL wants one (a range, a subquery step, after
 * offset), a label name inside a label list (by, without, on, ignoring, group_left/right),
 * a number elsewhere. Each is padded with spaces to the variable's length when it is
 * shorter, so positions in the checked text are positions in the written one.
 */
/** Stands for a label-name variable; catalog/unknown-label knows it is not a real label. */
export const LABEL_STAND_IN = '__v';

const DURATION_BEFORE = /(\[|:|\boffset)\s*$/;
const LABEL_LIST_BEFORE = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*$/;

function standIn(before: string): string {
  if (DURATION_BEFORE.test(before)) return '5m';
  if (LABEL_LIST_BEFORE.test(before)) return LABEL_STAND_IN;
  return '1';
}

export function substituteVariables(text: string): Substituted {
  const variables: Substituted['variables'][number][] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const index = match.index ?? 0;
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    out += text.slice(last, index);
    const inString = insideString(text, index);
    const replacement = inString ? match[0] : standIn(text.slice(0, index)).padEnd(match[0].length, ' ');
    variables.push({ name, from: out.length, to: out.length + replacement.length, writtenFrom: index, writtenTo: index + match[0].length, inString });
    out += replacement;
    last = index + match[0].length;
  }
  return { text: out + text.slice(last), variables };
}

/** Whether `index` is inside a "…", '…' or `…` string literal. */
function insideString(text: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== undefined;
}

/** The variables a query uses, by name. */
export function usedVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}
