/**
 * PromQL's grammar, as Prometheus' generated parser (promql/parser/generated_parser.y) reads
 * it: operator precedence and associativity, modifiers binding to the operand right before
 * them, keywords that are metric names where an expression starts, and the checks Prometheus
 * makes while parsing (numbers, durations, strings, the @ timestamp). Prometheus 3 syntax is
 * read as well and marked in the tree, so the type checker can say a target lacks it.
 *
 * The parser keeps its own stacks instead of recursing, so an expression nests as deep as
 * Prometheus allows (thousands of levels) without exhausting the JavaScript stack; the depth
 * of the tree is returned, for the checks that walk it.
 */
import { durationInRange, GO_DURATION } from '../go-limits.ts';
import { parseDuration, type Aggregate, type Binary, type Call, type Duration, type Expr, type Grouping, type LabelMatcher, type LabelRef, type MatchOp, type NumberLiteral, type VectorMatching, type VectorSelector } from './ast.ts';
import { functionTable } from './functions.ts';
import { AGGREGATORS, digitsEnd, lex, PromqlSyntaxError, type Token } from './lexer.ts';

export interface Parsed {
  readonly ast: Expr;
  /** The depth of the tree: 1 for a single selector. */
  readonly depth: number;
}

/** Parses one expression; throws PromqlSyntaxError at the first error. */
export function parseExpression(text: string): Parsed {
  if (!NOT_BLANK.test(text)) throw new PromqlSyntaxError(0, text.length, 'the expression is empty');
  return new Parser(text, lex(text)).parse();
}

const NOT_BLANK = /\S/;

/** Binary operators by precedence, lowest first (the %left/%right lines of the grammar). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>=': 3,
  '>': 3,
  '<': 3,
  '<=': 3,
  '</': 3,
  '>/': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};
/** A unary + or - binds like *: -a^b is -(a^b), -a*b is (-a)*b. */
const UNARY_PRECEDENCE = 5;

/** Keywords that are metric names where an expression starts (the grammar's metric_identifier). */
const METRIC_KEYWORDS: ReadonlySet<string> = new Set([
  ...AGGREGATORS, 'by', 'and', 'or', 'unless', 'offset', 'without', 'start', 'end',
  'fill', 'fill_left', 'fill_right', 'step', 'range', 'anchored', 'smoothed', 'max_of', 'min_of',
]);

const CALLABLE_KEYWORDS: ReadonlySet<string> = new Set(['start', 'end', 'step', 'range', 'min_of', 'max_of']);

/** Keywords that are label names in grouping labels (the grammar's maybe_label): all but without. */
const LABEL_KEYWORDS: ReadonlySet<string> = new Set([...METRIC_KEYWORDS, 'bool', 'group_left', 'group_right', 'ignoring', 'on', 'atan2'].filter((k) => k !== 'without'));

/** Every function either target knows; which target has which is the type checker's business. */
const FUNCTIONS: ReadonlySet<string> = new Set([...functionTable(2).keys(), ...functionTable(3).keys()]);

/** Keywords the parser looks for, by where. */
const BY_WITHOUT = ['by', 'without'];
const BOOL = ['bool'];
const ON_IGNORING = ['on', 'ignoring'];
const GROUP_SIDES = ['group_left', 'group_right'];
const FILLS = ['fill', 'fill_left', 'fill_right'];
const OFFSET = ['offset'];
const ANCHORED_SMOOTHED = ['anchored', 'smoothed'];
const START_END = ['start', 'end'];
const DURATION_FUNCTIONS = ['step', 'range', 'max_of', 'min_of'];
const STEP_RANGE = ['step', 'range'];
const MAX_MIN_OF = ['max_of', 'min_of'];
const isKeyword = (token: Token, words: readonly string[]) => token.type === 'keyword' && words.includes(token.value);

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** An operand on the value stack, with the depth of its tree. */
interface Value {
  readonly expr: Expr;
  readonly depth: number;
}

