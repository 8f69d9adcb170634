/**
 * PromQL syntax: Prometheus' own grammar (parser.ts over lexer.ts), one precise error per
 * expression, and the typed tree for the checks. A tree deeper than monc's checks walk is
 * parsed (its syntax is checked) but not handed to them.
 */
import type { Expr } from './ast.ts';
import { PromqlSyntaxError } from './lexer.ts';
import { parseExpression } from './parser.ts';

export interface SyntaxError {
  /** Offsets into the expression text. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** An expression parsed: its first syntax error, or its typed AST. */
export interface ParsedExpr {
  readonly text: string;
  /** The first syntax error: Prometheus stops there too. */
  readonly error: SyntaxError | undefined;
  /** Undefined when the expression has a syntax error, or nests deeper than MAX_ANALYSED_DEPTH. */
  readonly ast: Expr | undefined;
  /** The depth of the tree (0 on a syntax error). */
  readonly depth: number;
}

/**
 * The deepest tree the checks walk (they recurse). Prometheus parses deeper ones, so monc
 * checks their syntax and says it checked nothing more (promql/depth).
 */
export const MAX_ANALYSED_DEPTH = 1000;

/** Parses one expression. Pure and uncached: a compile parses each text once (see ParsedExpressions). */
export function parsePromql(text: string): ParsedExpr {
  try {
    const { ast, depth } = parseExpression(text);
    return { text, error: undefined, ast: depth > MAX_ANALYSED_DEPTH ? undefined : ast, depth };
  } catch (error) {
    if (!(error instanceof PromqlSyntaxError)) throw error;
    // An error at the end points just after the last character, not at trailing blank lines.
    const end = text.trimEnd().length;
    const from = Math.min(error.from, end);
    return { text, error: { from, to: Math.max(Math.min(error.to, end), from), message: error.message }, ast: undefined, depth: 0 };
  }
}
