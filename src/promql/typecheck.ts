/**
 * The PromQL type checker: the checks Prometheus' parser makes after parsing (value types,
 * function and aggregation signatures, binary operator and vector matching rules, selectors,
 * subqueries, offset and @), against the function table of the target Prometheus version,
 * plus the version's syntax (what Prometheus 2 does not have). Messages follow Prometheus'
 * own wording where it has one.
 */
import type { Binary, Duration, Expr, LabelMatcher, LabelRef, Range } from './ast.ts';
import { aggregationTable, argumentType, arity, functionTable, type PrometheusVersion, type ValueType } from './functions.ts';
import { anchoredRegex, re2Error } from './regex.ts';

export interface TypeProblem extends Range {
  readonly kind: 'type' | 'version' | 'regex';
  readonly message: string;
}

export interface TypeResult {
  /** The type of the whole expression; undefined when a problem makes it unknowable. */
  readonly type: ValueType | undefined;
  readonly problems: readonly TypeProblem[];
}

const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  scalar: 'scalar',
  string: 'string',
  vector: 'instant vector',
  matrix: 'range vector',
};

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);

/** Type-checks an expression for a Prometheus version. */
export function typeCheck(expr: Expr, version: PrometheusVersion): TypeResult {
  const checker = new Checker(version);
  const type = checker.check(expr);
  return { type, problems: checker.problems };
}

class Checker {
  readonly problems: TypeProblem[] = [];
  private readonly functions;
  private readonly aggregations;

  constructor(private readonly version: PrometheusVersion) {
    this.functions = functionTable(version);
    this.aggregations = aggregationTable(version);
  }

  private report(at: Range, message: string, kind: TypeProblem['kind'] = 'type'): undefined {
    this.problems.push({ from: at.from, to: at.to, kind, message });
    return undefined;
  }

  private needsVersion3(at: Range, what: string): void {
    if (this.version === 2) this.report(at, `${what} needs Prometheus 3; the target is Prometheus 2`, 'version');
  }

  check(expr: Expr): ValueType | undefined {
    switch (expr.kind) {
      case 'number':
        if (expr.newSyntax) this.needsVersion3(expr, 'a duration used as a number');
        return 'scalar';
      case 'string':
        return 'string';
      case 'paren':
        return this.check(expr.expr);
      case 'vector':
        return this.vectorSelector(expr);
      case 'matrix': {
        this.check(expr.vector);
        const problem = rangeTargetProblem(expr.vector);
        if (problem) return this.report(expr.vector, problem);
        this.duration(expr.range, 'range');
        return 'matrix';
      }
      case 'subquery': {
        const inner = this.check(expr.expr);
        this.duration(expr.range, 'subquery range');
        if (expr.step) this.duration(expr.step, 'subquery step');
        if (inner !== undefined && inner !== 'vector') {
          return this.report(expr.expr, `subquery is only allowed on instant vector, got ${TYPE_NAMES[inner]} instead`);
        }
        return 'matrix';
      }
      case 'offset':
      case 'at': {
        const type = this.check(expr.expr);
        const problem = modifierProblem(expr);
        if (problem) return this.report(expr, problem);
        if (expr.kind === 'offset') {
          this.duration(expr.offset, 'offset', true);
          if (expr.offset.ms === 0) this.needsVersion3(expr.offset, 'an offset of 0');
        }
        return type;
      }
      case 'newer':
        this.needsVersion3(expr, `the ${expr.feature} modifier`);
        return this.check(expr.expr);
      case 'unary': {
        const type = this.check(expr.expr);
        if (type !== undefined && type !== 'scalar' && type !== 'vector') {
          return this.report(expr, 'unary expression only allowed on expressions of type scalar or instant vector');
        }
        return type;
      }
      case 'call':
        return this.call(expr);
      case 'aggregate':
        return this.aggregate(expr);
      case 'binary':
        return this.binary(expr);
    }
  }

  private vectorSelector(expr: Extract<Expr, { kind: 'vector' }>): ValueType {
    if (expr.quotedName) this.needsVersion3(expr, 'a quoted (UTF-8) metric or label name');
    const named = expr.matchers.filter((m) => m.label.name === '__name__');
    const hasIdentifier = expr.metric !== undefined && named.every((m) => m.valueRange.from !== expr.metric?.from);
    if (hasIdentifier && named.length > 0 && !expr.quotedName) this.report(named[0] ?? expr, 'metric name must not be set twice');
    const nonEmpty = hasIdentifier || expr.matchers.some((m) => !matchesEmpty(m.op, m.value));
    if (!nonEmpty) this.report(expr, 'vector selector must contain at least one non-empty matcher');
    if (this.version === 3) this.normalisedLabelValues(expr.matchers);
    for (const matcher of expr.matchers) {
      if (matcher.op !== '=~' && matcher.op !== '!~') continue;
      const error = re2Error(matcher.value, this.version);
      if (error) this.report(matcher.valueRange, `invalid regular expression ${JSON.stringify(matcher.value)}: ${error}`, 'regex');
    }
    return 'vector';
  }

