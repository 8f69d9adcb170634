/**
 * PromQL text from a tree: what parser.ts reads back as the same tree. Parentheses are added
 * only where precedence needs them (a tree from the parser keeps the ones written as `paren`
 * nodes), numbers are written so Go reads the same float, strings with Go escapes.
 */
import type { Duration, Expr, LabelMatcher, VectorMatching, VectorSelector } from './ast.ts';
import { promqlString } from '../api/promql-string.ts';

/** Precedence of binary operators, lowest first (parser.ts). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1, and: 2, unless: 2,
  '==': 3, '!=': 3, '>=': 3, '>': 3, '<': 3, '<=': 3, '</': 3, '>/': 3,
  '+': 4, '-': 4,
  '*': 5, '/': 5, '%': 5, atan2: 5,
  '^': 6,
};
const UNARY = 5;

export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return expr.newSyntax ? printSeconds(expr.value) : printNumber(expr.value);
    case 'string':
      return promqlString(expr.value);
    case 'vector':
      return printSelector(expr);
    case 'matrix':
      return `${postfixOperand(expr.vector)}[${printDuration(expr.range)}]`;
    case 'subquery':
      return `${postfixOperand(expr.expr)}[${printDuration(expr.range)}:${expr.step ? printDuration(expr.step) : ''}]`;
    case 'offset':
      return `${postfixOperand(expr.expr)} offset ${printDuration(expr.offset)}`;
    case 'at':
      return `${postfixOperand(expr.expr)} @ ${typeof expr.at === 'number' ? printNumber(expr.at) : `${expr.at}()`}`;
    case 'newer':
      return `${postfixOperand(expr.expr)} ${expr.feature}`;
    case 'paren':
      return `(${printExpr(expr.expr)})`;
    case 'call':
      return `${expr.func.name}(${expr.args.map(printExpr).join(', ')})`;
    case 'aggregate': {
      const grouping = expr.grouping ? ` ${expr.grouping.mode} (${expr.grouping.labels.map((l) => printLabelName(l.name)).join(', ')})` : '';
      return `${expr.op.name}${grouping} (${expr.args.map(printExpr).join(', ')})`;
    }
    case 'unary': {
      const operand = expr.expr;
      const bare = operand.kind !== 'binary' || PRECEDENCE[operand.op.name] === PRECEDENCE['^'];
      return `${expr.op}${bare ? printExpr(operand) : `(${printExpr(operand)})`}`;
    }
    case 'binary': {
      const precedence = PRECEDENCE[expr.op.name] ?? 0;
      const rightAssociative = expr.op.name === '^';
      const side = (operand: Expr, isLeft: boolean) => {
        let wrap = false;
        if (operand.kind === 'binary') {
          const inner = PRECEDENCE[operand.op.name] ?? 0;
          wrap = inner < precedence || (inner === precedence && isLeft === rightAssociative);
        } else if (operand.kind === 'unary') wrap = isLeft && precedence > UNARY;
        return wrap ? `(${printExpr(operand)})` : printExpr(operand);
      };
      const modifiers = [expr.bool ? 'bool' : '', expr.matching ? printMatching(expr.matching) : '', expr.fill ? 'fill(0)' : ''].filter(Boolean).join(' ');
      return `${side(expr.lhs, true)} ${expr.op.name}${modifiers ? ` ${modifiers}` : ''} ${side(expr.rhs, false)}`;
    }
  }
}

/** A postfix modifier binds to the operand right before it: anything looser goes in parentheses. */
function postfixOperand(expr: Expr): string {
  return expr.kind === 'binary' || expr.kind === 'unary' ? `(${printExpr(expr)})` : printExpr(expr);
}

function printMatching(matching: VectorMatching): string {
  const labels = (list: readonly { name: string }[]) => `(${list.map((l) => printLabelName(l.name)).join(', ')})`;
  const mode = matching.mode ? `${matching.mode}${labels(matching.labels)}` : '';
  // Always with parentheses: `group_left (x)` would read a parenthesised right-hand side as its labels.
  const group = matching.group ? ` group_${matching.group}${labels(matching.include)}` : '';
  return `${mode}${group}`.trim();
}

function printSelector(selector: VectorSelector): string {
  const { metric } = selector;
  const matchers = selector.matchers.map(printMatcher);
  // A name written as __name__="…" is one of the matchers; a quoted one ({"a.b"}) goes inside the braces.
  const fromMatcher = metric !== undefined && selector.matchers.some((m) => m.valueRange.from === metric.from);
  if (metric === undefined || fromMatcher) return `{${matchers.join(', ')}}`;
  if (metric.quoted) return `{${[promqlString(metric.name), ...matchers].join(', ')}}`;
  return matchers.length > 0 ? `${metric.name}{${matchers.join(', ')}}` : metric.name;
}

function printMatcher(matcher: LabelMatcher): string {
  return `${printLabelName(matcher.label.name)}${matcher.op}${promqlString(matcher.value)}`;
}

function printLabelName(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : promqlString(name);
}

function printDuration(duration: Duration): string {
  return duration.text;
}

/** A float as Go's strconv.ParseFloat reads back the same value. */
export function printNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  return String(value);
}

/** Seconds as a duration literal (1d, 90s, 1500ms). */
function printSeconds(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  const units: [string, number][] = [['y', 31_536_000_000], ['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let text = '';
  for (const [unit, size] of units) {
    if (ms >= size) {
      text += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return text || '0s';
}