type Frame =
  | { readonly kind: 'binary'; readonly op: Token; readonly precedence: number; readonly bool: boolean; readonly matching: VectorMatching | undefined; readonly fill: boolean }
  | { readonly kind: 'unary'; readonly op: Token }
  | { readonly kind: 'paren'; readonly open: Token }
  | { readonly kind: 'call'; readonly name: Token; readonly args: Value[] }
  | { readonly kind: 'aggregate'; readonly op: Token; readonly grouping: Grouping | undefined; readonly args: Value[] };

/** What a syntax error says it was in, by the innermost open construct. */
const CONTEXT = {
  grouping: 'in the grouping labels, which are written in parentheses: by (job)',
  matchers: 'in the label matchers',
  args: 'in the function arguments',
  range: 'in the range selector',
  subquery: 'in the subquery',
  offset: 'after offset, which needs a duration',
  at: 'after @, which needs a timestamp or start() or end()',
  matching: 'in the vector matching clause',
} as const;

class Parser {
  private pos = 0;
  private readonly values: Value[] = [];
  private readonly frames: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  // ------------------------------------------------------------------ tokens

  // The parser runs mostly interpreted, where a call costs more than the check it makes, so
  // the hot paths read this.tokens[this.pos] themselves and make peek()'s check in place.

  /** The next token; the lexer's error when the parser reaches it. The eof or error token ends the list and is never passed. */
  private peek(): Token {
    const token = this.tokens[this.pos] as Token;
    if (token.type === 'error') this.lexError(token);
    return token;
  }

  private lexError(token: Token): never {
    throw new PromqlSyntaxError(token.from, token.to, token.message ?? 'syntax error');
  }