  /**
   * Prometheus 3 writes a classic histogram's `le` and a summary's `quantile` in one float
   * format (1 → "1.0", 1000000 → "1e+06"), so an exact matcher on another spelling matches
   * nothing there.
   */
  private normalisedLabelValues(matchers: readonly LabelMatcher[]): void {
    for (const matcher of matchers) {
      if ((matcher.label.name !== 'le' && matcher.label.name !== 'quantile') || (matcher.op !== '=' && matcher.op !== '!=')) continue;
      const value = Number(matcher.value);
      if (matcher.value.trim() === '' || Number.isNaN(value)) continue;
      const written = prometheus3Float(value);
      if (written === matcher.value) continue;
      this.report(
        matcher.valueRange,
        `Prometheus 3 writes ${matcher.label.name}="${written}", not "${matcher.value}": match ${matcher.label.name}${matcher.op}"${written}", or ${matcher.label.name}${matcher.op === '=' ? '=~' : '!~'}"${regexEither(matcher.value, written)}" for Prometheus 2 and 3`,
        'version',
      );
    }
  }

  private quotedLabels(labels: readonly LabelRef[]): void {
    const quoted = labels.find((label) => label.quoted);
    if (quoted) this.needsVersion3(quoted, 'a quoted (UTF-8) label name');
  }

  private duration(duration: Duration, what: string, allowNegative = false): void {
    const article = /^[aeiou]/.test(what) ? 'an' : 'a';
    if (duration.newSyntax) this.needsVersion3(duration, `${article} ${what} written as a number or an expression`);
    if (duration.ms === undefined) return;
    if (duration.ms < 0 && !allowNegative) this.report(duration, `${what} must be positive`);
    if (duration.ms === 0 && !allowNegative) this.report(duration, `${what} must be greater than 0`);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): ValueType | undefined {
    const signature = this.functions.get(expr.func.name);
    const argTypes = expr.args.map((arg) => this.check(arg));
    if (!signature) {
      const known = functionTable(2).has(expr.func.name) || functionTable(3).has(expr.func.name);
      return this.report(
        expr.func,
        known ? `function "${expr.func.name}" is not in Prometheus ${this.version}` : `unknown function with name "${expr.func.name}"`,
        known ? 'version' : 'type',
      );
    }
    const { min, max } = arity(signature);
    if (expr.args.length < min || expr.args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.report(expr, `expected ${expected} argument(s) in call to "${expr.func.name}", got ${expr.args.length}`);
      return signature.returns;
    }
    expr.args.forEach((arg, i) => {
      const expected = argumentType(signature, i);
      const actual = argTypes[i];
      if (expected && actual !== undefined && actual !== expected) {
        this.report(arg, `expected type ${TYPE_NAMES[expected]} in call to function "${expr.func.name}", got ${TYPE_NAMES[actual]}`);
      }
    });
    return signature.returns;
  }

  private aggregate(expr: Extract<Expr, { kind: 'aggregate' }>): ValueType | undefined {
    this.quotedLabels(expr.grouping?.labels ?? []);
    const spec = this.aggregations.get(expr.op.name);
    const types = expr.args.map((arg) => this.check(arg));
    if (!spec) {
      return this.report(expr.op, `aggregation "${expr.op.name}" is not in Prometheus ${this.version}`, 'version');
    }
    const wanted = spec.param ? 2 : 1;
    if (expr.args.length !== wanted) {
      return this.report(expr, `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${expr.args.length}`);
    }
    const [param, input] = spec.param ? [expr.args[0], expr.args[1]] : [undefined, expr.args[0]];
    const [paramType, inputType] = spec.param ? [types[0], types[1]] : [undefined, types[0]];
    if (spec.param && param && paramType !== undefined && paramType !== spec.param) {
      this.report(param, `expected type ${TYPE_NAMES[spec.param]} in aggregation parameter, got ${TYPE_NAMES[paramType]}`);
    }
    if (input && inputType !== undefined && inputType !== 'vector') {
      this.report(input, `expected type instant vector in aggregation expression, got ${TYPE_NAMES[inputType]}`);
    }
    return 'vector';
  }

