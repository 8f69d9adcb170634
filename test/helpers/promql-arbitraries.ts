/**
 * fast-check arbitraries for PromQL: trees of every node kind (built the way parser.ts builds
 * them, positions aside), and texts made from them with the mistakes people make and the
 * corners of Prometheus' grammar, for the round-trip property and the promtool differential.
 */
import fc from 'fast-check';
import type { Duration, Expr, LabelMatcher, LabelRef, MatchOp, VectorMatching, VectorSelector } from '../../src/promql/ast.ts';
import { aggregationTable, argumentType, arity, functionTable, type ValueType } from '../../src/promql/functions.ts';
import { AGGREGATORS } from '../../src/promql/lexer.ts';
import { printExpr } from '../../src/promql/print.ts';

const NO_RANGE = { from: 0, to: 0 };
const ref = (name: string, extra: Partial<LabelRef> = {}): LabelRef => ({ name, ...NO_RANGE, ...extra });

/** Metric names, including keywords that are metric names where an expression starts. */
const metricName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('up', 'http_requests_total', 'node_cpu_seconds_total', 'job:up:sum', 'a', 'x_bucket', ':weird:') },
  { weight: 1, arbitrary: fc.constantFrom('sum', 'offset', 'by', 'and', 'start', 'end', 'topk', 'without', 'rate') },
);
const labelName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('job', 'instance', 'code', 'le', 'method', '__name__', '_x') },
  { weight: 1, arbitrary: fc.constantFrom('by', 'on', 'bool', 'offset', 'sum', 'group_left', 'start') },
);
/** Label names in by (…) and on (…): any label name but without (and never inf or nan, which are numbers). */
const groupingLabel = labelName;

const stringValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('', 'api', '5..', '2xx', 'a|b', '.*', 'it\'s', 'quote"d', 'back\\slash', 'line\nbreak', 'tab\t', 'é€😀', '\u0007', '{{ $labels.job }}') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

const matchOp = fc.constantFrom<MatchOp>('=', '!=', '=~', '!~');

function selector(metric: LabelRef | undefined, matchers: LabelMatcher[]): VectorSelector {
  const fromName = matchers.find((m) => m.label.name === '__name__' && m.op === '=');
  const name = metric ?? (fromName ? { name: fromName.value, from: fromName.valueRange.from, to: fromName.valueRange.to } : undefined);
  const quotedName = metric?.quoted === true || matchers.some((m) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.label.name));
  return { kind: 'vector', metric: name, matchers, quotedName, ...NO_RANGE };
}

const matcherArbitrary = fc.tuple(labelName, matchOp, stringValue).map(([label, op, value]): LabelMatcher => ({ label: ref(label), op, value, valueRange: { from: 1000, to: 1000 }, ...NO_RANGE }));

const vectorArbitrary: fc.Arbitrary<VectorSelector> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(metricName, fc.array(matcherArbitrary, { maxLength: 2 })).map(([name, matchers]) => selector(ref(name), uniquePositions(matchers))) },
  { weight: 1, arbitrary: fc.array(matcherArbitrary, { minLength: 1, maxLength: 3 }).map((matchers) => selector(undefined, uniquePositions(matchers))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('up', 'http.requests', 'a b'), fc.array(matcherArbitrary, { maxLength: 1 })).map(([name, matchers]) => selector(ref(name, { quoted: true }), uniquePositions(matchers))) },
);

/** Matchers get distinct value positions, so a name from __name__ is told apart from the others. */
function uniquePositions(matchers: LabelMatcher[]): LabelMatcher[] {
  return matchers.map((m, i) => ({ ...m, valueRange: { from: 1000 + i, to: 1000 + i } }));
}

