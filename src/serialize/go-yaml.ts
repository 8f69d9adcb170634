/**
 * YAML exactly as sigs.k8s.io/yaml writes it (JSON, then go-yaml v2's emitter): what the
 * prometheus-operator renders a PrometheusRule's spec into before it checks the 512 KiB limit,
 * and what `kubectl -o yaml` prints. Keys sorted go-yaml's way (digit runs by value), block
 * style, sequences not indented under their key, plain scalars folded past column 80, strings
 * that would read as another type double-quoted, multi-line strings as literal blocks.
 *
 * A port of go-yaml v2's emitterc.go for the values JSON has (maps, lists, strings, integers,
 * booleans, null); test/serialize/go-yaml.tools.test.ts compares it with kubectl's output.
 */
import { flat } from '../flat.ts';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Style = 'plain' | 'single' | 'double' | 'literal';

export function goYaml(value: unknown): string {
  const emitter = new Emitter();
  emitter.node(value, { mapping: false, simpleKey: false });
  emitter.writeIndent(); // the document's end
  return emitter.text();
}

interface Context {
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
  readonly blockAllowed: boolean;
}

class Emitter {
  #out = '';
  #column = 0;
  #indent = -1;
  readonly #indents: number[] = [];
  #whitespace = true;
  #indention = true;

  text(): string {
    return flat(this.#out);
  }

  node(value: unknown, context: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.#emptyFlow('[', ']');
      else this.#sequence(value, context);
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (entries.length === 0) this.#emptyFlow('{', '}');
      else this.#mapping(entries);
    } else {
      this.#scalar(typeof value === 'string' ? value : scalarText(value), context, typeof value === 'string' ? stringStyle(value) : 'plain');
    }
  }

  #sequence(items: readonly unknown[], context: Context): void {
    this.#increaseIndent(false, context.mapping && !this.#indention);
    for (const item of items) {
      this.writeIndent();
      this.#writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.#popIndent();
  }

