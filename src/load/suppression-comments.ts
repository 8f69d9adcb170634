/**
 * Suppression comments in definitions files: `# monc-disable-next-line CHECK-ID, ...` in YAML,
 * `// monc-disable-next-line CHECK-ID, ...` in TypeScript, and `monc-disable-line` at the end
 * of a line. Only real comments count: a `#` inside a quoted YAML string or a block scalar, or
 * a `//` inside a TS string, is text. The files are lexed only when they mention monc-disable.
 *
 * What a suppression covers: for next-line, the next line that holds more than blank space and
 * comments; for line, its own line. When a string value starts on that line and runs over
 * several (a YAML block scalar or multi-line quoted scalar, a TS string or template literal),
 * its lines are covered too, so a comment above `expr: |` covers the whole expression.
 */
import { createRequire } from 'node:module';
import type { ts as Ts } from 'ts-morph';
import { Parser } from 'yaml';
import type { Span } from '../diagnostic.ts';
import type { SourceText } from './source-text.ts';

export const DIRECTIVES = ['monc-disable-next-line', 'monc-disable-line'] as const;
export type Directive = (typeof DIRECTIVES)[number];

/** A check id as written in a suppression comment. */
export interface NamedCheck {
  readonly id: string;
  readonly at: Span;
}

export interface Suppression {
  readonly directive: Directive;
  readonly ids: readonly NamedCheck[];
  /** The 1-based lines, first to last, whose findings it covers; undefined when no line follows. */
  readonly lines: { readonly first: number; readonly last: number } | undefined;
}

/** A comment that starts like a suppression but is not one that monc can apply. */
export interface MalformedSuppression {
  readonly at: Span;
  readonly message: string;
}

export interface SuppressionScan {
  readonly suppressions: readonly Suppression[];
  readonly malformed: readonly MalformedSuppression[];
}

interface Comment {
  readonly start: number;
  readonly end: number;
  /** Line comments (YAML `#`, TS `//`) can hold a directive; TS block comments only take up space. */
  readonly line: boolean;
}

interface Lexemes {
  readonly comments: readonly Comment[];
  /** Offsets [start, end) of string values, to extend a covered line over a multi-line value. */
  readonly strings: readonly (readonly [number, number])[];
}

const NONE: SuppressionScan = { suppressions: [], malformed: [] };

export function scanSuppressions(source: SourceText): SuppressionScan {
  if (!source.text.includes('monc-disable')) return NONE;
  const lexemes = source.file.endsWith('.ts') ? tsLexemes(source) : yamlLexemes(source);
  const code = codeLines(source, lexemes.comments);
  const lastLineOfValueAt = multiLineValues(source, lexemes.strings);
  const covered = (first: number | undefined) =>
    first === undefined ? undefined : { first, last: Math.max(first, lastLineOfValueAt.get(first) ?? first) };

  const suppressions: Suppression[] = [];
  const malformed: MalformedSuppression[] = [];
  for (const comment of lexemes.comments.filter((c) => c.line)) {
    const markerLength = source.text.startsWith('//', comment.start) ? 2 : 1;
    const bodyStart = comment.start + markerLength;
    const body = source.text.slice(bodyStart, comment.end);
    const match = /^(\s*)(monc-disable[\w-]*)/.exec(body);
    if (!match) continue;
    const word = match[2] ?? '';
    const wordStart = bodyStart + (match[1] ?? '').length;
    const wordSpan = { file: source.file, start: wordStart, end: wordStart + word.length };
    if (!isDirective(word)) {
      malformed.push({ at: wordSpan, message: `unknown directive "${word}"; write ${DIRECTIVES.join(' or ')} followed by check ids` });
      continue;
    }
    const listStart = wordStart + word.length;
    const rest = source.text.slice(listStart, comment.end);
    const reason = /(^|\s)--(\s|$)/.exec(rest);
    const list = reason ? rest.slice(0, reason.index) : rest;
    const ids = [...list.matchAll(/[^\s,]+/g)].map((m) => ({
      id: m[0],
      at: { file: source.file, start: listStart + m.index, end: listStart + m.index + m[0].length },
    }));
    if (ids.length === 0) {
      malformed.push({ at: wordSpan, message: `${word} names no check; list the ids of the checks to suppress, e.g. "${word} alert/for"` });
      continue;
    }
    const line = source.position(comment.start).line;
    const first = word === 'monc-disable-line' ? line : code.find((l) => l > line);
    suppressions.push({ directive: word, ids, lines: covered(first) });
  }
  return { suppressions, malformed };
}

