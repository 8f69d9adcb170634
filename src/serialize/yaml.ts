/**
 * YAML that Go readers (Prometheus, Alertmanager) read as we mean it, written directly for
 * the shapes monc emits (maps, lists, strings, numbers, booleans): YAML 1.1 quoting so
 * `on`/`yes` stay strings, strings that YAML 1.2 would retype quoted too, no line folding,
 * multi-line text as literal blocks. The bytes are those of the `yaml` package's
 * `Document.toString()` with { version: '1.1', lineWidth: 0, blockQuote: 'literal',
 * indentSeq: true } (test/serialize/yaml.test.ts compares the two), at a fraction of the cost,
 * except for the characters Go's reader refuses raw or reads as line breaks, which only monc
 * escapes (test/serialize/yaml-go-reader*.test.ts read every string back).
 */
import { flat } from '../flat.ts';
import { canonicalKeys, type KeyOrder, keyOrder } from './canonical.ts';

/**
 * The document, written as the canonical form (canonical.ts) of `value` without copying it.
 * Each level adds its children's text with `+=`: V8 then links the pieces and copies them once,
 * where joining at every level would copy each line once per level above it.
 */
export function toYaml(value: unknown, header: string, leadingKeys: readonly string[]): string {
  // Flat: a file kept as its thousands of linked pieces takes twice its size until written.
  return flat(`${header}${node(value, '', keyOrder(leadingKeys))}\n`);
}

const STEP = '  ';

/** A value at `indent` (the indentation of the lines it continues on), as the yaml package writes it. */
function node(value: unknown, indent: string, order: KeyOrder): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : sequence(value, indent, order);
  if (typeof value === 'object' && value !== null) {
    const keys = canonicalKeys(value, order);
    return keys.length === 0 ? '{}' : mapping(value as Record<string, unknown>, keys, indent, order);
  }
  return scalar(value, indent, false);
}

function mapping(map: Record<string, unknown>, keys: readonly string[], indent: string, order: KeyOrder): string {
  const pairIndent = indent + STEP;
  let out = '';
  for (const key of keys) out += `${out === '' ? '' : `\n${indent}`}${pair(key, map[key], pairIndent, order)}`;
  return out;
}

function pair(key: string, value: unknown, indent: string, order: KeyOrder): string {
  const keyText = scalar(key, indent, true);
  // The yaml package writes a key over 1024 characters as an explicit `? key`.
  const head = keyText.length > 1024 ? `? ${keyText}\n${indent.slice(STEP.length)}:` : `${keyText}:`;
  if (typeof value === 'object' && value !== null) {
    const text = node(value, indent, order);
    return text === '[]' || text === '{}' ? `${head} ${text}` : `${head}\n${indent}${text}`;
  }
  const valueText = scalar(value, indent, false);
  return `${head}${valueText === '' || valueText.startsWith('\n') ? '' : ' '}${valueText}`;
}

function sequence(items: readonly unknown[], indent: string, order: KeyOrder): string {
  const itemIndent = indent + STEP;
  let out = '';
  for (const item of items) out += `${out === '' ? '' : `\n${indent}`}- ${node(item, itemIndent, order)}`;
  return out;
}

// ---------------------------------------------------------------- scalars

/** Plain scalars that a YAML 1.2 reader (Go's yaml.v3 into interface{}) takes for something other than a string. */
const YAML_12_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What a plain scalar means in YAML 1.1 other than a string: the yaml-1.1 schema's default tags. */
const YAML_11_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^<<$/, // a merge key
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];

/**
 * Characters that can only be written escaped, in double quotes: those Go's YAML reader refuses
 * raw ("control characters are not allowed": C0 and C1 controls, DEL, U+FFFE/U+FFFF), those it
 * reads as line breaks (NEL, LS, PS), the byte-order mark, and unpaired surrogates (which the
 * loaders report; escaped, a reader at least sees them).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters YAML cannot hold unescaped
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u{D800}-\u{DFFF}]/u;
/** The characters of NEEDS_ESCAPES that JSON.stringify leaves raw. */
const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

function scalar(value: unknown, indent: string, implicitKey: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return number(value);
  const text = String(value);
  if (text.length > MAX_REMEMBERED_LENGTH) return string(text, indent, implicitKey);
  // The same short strings (keys, label names and values, durations) are written over and
  // over; each is tested against the quoting rules once per indentation and position. One map
  // per position and indentation: the text itself is the key, so no key string is built.
  const slot = (implicitKey ? 1 : 0) + 2 * indent.length;
  let remembered = writtenStrings[slot];
  if (remembered === undefined) {
    remembered = new Map();
    writtenStrings[slot] = remembered;
  }
  let written = remembered.get(text);
  if (written === undefined) {
    written = string(text, indent, implicitKey);
    if (rememberedCount < MAX_REMEMBERED_STRINGS) {
      remembered.set(text, written);
      rememberedCount++;
    }
  }
  return written;
}