const DURATIONS: readonly [string, number][] = [['5m', 300_000], ['1h', 3_600_000], ['30s', 30_000], ['1d', 86_400_000], ['1h30m', 5_400_000], ['500ms', 500], ['2w', 1_209_600_000], ['1y', 31_536_000_000]];
const durationArbitrary: fc.Arbitrary<Duration> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...DURATIONS).map(([text, ms]) => ({ text, ms, newSyntax: false, ...NO_RANGE })) },
  { weight: 1, arbitrary: fc.constantFrom('300', '60', '1.5').map((text) => ({ text, ms: Number(text) * 1000, newSyntax: true, ...NO_RANGE })) },
);
const offsetArbitrary: fc.Arbitrary<Duration> = fc.tuple(durationArbitrary, fc.boolean()).map(([d, negative]) => (negative && !d.newSyntax ? { ...d, text: `-${d.text}`, ms: -(d.ms ?? 0) } : d));

const numberValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 0.5, 2, 100, 1e-7, 1e21, 0.95, 14.4) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, NaN) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e12, noNaN: true }) },
);

const FUNCTIONS = [...new Set([...functionTable(2).keys(), ...functionTable(3).keys()])].sort();
const BINARY_OPS = ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless', 'atan2'];
const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='];
const COMPARISONS = new Set(COMPARISON_OPS);

const matchingArbitrary: fc.Arbitrary<VectorMatching | undefined> = fc.option(
  fc.record({
    mode: fc.constantFrom<'on' | 'ignoring'>('on', 'ignoring'),
    labels: fc.array(groupingLabel.map((n) => ref(n)), { maxLength: 2 }),
    group: fc.option(fc.constantFrom<'left' | 'right'>('left', 'right'), { nil: undefined }),
    include: fc.array(groupingLabel.map((n) => ref(n)), { maxLength: 2 }),
  }).map((m): VectorMatching => ({ ...m, include: m.group ? m.include : [], ...NO_RANGE })),
  { nil: undefined, freq: 3 },
);

/** A node a postfix modifier can follow without parentheses. */
const postfixable = (expr: Expr) => expr.kind !== 'binary' && expr.kind !== 'unary';

/** Trees of every node kind, as the parser builds them (positions aside). */
export const promqlTreeArbitrary: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => {
  const expr = tie('expr');
  const leaf = fc.oneof(
    { weight: 6, arbitrary: vectorArbitrary as fc.Arbitrary<Expr> },
    { weight: 2, arbitrary: numberValue.map((value): Expr => ({ kind: 'number', value, ...NO_RANGE })) },
    { weight: 1, arbitrary: stringValue.map((value): Expr => ({ kind: 'string', value, ...NO_RANGE })) },
  );
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom(...BINARY_OPS), expr, expr, fc.boolean(), matchingArbitrary).map(([op, lhs, rhs, bool, matching]): Expr => ({
        kind: 'binary',
        op: ref(op),
        lhs,
        rhs,
        bool: bool && COMPARISONS.has(op),
        matching,
        fill: false,
        ...NO_RANGE,
      })),
      fc.tuple(fc.constantFrom<'+' | '-'>('+', '-'), expr).map(([op, operand]): Expr => ({ kind: 'unary', op, expr: operand, ...NO_RANGE })),
      expr.map((inner): Expr => ({ kind: 'paren', expr: inner, ...NO_RANGE })),
      fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(expr, { maxLength: 3 })).map(([name, args]): Expr => ({ kind: 'call', func: ref(name), args, ...NO_RANGE })),
      fc
        .tuple(fc.constantFrom(...AGGREGATORS), fc.array(expr, { minLength: 1, maxLength: 2 }), fc.option(fc.tuple(fc.constantFrom<'by' | 'without'>('by', 'without'), fc.array(groupingLabel, { maxLength: 3 })), { nil: undefined }))
        .map(([op, args, grouping]): Expr => ({
          kind: 'aggregate',
          op: ref(op),
          args,
          grouping: grouping ? { mode: grouping[0], labels: grouping[1].map((n) => ref(n)), ...NO_RANGE } : undefined,
          ...NO_RANGE,
        })),
      fc.tuple(vectorArbitrary, durationArbitrary).map(([vector, range]): Expr => ({ kind: 'matrix', vector, range, ...NO_RANGE })),
      fc.tuple(expr.filter(postfixable), durationArbitrary, fc.option(durationArbitrary, { nil: undefined })).map(([inner, range, step]): Expr => ({ kind: 'subquery', expr: inner, range, step, ...NO_RANGE })),
      fc.tuple(expr.filter(postfixable), offsetArbitrary).map(([inner, offset]): Expr => ({ kind: 'offset', expr: inner, offset, ...NO_RANGE })),
      fc.tuple(expr.filter(postfixable), fc.oneof(fc.constantFrom<'start' | 'end'>('start', 'end'), fc.integer({ min: -1e9, max: 2e9 }))).map(([inner, at]): Expr => ({ kind: 'at', expr: inner, at, ...NO_RANGE })),
    ),
  };
}).expr;

