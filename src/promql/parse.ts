/**
 * PromQL syntax via the grammar Prometheus' own UI uses. Lezer never throws: it recovers and
 * marks error nodes, which we turn into one precise message per expression.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { toAst, type Expr } from './ast.ts';

export interface SyntaxError {
  /** Offsets into the expression text. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** An expression parsed: its first syntax error, or its typed AST. */
export interface ParsedExpr {
  readonly text: string;
  /** The first syntax error; later ones are usually the parser's recovery cascading. */
  readonly error: SyntaxError | undefined;
  /** Undefined when the expression has a syntax error (or a shape the AST builder does not know). */
  readonly ast: Expr | undefined;
}

/**
 * The grammar follows Prometheus 3, which removed holt_winters; Prometheus 2 has it. It is
 * parsed as a function name of the same length, so every offset stays the same; the AST reads
 * names from the original text, and the type checker decides per target version.
 */
function withPrometheus2Names(text: string): string {
  return text.replace(/\bholt_winters(?=\s*\()/g, 'day_of_month');
}

/** Parses one expression. Pure and uncached: a compile parses each text once (see PromqlIndex). */
export function parsePromql(text: string): ParsedExpr {
  const tree = parser.parse(withPrometheus2Names(text));
  const error = firstError(text, tree);
  return { text, error, ast: error ? undefined : toAst(text, tree) };
}

const CONTEXT: Readonly<Record<string, string>> = {
  GroupingLabels: 'in the grouping labels, which are written in parentheses: by (job)',
  LabelMatchers: 'in the label matchers',
  FunctionCallBody: 'in the function arguments',
  MatrixSelector: 'in the range selector',
  SubqueryExpr: 'in the subquery',
  OffsetExpr: 'after offset, which needs a duration',
  MatchingModifierClause: 'in the vector matching clause',
};

function firstError(text: string, tree: Tree): SyntaxError | undefined {
  if (text.trim() === '') return { from: 0, to: text.length, message: 'the expression is empty' };
  let found: SyntaxNode | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) {
        found = node.node;
        return false;
      }
      return undefined;
    },
  });
  if (!found) return undefined;
  // An error at the end points just after the last character, not at trailing blank lines.
  const end = text.trimEnd().length;
  const from = Math.min(found.from, end);
  return { from, to: Math.max(Math.min(found.to, end), from), message: describe(text, found) };
}

function describe(text: string, error: SyntaxNode): string {
  const context = CONTEXT[error.parent?.name ?? ''];
  const suffix = context ? ` ${context}` : '';
  if (error.from >= text.trimEnd().length) {
    const unclosed = unclosedBracket(text);
    return unclosed ? `unclosed ${unclosed}: the expression ends before it is closed` : `unexpected end of expression${suffix}`;
  }
  const previous = error.prevSibling;
  const errorText = text.slice(error.from, error.to);
  if (errorText.startsWith('(') && previous?.name === 'Identifier') {
    return `unknown function "${text.slice(previous.from, previous.to)}"`;
  }
  const token = errorText.trim() || nextToken(text, error.from);
  return `unexpected ${JSON.stringify(token)}${suffix}`;
}

function nextToken(text: string, from: number): string {
  const rest = text.slice(from).trimStart();
  return /^([A-Za-z_:][A-Za-z0-9_:]*|[0-9.]+[a-z]*|"[^"]*"?|\S)/.exec(rest)?.[0] ?? rest.slice(0, 1);
}

const BRACKETS: Readonly<Record<string, string>> = { '(': 'left parenthesis', '{': 'left brace', '[': 'left bracket' };
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', '}': '{', ']': '[' };

function unclosedBracket(text: string): string | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (BRACKETS[char]) stack.push(char);
    else if (CLOSERS[char] && stack[stack.length - 1] === CLOSERS[char]) stack.pop();
  }
  const open = stack[stack.length - 1];
  return open ? BRACKETS[open] : undefined;
}
