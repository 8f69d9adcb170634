/**
 * YAML that Go's yaml reads and the `yaml` package rejects, read as Go reads it. Prometheus,
 * Alertmanager and Kubernetes read their files with Go's yaml, and real rule files use both:
 *
 * - Quoted scalars whose later lines are indented no deeper than their parent: Go takes a
 *   quoted scalar's lines at any indentation (only a document marker at a line's start ends
 *   one); yaml stops the scalar at the first such line and reports "Missing closing quote".
 *   Such a scalar is read by indenting its shallow lines until yaml takes them, which changes
 *   no value (a quoted scalar's lines lose their leading spaces when folded), and by mapping
 *   every position yaml gives back into the file as written.
 * - `\'` in a double-quoted scalar, an escape of libyaml's that YAML 1.2 lacks: Go reads a
 *   quote; yaml reports "Invalid escape sequence" and keeps the backslash. The scalar is
 *   decoded again with the escape written as `\x27`.
 *
 * And one thing the other way round: Go refuses a file with a control character anywhere
 * (comments too), which yaml reads without a word.
 */
import { parse, parseAllDocuments, Scalar, visit, YAMLParseError, type Document, type Node } from 'yaml';

type Options = Parameters<typeof parseAllDocuments>[1];

/** Each file's scalars are mended one at a time, each after a reading of the whole file. */
const MOST_SCALARS_MENDED = 200;

interface Insertion {
  /** The offset in the file as written: a line's start. */
  readonly at: number;
  /** Spaces inserted there. */
  readonly count: number;
}

/** yaml's reading of `text`, with quoted scalars over shallow lines read as Go reads them. */
export function parseYamlDocuments(text: string, options: Options): Document.Parsed[] {
  let documents = parseAllDocuments(text, options) as Document.Parsed[];
  let mended = text;
  const insertions: Insertion[] = [];
  for (let round = 0; round < MOST_SCALARS_MENDED; round++) {
    const start = shallowQuotedScalarStart(documents);
    const indented = start === undefined ? undefined : indentQuotedLines(mended, start);
    if (!indented) break;
    insertions.push(...indented.insertions.map(({ at, count }) => ({ at: originalOffset(insertions, at), count })));
    insertions.sort((a, b) => a.at - b.at);
    mended = indented.text;
    documents = parseAllDocuments(mended, options) as Document.Parsed[];
  }
  if (insertions.length > 0) for (const document of documents) mapPositions(document, (offset) => originalOffset(insertions, offset));
  for (const document of documents) quoteEscapes(document, text);
  return documents;
}

/** The double-quoted scalars with a `\'` escape, decoded as Go decodes them, and yaml's errors for those escapes dropped. */
function quoteEscapes(document: Document.Parsed, text: string): void {
  const quoteEscape = (at: number) => text[at] === '\\' && text[at + 1] === "'";
  const escapes = document.errors.filter((error) => error.code === 'BAD_DQ_ESCAPE' && quoteEscape(error.pos[0]));
  if (escapes.length === 0) return;
  const fixed = new Set<number>();
  visit(document, {
    Scalar(_, node) {
      const [start, end] = node.range ?? [0, 0];
      if (node.type !== Scalar.QUOTE_DOUBLE || !escapes.some((error) => error.pos[0] > start && error.pos[0] < end)) return;
      const source = text.slice(start, end);
      // Only the escapes yaml reported: a `\\'` is an escaped backslash before a quote.
      let rewritten = '';
      for (let i = 0; i < source.length; i++) rewritten += source[i] === "'" && escapes.some((error) => error.pos[0] === start + i - 1) ? 'x27' : source[i];
      const value = decodedAlone(rewritten);
      if (value === undefined) return;
      node.value = value;
      for (const error of escapes) if (error.pos[0] > start && error.pos[0] < end) fixed.add(error.pos[0]);
    },
  });
  document.errors = document.errors.filter((error) => !(error.code === 'BAD_DQ_ESCAPE' && fixed.has(error.pos[0])));
}

