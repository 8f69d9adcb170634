/**
 * PromQL's lexer, as Prometheus' promql/parser/lex.go reads text: the same tokens, the same
 * modes (inside braces label names are plain identifiers and keywords are not keywords; after
 * `[` a duration is expected) and the same lexical errors, each at its character. Prometheus 3
 * tokens (`</`, `>/`, quoted label names, keywords such as limitk) are read too; the parser and
 * the type checker say which target has them.
 */

export class PromqlSyntaxError extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    message: string,
  ) {
    super(message);
  }
}

export type TokenType =
  | 'number'
  | 'duration'
  | 'string'
  /** [a-zA-Z_][a-zA-Z0-9_]*: a metric, label or function name. */
  | 'identifier'
  /** A name with a colon, e.g. job:requests:rate5m: a metric name only. */
  | 'metricIdentifier'
  /** Keywords, aggregators and the keyword operators (and, or, unless, atan2); `value` is lower case. */
  | 'keyword'
  /** + - * / % ^ == != <= < >= > </ >/ and, in braces, = != =~ !~ */
  | 'operator'
  | '('
  | ')'
  | '{'
  | '}'
  | '['
  | ']'
  | ','
  | ':'
  | '@'
  | '='
  | 'eof'
  /** A lexical error: the parser reports `message` when it reaches it. */
  | 'error';

export interface Token {
  readonly type: TokenType;
  /** The text as written. */
  readonly text: string;
  /** Keywords in lower case; the text otherwise. */
  readonly value: string;
  readonly from: number;
  readonly to: number;
  /** For an error token. */
  readonly message?: string;
}

export const AGGREGATORS: ReadonlySet<string> = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile',
  // Prometheus 3
  'limitk', 'limit_ratio',
]);

/** Words the lexer reads as keywords outside braces, in any case (lex.go `key`). */
const KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'unless', 'atan2',
  ...AGGREGATORS,
  'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'start', 'end',
  // Prometheus 3
  'smoothed', 'anchored', 'fill', 'fill_left', 'fill_right', 'step', 'range', 'max_of', 'min_of',
]);

