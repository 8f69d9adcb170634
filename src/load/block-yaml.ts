/**
 * A fast reader for the YAML that rule files, definitions and the config are written in: block
 * mappings and sequences of plain, quoted (also over several lines) and block scalars, flow
 * collections on one line, anchors and aliases, and comments. It builds the `yaml` package's
 * own nodes with the same values, scalar types and ranges (yaml's lexer, CST and composer were
 * 35-40% of a cold `monc lint --rules`), in one pass over the lines.
 *
 * Anything else it declines, and the caller reads the text with `yaml` as before: tags,
 * directives, tabs, CR line ends, complex or duplicate keys, flow collections over several
 * lines, indentation indicators, comments where yaml stretches ranges over them, and everything
 * `yaml` would report as an error. Declining is always safe; reading differently is not, so
 * whatever is read here is compared with `yaml` in test/load/block-yaml.test.ts.
 */
import { Alias, Document, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** The text is not in the subset this reader takes. Internal: never escapes readBlockYaml. */
class Declined extends Error {}

const decline = (): never => {
  throw new Declined();
};

/** Characters a plain scalar cannot start with (YAML's indicators), apart from - ? : before a non-space. */
const NOT_PLAIN_START = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** Plain scalars the core schema reads as something other than a string: its null, bool, int and float tests (yaml 2's schema/core). */
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))?$/;
const DOUBLE_QUOTED = /"((?:[^"\\\n]|\\[^\n])*)"/y;
const SINGLE_QUOTED = /'((?:[^'\n]|'')*)'/y;
const DOUBLE_QUOTED_LINES = /"(?:[^"\\]|\\[\s\S])*"/y;
const SINGLE_QUOTED_LINES = /'(?:[^']|'')*'/y;
const SPACES = / */y;
/** An anchor's or alias's name: up to a space, a line break or a flow indicator. */
const NAME = /[^ \n,[\]{}]+/y;
/** A plain scalar in a flow collection runs up to a comma, a bracket, a line break, ` #` or a `:` before a separator. */
const FLOW_PLAIN = /(?:[^,[\]{}:#\n]|:(?![ ,[\]{}\n])|(?<! )#)*/y;
const FLOW_SEPARATED = /^(?:[ ,[\]{}\n]|)$/;
const BLOCK_HEADER = /([|>])([+-]?)/y;
/** YAML's escapes in double-quoted scalars, the one-character ones. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** The documents of `text` as `yaml`'s parseAllDocuments builds them, or undefined when the text is outside the subset. */
export function readBlockYaml(text: string, options: ConstructorParameters<typeof Document>[2]): Document.Parsed[] | undefined {
  if (text.includes('\t') || text.includes('\r') || text.includes('\ufeff')) return undefined;
  try {
    return new BlockReader(text, options).documents();
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

interface ContentLine {
  /** Where the line starts. */
  readonly start: number;
  /** Its spaces before the first character. */
  readonly indent: number;
  /** Where its first character is. */
  readonly first: number;
}

/**
 * Plain scalars that are no strings (1, 0.5, true), as yaml resolved them, by the options they
 * were read with: each text is resolved once for all files. Per file, a project of a thousand
 * files resolved the same numbers a thousand times over (~0.2 s).
 */
const RESOLVED = new WeakMap<object, Map<string, Scalar>>();
const NO_OPTIONS = {};

class BlockReader {
  /** Always at the start of a line: the first line not yet read. */
  #pos = 0;
  /** The anchors of the document so far. */
  #anchors = new Set<string>();
  /** The comment lines content() last skipped: up to where, and the deepest one's indent (-1: none). */
  #skipped = { to: -1, deepestComment: -1 };

  constructor(
    private readonly text: string,
    private readonly options: ConstructorParameters<typeof Document>[2],
  ) {}

  documents(): Document.Parsed[] {
    const docs: Document.Parsed[] = [];
    for (;;) {
      const start = this.#pos;
      let line = this.content();
      if (line && this.isMarker(line, '---')) {
        this.markerLine(line);
        line = this.content();
      }
      // Empty documents (a stream of none, a last `---`), `...` and directives are left to yaml.
      if (line === undefined || line.indent !== 0 || this.isMarker(line, '---') || this.isMarker(line, '...') || this.text[line.first] === '%') return decline();
      this.#anchors = new Set();
      const root = this.blockNode(line, -1);
      if (root instanceof Scalar || (root as YAMLMap | YAMLSeq).flow) decline(); // a document of one scalar or flow collection
      const doc = new Document(undefined, this.options);
      doc.contents = root;
      const after = this.content();
      const end = after ? after.start : this.text.length;
      doc.range = [start, root.range?.[2] ?? end, end];
      docs.push(doc as Document.Parsed);
      if (!after) return docs;
      if (!this.isMarker(after, '---')) decline();
    }
  }

  // ---------------------------------------------------------------- lines

  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end < 0 ? this.text.length : end;
  }

  /** After the line break ending the line at `from` (or the end of the text). */
  private nextLine(from: number): number {
    return Math.min(this.lineEnd(from) + 1, this.text.length);
  }

  private spacesAt(from: number): number {
    SPACES.lastIndex = from;
    SPACES.test(this.text);
    return SPACES.lastIndex;
  }

  /** The next line with content, skipping blank and comment lines; undefined at the end. */
  private content(): ContentLine | undefined {
    let deepestComment = -1;
    const from = this.#pos;
    for (;;) {
      const start = this.#pos;
      const first = start >= this.text.length ? start : this.spacesAt(start);
      const c = this.text[first];
      if (c === '\n' || c === '#') {
        if (c === '#') deepestComment = Math.max(deepestComment, first - start);
        this.#pos = this.nextLine(first);
        continue;
      }
      if (this.#pos > from) this.#skipped = { to: this.#pos, deepestComment };
      if (c === undefined) {
        this.#pos = this.text.length;
        return undefined;
      }
      return { start, indent: first - start, first };
    }
  }

  /**
   * A collection ends before `next`. Comments between its last item and `next` that sit deeper
   * than `next` belong to the items that end here, and yaml stretches their ranges over them in
   * ways left to it.
   */
  private endCollection(next: ContentLine | undefined): void {
    const end = next?.start ?? this.text.length;
    if (this.#skipped.to === end && this.#skipped.deepestComment > (next?.indent ?? 0)) decline();
  }

  private isMarker(line: ContentLine, marker: string): boolean {
    return line.indent === 0 && this.text.startsWith(marker, line.first) && /^(?:[ \n]|$)/.test(this.text.slice(line.first + 3, line.first + 4));
  }

  /** A `---` line, with nothing after it but a comment. */
  private markerLine(line: ContentLine): void {
    this.endOfLine(line.first + 3, true);
  }

  /**
   * Where the line goes on after a value that ends at `from`: only spaces and a comment may
   * follow (a comment after at least one space, unless `commentMayTouch`). Moves to the next
   * line; returns the position after the line break.
   */
  private endOfLine(from: number, commentMayTouch = false): number {
    const at = this.spacesAt(from);
    const c = this.text[at];
    if (c !== undefined && c !== '\n' && !(c === '#' && (at > from || commentMayTouch))) decline();
    this.#pos = this.nextLine(at);
    return this.#pos;
  }

  // ---------------------------------------------------------------- collections

  /** The block node that starts on `line`, inside a parent indented by `parentIndent`. */
  private blockNode(line: ContentLine, parentIndent: number): Node {
    if (this.isDash(line.first)) return this.sequence(line);
    if (this.keyEnd(line.first) !== undefined) return this.mapping(line.first, line.indent);
    // A scalar on a line of its own (key:\n  value).
    return this.inline(line.first, parentIndent);
  }

  /** Whether a block collection at `indent` ends before `next`: a shallower line or a document marker. */
  private endsBlock(next: ContentLine, indent: number): boolean {
    return next.indent < indent || this.isMarker(next, '---') || this.isMarker(next, '...');
  }

  /** A sequence item's `-` at `at`. */
  private isDash(at: number): boolean {
    return this.text[at] === '-' && this.isSeparated(at + 1);
  }

  /** Whether the character at `at` ends the indicator before it: a space, a line break or the end. */
  private isSeparated(at: number): boolean {
    const c = this.text[at];
    return c === undefined || c === ' ' || c === '\n';
  }

  private mapping(firstKey: number, indent: number): YAMLMap {
    const map = new YAMLMap();
    const seen = new Set<unknown>();
    let keyAt = firstKey;
    let end = firstKey;
    for (;;) {
      const colon = this.keyEnd(keyAt) ?? decline();
      const key = this.key(keyAt, colon);
      const keyValue = key.value;
      if (seen.has(keyValue)) decline(); // yaml reports the duplicate
      seen.add(keyValue);
      const value = this.value(colon + 1, indent);
      map.items.push(new Pair(key, value));
      end = value.range?.[2] ?? end;
      const next = this.content();
      if (!next || this.endsBlock(next, indent)) {
        this.endCollection(next);
        break;
      }
      if (next.indent > indent || this.isDash(next.first)) decline();
      keyAt = next.first;
    }
    map.range = [firstKey, end, end];
    return map;
  }

  private sequence(first: ContentLine): YAMLSeq {
    const seq = new YAMLSeq();
    const indent = first.indent;
    let dash = first.first;
    let end = dash;
    for (;;) {
      const item = this.sequenceItem(dash, indent);
      seq.items.push(item);
      end = item.range?.[2] ?? end;
      const next = this.content();
      if (!next || this.endsBlock(next, indent)) {
        this.endCollection(next);
        break;
      }
      if (next.indent > indent) decline();
      if (!this.isDash(next.first)) {
        this.endCollection(next); // the parent mapping's next key
        break;
      }
      dash = next.first;
    }
    seq.range = [first.first, end, end];
    return seq;
  }

  private sequenceItem(dash: number, indent: number): Node {
    const at = this.spacesAt(dash + 1);
    const c = this.text[at];
    if (c === undefined || c === '\n' || (c === '#' && at > dash + 1)) return this.valueOnNextLines(at, indent);
    if (c === '&' || c === '*') return this.anchoredOrAlias(at, indent);
    if (this.isDash(at)) decline(); // - - x
    // - key: value starts a mapping indented as far as the key.
    if (this.keyEnd(at) !== undefined) return this.mapping(at, at - this.lineStart(at));
    return this.inline(at, indent);
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  /** The value after a key's colon or an item's dash: on the same line, or below. */
  private value(afterColon: number, indent: number): Node {
    const at = this.spacesAt(afterColon);
    const c = this.text[at];
    if (c === undefined || c === '\n' || (c === '#' && at > afterColon)) return this.valueOnNextLines(at, indent);
    if (c === '&' || c === '*') return this.anchoredOrAlias(at, indent);
    return this.inline(at, indent);
  }

  /**
   * `&name` before a value (on the line, or a block below), or `*name` for one anchored
   * earlier in the document: the labels definitions share. An anchored key, an anchor on an
   * empty value or before `key: value`, and an alias of no anchor are left to yaml.
   */
  private anchoredOrAlias(at: number, indent: number): Node {
    NAME.lastIndex = at + 1;
    const name = NAME.exec(this.text)?.[0] ?? decline();
    const end = NAME.lastIndex;
    if (this.text[at] === '*') {
      if (!this.#anchors.has(name)) decline();
      const alias = new Alias(name);
      alias.range = [at, end, this.endOfLine(end)];
      return alias;
    }
    const valueAt = this.spacesAt(end);
    const c = this.text[valueAt];
    if (valueAt === end && c !== '\n' && c !== undefined) decline(); // &a&b, &a"x"
    let node: Node;
    if (c === undefined || c === '\n' || c === '#') {
      node = this.valueOnNextLines(valueAt, indent);
      if (node instanceof Scalar && node.value === null) decline();
    } else {
      if (c === '&' || c === '*' || this.keyEnd(valueAt) !== undefined) decline();
      node = this.inline(valueAt, indent);
    }
    node.anchor = name;
    this.#anchors.add(name);
    return node;
  }

  /** Nothing on the line after the indicator: a node on the lines below, or null. */
  private valueOnNextLines(at: number, indent: number): Node {
    const below = this.nextLine(at);
    this.#pos = below;
    const next = this.content();
    if (next && !this.isMarker(next, '---') && !this.isMarker(next, '...')) {
      if (next.indent > indent) return this.blockNode(next, indent);
      // A sequence may sit as far in as its key.
      if (next.indent === indent && this.isDash(next.first) && indent >= 0) return this.sequence(next);
    }
    // yaml puts an empty value where the line's content ends; where it ends when comments follow is left to yaml.
    if (this.text[at] === '#' || /^ *#/m.test(this.text.slice(below, next?.start ?? this.text.length))) decline();
    return emptyScalar(at);
  }

  // ---------------------------------------------------------------- keys

  /** Where the key's `:` is, when the line at `at` is `key: …`; undefined when it is no mapping entry. */
  private keyEnd(at: number): number | undefined {
    const text = this.text;
    const c = text[at];
    const lineEnd = this.lineEnd(at);
    let after: number;
    if (c === '"' || c === "'") {
      const quoted = c === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
      quoted.lastIndex = at;
      if (!quoted.test(text)) return undefined;
      after = this.spacesAt(quoted.lastIndex);
      return text[after] === ':' && this.isSeparated(after + 1) ? after : undefined;
    }
    if (c === undefined || NOT_PLAIN_START.has(c) || ((c === '-' || c === '?' || c === ':') && this.isSeparated(at + 1))) return undefined;
    // Searches stay inside the line: most lines have no comment, and a search for one must not run to the end of the file.
    const line = text.slice(at, lineEnd);
    const comment = line.indexOf(' #');
    for (let colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
      if (comment >= 0 && comment < colon) return undefined;
      if (this.isSeparated(at + colon + 1)) return at + colon;
    }
    return undefined;
  }

  private key(at: number, colon: number): Scalar {
    const c = this.text[at];
    if (c === '"' || c === "'") {
      const { value, end } = this.quoted(at);
      return this.scalarNode(value, c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, at, end, end);
    }
    const raw = trimSpaces(this.text.slice(at, colon));
    return this.plainNode(raw, at, at + raw.length, at + raw.length);
  }

  // ---------------------------------------------------------------- scalars

  /** What starts at `at` after a key or a dash: a scalar, or a flow collection on one line. */
  private inline(at: number, indent: number): Node {
    const c = this.text[at];
    if (c === '[' || c === '{') {
      const collection = this.flowCollection(at);
      const end = collection.range?.[1] ?? at;
      collection.range = [at, end, this.endOfLine(end)];
      return collection;
    }
    return this.scalar(at, indent);
  }

  /**
   * `[a, "b", 1]` or `{k: v, m: [n]}` on one line: the JSON-like lists and labels that rule
   * files and definitions write inline. Flow collections over several lines, with a complex
   * key, an empty or a trailing entry, or with a comment inside, are left to yaml.
   */
  private flowCollection(open: number): YAMLSeq | YAMLMap {
    const isMapping = this.text[open] === '{';
    const collection = isMapping ? new YAMLMap() : new YAMLSeq();
    collection.flow = true;
    const close = isMapping ? '}' : ']';
    let at = this.spacesAt(open + 1);
    if (this.text[at] === close) {
      collection.range = [open, at + 1, at + 1];
      return collection;
    }
    const seen = new Set<unknown>();
    for (;;) {
      if (isMapping) {
        const key = this.flowScalar(at, true);
        const colon = this.spacesAt(key.range?.[1] ?? at);
        if (this.text[colon] !== ':' || !this.isSeparated(colon + 1) || seen.has(key.value)) decline();
        seen.add(key.value);
        const valueAt = this.spacesAt(colon + 1);
        const c = this.text[valueAt];
        let value: Node;
        if (c === ',' || c === close) value = emptyScalar(valueAt);
        else value = this.flowItem(valueAt);
        (collection as YAMLMap).items.push(new Pair(key, value));
        at = value.range?.[1] ?? valueAt;
      } else {
        const item = this.flowItem(at);
        (collection as YAMLSeq).items.push(item);
        at = item.range?.[1] ?? at;
      }
      at = this.spacesAt(at);
      const c = this.text[at];
      if (c === close) {
        collection.range = [open, at + 1, at + 1];
        return collection;
      }
      if (c !== ',') decline();
      at = this.spacesAt(at + 1);
      if (this.text[at] === close || this.text[at] === ',') decline(); // a trailing or an empty entry
    }
  }

  /** An item or a value inside a flow collection: a scalar, or a flow collection in it. */
  private flowItem(at: number): Node {
    const c = this.text[at];
    return c === '[' || c === '{' ? this.flowCollection(at) : this.flowScalar(at, false);
  }

  /** A quoted or plain scalar inside a flow collection on one line; a plain one ends at , ] } or `: `. */
  private flowScalar(at: number, isKey: boolean): Scalar {
    const c = this.text[at];
    if (c === '"' || c === "'") {
      const { value, end } = this.quoted(at);
      return this.scalarNode(value, c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, at, end, this.spacesAt(end));
    }
    if (c === undefined || NOT_PLAIN_START.has(c) || ((c === '-' || c === '?' || c === ':') && FLOW_SEPARATED.test(this.text[at + 1] ?? ''))) decline();
    FLOW_PLAIN.lastIndex = at;
    FLOW_PLAIN.test(this.text);
    const raw = trimSpaces(this.text.slice(at, FLOW_PLAIN.lastIndex));
    const stop = this.text[FLOW_PLAIN.lastIndex];
    // A plain scalar stops at a comma, a bracket or `: `; the line's end, a comment or `: ` in a list is left to yaml.
    if (raw === '' || stop === undefined || stop === '\n' || stop === '#' || (stop === ':' && !isKey)) decline();
    return this.plainNode(raw, at, at + raw.length, this.spacesAt(at + raw.length));
  }

  private scalar(at: number, indent: number): Scalar {
    const c = this.text[at] as string;
    if (c === '"' || c === "'") {
      const { value, end } = this.quoted(at, indent);
      return this.scalarNode(value, c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, at, end, this.endOfLine(end));
    }
    if (c === '|' || c === '>') return this.blockScalar(at, indent);
    if (NOT_PLAIN_START.has(c) || ((c === '-' || c === '?' || c === ':') && this.isSeparated(at + 1))) decline();
    return this.plain(at, indent);
  }

  /**
   * A quoted scalar: its value and where it ends. A key's is on one line; a value's may go on
   * over lines indented deeper than its parent (`indent`), folded as yaml folds them.
   */
  private quoted(at: number, indent?: number): { value: string; end: number } {
    const double = this.text[at] === '"';
    const oneLine = double ? DOUBLE_QUOTED : SINGLE_QUOTED;
    oneLine.lastIndex = at;
    const match = oneLine.exec(this.text);
    if (match) {
      const body = match[1] ?? '';
      return { value: double ? (body.includes('\\') ? doubleQuotedValue(body) : body) : body.replaceAll("''", "'"), end: oneLine.lastIndex };
    }
    if (indent === undefined) return decline(); // a key over several lines
    const multiLine = double ? DOUBLE_QUOTED_LINES : SINGLE_QUOTED_LINES;
    multiLine.lastIndex = at;
    const source = multiLine.exec(this.text)?.[0] ?? decline(); // not closed
    // Every line after the first is blank or deeper than the parent: yaml reports the others.
    if (source.split('\n').slice(1).some((line) => line.trim() !== '' && line.length - line.trimStart().length <= indent)) decline();
    return { value: double ? doubleQuotedValue(source.slice(1, -1)) : unfoldLines(source.slice(1, -1)).replaceAll("''", "'"), end: multiLine.lastIndex };
  }

  /** A plain scalar from `at`, folded over the more indented lines that continue it. */
  private plain(at: number, indent: number): Scalar {
    let { content, end, comment } = this.plainLine(at);
    let value = content;
    let valueEnd = end;
    let lineAfter = this.nextLine(end);
    if (!comment) {
      // Continuation lines: more indented than the parent, not comments.
      let blanks = 0;
      for (let line = lineAfter; line < this.text.length; ) {
        const first = this.spacesAt(line);
        const c = this.text[first];
        if (c === '\n') {
          blanks++;
          line = first + 1;
          continue;
        }
        if (c === undefined || first - line <= indent || c === '#') break;
        if (c === '-' || c === '?' || c === ':') decline(); // indicators at a line start: left to yaml
        ({ content, end, comment } = this.plainLine(first));
        value += blanks === 0 ? ` ${content}` : '\n'.repeat(blanks) + content;
        blanks = 0;
        valueEnd = end;
        lineAfter = this.nextLine(end);
        line = lineAfter;
        if (comment) break;
      }
    }
    this.#pos = lineAfter;
    return this.plainNode(value, at, valueEnd, lineAfter);
  }

  /** One line of a plain scalar: up to a comment or the line's end, trailing spaces trimmed. */
  private plainLine(at: number): { content: string; end: number; comment: boolean } {
    const line = this.text.slice(at, this.lineEnd(at));
    const hash = line.indexOf(' #');
    const comment = hash >= 0;
    const content = trimSpaces(comment ? line.slice(0, hash) : line);
    // `a: b: c` and a trailing `:` are errors in yaml (a mapping in a plain scalar's place).
    if (content.includes(': ') || content.endsWith(':')) decline();
    return { content, end: at + content.length, comment };
  }

  /** `|` or `>`, with a chomping indicator, and the more indented lines below. */
  private blockScalar(at: number, indent: number): Scalar {
    BLOCK_HEADER.lastIndex = at;
    const header = BLOCK_HEADER.exec(this.text) ?? decline();
    const folded = header[1] === '>';
    const chomp = header[2] ?? '';
    let line = this.endOfLine(BLOCK_HEADER.lastIndex);
    const lines: string[] = [];
    let contentIndent = -1;
    let lastContentEnd = line;
    let trailingBlanks = 0;
    let blanksEnd = line;
    for (; line < this.text.length; ) {
      const first = this.spacesAt(line);
      const c = this.text[first];
      const spaces = first - line;
      if (c === '\n' || c === undefined) {
        // A blank line with more spaces than the content keeps them: left to yaml.
        if (contentIndent >= 0 ? spaces > contentIndent : spaces > indent + 1) decline();
        if (c === undefined) decline(); // spaces at the end of the text
        trailingBlanks++;
        line = first + 1;
        blanksEnd = line;
        continue;
      }
      if (contentIndent < 0) {
        if (spaces <= indent) break;
        contentIndent = spaces;
      } else if (spaces < contentIndent) break;
      const lineEnd = this.lineEnd(first);
      if (lineEnd >= this.text.length) decline(); // the last line without a line break
      for (let i = 0; i < trailingBlanks; i++) lines.push('');
      trailingBlanks = 0;
      lines.push(this.text.slice(line + contentIndent, lineEnd));
      line = lineEnd + 1;
      lastContentEnd = line;
      blanksEnd = line;
    }
    if (contentIndent < 0) decline(); // an empty block scalar
    let value: string;
    if (folded) {
      if (lines.some((l) => l.startsWith(' '))) decline(); // more indented lines keep their breaks: left to yaml
      value = '';
      let blanks = 0;
      let started = false;
      for (const l of lines) {
        if (l === '') {
          blanks++;
          continue;
        }
        value += !started ? '\n'.repeat(blanks) + l : blanks === 0 ? ` ${l}` : '\n'.repeat(blanks) + l;
        started = true;
        blanks = 0;
      }
    } else value = lines.join('\n');
    let end = lastContentEnd;
    if (chomp === '') value += '\n';
    else if (chomp === '+') {
      value += '\n'.repeat(1 + trailingBlanks);
      end = blanksEnd;
    }
    this.#pos = lastContentEnd;
    return this.scalarNode(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, at, end, end);
  }

  private scalarNode(value: string, type: Scalar.Type, start: number, valueEnd: number, nodeEnd: number): Scalar {
    const node = new Scalar(value);
    node.range = [start, valueEnd, nodeEnd];
    node.source = value;
    node.type = type;
    return node;
  }

  /** A plain scalar: a string, or what the core schema reads it as (yaml resolves each such text once). */
  private plainNode(text: string, start: number, valueEnd: number, nodeEnd: number): Scalar {
    if (!NOT_A_STRING.test(text)) return this.scalarNode(text, Scalar.PLAIN, start, valueEnd, nodeEnd);
    const options = this.options ?? NO_OPTIONS;
    let known = RESOLVED.get(options);
    if (!known) {
      known = new Map();
      RESOLVED.set(options, known);
    }
    let resolved = known.get(text);
    if (!resolved) {
      const doc = parseDocument(`- ${text}`, this.options);
      const item = doc.contents instanceof YAMLSeq ? doc.contents.items[0] : undefined;
      if (doc.errors.length > 0 || !(item instanceof Scalar) || item.source !== text) return decline();
      resolved = item;
      if (known.size < 10_000) known.set(text, resolved);
    }
    // resolved.clone(), without its property descriptors (a third of a large build's YAML time).
    const node = Object.assign(new Scalar(resolved.value), resolved);
    node.range = [start, valueEnd, nodeEnd];
    return node;
  }
}

/** A value left empty (`key:`), at `at`, as yaml composes one: a plain null. */
function emptyScalar(at: number): Scalar {
  const node = new Scalar(null);
  node.range = [at, at, at];
  node.source = '';
  node.type = Scalar.PLAIN;
  return node;
}

/** Without trailing spaces; other white space (U+00A0, U+2028) is content in YAML. */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

/** A single-quoted scalar's lines folded, as yaml's resolve-flow-scalar folds them: breaks become spaces, blank lines breaks, and each line is trimmed. */
function unfoldLines(body: string): string {
  const lines = body.split('\n');
  let value = trimSpaces(lines[0] ?? '');
  let separator = ' ';
  for (const line of lines.slice(1, -1)) {
    const trimmed = line.replace(/^ +| +$/g, '');
    if (trimmed === '') {
      if (separator === '\n') value += separator;
      else separator = '\n';
    } else {
      value += separator + trimmed;
      separator = ' ';
    }
  }
  return value + separator + (lines.at(-1) ?? '').replace(/^ +/, '');
}

/** A double-quoted scalar's value from its body (one line or several), as yaml's resolve-flow-scalar reads it: escapes, and lines folded. */
function doubleQuotedValue(source: string): string {
  let value = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\n') {
      // A break and the blank lines after it: one space, or a break per blank line.
      let breaks = '';
      while (source[i + 1] === ' ' || source[i + 1] === '\n') if (source[++i] === '\n') breaks += '\n';
      value += breaks || ' ';
    } else if (c === '\\') {
      const next = source[++i] ?? decline();
      if (next === '\n') {
        while (source[i + 1] === ' ') i++; // an escaped break joins the lines
        continue;
      }
      const length = HEX_ESCAPE_LENGTH[next];
      if (length !== undefined) {
        value += hexEscape(source.slice(i + 1, i + 1 + length), length);
        i += length;
      } else value += ESCAPES[next] ?? decline();
    } else if (c === ' ') {
      // Spaces before a break are trimmed.
      const start = i;
      while (source[i + 1] === ' ') i++;
      if (source[i + 1] !== '\n') value += source.slice(start, i + 1);
    } else value += c;
  }
  return value;
}

/** The character of a \x, \u or \U escape's hex digits. */
function hexEscape(hex: string, length: number): string {
  if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) decline();
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) decline();
  return String.fromCodePoint(code);
}

