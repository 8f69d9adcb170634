/**
 * Go text/template syntax, as Prometheus parses alert labels and annotations: the lexer and
 * parser rules of Go's text/template/parse, reduced to what decides whether a template
 * parses (delimiters, comments, strings, control structures, defined functions and
 * variables). Returns the first error with offsets into the template text.
 */
import { closest } from '../suggest.ts';

export interface TemplateError {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** Go's text/template builtins. */
const GO_BUILTINS = ['and', 'or', 'not', 'len', 'index', 'printf', 'print', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'call', 'slice'];

/** Who expands a template, and what it defines for it. */
export interface TemplateDialect {
  /** For messages: "Prometheus defines …". */
  readonly consumer: string;
  readonly functions: ReadonlySet<string>;
  /** Variables defined before the template runs, besides $. */
  readonly variables: readonly string[];
}

/** Alert labels and annotations: Prometheus' template functions (template/template.go) and variables. */
export const PROMETHEUS_TEMPLATES: TemplateDialect = {
  consumer: 'Prometheus',
  functions: new Set([
    'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp', 'toTime',
    'query', 'first', 'label', 'value', 'strvalue', 'args', 'tableLink', 'graphLink', 'reReplaceAll', 'match',
    'title', 'toUpper', 'toLower', 'sortByLabel', 'stripPort', 'stripDomain', 'safeHtml', 'pathPrefix',
    'externalURL', 'parseDuration',
    ...GO_BUILTINS,
  ]),
  variables: ['$labels', '$externalLabels', '$externalURL', '$value'],
};

/** Notification templates: Alertmanager 0.25's DefaultFuncs (as its amtool check-config knows them); no variables. */
export const ALERTMANAGER_TEMPLATES: TemplateDialect = {
  consumer: 'Alertmanager 0.25',
  functions: new Set(['toUpper', 'toLower', 'title', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice', ...GO_BUILTINS]),
  variables: [],
};

type Kind =
  | 'text' | 'left' | 'right' | 'space' | 'pipe' | 'assign' | 'declare' | 'lparen' | 'rparen' | 'char'
  | 'string' | 'number' | 'bool' | 'nil' | 'dot' | 'field' | 'variable' | 'identifier' | 'keyword' | 'eof';

interface Token {
  readonly kind: Kind;
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

class TemplateSyntaxError extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    message: string,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** Template text that Prometheus expands to exactly `text`: every `{{` becomes an action printing it. */
export function literalTemplateText(text: string): string {
  return text.replaceAll('{{', '{{ "{{" }}');
}

/** literalTemplateText() of every value. */
export function literalTemplateValues(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, literalTemplateText(value)]));
}

export function checkTemplate(text: string, dialect: TemplateDialect = PROMETHEUS_TEMPLATES): TemplateError | undefined {
  try {
    new Parser(lex(text), text, dialect).parse();
    return undefined;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { from: error.from, to: Math.max(error.to, error.from + 1), message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------- lexer

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: Kind, from: number, to: number) => tokens.push({ kind, text: text.slice(from, to), from, to });
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (open > i) push('text', i, open);
    let j = open + 2;
    if (text[j] === '-' && isSpace(text[j + 1])) {
      j += 2;
      while (isSpace(text[j])) j++;
    }
    if (text.startsWith('/*', j)) {
      const close = text.indexOf('*/', j + 2);
      if (close < 0) throw new TemplateSyntaxError(open, text.length, 'unclosed comment: "/*" has no matching "*/"');
      let k = close + 2;
      if (text[k] === ' ' && text[k + 1] === '-' && text.startsWith('}}', k + 2)) k += 2;
      if (!text.startsWith('}}', k)) throw new TemplateSyntaxError(close, close + 2, 'comment ends before closing delimiter: write {{/* comment */}}');
      i = k + 2;
      continue;
    }
    push('left', open, open + 2);
    i = lexAction(text, open + 2 + (text[open + 2] === '-' && isSpace(text[open + 3]) ? 1 : 0), open, push);
  }
  if (i < text.length) push('text', i, text.length);
  push('eof', text.length, text.length);
  return tokens;
}

/** Lexes from just after `{{` to just after `}}`; returns the offset after `}}`. */
function lexAction(text: string, start: number, open: number, push: (kind: Kind, from: number, to: number) => void): number {
  let i = start;
  let depth = 0;
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new TemplateSyntaxError(open, open + 2, 'unclosed action: "{{" has no matching "}}"');
    const trimmedClose = isSpace(c) && text[i + 1] === '-' && text.startsWith('}}', i + 2);
    if (text.startsWith('}}', i) || trimmedClose) {
      if (depth > 0) throw new TemplateSyntaxError(i, i + 2, 'unclosed left parenthesis in the action');
      const at = trimmedClose ? i + 2 : i;
      push('right', at, at + 2);
      return at + 2;
    }
    const from = i;
    if (isSpace(c)) {
      while (isSpace(text[i]) && !(text[i + 1] === '-' && text.startsWith('}}', i + 2) && isSpace(text[i]))) i++;
      if (i === from) i++;
      push('space', from, i);
    } else if (c === '=') {
      push('assign', from, ++i);
    } else if (c === ':') {
      if (text[i + 1] !== '=') throw new TemplateSyntaxError(i, i + 1, 'expected ":="');
      i += 2;
      push('declare', from, i);
    } else if (c === '|') {
      push('pipe', from, ++i);
    } else if (c === '"') {
      i++;
      while (text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (text[i] === undefined || text[i] === '\n') throw new TemplateSyntaxError(from, i, 'unterminated quoted string');
        i++;
      }
      push('string', from, ++i);
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw new TemplateSyntaxError(from, text.length, 'unterminated raw quoted string');
      i = close + 1;
      push('string', from, i);
    } else if (c === "'") {
      i++;
      while (text[i] !== "'") {
        if (text[i] === '\\') i++;
        if (text[i] === undefined || text[i] === '\n') throw new TemplateSyntaxError(from, i, 'unterminated character constant');
        i++;
      }
      push('string', from, ++i);
    } else if (c === '$') {
      i++;
      while (isAlphaNumeric(text[i])) i++;
      push('variable', from, i);
    } else if (c === '.' && !isDigit(text[i + 1])) {
      i++;
      if (!isAlphaNumeric(text[i])) {
        push('dot', from, i);
      } else {
        while (isAlphaNumeric(text[i])) i++;
        push('field', from, i);
      }
    } else if (c === '+' || c === '-' || c === '.' || isDigit(c)) {
      const number = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(text.slice(i));
      i += Math.max(1, number?.[0].length ?? 1);
      if (isAlphaNumeric(text[i]) || !/[0-9]/.test(text.slice(from, i))) throw new TemplateSyntaxError(from, i + 1, `bad number syntax: "${text.slice(from, i + 1)}"`);
      push('number', from, i);
    } else if (isAlphaNumeric(c)) {
      while (isAlphaNumeric(text[i])) i++;
      const word = text.slice(from, i);
      const next = text[i];
      const terminator = next === undefined || isSpace(next) || '.,|:()'.includes(next) || text.startsWith('}}', i);
      if (!terminator) throw new TemplateSyntaxError(i, i + 1, `bad character ${JSON.stringify(next)} after "${word}"`);
      push(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier', from, i);
    } else if (c === '(') {
      depth++;
      push('lparen', from, ++i);
    } else if (c === ')') {
      depth--;
      if (depth < 0) throw new TemplateSyntaxError(i, i + 1, 'unexpected right parenthesis');
      push('rparen', from, ++i);
    } else if (c.charCodeAt(0) > 0x20 && c.charCodeAt(0) < 0x7f) {
      push('char', from, ++i);
    } else {
      throw new TemplateSyntaxError(i, i + 1, `unrecognized character in action: ${JSON.stringify(c)}`);
    }
  }
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
}

// ---------------------------------------------------------------- parser

interface Control {
  readonly keyword: string;
  readonly token: Token;
  readonly vars: number;
  elseSeen: boolean;
}

class Parser {
  #pos = 0;
  readonly #vars: string[];
  readonly #controls: Control[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
    private readonly dialect: TemplateDialect,
  ) {
    this.#vars = ['$', ...dialect.variables];
  }