// Character classes by char code, so the lexer compares integers. It runs once per expression
// as cold code: one loop in one function (optimised on the stack once hot) with few calls per
// character, where a method per token and one-character strings cost several times more.
const SPACE = 1;
const DIGIT = 2;
const LETTER = 4;
const COLON = 8;
const CLASS = new Uint8Array(128);
// A comment (# to the end of the line) is blank space too.
for (const c of ' \t\n\r#') CLASS[c.charCodeAt(0)] = SPACE;
for (let code = 48; code <= 57; code++) CLASS[code] = DIGIT;
for (let code = 65; code <= 90; code++) CLASS[code] = LETTER;
for (let code = 97; code <= 122; code++) CLASS[code] = LETTER;
CLASS[95] = LETTER;
CLASS[58] = COLON;
// Runs of characters are scanned by sticky regexes, which run as native code from the first
// calls where a loop in JavaScript would run in the interpreter until the lexer is optimised.
const WORD_TAIL = /[a-zA-Z0-9_:]*/y;
const LABEL_TAIL = /[a-zA-Z0-9_]*/y;
const SPACE_RUN = /[ \t\n\r]*/y;
const BLANK_RUN = /(?:[ \t\n\r]+|#[^\n\r]*)*/y;
/**
 * Strings without line breaks or U+FFFD whose escapes are single characters (`\\.` in a
 * regex): nearly all of them. The rest take the loop in quotedEnd, which checks every escape.
 */
const PLAIN_STRING: Readonly<Record<number, RegExp>> = { 34: /"(?:[^"\\\n\ufffd]|\\[abfnrtv\\"])*"/y, 39: /'(?:[^'\\\n\ufffd]|\\[abfnrtv\\'])*'/y };
const HAS_UPPER = /[A-Z]/;
/** Where the run `sticky` matches at `pos` ends. */
function stickyEnd(sticky: RegExp, input: string, pos: number): number {
  sticky.lastIndex = pos;
  return sticky.test(input) ? sticky.lastIndex : pos;
}
/**
 * The char code at `pos`, or PAST_END. The lexer never reads past the end of the text, nor
 * outside the class table: optimised code that does deoptimises, and the lexer is compiled
 * again, which costs more than lexing the whole corpus.
 */
const PAST_END = -1;
const codeAt = (input: string, pos: number): number => (pos < input.length ? input.charCodeAt(pos) : PAST_END);
/** The class of a char code; 0 outside ASCII and past the end. */
const classOf = (code: number): number => (code >= 0 && code < 128 ? (CLASS[code] as number) : 0);
const classAt = (input: string, pos: number): number => classOf(codeAt(input, pos));
const isAlphaNumeric = (input: string, pos: number) => (classAt(input, pos) & (LETTER | DIGIT)) !== 0;

/** Most words are longer metric names, which need not be looked up. */
const LONGEST_KEYWORD = Math.max(...[...KEYWORDS].map((keyword) => keyword.length));

/** Tokens the lexer reads from `input`; a lexical error ends them with an error token, which the parser reports when it reaches it. */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  const length = input.length;
  let pos = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;
  try {
    for (;;) {
      const start = pos;
      // codeAt and classOf, written out: this runs once per token, mostly interpreted.
      const code = start < length ? input.charCodeAt(start) : PAST_END;
      const kind = code >= 0 && code < 128 ? (CLASS[code] as number) : 0;
      if (kind === SPACE) {
        // Prometheus 3 lexes [ ] as a duration expression, where a comment is an error; 2.x only
        // rejects one right after the [. monc follows 3 for every target. Comments take the
        // same path as spaces: a branch of its own, taken rarely, deoptimised the lexer.
        if (code === 35 /* # */ && bracketOpen) fail(input, start, "unexpected character in duration expression: '#'", start + 1);
        pos = stickyEnd(bracketOpen ? SPACE_RUN : BLANK_RUN, input, pos);
        continue;
      }
      if (start >= length) {
        if (braceOpen) fail(input, start, UNCLOSED('brace'), start);
        if (parenDepth !== 0) fail(input, start, UNCLOSED('parenthesis'), start);
        if (bracketOpen) fail(input, start, UNCLOSED('bracket'), start);
        tokens.push({ type: 'eof', text: '', value: '', from: start, to: start });
        return tokens;
      }
      // Each branch sets the token's type and end; one push below adds it. (One push site keeps
      // the lexer small, which matters: V8 compiles it while the lexing waits for a core.)
      let type: TokenType;
      /** The text, when a branch has already cut it out. */
      let word: string | undefined;
      /** A keyword's lower case. */
      let keyword: string | undefined;
      if (code === 44 /* , */) {
        // Commas and strings read the same inside braces and out.
        pos = start + 1;
        type = ',';
      } else if (code === 34 /* " */ || code === 39 /* ' */ || code === 96 /* ` */) {
        pos = code === 96 ? rawEnd(input, start) : quotedEnd(input, start);
        type = 'string';
      } else if (braceOpen) {
        // Inside braces label names are plain identifiers and keywords are not keywords.
        pos = start + 1;
        type = 'operator';
        if (kind === LETTER) {
          pos = stickyEnd(LABEL_TAIL, input, pos);
          type = 'identifier';
        } else if (code === 61 /* = */) {
          if (codeAt(input, pos) === 126 /* ~ */) pos++;
          else type = '=';
        } else if (code === 33 /* ! */) {
          const next = codeAt(input, pos);
          if (next !== 126 /* ~ */ && next !== 61 /* = */) fail(input, start, `unexpected character after '!' inside braces: ${runeOrEof(input, pos)}`, pos);
          pos++;
        } else if (code === 125 /* } */) {
          braceOpen = false;
          type = '}';
        } else if (code === 123 /* { */) fail(input, start, "unexpected left brace '{'", pos);
        else fail(input, start, `unexpected character inside braces: ${quoteRune(String.fromCodePoint(input.codePointAt(start) ?? 0))}`, pos);
      } else if (kind === LETTER || (kind === COLON && !bracketOpen)) {
        pos = stickyEnd(WORD_TAIL, input, start + 1);
        word = input.slice(start, pos);
        type = word.includes(':') ? 'metricIdentifier' : 'identifier';
        // Most words are metric names, longer than any keyword. Keywords are read in any case;
        // most words are lower case already.
        if (word.length <= LONGEST_KEYWORD) {
          const lower = HAS_UPPER.test(word) ? word.toLowerCase() : word;
          if (lower === 'inf' || lower === 'nan') type = 'number';
          else if (KEYWORDS.has(lower)) {
            type = 'keyword';
            keyword = lower;
          }
        }
      } else if (kind === DIGIT || (code === 46 /* . */ && classAt(input, start + 1) === DIGIT)) {
        const number = numberEnd(input, start);
        if (number > 0) {
          pos = number;
          type = 'number';
        } else {
          pos = durationEnd(input, start, -number);
          type = 'duration';
        }
      } else {
        pos = start + 1;
        const next = codeAt(input, pos);
        switch (code) {
          case 42 /* * */:
          case 47 /* / */:
          case 37 /* % */:
          case 43 /* + */:
          case 45 /* - */:
          case 94 /* ^ */:
            type = 'operator';
            break;
          case 61 /* = */:
            if (next === 126 /* ~ */) fail(input, start, `unexpected character after '=': ${quoteRune('~')}`, pos);
            if (next === 61 /* = */) pos++;
            type = next === 61 ? 'operator' : '=';
            break;
          case 33 /* ! */:
            if (next !== 61 /* = */) fail(input, start, `unexpected character after '!': ${runeOrEof(input, pos)}`, pos);
            pos++;
            type = 'operator';
            break;
          case 60 /* < */:
          case 62 /* > */:
            if (next === 61 /* = */ || next === 47 /* / */) pos++;
            type = 'operator';
            break;
          case 40 /* ( */:
            parenDepth++;
            type = '(';
            break;
          case 41 /* ) */:
            parenDepth--;
            if (parenDepth < 0) fail(input, start, "unexpected right parenthesis ')'", pos);
            type = ')';
            break;
          case 123 /* { */:
            braceOpen = true;
            type = '{';
            break;
          case 91 /* [ */:
            if (bracketOpen) fail(input, start, "unexpected left bracket '['", pos);
            bracketOpen = true;
            gotColon = false;
            type = '[';
            break;
          case 93 /* ] */:
            if (!bracketOpen) fail(input, start, "unexpected right bracket ']'", pos);
            bracketOpen = false;
            type = ']';
            break;
          case 64 /* @ */:
            type = '@';
            break;
          case 58 /* : inside [ ] */:
            if (gotColon) fail(input, start, "unexpected colon ':'", pos);
            gotColon = true;
            type = ':';
            break;
          default:
            fail(input, start, `unexpected character: ${quoteRune(String.fromCodePoint(input.codePointAt(start) ?? 0))}`, pos);
        }
      }
      const text = word ?? input.slice(start, pos);
      tokens.push({ type, text, value: keyword ?? text, from: start, to: pos });
    }
  } catch (error) {
    if (!(error instanceof PromqlSyntaxError)) throw error;
    // The parser meets the error where the lexer did.
    tokens.push({ type: 'error', text: '', value: '', from: error.from, to: error.to, message: error.message });
    return tokens;
  }
}