  private binary(expr: Binary): ValueType | undefined {
    const lhs = this.check(expr.lhs);
    const rhs = this.check(expr.rhs);
    const op = expr.op.name;
    if (expr.fill) this.needsVersion3(expr, 'a fill modifier');
    if (op === '</' || op === '>/') this.needsVersion3(expr.op, `the histogram trim operator ${op}`);
    // Each side in turn; no list of the two (a large build checks tens of thousands of binaries).
    if (lhs !== undefined && lhs !== 'scalar' && lhs !== 'vector') return this.report(expr.lhs, 'binary expression must contain only scalar and instant vector types');
    if (rhs !== undefined && rhs !== 'scalar' && rhs !== 'vector') return this.report(expr.rhs, 'binary expression must contain only scalar and instant vector types');
    if (lhs === undefined || rhs === undefined) return undefined;
    const bothVectors = lhs === 'vector' && rhs === 'vector';
    if (expr.bool && !COMPARISONS.has(op)) this.report(expr.op, 'bool modifier can only be used on comparison operators');
    if (COMPARISONS.has(op) && lhs === 'scalar' && rhs === 'scalar' && !expr.bool) {
      this.report(expr.op, 'comparisons between scalars must use BOOL modifier');
    }
    if (SET_OPERATORS.has(op) && !bothVectors) {
      this.report(expr.op, `set operator "${op}" not allowed in binary scalar expression`);
    }
    const matching = expr.matching;
    if (matching) this.quotedLabels([...matching.labels, ...matching.include]);
    if (matching) {
      // on() or ignoring() without labels is allowed between a scalar and a vector (and ignored).
      if (!bothVectors && matching.labels.length > 0) this.report(matching, 'vector matching only allowed between instant vectors');
      else if (matching.group && SET_OPERATORS.has(op)) this.report(matching, `no grouping allowed for "${op}" operation`);
      if (matching.mode === 'on') {
        const on = new Set(matching.labels.map((l) => l.name));
        for (const label of matching.include) {
          if (on.has(label.name)) this.report(label, `label "${label.name}" must not occur in ON and GROUP clause at once`);
        }
      }
    }
    return lhs === 'vector' || rhs === 'vector' ? 'vector' : 'scalar';
  }
}

/**
 * What Prometheus' parser says of a range `[…]` after `expr`: only a vector selector takes
 * one, not a parenthesised one, and not one with an offset or a numeric @ before it (an
 * `@ start()` or `@ end()` there is accepted, as Prometheus does).
 */
function rangeTargetProblem(expr: Expr): string | undefined {
  if (expr.kind === 'vector') return undefined;
  if (expr.kind === 'offset' && expr.expr.kind === 'vector') return 'no offset modifiers allowed before range';
  if (expr.kind === 'at' && expr.expr.kind === 'vector') return typeof expr.at === 'number' ? 'no @ modifiers allowed before range' : undefined;
  return 'ranges only allowed for vector selectors';
}

/** What Prometheus' parser says of an offset or @: it follows a selector or a subquery directly, once each. */
function modifierProblem(expr: Extract<Expr, { kind: 'offset' | 'at' }>): string | undefined {
  const what = expr.kind === 'offset' ? 'offset' : '@';
  let base: Expr = expr.expr;
  let offsets = expr.kind === 'offset' ? 1 : 0;
  let ats = expr.kind === 'at' ? 1 : 0;
  while (base.kind === 'offset' || base.kind === 'at') {
    if (base.kind === 'offset') offsets++;
    else ats++;
    base = base.expr;
  }
  // A range over something other than a selector is the range's problem, reported there.
  if (base.kind !== 'vector' && base.kind !== 'matrix' && base.kind !== 'subquery') {
    return `${what} modifier must be preceded by an instant vector selector or range vector selector or a subquery`;
  }
  if (offsets > 1) return 'offset may not be set multiple times';
  if (ats > 1) return '@ <timestamp> may not be set multiple times';
  return undefined;
}

/** Whether a matcher also matches series that do not have the label at all. */
function matchesEmpty(op: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === '';
    case '!=':
      return value !== '';
    case '=~':
      return anchoredRegex(value)?.matches('') ?? false;
    default:
      return !(anchoredRegex(value)?.matches('') ?? true);
  }
}



/** How Prometheus 3 writes a float label value: Go's shortest 'g' format, with ".0" on a whole number. */
function prometheus3Float(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const text = goShortestG(value);
  return /[.eI]/.test(text) || text === 'NaN' ? text : `${text}.0`;
}

/** Go's strconv.FormatFloat(v, 'g', -1, 64): the shortest digits that read back, in exponent form when the exponent is below -4 or at least 6. */
function goShortestG(value: number): string {
  const exponential = value.toExponential(); // shortest round-trip digits, like Go's -1 precision
  const [mantissa = '0', exp = '0'] = exponential.split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

/** A regex matching either spelling of a value, as written inside a PromQL string (its backslashes doubled). */
function regexEither(a: string, b: string): string {
  const escaped = (text: string) => text.replace(/[.+]/g, (c) => `\\\\${c}`);
  return `${escaped(a)}|${escaped(b)}`;
}