/** A duration Prometheus 2 reads (a unit, not a number or an expression). */
const legacyDuration: fc.Arbitrary<Duration> = fc.constantFrom(...DURATIONS).map(([text, ms]) => ({ text, ms, newSyntax: false, ...NO_RANGE }));
const V2_FUNCTIONS = [...functionTable(2).values()].filter((f) => !f.experimental);
const V2_AGGREGATIONS = [...aggregationTable(2).entries()];
const ARITHMETIC = ['+', '-', '*', '/', '%', '^', 'atan2'];
const paren = (expr: Expr): Expr => (postfixable(expr) ? expr : { kind: 'paren', expr, ...NO_RANGE });
const binary = (op: string, lhs: Expr, rhs: Expr, bool: boolean, matching: VectorMatching | undefined): Expr => ({ kind: 'binary', op: ref(op), lhs, rhs, bool, matching, fill: false, ...NO_RANGE });

/**
 * Trees that Prometheus 2.42 mostly accepts: each operand of the type its place needs
 * (functions by their signatures, aggregations with their parameter, matching only between
 * vectors, bool between scalars, offset and @ on selectors and subqueries). The oracle is
 * still promtool: what it rejects of these is a verdict to agree with too.
 */
export const wellTypedTreeArbitrary: fc.Arbitrary<Expr> = fc.letrec<Record<ValueType, Expr>>((tie) => {
  const call = (returns: ValueType) =>
    fc.constantFrom(...V2_FUNCTIONS.filter((f) => f.returns === returns)).chain((signature) => {
      const { min, max } = arity(signature);
      return fc
        .integer({ min, max: Math.min(max, min + 2) })
        .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => tie(argumentType(signature, i) ?? 'vector'))))
        .map((args): Expr => ({ kind: 'call', func: ref(signature.name), args, ...NO_RANGE }));
    });
  const shifted = (selector: fc.Arbitrary<Expr>) =>
    fc.tuple(selector, fc.option(offsetArbitrary.filter((d) => !d.newSyntax), { nil: undefined }), fc.option(fc.constantFrom<'start' | 'end' | number>('start', 'end', 1700000000), { nil: undefined })).map(([expr, offset, at]) => {
      const withAt: Expr = at === undefined ? expr : { kind: 'at', expr, at, ...NO_RANGE };
      return offset === undefined ? withAt : ({ kind: 'offset', expr: withAt, offset, ...NO_RANGE } as Expr);
    });
  const named = vectorArbitrary.filter((v) => v.metric !== undefined && !v.quotedName && !v.matchers.some((m) => m.label.name === '__name__'));
  const groupModifier = fc.record({
    mode: fc.constantFrom<'on' | 'ignoring'>('on', 'ignoring'),
    labels: fc.array(groupingLabel.map((n) => ref(n)), { maxLength: 2 }),
    group: fc.option(fc.constantFrom<'left' | 'right'>('left', 'right'), { nil: undefined }),
    include: fc.array(groupingLabel.map((n) => ref(n)), { maxLength: 2 }),
  });
  return {
    string: stringValue.map((value): Expr => ({ kind: 'string', value, ...NO_RANGE })),
    scalar: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      numberValue.map((value): Expr => ({ kind: 'number', value, ...NO_RANGE })),
      call('scalar'),
      fc.tuple(fc.constantFrom(...ARITHMETIC, ...COMPARISON_OPS), tie('scalar'), tie('scalar')).map(([op, lhs, rhs]) => binary(op, lhs, rhs, COMPARISONS.has(op), undefined)),
      tie('scalar').map((expr): Expr => ({ kind: 'unary', op: '-', expr, ...NO_RANGE })),
      tie('scalar').map((expr): Expr => ({ kind: 'paren', expr, ...NO_RANGE })),
    ),
    vector: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      shifted(named),
      call('vector'),
      fc
        .tuple(fc.constantFrom(...V2_AGGREGATIONS), tie('vector'), tie('scalar'), tie('string'), fc.option(fc.tuple(fc.constantFrom<'by' | 'without'>('by', 'without'), fc.array(groupingLabel, { maxLength: 3 })), { nil: undefined }))
        .map(([[op, { param }], vector, scalar, string, grouping]): Expr => ({
          kind: 'aggregate',
          op: ref(op),
          args: param === undefined ? [vector] : [param === 'string' ? string : scalar, vector],
          grouping: grouping ? { mode: grouping[0], labels: grouping[1].map((n) => ref(n)), ...NO_RANGE } : undefined,
          ...NO_RANGE,
        })),
      fc.tuple(fc.constantFrom(...ARITHMETIC, ...COMPARISON_OPS), tie('vector'), tie('vector'), fc.boolean(), fc.option(groupModifier, { nil: undefined, freq: 2 })).map(([op, lhs, rhs, bool, matching]) =>
        binary(op, lhs, rhs, bool && COMPARISONS.has(op), matching && { ...matching, include: matching.group ? matching.include : [], ...NO_RANGE }),
      ),
      fc.tuple(fc.constantFrom('and', 'or', 'unless'), tie('vector'), tie('vector'), fc.option(groupModifier, { nil: undefined, freq: 2 })).map(([op, lhs, rhs, matching]) =>
        binary(op, lhs, rhs, false, matching && { ...matching, group: undefined, include: [], ...NO_RANGE }),
      ),
      fc.tuple(fc.constantFrom(...ARITHMETIC, ...COMPARISON_OPS), tie('vector'), tie('scalar'), fc.boolean(), fc.boolean()).map(([op, vector, scalar, bool, flip]) =>
        flip ? binary(op, scalar, vector, bool && COMPARISONS.has(op), undefined) : binary(op, vector, scalar, bool && COMPARISONS.has(op), undefined),
      ),
      tie('vector').map((expr): Expr => ({ kind: 'unary', op: '-', expr, ...NO_RANGE })),
      tie('vector').map((expr): Expr => ({ kind: 'paren', expr, ...NO_RANGE })),
    ),
    matrix: fc.oneof(
      shifted(fc.tuple(named, legacyDuration).map(([vector, range]): Expr => ({ kind: 'matrix', vector, range, ...NO_RANGE }))),
      shifted(fc.tuple(tie('vector'), legacyDuration, fc.option(legacyDuration, { nil: undefined })).map(([expr, range, step]): Expr => ({ kind: 'subquery', expr: paren(expr), range, step, ...NO_RANGE }))),
    ),
  };
}).vector;

