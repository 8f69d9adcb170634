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

/** Tokens the lexer reads from `input`; a lexical error is thrown when the parser would reach it. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && (c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlphaNumeric = (c: string | undefined) => isAlpha(c) || isDigit(c);

/** Go's %q of a rune: 'x', or an escape. */
function quoteRune(c: string): string {
  return `'${JSON.stringify(c).slice(1, -1).replace(/'/g, "\\'")}'`;
}

const REPLACEMENT_CHARACTER = '\ufffd';

class Lexer {
  #pos = 0;
  #parenDepth = 0;
  #braceOpen = false;
  #bracketOpen = false;
  #gotColon = false;
  readonly #tokens: Token[] = [];

  constructor(private readonly input: string) {}

  run(): Token[] {
    try {
      while (this.step()) {
        // one token, space or comment per step
      }
    } catch (error) {
      if (!(error instanceof PromqlSyntaxError)) throw error;
      // The parser meets the error where the lexer did.
      this.#tokens.push({ type: 'error', text: '', value: '', from: error.from, to: error.to, message: error.message });
    }
    return this.#tokens;
  }

  private fail(from: number, message: string, to = Math.max(from + 1, this.#pos)): never {
    throw new PromqlSyntaxError(from, Math.min(to, Math.max(this.input.length, from)), message);
  }

  private emit(type: TokenType, from: number, value?: string): void {
    const text = this.input.slice(from, this.#pos);
    this.#tokens.push({ type, text, value: value ?? text, from, to: this.#pos });
  }

  /** Reads one token (or skips space or a comment); false at the end. */
  private step(): boolean {
    const input = this.input;
    const start = this.#pos;
    const c = input[start];
    if (c === '#') {
      // Prometheus 3 lexes [ ] as a duration expression, where a comment is an error; 2.x only
      // rejects one right after the [. monc follows 3 for every target.
      if (this.#bracketOpen) this.fail(start, "unexpected character in duration expression: '#'");
      while (this.#pos < input.length && input[this.#pos] !== '\n' && input[this.#pos] !== '\r') this.#pos++;
      return true;
    }
    if (this.#braceOpen) return this.insideBraces(start, c);
    if (c === undefined) {
      if (this.#parenDepth !== 0) this.fail(start, UNCLOSED('parenthesis'), start);
      if (this.#bracketOpen) this.fail(start, UNCLOSED('bracket'), start);
      this.#tokens.push({ type: 'eof', text: '', value: '', from: start, to: start });
      return false;
    }
    this.#pos++;
    const next = input[this.#pos];
    if (isSpace(c)) {
      while (isSpace(input[this.#pos])) this.#pos++;
      return true;
    }
    switch (c) {
      case ',':
        this.emit(',', start);
        return true;
      case '*':
      case '/':
      case '%':
      case '+':
      case '-':
      case '^':
        this.emit('operator', start);
        return true;
      case '=':
        if (next === '=') {
          this.#pos++;
          this.emit('operator', start);
        } else if (next === '~') {
          this.fail(start, `unexpected character after '=': ${quoteRune('~')}`);
        } else this.emit('=', start);
        return true;
      case '!':
        if (next !== '=') this.fail(start, `unexpected character after '!': ${next === undefined ? 'EOF' : quoteRune(next)}`);
        this.#pos++;
        this.emit('operator', start);
        return true;
      case '<':
      case '>':
        if (next === '=' || next === '/') this.#pos++;
        this.emit('operator', start);
        return true;
      case '(':
        this.#parenDepth++;
        this.emit('(', start);
        return true;
      case ')':
        this.#parenDepth--;
        if (this.#parenDepth < 0) this.fail(start, "unexpected right parenthesis ')'");
        this.emit(')', start);
        return true;
      case '{':
        this.#braceOpen = true;
        this.emit('{', start);
        return true;
      case '[':
        if (this.#bracketOpen) this.fail(start, "unexpected left bracket '['");
        this.#bracketOpen = true;
        this.#gotColon = false;
        this.emit('[', start);
        return true;
      case ']':
        if (!this.#bracketOpen) this.fail(start, "unexpected right bracket ']'");
        this.#bracketOpen = false;
        this.emit(']', start);
        return true;
      case '@':
        this.emit('@', start);
        return true;
      case '"':
      case "'":
        this.quoted(start, c);
        return true;
      case '`':
        this.raw(start);
        return true;
    }
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      this.#pos = start;
      this.numberOrDuration(start);
      return true;
    }
    if (c === ':' && this.#bracketOpen) {
      if (this.#gotColon) this.fail(start, "unexpected colon ':'");
      this.#gotColon = true;
      this.emit(':', start);
      return true;
    }
    if (isAlpha(c) || c === ':') {
      while (isAlphaNumeric(input[this.#pos]) || input[this.#pos] === ':') this.#pos++;
      const word = input.slice(start, this.#pos);
      const lower = word.toLowerCase();
      if (lower === 'inf' || lower === 'nan') this.emit('number', start);
      else if (KEYWORDS.has(lower)) this.emit('keyword', start, lower);
      else this.emit(word.includes(':') ? 'metricIdentifier' : 'identifier', start);
      return true;
    }
    return this.fail(start, `unexpected character: ${quoteRune(String.fromCodePoint(input.codePointAt(start) ?? 0))}`);
  }

  private insideBraces(start: number, c: string | undefined): boolean {
    const input = this.input;
    if (c === undefined) this.fail(start, UNCLOSED('brace'), start);
    this.#pos++;
    const next = input[this.#pos];
    if (isSpace(c)) {
      while (isSpace(input[this.#pos])) this.#pos++;
      return true;
    }
    if (isAlpha(c)) {
      while (isAlphaNumeric(input[this.#pos])) this.#pos++;
      this.emit('identifier', start);
      return true;
    }
    switch (c) {
      case ',':
        this.emit(',', start);
        return true;
      case '"':
      case "'":
        this.quoted(start, c);
        return true;
      case '`':
        this.raw(start);
        return true;
      case '=':
        if (next === '~') this.#pos++;
        this.emit(next === '~' ? 'operator' : '=', start);
        return true;
      case '!':
        if (next !== '~' && next !== '=') this.fail(start, `unexpected character after '!' inside braces: ${next === undefined ? 'EOF' : quoteRune(next)}`);
        this.#pos++;
        this.emit('operator', start);
        return true;
      case '{':
        return this.fail(start, "unexpected left brace '{'");
      case '}':
        this.#braceOpen = false;
        this.emit('}', start);
        return true;
    }
    return this.fail(start, `unexpected character inside braces: ${quoteRune(String.fromCodePoint(input.codePointAt(start) ?? 0))}`);
  }

  /** A "…" or '…' string: escapes as Go's, no line break. */
  private quoted(start: number, quote: string): void {
    const input = this.input;
    for (;;) {
      const c = input[this.#pos];
      if (c === undefined || c === '\n') this.fail(start, 'unterminated quoted string', this.#pos);
      if (c === REPLACEMENT_CHARACTER) this.replacementCharacter();
      this.#pos++;
      if (c === quote) break;
      if (c === '\\') this.escape(quote);
    }
    this.emit('string', start);
  }

  /** Go decodes U+FFFD as utf8.RuneError, which Prometheus' lexer refuses inside strings. */
  private replacementCharacter(): never {
    this.fail(this.#pos, 'the replacement character U+FFFD in a string, which Prometheus reads as invalid UTF-8 ("invalid UTF-8 rune"); write it as \\ufffd', this.#pos + 1);
  }

  private escape(quote: string): void {
    const at = this.#pos - 1;
    const c = this.input[this.#pos];
    if (c === undefined) this.fail(at, 'escape sequence not terminated');
    this.#pos++;
    if ('abfnrtv\\'.includes(c) || c === quote) return;
    let digits: number;
    let base: number;
    let max: number;
    if (c >= '0' && c <= '7') {
      [digits, base, max] = [3, 8, 255];
      this.#pos--;
    } else if (c === 'x') [digits, base, max] = [2, 16, 255];
    else if (c === 'u') [digits, base, max] = [4, 16, 0x10ffff];
    else if (c === 'U') [digits, base, max] = [8, 16, 0x10ffff];
    else this.fail(at, `unknown escape sequence ${goRune(c)}`, this.#pos);
    let value = 0;
    for (let i = 0; i < digits; i++) {
      const d = this.input[this.#pos];
      const digit = d === undefined ? 16 : Number.parseInt(d, 16);
      if (Number.isNaN(digit) || digit >= base) {
        if (d === undefined) this.fail(at, 'escape sequence not terminated');
        this.fail(at, `illegal character ${goRune(d)} in escape sequence`, this.#pos + 1);
      }
      value = value * base + digit;
      this.#pos++;
    }
    if (value > max || (value >= 0xd800 && value < 0xe000)) this.fail(at, 'escape sequence is an invalid Unicode code point', this.#pos);
  }

  private raw(start: number): void {
    const end = this.input.indexOf('`', this.#pos);
    const replacement = this.input.indexOf(REPLACEMENT_CHARACTER, this.#pos);
    if (replacement >= 0 && (end < 0 || replacement < end)) {
      this.#pos = replacement;
      this.replacementCharacter();
    }
    if (end < 0) this.fail(start, 'unterminated raw string', this.input.length);
    this.#pos = end + 1;
    this.emit('string', start);
  }

  /** lexNumberOrDuration: a number, or a duration such as 5m or 1h30m. */
  private numberOrDuration(start: number): void {
    if (this.scanNumber()) {
      this.emit('number', start);
      return;
    }
    if (this.acceptDuration()) {
      this.emit('duration', start);
      return;
    }
    this.fail(start, `bad number or duration syntax: ${JSON.stringify(this.input.slice(start, this.#pos))}`);
  }

  private accept(chars: string): boolean {
    const c = this.input[this.#pos];
    if (c !== undefined && chars.includes(c)) {
      this.#pos++;
      return true;
    }
    return false;
  }

  private acceptRun(chars: string): void {
    while (this.accept(chars)) {
      // consume
    }
  }

  /** Prometheus 2's scanNumber: decimal or hex digits, a fraction, an exponent; not followed by a letter or digit. */
  private scanNumber(): boolean {
    let digits = '0123456789';
    if (this.accept('0') && this.accept('xX')) digits = '0123456789abcdefABCDEF';
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789');
    }
    return !isAlphaNumeric(this.input[this.#pos]);
  }

  /** The unit and any further number-unit pairs of a duration, as acceptRemainingDuration reads them. */
  private acceptDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept('0123456789')) {
      this.acceptRun('0123456789');
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlphaNumeric(this.input[this.#pos]);
  }
}

const UNCLOSED = (what: string) => `unclosed left ${what}: the expression ends before it is closed`;

/** Go's %#U: U+0064 'd'. */
function goRune(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${quoteRune(c)}`;
}