const MAX_REMEMBERED_LENGTH = 120;
const MAX_REMEMBERED_STRINGS = 100_000;
const writtenStrings: Map<string, string>[] = [];
let rememberedCount = 0;

function string(text: string, indent: string, implicitKey: boolean): string {
  if (NEEDS_ESCAPES.test(text) || YAML_12_NON_STRING.test(text)) return doubleQuoted(text, indent, implicitKey);
  return plain(text, indent, implicitKey);
}

function number(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  if (Object.is(value, -0)) return '-0';
  return Number.isInteger(value) ? value.toString(10) : JSON.stringify(value);
}

/** A line that a YAML 1.1 reader would take for a directive or a document marker. */
function containsDocumentMarker(text: string): boolean {
  return /^(%|---|\.\.\.)/m.test(text);
}

function plain(text: string, indent: string, implicitKey: boolean): string {
  if (implicitKey && text.includes('\n')) return quoted(text, indent, implicitKey);
  if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(text)) {
    return implicitKey || !text.includes('\n') ? quoted(text, indent, implicitKey) : block(text, indent);
  }
  if (!implicitKey && text.includes('\n')) return block(text, indent);
  if (containsDocumentMarker(text)) {
    if (indent === '') return block(text, indent, true);
    if (implicitKey && indent === STEP) return quoted(text, indent, implicitKey);
  }
  const written = text.replace(/\n+/g, `$&\n${indent}`);
  if (YAML_11_NON_STRING.some((test) => test.test(written))) return quoted(text, indent, implicitKey);
  return written;
}

function quoted(text: string, indent: string, implicitKey: boolean): string {
  const hasDouble = text.includes('"');
  const hasSingle = text.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(text, indent, implicitKey) : doubleQuoted(text, indent, implicitKey);
}

function singleQuoted(text: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && text.includes('\n')) || /[ \t]\n|\n[ \t]/.test(text)) return doubleQuoted(text, indent, implicitKey);
  const lineIndent = indent || (containsDocumentMarker(text) ? STEP : '');
  return `'${text.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`)}'`;
}

/** Shorter double-quoted strings keep their line breaks as \n escapes. */
const DOUBLE_QUOTED_MIN_MULTILINE_LENGTH = 40;

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

function doubleQuoted(text: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(text).replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const lineIndent = indent || (containsDocumentMarker(text) ? STEP : '');
  let out = '';
  let start = 0;
  // From escape to escape: between two, the text is copied as it is.
  for (let i = json.indexOf('\\'); i >= 0; i = json.indexOf('\\', i + 1)) {
    if (json[i + 1] === 'n' && json[i - 1] === ' ') {
      // A space before a line break is escaped, or the break would eat it.
      out += `${json.slice(start, i - 1)}\\ `;
      start = i;
    }
    if (json[i + 1] === 'u') {
      out += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      out += NAMED_ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (json[i + 1] === 'n') {
      if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE_LENGTH) {
        i += 1;
      } else {
        // Written as a real line break: a single one is read back as a space, so it doubles.
        out += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          out += '\n';
          i += 2;
        }
        out += lineIndent;
        if (json[i + 2] === ' ') out += '\\';
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? out + json.slice(start) : json;
}

/** A literal block scalar (`|`, with chomping and an indentation indicator where needed). */
function block(value: string, indent: string, forceIndent = false): string {
  // A block cannot end in whitespace after its last line break.
  if (/\n[\t ]+$/.test(value)) return quoted(value, indent, false);
  const lineIndent = indent || (forceIndent || containsDocumentMarker(value) ? STEP : '');
  if (!value) return '|\n';
  let endStart = value.length;
  while (endStart > 0 && '\n\t '.includes(value[endStart - 1] ?? '')) endStart--;
  let end = value.substring(endStart);
  const endNewline = end.indexOf('\n');
  const chomp = endNewline === -1 ? '-' : value === end || endNewline !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(/(^|(?<!\n))\n+(?!\n|$)/g, `$&${lineIndent}`);
  }
  let startsWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startsWithSpace = true;
    else if (ch === '\n') startNewline = startEnd;
    else break;
  }
  let start = body.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  const header = (startsWithSpace ? (lineIndent ? '2' : '1') : '') + chomp;
  return `|${header}\n${lineIndent}${start}${body.replace(/\n+/g, `$&${lineIndent}`)}${end}`;
}