/** Text edits that make a text wrong, or right in a way few write it. */
const EDITS: readonly ((text: string, at: number) => string)[] = [
  (t, i) => t.slice(0, i) + t.slice(i + 1), // drop a character
  (t, i) => t.slice(0, i) + (t[i] ?? '') + t.slice(i), // double one
  (t, i) => `${t.slice(0, i)} ${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)}(${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)})${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)},${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)}[5m]${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)} offset 1m${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)} @ start()${t.slice(i)}`,
  (t, i) => `${t.slice(0, i)}# comment\n${t.slice(i)}`,
  (t) => t.toUpperCase(),
  (t) => `(${t})`,
  (t) => `-${t}`,
  (t) => `${t} offset 5m`,
  (t) => `${t}[5m]`,
  (t) => `${t}[5m:1m]`,
  (t) => `sum by (job) (${t})`,
  (t) => `rate(${t})`,
  (t, i) => t.slice(0, i) + SIGNIFICANT[i % SIGNIFICANT.length] + t.slice(i), // a character that means something
  (t, i) => t.slice(0, i) + SIGNIFICANT[i % SIGNIFICANT.length] + t.slice(i + 1),
  (t, i) => t.slice(0, i) + (t[i + 1] ?? '') + (t[i] ?? '') + t.slice(i + 2), // swap two
  (t, i) => t.slice(0, i) + t.slice(i + 1 + (i % 5)), // drop a few
  (t, i) => `${t.slice(0, i)} ${WORDS[i % WORDS.length]} ${t.slice(i)}`,
];