function fail(input: string, from: number, message: string, to: number): never {
  throw new PromqlSyntaxError(from, Math.min(to, Math.max(input.length, from)), message);
}

/** The character at `pos` as Go's %q shows it, or EOF. */
const runeOrEof = (input: string, pos: number) => (pos < input.length ? quoteRune(input[pos] as string) : 'EOF');

/** Go's %q of a rune: 'x', or an escape. */
function quoteRune(c: string): string {
  return `'${JSON.stringify(c).slice(1, -1).replace(/'/g, "\\'")}'`;
}

/** Go decodes U+FFFD as utf8.RuneError, which Prometheus' lexer refuses inside strings. */
function replacementCharacter(input: string, at: number): never {
  return fail(input, at, 'the replacement character U+FFFD in a string, which Prometheus reads as invalid UTF-8 ("invalid UTF-8 rune"); write it as \\ufffd', at + 1);
}

/** The end of the "…" or '…' string at `start`: escapes as Go's, no line break. */
function quotedEnd(input: string, start: number): number {
  const quote = input.charCodeAt(start);
  const plain = stickyEnd(PLAIN_STRING[quote] as RegExp, input, start);
  if (plain > start) return plain;
  let pos = start + 1;
  for (;;) {
    const c = codeAt(input, pos);
    if (c === PAST_END || c === 10) fail(input, start, 'unterminated quoted string', pos);
    if (c === 0xfffd) replacementCharacter(input, pos);
    pos++;
    if (c === quote) return pos;
    if (c === 92 /* backslash */) pos = escapeEnd(input, pos, String.fromCharCode(quote));
  }
}

