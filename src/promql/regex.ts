/**
 * Label-matcher regexes are Go RE2 syntax, which Prometheus compiles as `^(?:pattern)$`
 * (`^(?s:pattern)$` in 3.x: same syntax, `.` also matches newlines). We compile with re2js, a
 * port of Go's regexp/syntax whose error messages are Go's word for word.
 *
 * re2js follows a newer Go than Debian's promtool 2.42 (Go 1.19, Unicode 13). For version 2 we
 * therefore also reject what Go 1.19 rejects and re2js accepts, with Go 1.19's message:
 * - `(?<name>x)` named groups (Go 1.22+; `(?P<name>x)` works everywhere);
 * - `\p{…}` names added after Go 1.19: Unicode 14–17 scripts, binary properties (White_Space,
 *   Emoji, …) and the special names Assigned, Ascii, Cn, Lc, LC.
 * For version 3, re2js may still be stricter than Go 1.25+, which also accepts category aliases
 * (`\p{Letter}`) and case-insensitive names (`\p{greek}`).
 */
import { RE2JS } from 're2js';
import type { PrometheusVersion } from './functions.ts';

/** `\p{name}` names re2js 2.10 knows that Go 1.19's regexp/syntax does not (checked against promtool 2.42). */
const UNKNOWN_TO_GO_1_19 = new Set([
  'ASCII_Hex_Digit',
  'Alphabetic',
  'Ascii',
  'Assigned',
  'Beria_Erfe',
  'Cn',
  'Cypro_Minoan',
  'Dash',
  'Emoji',
  'Emoji_Component',
  'Emoji_Modifier',
  'Emoji_Modifier_Base',
  'Emoji_Presentation',
  'Extended_Pictographic',
  'Garay',
  'Gurung_Khema',
  'Hex_Digit',
  'Kawi',
  'Kirat_Rai',
  'LC',
  'Lc',
  'Lowercase',
  'Math',
  'Nag_Mundari',
  'Ol_Onal',
  'Old_Uyghur',
  'Quotation_Mark',
  'Sidetic',
  'Sunuwar',
  'Tai_Yo',
  'Tangsa',
  'Terminal_Punctuation',
  'Todhri',
  'Tolong_Siki',
  'Toto',
  'Tulu_Tigalari',
  'Unknown',
  'Uppercase',
  'Vithkuqi',
  'White_Space',
]);

/** A private-use character standing in for the construct Go 1.19 rejects, to find its error. */
const SENTINEL = '\uE000';

interface Go119Problem {
  readonly from: number;
  readonly to: number;
  /** What re2js should parse instead so that it fails at the same place. */
  readonly replacement: string;
  /** Go 1.19's message for it. */
  readonly message: string;
}

const cache = new Map<string, string | undefined>();

/**
 * Patterns every RE2 version compiles, alone and anchored, without asking it: alternatives of
 * plain characters, `.`, `.*` and `.+` (`5..`, `GET|POST`, `api/.*`, the empty pattern). Most
 * matchers are like this, and compiling them with re2js costs more than the rest of their check.
 */
const PLAINLY_VALID = /^(?:[\w\-:/ ,=]|\.[*+]?)*(?:\|(?:[\w\-:/ ,=]|\.[*+]?)*)*$/;

/**
 * Where a regex is used: a label matcher (Prometheus also compiles the pattern alone, for its
 * literal-prefix optimisation), or a relabel rule (compiled anchored only).
 */
export type RegexUse = 'matcher' | 'relabel';

/**
 * Whether `pattern` is a valid regex for the given Prometheus version (2 = the stricter Go 1.19
 * of promtool 2.42, the default) and use; the error message as Prometheus prints it
 * (`error parsing regexp: …`), or undefined when valid.
 */
export function re2Error(pattern: string, version: PrometheusVersion = 2, use: RegexUse = 'matcher'): string | undefined {
  if (PLAINLY_VALID.test(pattern)) return undefined;
  const key = `${version}\0${use}\0${pattern}`;
  if (cache.has(key)) return cache.get(key);
  const result = compute(pattern, version, use);
  cache.set(key, result);
  return result;
}

function compute(pattern: string, version: PrometheusVersion, use: RegexUse): string | undefined {
  // Go allows two groups with the same name, re2js does not: rename the repeats (same length,
  // so that positions in re2js' messages still match the pattern).
  const unique = renameDuplicateGroups(pattern, version);
  const problem = version === 2 && !pattern.includes(SENTINEL) ? firstGo119Problem(pattern) : undefined;
  const source = problem ? unique.slice(0, problem.from) + problem.replacement + unique.slice(problem.to) : unique;
  // A matcher's pattern is also parsed alone, so `5)(0` fails there although `^(?:5)(0)$` compiles.
  let error = compileError(`^(?:${source})$`) ?? (use === 'matcher' ? compileError(source) : undefined);
  if (error === undefined) return undefined;
  if (problem) {
    // re2js failed at our stand-in: Go 1.19 fails there too, with its own message. Any other
    // error comes from earlier in the pattern, where Go stops as well (it may quote the stand-in).
    if (error === compileError(problem.replacement)) return problem.message;
    error = error.split(problem.replacement).join(unique.slice(problem.from, problem.to));
  }
  return unique === pattern ? error : quoteOriginal(error, `^(?:${unique})$`, `^(?:${pattern})$`);
}