  #mapping(entries: readonly [string, unknown][]): void {
    this.#increaseIndent(false, false);
    for (const [key, value] of sortKeys(entries)) {
      this.writeIndent();
      if (!analyze(key).multiline && utf8Length(key) <= 128) {
        this.#scalar(key, { mapping: true, simpleKey: true }, stringStyle(key));
        this.#writeIndicator(':', false, false, false);
      } else {
        this.#writeIndicator('?', true, false, true);
        this.#scalar(key, { mapping: true, simpleKey: false }, stringStyle(key));
        this.writeIndent();
        this.#writeIndicator(':', true, false, true);
      }
      this.node(value, { mapping: true, simpleKey: false });
    }
    this.#popIndent();
  }

  #emptyFlow(open: string, close: string): void {
    this.#writeIndicator(open, true, true, false);
    this.#writeIndicator(close, false, false, false);
  }

  #scalar(text: string, context: Context, requested: Style): void {
    const style = allowedStyle(requested, text, analyze(text), context);
    this.#increaseIndent(true, false);
    const allowBreaks = !context.simpleKey;
    // Most scalars take the fast paths: plain and too short to fold, or a literal block of \n-separated lines.
    if (style === 'plain' && (!allowBreaks || this.#column + 1 + text.length <= BEST_WIDTH + 1)) this.#plainUnfolded(text);
    else if (style === 'literal' && !/[\r\u2028\u2029]/.test(text)) this.#literalLines(text);
    else {
      const chars = Array.from(text);
      if (style === 'plain') this.#plain(chars, allowBreaks);
      else if (style === 'single') this.#singleQuoted(chars, allowBreaks);
      else if (style === 'double') this.#doubleQuoted(chars, allowBreaks);
      else this.#literal(chars);
    }
    this.#popIndent();
  }

  /** #plain when no space can come past the width, or breaks are not allowed: the text as it is. */
  #plainUnfolded(text: string): void {
    if (!this.#whitespace) this.#put(' ');
    this.#out += text;
    this.#column += codePointCount(text);
    this.#whitespace = false;
    this.#indention = false;
  }

  /** #literal when the only line breaks are \n: each non-empty line indented. */
  #literalLines(text: string): void {
    this.#writeIndicator('|', true, false, false);
    if (text[0] === ' ' || text[0] === '\n') this.#writeIndicator(String(BEST_INDENT), false, false, false);
    const chomp = chompHint(text);
    if (chomp !== '') this.#writeIndicator(chomp, false, false, false);
    const indent = ' '.repeat(Math.max(this.#indent, 0));
    const lines = text.split('\n');
    this.#out += `\n${lines.map((line) => (line === '' ? '' : indent + line)).join('\n')}`;
    const last = lines[lines.length - 1] ?? '';
    this.#column = last === '' ? 0 : indent.length + codePointCount(last);
    this.#indention = last === '';
    this.#whitespace = true;
  }

  #increaseIndent(flow: boolean, indentless: boolean): void {
    this.#indents.push(this.#indent);
    if (this.#indent < 0) this.#indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.#indent += BEST_INDENT;
  }

  #popIndent(): void {
    this.#indent = this.#indents.pop() ?? -1;
  }

  #put(text: string): void {
    this.#out += text;
    this.#column += 1;
  }

  #putBreak(): void {
    this.#out += '\n';
    this.#column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.#indent, 0);
    if (!this.#indention || this.#column > indent || (this.#column === indent && !this.#whitespace)) this.#putBreak();
    if (this.#column < indent) {
      this.#out += ' '.repeat(indent - this.#column);
      this.#column = indent;
    }
    this.#whitespace = true;
    this.#indention = true;
  }

  #writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.#whitespace) this.#put(' ');
    for (const ch of indicator) this.#put(ch);
    this.#whitespace = isWhitespace;
    this.#indention = this.#indention && isIndention;
  }

  /** A line break inside a scalar: '\n' as it is, the other breaks copied with the column reset. */
  #writeBreak(ch: string): void {
    if (ch === '\n') {
      this.#putBreak();
    } else {
      this.#put(ch);
      this.#column = 0;
    }
  }

  #plain(chars: readonly string[], allowBreaks: boolean): void {
    if (!this.#whitespace) this.#put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.#column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent();
        else this.#put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.#putBreak();
        this.#writeBreak(ch);
        this.#indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.#put(ch);
        this.#indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.#whitespace = false;
    this.#indention = false;
  }

  #singleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.#writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.#column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.#put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.#putBreak();
        this.#writeBreak(ch);
        this.#indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.#put("'");
        this.#put(ch);
        this.#indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.#writeIndicator("'", false, false, false);
    this.#whitespace = false;
    this.#indention = false;
  }

  #doubleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.#writeIndicator('"', true, false, false);
    // go-yaml looks for a byte-order mark at the start of the value, whichever character it is at.
    const startsWithBom = chars[0] === '\ufeff';
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      const code = ch.codePointAt(0) ?? 0;
      if (!isPrintable(code) || startsWithBom || isBreak(ch) || ch === '"' || ch === '\\') {
        for (const out of escapeSequence(code)) this.#put(out);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.#column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.#put('\\');
        } else {
          this.#put(ch);
        }
        spaces = true;
      } else {
        this.#put(ch);
        spaces = false;
      }
    }
    this.#writeIndicator('"', false, false, false);
    this.#whitespace = false;
    this.#indention = false;
  }

  #literal(chars: readonly string[]): void {
    this.#writeIndicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0] ?? '')) this.#writeIndicator(String(BEST_INDENT), false, false, false);
    const chomp = chompHint(chars.join(''));
    if (chomp !== '') this.#writeIndicator(chomp, false, false, false);
    this.#putBreak();
    this.#indention = true;
    this.#whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.#writeBreak(ch);
        this.#indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.#put(ch);
        this.#indention = false;
        breaks = false;
      }
    }
  }
}

/** null, a boolean or an integer, written plain. */
function scalarText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Rule specs, monitors and Secrets hold integers only; go's float formatting is not ported.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new TypeError(`goYaml writes JSON values with integer numbers, not ${String(value)}`);
}

/** go-yaml's choice for a string: literal when it has a line break, plain when it reads back as a string, else double-quoted. */
function stringStyle(text: string): Style {
  return text.includes('\n') ? 'literal' : resolvesToString(text) ? 'plain' : 'double';
}

/** The requested style, or the next one the emitter allows for this scalar in this place. */
function allowedStyle(requested: Style, text: string, analysis: Analysis, context: Context): Style {
  let style = requested;
  if (context.simpleKey && analysis.multiline) style = 'double';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed) style = 'single';
    if (text.length === 0 && context.simpleKey) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || context.simpleKey)) style = 'double';
  return style;
}

/** Most keys and many values: no spaces, breaks, indicators or unprintable characters. */
const WORD = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
const WORD_ANALYSIS: Analysis = { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };

/**
 * go-yaml's analysis of a scalar, over UTF-16 code units: the characters it looks for are all in
 * the BMP, and a surrogate (half of a character past the BMP, or a lone one) is unprintable to it.
 */