  private next(): Token {
    const token = this.tokens[this.pos] as Token;
    if (token.type === 'error') this.lexError(token);
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private expect(type: Token['type'], context: string): Token {
    const token = this.tokens[this.pos] as Token;
    if (token.type !== type) this.unexpected(token, context);
    this.pos++;
    return token;
  }

  /** The error at `token`: the lexer's own when it is the error token. */
  private unexpected(token: Token, context?: string): never {
    if (token.type === 'error') this.lexError(token);
    const suffix = context ? ` ${context}` : '';
    if (token.type === 'eof') {
      // An error at the end points just after the last character, not at trailing blank lines.
      const end = this.text.trimEnd().length;
      throw new PromqlSyntaxError(end, end, `unexpected end of expression${suffix}`);
    }
    throw new PromqlSyntaxError(token.from, token.to, `unexpected ${JSON.stringify(token.text)}${suffix}`);
  }

  // ------------------------------------------------------------------ the expression

  parse(): Parsed {
    let expectOperand = true;
    for (;;) {
      if (expectOperand) {
        expectOperand = this.operand();
        continue;
      }
      const token = this.tokens[this.pos] as Token;
      const type = token.type;
      if (type === 'error') this.lexError(token);
      if ((type === '[' || type === '@' || type === 'keyword') && this.postfix(token)) continue;
      // Operators and the keyword operators (and, or, unless, atan2) have a precedence; other keywords do not.
      const precedence = type === 'operator' || type === 'keyword' ? PRECEDENCE[token.value] : undefined;
      if (precedence !== undefined) {
        this.reduce(precedence, token.value === '^');
        this.pos++;
        const { bool, matching, fill } = this.binaryModifiers();
        this.frames.push({ kind: 'binary', op: token, precedence, bool, matching, fill });
        expectOperand = true;
        continue;
      }
      if (token.type === ',' || token.type === ')') {
        this.reduce(0, false);
        expectOperand = this.closeOrSeparate(token);
        continue;
      }
      if (token.type === 'eof') {
        this.reduce(0, false);
        const open = this.frames[this.frames.length - 1];
        if (open) this.unexpected(token, open.kind === 'paren' ? undefined : CONTEXT.args);
        const result = this.values.pop();
        if (!result) this.unexpected(token);
        return { ast: result.expr, depth: result.depth };
      }
      this.unexpected(token, this.argumentContext());
    }
  }

  private argumentContext(): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i];
      if (frame?.kind === 'paren') return undefined;
      if (frame?.kind === 'call' || frame?.kind === 'aggregate') return CONTEXT.args;
    }
    return undefined;
  }

  /** Reduces the pending operators that bind tighter than an incoming one of `precedence`. */
  private reduce(precedence: number, rightAssociative: boolean): void {
    for (;;) {
      const top = this.frames[this.frames.length - 1];
      if (!top || (top.kind !== 'binary' && top.kind !== 'unary')) return;
      const bound = top.kind === 'binary' ? top.precedence : UNARY_PRECEDENCE;
      if (bound < precedence || (bound === precedence && rightAssociative)) return;
      this.frames.pop();
      if (top.kind === 'unary') {
        const operand = this.pop();
        this.push({ kind: 'unary', op: top.op.value === '+' ? '+' : '-', expr: operand.expr, from: top.op.from, to: operand.expr.to }, operand.depth + 1);
      } else {
        const rhs = this.pop();
        const lhs = this.pop();
        const binary: Binary = {
          kind: 'binary',
          op: { name: top.op.value, from: top.op.from, to: top.op.to },
          lhs: lhs.expr,
          rhs: rhs.expr,
          bool: top.bool,
          matching: top.matching,
          fill: top.fill,
          from: lhs.expr.from,
          to: rhs.expr.to,
        };
        this.push(binary, Math.max(lhs.depth, rhs.depth) + 1);
      }
    }
  }

  private pop(): Value {
    const value = this.values.pop();
    if (!value) throw new Error('PromQL parser: operand stack empty');
    return value;
  }

  private push(expr: Expr, depth: number): void {
    this.values.push({ expr, depth });
  }

  /** Reads what starts an operand; returns whether an operand is still expected (after a prefix). */
  private operand(): boolean {
    // next(), written out: this runs once per operand.
    const token = this.tokens[this.pos] as Token;
    if (token.type === 'error') this.lexError(token);
    if (token.type !== 'eof') this.pos++;
    switch (token.type) {
      case 'operator':
        if (token.value === '+' || token.value === '-') {
          this.frames.push({ kind: 'unary', op: token });
          return true;
        }
        break;
      case '(':
        if (this.peek().type === ')') this.unexpected(this.peek());
        this.frames.push({ kind: 'paren', open: token });
        return true;
      case 'number':
        this.push(this.numberLiteral(token), 1);
        return false;
      case 'duration': {
        // A duration where a number goes (Prometheus 3): its seconds.
        const ms = this.durationMs(token);
        this.push({ kind: 'number', value: ms / 1000, newSyntax: true, from: token.from, to: token.to }, 1);
        return false;
      }
      case 'string':
        this.push({ kind: 'string', value: unquote(token.text), from: token.from, to: token.to }, 1);
        return false;
      case '{':
        this.push(this.vectorSelector(undefined, token), 1);
        return false;
      case 'identifier':
        // A lexer error here is reported by vectorSelector's look for a brace.
        if ((this.tokens[this.pos] as Token).type === '(') return this.openCall(token);
        this.push(this.vectorSelector(token), 1);
        return false;
      case 'metricIdentifier':
        this.push(this.vectorSelector(token), 1);
        return false;
      case 'keyword': {
        const next = this.peek();
        if (AGGREGATORS.has(token.value) && (next.type === '(' || isKeyword(next, BY_WITHOUT))) return this.openAggregate(token);
        // start(), end(), step(), range(), min_of(), max_of(): Prometheus 3 functions named by keywords.
        if (CALLABLE_KEYWORDS.has(token.value) && next.type === '(') return this.openCall(token);
        if (METRIC_KEYWORDS.has(token.value)) {
          this.push(this.vectorSelector(token), 1);
          return false;
        }
        break;
      }
    }
    return this.unexpected(token, this.argumentContext());
  }

  private openCall(name: Token): boolean {
    if (!FUNCTIONS.has(name.text)) throw new PromqlSyntaxError(name.from, name.to, `unknown function "${name.text}"`);
    this.pos++; // the ( that operand() saw
    const frame: Frame = { kind: 'call', name, args: [] };
    // Anything but ) is the first argument's, which operand() reads (and reports, if it is the lexer's error).
    const close = this.tokens[this.pos] as Token;
    if (close.type === ')') {
      this.pos++;
      this.close(frame, close, undefined);
      return false;
    }
    this.frames.push(frame);
    return true;
  }

  private openAggregate(op: Token): boolean {
    const grouping = isKeyword(this.peek(), BY_WITHOUT) ? this.grouping() : undefined;
    this.expect('(', CONTEXT.grouping);
    const frame: Frame = { kind: 'aggregate', op, grouping, args: [] };
    const close = this.tokens[this.pos] as Token;
    if (close.type === ')') {
      this.pos++;
      this.close(frame, close, undefined);
      return false;
    }
    this.frames.push(frame);
    return true;
  }

  /** A `,` between arguments or a `)`; returns whether an operand is expected next. */
  private closeOrSeparate(token: Token): boolean {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return this.unexpected(token);
    if (token.type === ',') {
      if (frame.kind !== 'call' && frame.kind !== 'aggregate') return this.unexpected(token);
      this.pos++; // the comma
      frame.args.push(this.pop());
      if ((this.tokens[this.pos] as Token).type === ')') throw new PromqlSyntaxError(token.from, token.to, 'trailing commas not allowed in function call args');
      return true;
    }
    this.frames.pop();
    this.pos++; // the )
    this.close(frame, token, this.pop());
    return false;
  }

  /** Builds the node a `)` closes; `last` is the operand before it (none for an empty argument list). */
  private close(frame: Frame, close: Token, last: Value | undefined): void {
    switch (frame.kind) {
      case 'paren': {
        if (!last) this.unexpected(close);
        this.push({ kind: 'paren', expr: last.expr, from: frame.open.from, to: close.to }, last.depth + 1);
        return;
      }
      case 'call': {
        if (last) frame.args.push(last);
        const call: Call = { kind: 'call', func: { name: frame.name.text, from: frame.name.from, to: frame.name.to }, args: frame.args.map((a) => a.expr), from: frame.name.from, to: close.to };
        this.push(call, 1 + deepest(frame.args));
        return;
      }
      case 'aggregate': {
        if (last) frame.args.push(last);
        let grouping = frame.grouping;
        let to = close.to;
        if (!grouping && isKeyword(this.peek(), BY_WITHOUT)) {
          grouping = this.grouping();
          to = grouping.to;
        }
        const aggregate: Aggregate = { kind: 'aggregate', op: { name: frame.op.value, from: frame.op.from, to: frame.op.to }, args: frame.args.map((a) => a.expr), grouping, from: frame.op.from, to };
        this.push(aggregate, 1 + deepest(frame.args));
        return;
      }
      default:
        this.unexpected(close);
    }
  }

  // ------------------------------------------------------------------ selectors

  /** A vector selector: a name (or a keyword used as one), then label matchers in braces, or only the braces. */
  private vectorSelector(name: Token | undefined, open?: Token): VectorSelector {
    let metric: LabelRef | undefined = name ? { name: name.text, from: name.from, to: name.to } : undefined;
    const brace = open ?? (this.peek().type === '{' ? this.next() : undefined);
    const matchers: LabelMatcher[] = [];
    let quotedName = false;
    let to = name?.to ?? 0;
    if (brace) {
      // Matchers are most of a selector's tokens, so they are read with a local cursor: calls
      // cost more than the reads in interpreted code. A token of the wrong type (the lexer's
      // error token among them) ends in unexpected() before the cursor passes the last token.
      const tokens = this.tokens;
      let pos = this.pos;
      for (;;) {
        const token = tokens[pos++] as Token;
        if (token.type === '}') {
          to = token.to;
          break;
        }
        if (token.type !== 'identifier' && token.type !== 'string') this.unexpected(token, CONTEXT.matchers);
        const op = tokens[pos] as Token;
        const isOp = op.type === '=' || (op.type === 'operator' && (op.value === '!=' || op.value === '=~' || op.value === '!~'));
        if (token.type === 'string' && !isOp) {
          // {"metric.name"}: a metric name written as a string (Prometheus 3).
          quotedName = true;
          metric = { name: unquote(token.text), from: token.from, to: token.to, quoted: true };
        } else {
          if (!isOp) this.unexpected(op, CONTEXT.matchers);
          const value = tokens[pos + 1] as Token;
          if (value.type !== 'string') this.unexpected(value, CONTEXT.matchers);
          pos += 2;
          if (token.type === 'string') quotedName = true;
          const labelName = token.type === 'string' ? unquote(token.text) : token.text;
          const matchOp = op.value as MatchOp;
          const matchValue = unquote(value.text);
          const valueFrom = value.from;
          const valueTo = value.to;
          matchers.push({ label: { name: labelName, from: token.from, to: token.to }, op: matchOp, value: matchValue, valueRange: { from: valueFrom, to: valueTo }, from: token.from, to: valueTo });
          // {__name__="up"} names the metric. Both comparisons are made for every matcher: a
          // branch taken rarely that compares or reads properties deoptimises this function.
          const isName = labelName === '__name__';
          const isEqual = matchOp === '=';
          if (isName && isEqual && !metric) metric = { name: matchValue, from: valueFrom, to: valueTo };
        }
        const separator = tokens[pos++] as Token;
        if (separator.type === '}') {
          to = separator.to;
          break;
        }
        if (separator.type !== ',') this.unexpected(separator, CONTEXT.matchers);
      }
      this.pos = pos;
    }
    // One property read for either token, so a selector without a name does not deoptimise.
    return { kind: 'vector', metric, matchers, quotedName, from: (name ?? brace)?.from ?? 0, to };
  }

  /** `by (…)` or `without (…)`. */
  private grouping(): Grouping {
    const keyword = this.next();
    const { labels, to } = this.labelList(CONTEXT.grouping);
    return { mode: keyword.value === 'without' ? 'without' : 'by', labels, from: keyword.from, to };
  }

  /** `(label, …)`, as grouping_labels reads them: label names, keywords that can be label names, quoted names (Prometheus 3). */
  private labelList(context: string): { labels: LabelRef[]; to: number } {
    this.expect('(', context);
    const labels: LabelRef[] = [];
    // A local cursor, as in vectorSelector: a token of the wrong type ends in unexpected().
    const tokens = this.tokens;
    for (;;) {
      const token = tokens[this.pos++] as Token;
      if (token.type === ')') return { labels, to: token.to };
      if (token.type === 'string') labels.push({ name: unquote(token.text), from: token.from, to: token.to, quoted: true });
      else if ((token.type === 'identifier' || (token.type === 'keyword' && LABEL_KEYWORDS.has(token.value))) && LABEL_NAME.test(token.text)) {
        labels.push({ name: token.text, from: token.from, to: token.to });
      } else this.unexpected(token, context);
      const separator = tokens[this.pos++] as Token;
      if (separator.type === ')') return { labels, to: separator.to };
      if (separator.type !== ',') this.unexpected(separator, context);
    }
  }

  // ------------------------------------------------------------------ binary modifiers

  private binaryModifiers(): BinaryModifiers {
    // Every modifier is a keyword; most operators have none.
    if ((this.tokens[this.pos] as Token).type !== 'keyword') return NO_MODIFIERS;
    let bool = false;
    if (isKeyword(this.peek(), BOOL)) {
      this.next();
      bool = true;
    }
    let matching: VectorMatching | undefined;
    const mode = this.peek();
    if (isKeyword(mode, ON_IGNORING)) {
      this.next();
      const { labels, to } = this.labelList(CONTEXT.matching);
      let group: VectorMatching['group'];
      let include: LabelRef[] = [];
      let end = to;
      const side = this.peek();
      if (isKeyword(side, GROUP_SIDES)) {
        this.next();
        group = side.value === 'group_left' ? 'left' : 'right';
        end = side.to;
        if (this.peek().type === '(') {
          const list = this.labelList(CONTEXT.matching);
          include = list.labels;
          end = list.to;
        }
      }
      matching = { mode: mode.value === 'on' ? 'on' : 'ignoring', labels, group, include, from: mode.from, to: end };
    }
    // fill(v), fill_left(v), fill_right(v): Prometheus 3.
    let fill = false;
    while (isKeyword(this.peek(), FILLS)) {
      this.next();
      this.expect('(', CONTEXT.matching);
      const sign = this.peek().type === 'operator' && (this.peek().value === '-' || this.peek().value === '+') ? this.next() : undefined;
      const value = this.expect('number', CONTEXT.matching);
      if (sign === undefined) this.numberLiteral(value);
      this.expect(')', CONTEXT.matching);
      fill = true;
    }
    return { bool, matching, fill };
  }

  // ------------------------------------------------------------------ postfix modifiers

  /** A range or subquery, offset, @, anchored or smoothed after the operand on top of the stack; false when the token is none of them. */
  private postfix(token: Token): boolean {
    const top = this.values[this.values.length - 1];
    if (!top) return false;
    const operand = top.expr;
    let wrapped: Expr;
    if (token.type === '[') {
      this.next();
      const range = this.durationExpr(CONTEXT.range);
      const after = this.next();
      if (after.type === ']') {
        wrapped = { kind: 'matrix', vector: operand, range, from: operand.from, to: after.to };
      } else if (after.type === ':') {
        const step = this.peek().type === ']' ? undefined : this.durationExpr(CONTEXT.subquery);
        const close = this.expect(']', CONTEXT.subquery);
        wrapped = { kind: 'subquery', expr: operand, range, step, from: operand.from, to: close.to };
      } else this.unexpected(after, CONTEXT.range);
    } else if (isKeyword(token, OFFSET)) {
      this.next();
      const offset = this.offsetDuration();
      wrapped = { kind: 'offset', expr: operand, offset, from: operand.from, to: offset.to };
    } else if (token.type === '@') {
      this.next();
      const { at, to } = this.atValue();
      wrapped = { kind: 'at', expr: operand, at, from: operand.from, to };
    } else if (isKeyword(token, ANCHORED_SMOOTHED)) {
      this.next();
      wrapped = { kind: 'newer', feature: token.value, expr: operand, from: operand.from, to: token.to };
    } else return false;
    this.values.pop();
    this.push(wrapped, top.depth + 1);
    return true;
  }

  private atValue(): { at: 'start' | 'end' | number; to: number } {
    const token = this.next();
    if (isKeyword(token, START_END)) {
      this.expect('(', CONTEXT.at);
      const close = this.expect(')', CONTEXT.at);
      return { at: token.value === 'start' ? 'start' : 'end', to: close.to };
    }
    let sign = 1;
    let number = token;
    if (token.type === 'operator' && (token.value === '-' || token.value === '+')) {
      sign = token.value === '-' ? -1 : 1;
      number = this.next();
    }
    if (number.type !== 'number') this.unexpected(number, CONTEXT.at);
    const value = sign * this.numberLiteral(number).value;
    if (!Number.isFinite(value) || value >= 2 ** 63 || value <= -(2 ** 63)) {
      throw new PromqlSyntaxError(token.from, number.to, `timestamp out of bounds for @ modifier: ${goFloat(value)}`);
    }
    return { at: value, to: number.to };
  }

  // ------------------------------------------------------------------ durations

  /**
   * After offset: a duration, optionally negative; in Prometheus 3 also a number of seconds,
   * step(), range(), max_of/min_of(…) or a parenthesised duration expression. One term only:
   * `x offset 5m + 1` adds 1 to `x offset 5m`.
   */
  private offsetDuration(): Duration {
    const first = this.peek();
    const sign = first.type === 'operator' && (first.value === '-' || first.value === '+') ? this.next() : undefined;
    const token = this.peek();
    let duration: Duration;
    if (token.type === 'duration' || token.type === 'number') duration = this.durationLiteral(this.next());
    else if (token.type === '(' || isKeyword(token, DURATION_FUNCTIONS)) duration = this.durationTerm(CONTEXT.offset, 0);
    else return this.unexpected(token, CONTEXT.offset);
    if (!sign) return duration;
    const negative = sign.value === '-';
    return {
      from: sign.from,
      to: duration.to,
      text: this.text.slice(sign.from, duration.to),
      ms: duration.ms === undefined ? undefined : negative ? -duration.ms : duration.ms,
      // offset -5m is Prometheus 2; a + sign is not.
      newSyntax: duration.newSyntax || !negative,
    };
  }

  /** A duration expression (Prometheus 3 arithmetic on durations and numbers), or one duration. */
  private durationExpr(context: string, minPrecedence = 0, depth = 0): Duration {
    let lhs = this.durationUnary(context, depth);
    for (;;) {
      const token = this.peek();
      const precedence = token.type === 'operator' ? DURATION_PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return lhs;
      this.next();
      const rhs = this.durationExpr(context, token.value === '^' ? precedence : precedence + 1, depth + 1);
      lhs = { from: lhs.from, to: rhs.to, text: this.text.slice(lhs.from, rhs.to), ms: undefined, newSyntax: true };
    }
  }

  private durationUnary(context: string, depth: number): Duration {
    const token = this.peek();
    if (token.type === 'operator' && (token.value === '-' || token.value === '+')) {
      this.next();
      const operand = this.durationExpr(context, DURATION_PRECEDENCE['*'] ?? 0, depth + 1);
      const negative = token.value === '-';
      return { from: token.from, to: operand.to, text: this.text.slice(token.from, operand.to), ms: operand.ms === undefined ? undefined : negative ? -operand.ms : operand.ms, newSyntax: true };
    }
    return this.durationTerm(context, depth);
  }

  private durationTerm(context: string, depth: number): Duration {
    // Prometheus' own parser recurses here too; no duration nests this deep on purpose.
    if (depth > 200) throw new PromqlSyntaxError(this.peek().from, this.peek().to, 'the duration expression nests too deeply');
    const token = this.next();
    if (token.type === 'duration' || token.type === 'number') return this.durationLiteral(token);
    if (token.type === '(') {
      this.durationExpr(context, 0, depth + 1);
      const close = this.expect(')', context);
      return { from: token.from, to: close.to, text: this.text.slice(token.from, close.to), ms: undefined, newSyntax: true };
    }
    if (isKeyword(token, STEP_RANGE)) {
      this.expect('(', context);
      const close = this.expect(')', context);
      return { from: token.from, to: close.to, text: this.text.slice(token.from, close.to), ms: undefined, newSyntax: true };
    }
    if (isKeyword(token, MAX_MIN_OF)) {
      this.expect('(', context);
      this.durationExpr(context, 0, depth + 1);
      this.expect(',', context);
      this.durationExpr(context, 0, depth + 1);
      const close = this.expect(')', context);
      return { from: token.from, to: close.to, text: this.text.slice(token.from, close.to), ms: undefined, newSyntax: true };
    }
    return this.unexpected(token, context);
  }

  /** A duration token (5m), or a number of seconds (Prometheus 3). */
  private durationLiteral(token: Token): Duration {
    if (token.type === 'number') {
      const seconds = this.numberLiteral(token).value;
      return { from: token.from, to: token.to, text: token.text, ms: seconds * 1000, newSyntax: true };
    }
    return { from: token.from, to: token.to, text: token.text, ms: this.durationMs(token), newSyntax: false };
  }

  /** model.ParseDuration: units largest first, each once, within Go's int64 nanoseconds. */
  private durationMs(token: Token): number {
    const known = validDurations.get(token.text);
    if (known !== undefined) return known;
    if (!GO_DURATION.test(token.text)) throw new PromqlSyntaxError(token.from, token.to, `not a valid duration string: ${JSON.stringify(token.text)}`);
    if (!durationInRange(token.text)) throw new PromqlSyntaxError(token.from, token.to, 'duration out of range');
    const ms = parseDuration(token.text) ?? 0;
    if (validDurations.size < MAX_VALID_DURATIONS) validDurations.set(token.text, ms);
    return ms;
  }

  // ------------------------------------------------------------------ literals

  /** A number as Prometheus reads it: strconv.ParseInt(s, 0, 64), else strconv.ParseFloat. */
  private numberLiteral(token: Token): NumberLiteral {
    const value = goNumber(token.text);
    if (typeof value === 'string') throw new PromqlSyntaxError(token.from, token.to, `error parsing number: ${value}`);
    return { kind: 'number', value, from: token.from, to: token.to };
  }
}