/** The end of the escape sequence after the backslash before `afterBackslash`, in a string quoted with `quote`. */
function escapeEnd(input: string, afterBackslash: number, quote: string): number {
  const at = afterBackslash - 1;
  let pos = afterBackslash;
  const c = input[pos];
  if (c === undefined) return fail(input, at, 'escape sequence not terminated', pos);
  pos++;
  if ('abfnrtv\\'.includes(c) || c === quote) return pos;
  let digits: number;
  let base: number;
  let max: number;
  if (c >= '0' && c <= '7') {
    [digits, base, max] = [3, 8, 255];
    pos--;
  } else if (c === 'x') [digits, base, max] = [2, 16, 255];
  else if (c === 'u') [digits, base, max] = [4, 16, 0x10ffff];
  else if (c === 'U') [digits, base, max] = [8, 16, 0x10ffff];
  else return fail(input, at, `unknown escape sequence ${goRune(c)}`, pos);
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const d = input[pos];
    const digit = d === undefined ? 16 : Number.parseInt(d, 16);
    if (Number.isNaN(digit) || digit >= base) {
      if (d === undefined) fail(input, at, 'escape sequence not terminated', pos);
      fail(input, at, `illegal character ${goRune(d)} in escape sequence`, pos + 1);
    }
    value = value * base + digit;
    pos++;
  }
  if (value > max || (value >= 0xd800 && value < 0xe000)) fail(input, at, 'escape sequence is an invalid Unicode code point', pos);
  return pos;
}

/** The end of the `…` string at `start`. */
function rawEnd(input: string, start: number): number {
  const end = input.indexOf('`', start + 1);
  const replacement = input.indexOf('\ufffd', start + 1);
  if (replacement >= 0 && (end < 0 || replacement < end)) replacementCharacter(input, replacement);
  if (end < 0) fail(input, start, 'unterminated raw string', input.length);
  return end + 1;
}

/** The run of decimal digits (or hex digits) at `pos`: where it ends. */
export function digitsEnd(input: string, pos: number, hex: boolean): number {
  let end = pos;
  for (;;) {
    const code = codeAt(input, end);
    const lower = code | 0x20;
    if (!((code >= 48 && code <= 57) || (hex && lower >= 97 && lower <= 102))) return end;
    end++;
  }
}

/** One of `chars` at `pos`: the position after it, or `pos`. */
const accept = (input: string, pos: number, chars: string): number => (pos < input.length && chars.includes(input[pos] as string) ? pos + 1 : pos);

/**
 * Prometheus 2's scanNumber from `start`: decimal or hex digits, a fraction, an exponent, not
 * followed by a letter or digit. Its end when it is a number; else minus where a duration's
 * unit would start (lexNumberOrDuration goes on there).
 */
function numberEnd(input: string, start: number): number {
  const pos = stickyEnd(NUMBER, input, start);
  return isAlphaNumeric(input, pos) ? -pos : pos;
}

/**
 * scanNumber's digits as one run: hex after 0x (whose digits include e, so no exponent
 * follows), else decimal; then a fraction and an exponent, each optional. A regex, as branches
 * for the rarer forms (0x, 1e9) deoptimised the lexer whenever they first came up.
 */
const NUMBER = /0[xX][0-9a-fA-F]*(?:\.[0-9a-fA-F]*)?(?:[eE][+-]?[0-9]*)?|[0-9]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?/y;

/** The unit and any further number-unit pairs of the duration `start` begins, from `from`, as acceptRemainingDuration reads them: their end. */
function durationEnd(input: string, start: number, from: number): number {
  const bad = (at: number) => fail(input, start, `bad number or duration syntax: ${JSON.stringify(input.slice(start, at))}`, at);
  let pos = accept(input, from, 'smhdwy');
  if (pos === from) return bad(pos);
  pos = accept(input, pos, 's');
  for (let digits = digitsEnd(input, pos, false); digits > pos; digits = digitsEnd(input, pos, false)) {
    pos = digits;
    const unit = accept(input, pos, 'smhdw');
    if (unit === pos) return bad(pos);
    pos = accept(input, unit, 's');
  }
  return isAlphaNumeric(input, pos) ? bad(pos) : pos;
}

const UNCLOSED = (what: string) => `unclosed left ${what}: the expression ends before it is closed`;

/** Go's %#U: U+0064 'd'. */
function goRune(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${quoteRune(c)}`;
}