function analyze(text: string): Analysis {
  if (text.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  if (WORD.test(text)) return WORD_ANALYSIS;
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((ch === ':' && followedByWhitespace) || (ch === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(text.charCodeAt(i))) specialCharacters = true;
    if (ch === ' ') {
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(ch) || ch === '\0';
  }
  const leadingSpace = text[0] === ' ';
  const leadingBreak = isBreak(text[0] as string);
  const trailingSpace = text[last] === ' ';
  const trailingBreak = isBreak(text[last] as string);
  let blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let singleQuotedAllowed = true;
  let blockAllowed = !trailingSpace;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function chompHint(text: string): string {
  const last = text[text.length - 1];
  if (last === undefined || !isBreak(last)) return '-';
  if (text.length === 1) return '+';
  return isBreak(text[text.length - 2] ?? '') ? '+' : '';
}

/** go-yaml counts columns in characters: a surrogate pair is one. */
function codePointCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function isBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

/** go-yaml's printable set: line feed, printable ASCII, and the BMP from U+00A0 except surrogates, the BOM and U+FFFE/U+FFFF. */
function isPrintable(code: number): boolean {
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff);
}

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

/** The characters of an escape sequence, each one column wide. */
function escapeSequence(code: number): string[] {
  const named = NAMED_ESCAPES.get(code);
  if (named !== undefined) return ['\\', named];
  const [prefix, digits] = code <= 0xff ? ['x', 2] : code <= 0xffff ? ['u', 4] : ['U', 8];
  return ['\\', prefix, ...code.toString(16).toUpperCase().padStart(digits, '0')];
}

// ---------------------------------------------------------------- what a plain scalar would read as

const NON_STRINGS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const BASE_60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt ]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/;

/**
 * go-yaml's resolve() of an unquoted scalar gives !!str, and it is no base-60 float: then it may be
 * written plain. (Its table has `<<` too, but resolve() never looks it up: '<' starts no other type.)
 */
function resolvesToString(text: string): boolean {
  if (NON_STRINGS.has(text)) return false;
  const first = text[0] ?? '';
  if (first === '.') return !(YAML_STYLE_FLOAT.test(text) && Number.isFinite(Number(text)));
  if (!/^[-+0-9]$/.test(first)) return true;
  if (isTimestamp(text)) return false;
  const plain = text.replaceAll('_', '');
  if (GO_INT.test(plain) && fitsUint64(plain)) return false;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return false;
  if (/^-?0b[01]+$/.test(plain)) return false;
  return !BASE_60_FLOAT.test(text);
}

/** ParseInt or ParseUint succeeds: the magnitude fits 64 bits (ParseInt's negative range reaches 2^63). */
function fitsUint64(literal: string): boolean {
  const negative = literal.startsWith('-');
  const digits = literal.replace(/^[-+]/, '');
  const normalised = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits.replace(/^0([oObBxX])/, (_, p: string) => `0${p.toLowerCase()}`);
  const magnitude = BigInt(normalised);
  return negative ? magnitude <= 2n ** 63n : magnitude < 2n ** 64n;
}

/** time.Parse accepts it in one of go-yaml's timestamp layouts: a real date, and a real time of day. */
function isTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (match[4] === undefined) return true;
  return Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6]) < 60;
}

/**
 * go-yaml's order is not transitive (k10 < k1a < k9 < k10); Go sorts the keys in map iteration
 * order, which is random, so such key sets come out in any order there too. The size is the same.
 */
function sortKeys<T>(entries: readonly [string, T][]): [string, T][] {
  return [...entries].sort(([a], [b]) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
}

/** go-yaml's key order: letters by code point, digit runs by their value, letters before other characters. */
function keyLess(a: string, b: string): boolean {
  const ar = ASCII.test(a) ? a : Array.from(a);
  const br = ASCII.test(b) ? b : Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) ?? 0) < (bc.codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10n + BigInt((ar[ai]?.codePointAt(0) ?? 48) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10n + BigInt((br[bi]?.codePointAt(0) ?? 48) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ac.codePointAt(0) ?? 0) < (bc.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is what the fast paths need to know
const ASCII = /^[\x00-\x7f]*$/;

/** unicode.IsLetter; ASCII without a regular expression. */
function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return /\p{L}/u.test(ch);
}

/** unicode.IsDigit; go-yaml then takes the digit's value as its code point minus '0', also for other scripts' digits. */
function isDigit(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 0x30 && code <= 0x39;
  return /\p{Nd}/u.test(ch);
}