  parse(): void {
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') break;
      if (token.kind === 'left') this.action(token);
    }
    const open = this.#controls[this.#controls.length - 1];
    if (open) throw new TemplateSyntaxError(open.token.from, open.token.to, `{{${open.keyword}}} has no matching {{end}}`);
  }

  private peek(): Token {
    return this.tokens[this.#pos] ?? { kind: 'eof', text: '', from: this.text.length, to: this.text.length };
  }

  private next(): Token {
    const token = this.peek();
    this.#pos++;
    return token;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.kind === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.#pos--;
    return token;
  }

  private fail(token: Token, message: string): never {
    throw new TemplateSyntaxError(token.from, token.to, message);
  }

  private expectRight(context: string): void {
    const token = this.nextNonSpace();
    if (token.kind !== 'right') this.fail(token, `unexpected ${describe(token)} in ${context}`);
  }

  private action(left: Token): void {
    const token = this.peekNonSpace();
    if (token.kind !== 'keyword') {
      this.pipeline('command', 'right');
      return;
    }
    this.nextNonSpace();
    switch (token.text) {
      case 'if':
      case 'with':
      case 'range': {
        const vars = this.#vars.length;
        this.pipeline(token.text, 'right');
        this.#controls.push({ keyword: token.text, token, vars, elseSeen: false });
        return;
      }
      case 'else': {
        const control = this.#controls[this.#controls.length - 1];
        if (!control || control.keyword === 'define' || control.keyword === 'block') this.fail(token, 'unexpected {{else}}: it belongs inside {{if}}, {{with}} or {{range}}');
        if (control.elseSeen) this.fail(token, `{{${control.keyword}}} already has an {{else}}`);
        const chained = this.peekNonSpace();
        // Go 1.19 (promtool 2.42) knows {{else if}}; {{else with}} came in Go 1.23.
        if (chained.kind === 'keyword' && chained.text === 'if') {
          this.nextNonSpace();
          this.pipeline(chained.text, 'right');
        } else {
          control.elseSeen = true;
          this.expectRight('else');
        }
        return;
      }
      case 'end': {
        const control = this.#controls.pop();
        if (!control) this.fail(token, 'unexpected {{end}}: no {{if}}, {{range}}, {{with}} or {{define}} is open');
        this.#vars.length = control.vars;
        this.expectRight('end');
        return;
      }
      case 'break':
      case 'continue': {
        if (!this.#controls.some((c) => c.keyword === 'range')) this.fail(token, `{{${token.text}}} outside {{range}}`);
        this.expectRight(token.text);
        return;
      }
      case 'define':
      case 'block':
      case 'template': {
        const name = this.nextNonSpace();
        if (name.kind !== 'string') this.fail(name, `unexpected ${describe(name)} in ${token.text}: it needs a quoted template name`);
        if (token.text === 'define') this.expectRight('define');
        else if (this.peekNonSpace().kind !== 'right') this.pipeline(token.text, 'right');
        else this.nextNonSpace();
        if (token.text !== 'template') this.#controls.push({ keyword: token.text, token, vars: this.#vars.length, elseSeen: false });
        return;
      }
      default:
        this.fail(left, `unexpected ${token.text}`);
    }
  }

  /** A pipeline up to `end` (the `}}` or the `)`), which it consumes. */
  private pipeline(context: string, end: 'right' | 'rparen'): void {
    const start = this.peekNonSpace();
    const declared: string[] = [];
    // Declarations: $x := …, $x = …, and in range $i, $x := …
    if (start.kind === 'variable') {
      const save = this.#pos;
      this.nextNonSpace();
      let after = this.peekNonSpace();
      const names = [start];
      if (after.kind === 'char' && after.text === ',' && context === 'range') {
        this.nextNonSpace();
        const second = this.nextNonSpace();
        if (second.kind !== 'variable') this.fail(second, 'range can only initialize variables');
        names.push(second);
        after = this.peekNonSpace();
        if (after.kind !== 'declare' && after.kind !== 'assign') this.fail(after, 'range can only initialize variables');
      }
      if (after.kind === 'declare') {
        this.nextNonSpace();
        declared.push(...names.map((n) => n.text));
      } else if (after.kind === 'assign') {
        // Go's parser does not check that an assigned variable exists (execution does).
        this.nextNonSpace();
      } else {
        this.#pos = save;
      }
    }
    const commands: Token[] = [];
    for (;;) {
      const token = this.peekNonSpace();
      if (token.kind === end) {
        this.nextNonSpace();
        if (commands.length === 0) this.fail(token, `missing value for ${context}`);
        this.#vars.push(...declared);
        return;
      }
      if (token.kind === 'right' || token.kind === 'rparen' || token.kind === 'eof') this.fail(token, `unexpected ${describe(token)} in ${context}`);
      if (token.kind === 'pipe') {
        this.fail(token, commands.length === 0 ? `missing value before "|" in ${context}` : 'missing command after "|"');
      }
      const first = this.command(context, end);
      if (commands.length > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.kind)) {
        this.fail(first, `${first.kind === 'string' ? first.text : `"${first.text}"`} cannot take the piped value: a pipeline stage after "|" must be a function or a method`);
      }
      commands.push(first);
      const after = this.peekNonSpace();
      // A trailing "|" before the end is accepted by Go 1.19's parser, so by promtool 2.42.
      if (after.kind === 'pipe') this.nextNonSpace();
    }
  }

  /** One command: operands up to `|` or the end; returns its first operand. */
  private command(context: string, end: 'right' | 'rparen'): Token {
    let first: Token | undefined;
    for (;;) {
      const token = this.peekNonSpace();
      if (token.kind === 'pipe' || token.kind === end || token.kind === 'right' || token.kind === 'rparen') {
        if (!first) this.fail(token, `missing value for ${context}`);
        return first;
      }
      this.nextNonSpace();
      this.operand(token, context);
      first ??= token;
    }
  }

  private operand(token: Token, context: string): void {
    switch (token.kind) {
      case 'identifier':
        if (!this.dialect.functions.has(token.text)) this.fail(token, `function "${token.text}" not defined${suggest(token.text, this.dialect)}`);
        break;
      case 'variable':
        this.useVariable(token);
        break;
      case 'lparen':
        this.pipeline('parenthesized pipeline', 'rparen');
        break;
      case 'dot':
      case 'field':
      case 'string':
      case 'number':
      case 'bool':
      case 'nil':
        break;
      default:
        this.fail(token, `unexpected ${describe(token)} in ${context}`);
    }
    // Field chains: $labels.instance, (…).Field
    while (this.peek().kind === 'field') this.next();
  }

  private useVariable(token: Token): void {
    if (!this.#vars.includes(token.text)) {
      const defined = this.dialect.variables.length > 0 ? `${this.dialect.consumer} defines ${this.dialect.variables.join(', ')}` : `${this.dialect.consumer} defines none; use . for the data`;
      this.fail(token, `undefined variable "${token.text}"; ${defined}`);
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'right':
      return '"}}"';
    case 'eof':
      return 'end of template';
    case 'rparen':
      return '")"';
    default:
      return JSON.stringify(token.text);
  }
}

function suggest(name: string, dialect: TemplateDialect): string {
  const byLowerCase = new Map([...dialect.functions].map((f) => [f.toLowerCase(), f]));
  const best = closest(name.toLowerCase(), byLowerCase.keys(), Math.max(2, Math.floor(name.length / 3)));
  return best ? `; did you mean "${byLowerCase.get(best) ?? best}"?` : '';
}
