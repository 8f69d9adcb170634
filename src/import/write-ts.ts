/**
 * Imported definitions as TypeScript a person would write in a monc project: the define*()
 * functions imported from `monc` (which types the definitions), one top-level call per
 * definition as docs/definitions.md shows them (a metric each, exported under a readable name
 * so that expressions can use its handle), keys in the order and parts inline as in YAML
 * (written-definition.ts), short collections on one line, the rest one entry per line.
 * Single-line strings are quoted literals, multi-line ones template literals holding the text
 * as it is, so a file loads as the same definitions as its YAML counterpart. Comments say
 * where each part came from; a `monc-disable-next-line` comment sits right above the line the
 * check reports, as in YAML. The same definitions always give the same bytes.
 */
import { inWrittenOrder, isInline, type WrittenDefinition, type WrittenKind } from './written-definition.ts';

/**
 * The define*() function of each kind. A kind with `each` is a list whose items are a call
 * each, exported under a name made from the item's name (`noun` when that makes none).
 */
const DEFINE: Readonly<Record<WrittenKind, { readonly call: string; readonly each?: { readonly list: string; readonly noun: string } }>> = {
  Service: { call: 'defineService' },
  Metrics: { call: 'defineMetric', each: { list: 'metrics', noun: 'metric' } },
  Routing: { call: 'defineRouting' },
  Dashboard: { call: 'defineDashboard' },
};

/** A collection goes on one line when it fits in this many columns. */
const LINE_WIDTH = 100;
/** … and nests no deeper than this (a list of maps of scalars); deeper ones read better a line per entry. */
const INLINE_DEPTH = 2;
const INDENT = '  ';

/** One TS file: the header comment lines, the import of the define*() function, the definitions. */
export function writeTs(definition: WrittenDefinition, options: { readonly header: readonly string[] }): string {
  const { call, each } = DEFINE[definition.kind];
  const spec = inWrittenOrder(definition.spec) as Record<string, unknown>;
  const writer = new TsWriter(definition.comments);
  const statements =
    each === undefined
      ? [`${call}(${writer.block(spec, [], '', [])});`]
      : exportNames(asList(spec[each.list]), call, each.noun).map(({ item, name }, i) => {
          const path = [each.list, String(i)];
          return `export const ${name} = ${call}(${writer.block(item, path, '', definition.comments.get(path.join('.')) ?? [])});`;
        });
  const header = options.header.length > 0 ? `${commentLines(options.header, '')}\n` : '';
  return `${header}import { ${call} } from 'monc';\n\n${statements.join('\n\n')}\n`;
}

class TsWriter {
  constructor(private readonly comments: ReadonlyMap<string, readonly string[]>) {}

  /**
   * A map or list one entry per line, its closing bracket at `indent`. `leading` comments go
   * above its first entry: a list item's comments go there (a metric's too), so that a
   * suppression sits right above the item's first key, where checks point at an item (its
   * name), as in YAML's `- name:`.
   */
  block(value: object, path: readonly string[], indent: string, leading: readonly string[]): string {
    const inner = indent + INDENT;
    const list = Array.isArray(value);
    const entries: [string, unknown][] = list ? value.map((item, i) => [String(i), item]) : Object.entries(value);
    const lines = entries.map(([key, child], index) => {
      const childPath = [...path, key];
      const own = this.comments.get(childPath.join('.')) ?? [];
      const start = list ? inner : `${inner}${propertyKey(key)}: `;
      const oneLine = this.oneLine(child, childPath, start.length);
      let above = own;
      let text: string;
      if (oneLine !== undefined) text = oneLine;
      else if (typeof child === 'string') text = templateLiteral(child);
      else if (list && !Array.isArray(child)) {
        text = this.block(child as object, childPath, inner, own);
        above = [];
      } else text = this.block(child as object, childPath, inner, []);
      return `${commentLines(index === 0 ? [...leading, ...above] : above, inner)}${start}${text},`;
    });
    return list ? `[\n${lines.join('\n')}\n${indent}]` : `{\n${lines.join('\n')}\n${indent}}`;
  }

  /** The value on one line starting at `column`, or undefined when it is written over several. */
  private oneLine(value: unknown, path: readonly string[], column: number): string | undefined {
    if (typeof value === 'string') return isMultiLine(value) ? undefined : quoted(value);
    if (typeof value !== 'object' || value === null) return scalar(value);
    const text = this.flat(value, path);
    if (text === undefined) return undefined;
    if (isInline(path)) return text;
    // The entry's `,` follows it on the line.
    return depth(value) <= INLINE_DEPTH && column + text.length + 1 <= LINE_WIDTH ? text : undefined;
  }