const SIGNIFICANT = [...'(){}[]",\'`:=!~<>+-*/%^@#.0123456789eEx_ \n\tm'];
const WORDS = ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'sum', 'rate', 'start()', 'end()', 'inf', 'nan', '1d', '0x10', '1e3', '__name__', 'anchored', 'smoothed', 'fill(0)'];

/** Corners of the grammar where tools disagree, with and without mistakes. */
const CORNERS = [
  'up{code=~"5\\d\\d"}', 'up{code=~"5)(0"}', 'up offset 5m offset 1m', 'rate((up)[5m])', 'up offset 0s', '1e309', '1_000', "{__name__=''}", 'sum by (without) (up)',
  '1d', 'time() - 1d', '5.', '.5', 'offset', 'offset offset 5m', '-up offset 5m', 'max_over_time(up @ start()[5m])', '0.5 > ignoring() group_left up', '0x1F', '0755', '089',
  'Inf', '-Inf', 'NaN', 'nan', 'up @ 1e20', 'up[0s]', 'up[5m1h]', 'up[1.5m]', 'up[300]', 'up offset -5m', 'up offset +5m', 'sum(up) by (job)', 'sum by (job) (up) by (x)',
  'topk(3, up)', 'count_values("v", up)', 'quantile(0.9, up, up)', 'sum()', 'sum(up,)', 'abs()', 'up{}', 'up{job="a",}', '{job=~".*"}', '{job=~".+"}', 'up{__name__="x"}',
  'up == bool up', '1 == 1', '1 == bool 1', 'up and 1', 'up and on(job) group_left up', 'up * on(job) group_left(instance) up', 'up + ignoring(job) up', '1 + on(job) up',
  '"a" + 1', '-"a"', 'up[5m][5m]', 'up[5m:][5m:]', 'rate(up[5m])[5m:]', '(up)[5m:]', 'up @ start() @ end()', 'up offset 1m [5m]', 'up @ 10 [5m]', 'sum(up) offset 5m',
  'up # comment', 'up{job="a" # c\n}', '`raw\\string`', "'single'", 'up{job=\'x\'}', '"\\u00e9"', '"\\ud800"', '"\\x41"', '"\\101"', '"\\q"', "up{a='\"'}",
  'label_replace(up, "a", "$1", "b", "(.*)")', 'holt_winters(up[5m], 0.5, 0.5)', 'limitk(1, up)', '{"up"}', 'up{"a"="b"}', 'sum by ("a") (up)', 'up[5m] anchored', 'up </ 1',
  'a ^ b ^ c', '-a ^ b', '2 ^ -1', 'a - -b', 'a / on() b', 'a or b and c unless d', 'x atan2 y', 'up offset 5m + 1', 'up offset (5m + 1m)', 'up[5m + 1m]', 'up[step()]',
];

/** Texts for the differential against promtool: printed trees, edited trees, and the corners. */
export const promqlTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: promqlTreeArbitrary.map(printExpr) },
  { weight: 3, arbitrary: wellTypedTreeArbitrary.map(printExpr) },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.oneof(promqlTreeArbitrary, wellTypedTreeArbitrary).map(printExpr), fc.nat({ max: EDITS.length - 1 }), fc.nat()).map(([text, edit, at]) => (EDITS[edit] ?? ((t: string) => t))(text, at % Math.max(1, text.length))),
  },
  { weight: 1, arbitrary: fc.constantFrom(...CORNERS) },
);

/**
 * A tree for comparing structure: without positions, and without parentheses (the printer
 * adds them where precedence needs them, so they say nothing a tree does not).
 */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (typeof value !== 'object' || value === null) return value;
  if ((value as { kind?: unknown }).kind === 'paren') return withoutPositions((value as { expr: unknown }).expr);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => key !== 'from' && key !== 'to' && key !== 'valueRange' && v !== undefined && !(key === 'quoted' && v === false))
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}