/** A quoted scalar's source read as a document of its own: its string, or undefined where yaml refuses it (its error then stands). */
function decodedAlone(source: string): string | undefined {
  try {
    const value: unknown = parse(source, { logLevel: 'silent' });
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Where the quoted scalar starts whose closing quote yaml missed at a line break, if one did. */
function shallowQuotedScalarStart(documents: readonly Document.Parsed[]): number | undefined {
  for (const document of documents) {
    const missing = document.errors.find((error) => error.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(error.message));
    if (!missing) continue;
    let start: number | undefined;
    visit(document, {
      Scalar(_, node) {
        const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
        if (quoted && node.range && node.range[1] === missing.pos[0]) {
          start = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return start;
  }
  return undefined;
}

/**
 * The text with the quoted scalar at `start` indented, each line after its first at least one
 * column past its opening quote; undefined when Go's yaml would not close it either.
 */
function indentQuotedLines(text: string, start: number): { text: string; insertions: Insertion[] } | undefined {
  const end = closingQuote(text, start);
  if (end === undefined) return undefined;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const insertions: Insertion[] = [];
  for (let lineStart = text.indexOf('\n', start) + 1; lineStart > 0 && lineStart <= end; lineStart = text.indexOf('\n', lineStart) + 1) {
    let first = lineStart;
    while (text[first] === ' ') first++;
    if (text[first] === '\n') continue; // a blank line folds to a line break at any indentation
    if (first - lineStart <= column) insertions.push({ at: lineStart, count: column + 1 - (first - lineStart) });
  }
  if (insertions.length === 0) return undefined;
  let indented = '';
  let from = 0;
  for (const { at, count } of insertions) {
    indented += text.slice(from, at) + ' '.repeat(count);
    from = at;
  }
  return { text: indented + text.slice(from), insertions };
}

/** The offset of the quote that closes the quoted scalar at `start`, as Go's yaml finds it. */
function closingQuote(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let at = start + 1; at < text.length; at++) {
    const c = text[at];
    if (c === '\n' && /^(?:---|\.\.\.)(?:[ \t\n]|$)/.test(text.slice(at + 1, at + 5))) return undefined; // a document marker
    if (quote === "'" && c === "'") {
      if (text[at + 1] !== "'") return at;
      at++;
    } else if (quote === '"' && c === '\\') at++;
    else if (quote === '"' && c === '"') return at;
  }
  return undefined;
}

/** The offset in the file as written of an offset in the indented text. */
function originalOffset(insertions: readonly Insertion[], offset: number): number {
  let shift = 0;
  for (const { at, count } of insertions) {
    const inserted = at + shift;
    if (offset < inserted) break;
    if (offset < inserted + count) return at;
    shift += count;
  }
  return offset - shift;
}

/** Every range and error position of the document, through `map`. */
function mapPositions(document: Document.Parsed, map: (offset: number) => number): void {
  const mapRange = (range: [number, number, number] | null | undefined) => {
    if (range) for (let i = 0; i < 3; i++) range[i] = map(range[i] as number);
  };
  mapRange(document.range);
  for (const problem of [...document.errors, ...document.warnings]) problem.pos = [map(problem.pos[0]), map(problem.pos[1])];
  visit(document, {
    Node(_, node: Node) {
      mapRange(node.range);
    },
  });
}

/** What YAML can hold besides line breaks and tabs; Go's yaml refuses a file with anything else ("control characters are not allowed"). */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Reports the first control character of the text as an error of the document it is in. */
export function refuseControlCharacters(text: string, documents: readonly Document.Parsed[]): void {
  const found = NOT_PRINTABLE.exec(text);
  if (!found) return;
  const at = found.index;
  const document = documents.find((doc) => at < doc.range[2]) ?? documents.at(-1);
  if (!document) return;
  const code = `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const error = new YAMLParseError([at, at + found[0].length], 'UNEXPECTED_TOKEN', `the control character ${code} is not allowed in YAML: Prometheus and Alertmanager refuse the file ("yaml: control characters are not allowed")`);
  document.errors = [...document.errors, error].sort((a, b) => a.pos[0] - b.pos[0]);
}