  /** A collection on one line, unless a comment or a multi-line string inside it needs lines of their own. */
  private flat(value: object, path: readonly string[]): string | undefined {
    const prefix = `${path.join('.')}.`;
    if ([...this.comments.keys()].some((key) => key.startsWith(prefix))) return undefined;
    const parts: string[] = [];
    const list = Array.isArray(value);
    for (const [key, child] of list ? value.map((item, i): [string, unknown] => [String(i), item]) : Object.entries(value)) {
      const text = typeof child === 'object' && child !== null ? this.flat(child, [...path, key]) : typeof child === 'string' && isMultiLine(child) ? undefined : scalar(child);
      if (text === undefined) return undefined;
      parts.push(list ? text : `${propertyKey(key)}: ${text}`);
    }
    if (parts.length === 0) return list ? '[]' : '{}';
    return list ? `[${parts.join(', ')}]` : `{ ${parts.join(', ')} }`;
  }
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}

function asList(value: unknown): object[] {
  return Array.isArray(value) ? value.filter((item): item is object => typeof item === 'object' && item !== null) : [];
}

/** `// ` comment lines at `indent`, one per line of the text (a line break in a comment would end it). */
function commentLines(lines: readonly string[], indent: string): string {
  return lines
    .flatMap((line) => line.split(LINE_TERMINATOR))
    .map((line) => `${indent}//${line === '' ? '' : ` ${line}`}\n`)
    .join('');
}

/** What ends a line in JS source: a comment or a string literal cannot hold one as it is. */
const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/;

/** Text over several lines; a single trailing line break alone is written as `\n`. */
function isMultiLine(text: string): boolean {
  return text.replace(/\n$/, '').includes('\n');
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return String(value);
}

/** A key as written: an identifier bare, anything else quoted; `__proto__` computed, the only way it stays a key. */
function propertyKey(key: string): string {
  if (key === '__proto__') return `['__proto__']`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quoted(key);
}

/** Characters a literal writes as escapes: controls, line and paragraph separators, the BOM and lone surrogates. */
const UNSEEN = /[\p{Cc}\u2028\u2029\ufeff\p{Cs}]/u;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escaped(character: string): string {
  return NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A quoted literal: single quotes, unless the text holds more of them than double quotes (as formatters choose). */
function quoted(text: string): string {
  const quote = count(text, "'") > count(text, '"') ? '"' : "'";
  const special = new RegExp(`\\\\|${quote}|${UNSEEN.source}`, 'gu');
  return `${quote}${text.replace(special, (match) => (match === '\\' || match === quote ? `\\${match}` : escaped(match)))}${quote}`;
}

/**
 * A template literal holding the text line by line. `\`, a backtick and `${` are escaped, and
 * so is a carriage return, which a template literal would read as a plain line break; tabs
 * and line breaks stay as they are.
 */
function templateLiteral(text: string): string {
  const special = new RegExp(`\\\\|\`|\\$\\{|(?![\\n\\t])(?:${UNSEEN.source})`, 'gu');
  return `\`${text.replace(special, (match) => (match === '\\' || match === '`' ? `\\${match}` : match === '${' ? '\\${' : escaped(match)))}\``;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Readable, distinct names for the exported definitions, from their `name`: node_cpu_seconds_total → nodeCpuSecondsTotal. */
function exportNames(items: readonly object[], call: string, noun: string): { item: object; name: string }[] {
  const taken = new Set([call]);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return items.map((item) => {
    const words = 'name' in item && typeof item.name === 'string' ? camelCase(item.name) : '';
    const wanted = words === '' ? noun : /^[0-9]/.test(words) ? `${noun}${words}` : words;
    const base = RESERVED.has(wanted) ? `${wanted}${Noun}` : wanted;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return { item, name };
  });
}

/** The words of a name joined in camelCase; it may start with a digit. */
function camelCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word, i) => {
      if (i > 0) return word.charAt(0).toUpperCase() + word.slice(1);
      return /^[A-Z0-9]+$/.test(word) ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1);
    })
    .join('');
}

/** Words a `const` cannot be named (reserved in strict mode code), and globals it should not hide. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);
