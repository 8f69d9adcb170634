/**
 * Every PromQL text of one compile, parsed once: the expansion owns one table, and the
 * generators and checks that read an expression ask it instead of parsing again. The type
 * check, which several checks read, also runs once per text.
 */
import type { Expr } from './ast.ts';
import type { PrometheusVersion } from './functions.ts';
import { parsePromql, type ParsedExpr } from './parse.ts';
import { typeCheck, type TypeResult } from './typecheck.ts';

/** Parsed texts, kept by a long-running caller across compiles (monc build --watch). */
export interface ParseCache {
  readonly parsed: Map<string, ParsedExpr>;
  /** By target version and text. */
  readonly typed: Map<string, TypeResult>;
}

export class ParsedExpressions {
  readonly #parsed: Map<string, ParsedExpr>;
  readonly #typed: Map<string, TypeResult>;

  constructor(
    private readonly version: PrometheusVersion,
    cache: ParseCache = { parsed: new Map(), typed: new Map() },
  ) {
    this.#parsed = cache.parsed;
    this.#typed = cache.typed;
  }

  /**
   * Lets every parsed tree go (a later read parses again). After the checks nothing reads
   * them, and a one-shot build writes its files with thousands of trees less in memory.
   */
  forget(): void {
    this.#parsed.clear();
    this.#typed.clear();
  }

  get(text: string): ParsedExpr {
    let parsed = this.#parsed.get(text);
    if (!parsed) {
      parsed = parsePromql(text);
      this.#parsed.set(text, parsed);
    }
    return parsed;
  }

  /** The typed AST; undefined on a syntax error (promql/syntax reports it). */
  ast(text: string): Expr | undefined {
    return this.get(text).ast;
  }

  /** The type checker's verdict for the target version; undefined on a syntax error. */
  types(text: string): TypeResult | undefined {
    const ast = this.ast(text);
    if (!ast) return undefined;
    const key = `${this.version}\u0000${text}`;
    let typed = this.#typed.get(key);
    if (!typed) {
      typed = typeCheck(ast, this.version);
      this.#typed.set(key, typed);
    }
    return typed;
  }
}