/** Replaces the text quoted in `message` (between backquotes), found in `changed`, by the same span of `original`. */
function quoteOriginal(message: string, changed: string, original: string): string {
  const open = message.indexOf('`');
  const close = message.lastIndexOf('`');
  if (open < 0 || close <= open) return message;
  const quoted = message.slice(open + 1, close);
  const at = changed.indexOf(quoted);
  if (at < 0) return message;
  return message.slice(0, open + 1) + original.slice(at, at + quoted.length) + message.slice(close);
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';

function renameDuplicateGroups(pattern: string, version: PrometheusVersion): string {
  const groups = namedGroups(pattern, version);
  const used = new Set(groups.map((g) => g.name));
  if (used.size === groups.length) return pattern;
  const seen = new Set<string>();
  let result = pattern;
  for (const group of groups) {
    if (!seen.has(group.name)) {
      seen.add(group.name);
      continue;
    }
    const fresh = freshName(group.name.length, used);
    if (fresh === undefined) continue;
    used.add(fresh);
    result = result.slice(0, group.at) + fresh + result.slice(group.at + fresh.length);
  }
  return result;
}

function freshName(length: number, used: ReadonlySet<string>): string | undefined {
  const base = NAME_CHARS.length;
  const limit = Math.min(base ** length, 100_000);
  for (let n = 0; n < limit; n++) {
    let name = '';
    for (let k = 0, rest = n; k < length; k++, rest = Math.floor(rest / base)) name += NAME_CHARS[rest % base];
    if (!used.has(name)) return name;
  }
  return undefined;
}

/** Valid group names (`(?P<name>` and, from Go 1.22, `(?<name>`) outside classes and quoting. */
function namedGroups(pattern: string, version: PrometheusVersion): { name: string; at: number }[] {
  const groups: { name: string; at: number }[] = [];
  scan(pattern, (i) => {
    const prefix = pattern.startsWith('(?P<', i) ? 4 : version === 3 && pattern.startsWith('(?<', i) ? 3 : 0;
    if (prefix === 0) return false;
    const end = pattern.indexOf('>', i + prefix);
    const name = end < 0 ? '' : pattern.slice(i + prefix, end);
    if (/^[A-Za-z0-9_]+$/.test(name)) groups.push({ name, at: i + prefix });
    return false;
  });
  return groups;
}

/**
 * Calls `visit` with the index of every `(` that opens a group, scanning as Go's parser does
 * (escapes, `\Q…\E` and character classes skipped) and for every `\p`/`\P` escape; stops
 * when `visit` returns true.
 */
function scan(pattern: string, visit: (index: number, kind: 'group' | 'unicode') => boolean): void {
  let inClass = false;
  let classStart = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === 'Q' && !inClass) {
        const end = pattern.indexOf('\\E', i + 2);
        if (end < 0) return;
        i = end + 1;
        continue;
      }
      if ((next === 'p' || next === 'P') && visit(i, 'unicode')) return;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end >= 0) i = end + 1;
      } else if (c === ']' && i > classStart) {
        inClass = false;
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal.
      classStart = pattern[i + 1] === '^' ? i + 2 : i + 1;
      continue;
    }
    if (c === '(' && visit(i, 'group')) return;
  }
}

/** What monc asks of a compiled pattern. */
export interface AnchoredRegex {
  matches(text: string): boolean;
}

const anchoredRegexes = new Map<string, AnchoredRegex | undefined>();

/**
 * The pattern as Prometheus and Alertmanager match with it, anchored at both ends, in RE2's
 * semantics and linear time: with re2js, as a JS RegExp could backtrack for ever on `(a+)+b`,
 * except for a plain pattern with at most one `.*` or `.+` per alternative, which a RegExp
 * matches in linear time too, without re2js' compile. Undefined when it does not compile.
 */
export function anchoredRegex(pattern: string): AnchoredRegex | undefined {
  if (!anchoredRegexes.has(pattern)) {
    if (anchoredRegexes.size > 10_000) anchoredRegexes.clear();
    anchoredRegexes.set(pattern, compileAnchored(pattern));
  }
  return anchoredRegexes.get(pattern);
}

function compileAnchored(pattern: string): AnchoredRegex | undefined {
  // A plain pattern means the same to JS, with `.` matching any code point (s and u), as to RE2.
  if (PLAINLY_VALID.test(pattern) && pattern.split('|').every((alternative) => (alternative.match(/\.[*+]/g)?.length ?? 0) <= 1)) {
    const regex = new RegExp(`^(?:${pattern})$`, 'su');
    return { matches: (text) => regex.test(text) };
  }
  try {
    return RE2JS.compile(`^(?:${pattern})$`, RE2JS.DOTALL);
  } catch {
    return undefined;
  }
}

function compileError(regex: string): string | undefined {
  try {
    RE2JS.compile(regex);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first construct that Go 1.19 rejects but re2js accepts. */
function firstGo119Problem(pattern: string): Go119Problem | undefined {
  let problem: Go119Problem | undefined;
  scan(pattern, (i, kind) => {
    if (kind === 'unicode') problem = unicodeClassProblem(pattern, i);
    else if (pattern.startsWith('(?<', i)) {
      problem = {
        from: i,
        to: i + 3,
        replacement: `(?${SENTINEL}`,
        message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`',
      };
    }
    return problem !== undefined;
  });
  return problem;
}

function unicodeClassProblem(pattern: string, at: number): Go119Problem | undefined {
  if (pattern[at + 2] !== '{') return undefined;
  const close = pattern.indexOf('}', at + 3);
  if (close < 0) return undefined;
  const inner = pattern.slice(at + 3, close);
  const name = inner.startsWith('^') ? inner.slice(1) : inner;
  if (!UNKNOWN_TO_GO_1_19.has(name)) return undefined;
  const text = pattern.slice(at, close + 1);
  return {
    from: at,
    to: close + 1,
    replacement: `${pattern.slice(at, at + 2)}{${SENTINEL}}`,
    message: `error parsing regexp: invalid character class range: \`${text}\``,
  };
}