interface BinaryModifiers {
  readonly bool: boolean;
  readonly matching: VectorMatching | undefined;
  readonly fill: boolean;
}
const NO_MODIFIERS: BinaryModifiers = { bool: false, matching: undefined, fill: false };

/** The depth of the deepest of `values`; 0 for none. */
function deepest(values: readonly Value[]): number {
  let depth = 0;
  for (const value of values) if (value.depth > depth) depth = value.depth;
  return depth;
}

/** The same few durations (5m, 1h) are written over and over: each is checked once. */
const validDurations = new Map<string, number>();
const MAX_VALID_DURATIONS = 10_000;

const DURATION_PRECEDENCE: Readonly<Record<string, number>> = { '+': 1, '-': 1, '*': 2, '/': 2, '%': 2, '^': 3 };

/** 0, 42, 0.95: up to 15 digits before and after the point, no leading zero; JavaScript reads these as Go does. */
function isShortDecimal(text: string): boolean {
  const integer = digitsEnd(text, 0, false);
  if (integer === 0 || integer > 15 || (integer > 1 && text.charCodeAt(0) === 48 /* 0 */)) return false;
  if (integer === text.length) return true;
  if (text.charCodeAt(integer) !== 46 /* . */) return false;
  const end = digitsEnd(text, integer + 1, false);
  return end === text.length && end > integer + 1 && end - integer - 1 <= 15;
}

/** strconv.ParseInt(text, 0, 64), else strconv.ParseFloat(text, 64); a string is Go's error. */
export function goNumber(text: string): number | string {
  // Most numbers are short decimal integers or fractions.
  if (isShortDecimal(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const integer = goInteger(text);
  if (integer !== undefined) return integer;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return `strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`;
  const value = Number(text);
  if (!Number.isFinite(value)) return `strconv.ParseFloat: parsing ${JSON.stringify(text)}: value out of range`;
  return value;
}

/** strconv.ParseInt(text, 0, 64): 0x hex, a leading 0 octal, decimal; undefined when it fails. */
function goInteger(text: string): number | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', digits = ''] = match;
  const value = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const signed = sign === '-' ? -value : value;
  if (signed > (1n << 63n) - 1n || signed < -(1n << 63n)) return undefined;
  return Number(signed);
}

/** Go's %f of a float64 (enough for the @ bound message). */
function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return value.toFixed(6);
}

/** The value of a PromQL string literal: "…" and '…' with Go escapes (the lexer checked them), or a raw `…`. */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`' || !body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_match, sequence: string) => {
    switch (sequence[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(sequence) ? String.fromCodePoint(Number.parseInt(sequence, 8)) : sequence;
    }
  });
}