function isDirective(word: string): word is Directive {
  return (DIRECTIVES as readonly string[]).includes(word);
}

/** The sorted 1-based lines that hold something other than blank space and comments. */
function codeLines(source: SourceText, comments: readonly Comment[]): number[] {
  // Blank out comments (keeping line breaks), then keep the lines with anything left.
  const masked = source.text.split('');
  for (const comment of comments) for (let i = comment.start; i < comment.end; i++) if (masked[i] !== '\n') masked[i] = ' ';
  const lines: number[] = [];
  masked
    .join('')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() !== '') lines.push(index + 1);
    });
  return lines;
}

/** First line → last line of every string value that spans several lines. */
function multiLineValues(source: SourceText, strings: Lexemes['strings']): Map<number, number> {
  const last = new Map<number, number>();
  for (const [start, end] of strings) {
    const first = source.position(start).line;
    const final = source.position(Math.max(start, end - 1)).line;
    if (final > first) last.set(first, Math.max(final, last.get(first) ?? first));
  }
  return last;
}

/** Comments and scalars from the yaml package's concrete syntax tree, where they are exact. */
function yamlLexemes(source: SourceText): Lexemes {
  const comments: Comment[] = [];
  const strings: [number, number][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown; props?: unknown };
    if (typeof token.offset === 'number' && typeof token.source === 'string') {
      const { offset, source: text } = token;
      switch (token.type) {
        case 'comment':
          comments.push({ start: offset, end: offset + text.length, line: true });
          break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
          strings.push([offset, offset + text.length]);
          break;
        case 'block-scalar': {
          // The token's offset is its header (`|`, `>-`); the content follows the header's line break.
          const props = Array.isArray(token.props) ? (token.props as { offset: number; source: string }[]) : [];
          const header = props[props.length - 1];
          const contentStart = header ? header.offset + header.source.length : offset;
          strings.push([offset, contentStart + text.trimEnd().length]);
          break;
        }
      }
    }
    for (const child of Object.values(value)) if (typeof child === 'object') visit(child);
  };
  for (const token of new Parser().parse(source.text)) visit(token);
  return { comments, strings };
}

type TypeScript = typeof Ts;
let typescript: TypeScript | undefined;
function loadTypeScript(): TypeScript {
  typescript ??= (createRequire(import.meta.url)('ts-morph') as { ts: TypeScript }).ts;
  return typescript;
}

/** Comments and string literals from the TypeScript parser, so strings and regexes never count. */
function tsLexemes(source: SourceText): Lexemes {
  const ts = loadTypeScript();
  const tree = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const comments = new Map<number, Comment>();
  const strings: [number, number][] = [];
  const visit = (node: Ts.Node): void => {
    // Trailing: comments on the line where the previous token ends; leading: the lines after it.
    const ranges = [...(ts.getTrailingCommentRanges(source.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(source.text, node.pos) ?? [])];
    for (const range of ranges) {
      comments.set(range.pos, { start: range.pos, end: range.end, line: range.kind === ts.SyntaxKind.SingleLineCommentTrivia });
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      strings.push([node.getStart(tree), node.getEnd()]);
    }
    for (const child of node.getChildren(tree)) visit(child);
  };
  visit(tree);
  return { comments: [...comments.values()].sort((a, b) => a.start - b.start), strings };
}
