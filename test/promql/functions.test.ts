/**
 * The function and aggregation tables against the lezer grammar we parse with (every function
 * it knows is in the 3.x table) and Prometheus 2.42's own list. functions.tools.test.ts holds
 * the other oracle, Debian's promtool 2.42.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from './function-calls.ts';
import {
  aggregationTable,
  arity,
  functionTable,
  type ValueType,
} from '../../src/promql/functions.ts';

const v2 = functionTable(2);
const v3 = functionTable(3);

/** Prometheus 2.42's functions with their [min, max] argument counts, from its functions.go. */
const PROMETHEUS_2_42: ReadonlyArray<readonly [string, number, number]> = [
  ['abs', 1, 1], ['absent', 1, 1], ['absent_over_time', 1, 1], ['acos', 1, 1], ['acosh', 1, 1],
  ['asin', 1, 1], ['asinh', 1, 1], ['atan', 1, 1], ['atanh', 1, 1], ['avg_over_time', 1, 1],
  ['ceil', 1, 1], ['changes', 1, 1], ['clamp', 3, 3], ['clamp_max', 2, 2], ['clamp_min', 2, 2],
  ['cos', 1, 1], ['cosh', 1, 1], ['count_over_time', 1, 1], ['days_in_month', 0, 1],
  ['day_of_month', 0, 1], ['day_of_week', 0, 1], ['day_of_year', 0, 1], ['deg', 1, 1],
  ['delta', 1, 1], ['deriv', 1, 1], ['exp', 1, 1], ['floor', 1, 1], ['histogram_count', 1, 1],
  ['histogram_sum', 1, 1], ['histogram_fraction', 3, 3], ['histogram_quantile', 2, 2],
  ['holt_winters', 3, 3], ['hour', 0, 1], ['idelta', 1, 1], ['increase', 1, 1], ['irate', 1, 1],
  ['label_replace', 5, 5], ['label_join', 3, Infinity], ['last_over_time', 1, 1], ['ln', 1, 1],
  ['log10', 1, 1], ['log2', 1, 1], ['max_over_time', 1, 1], ['min_over_time', 1, 1],
  ['minute', 0, 1], ['month', 0, 1], ['pi', 0, 0], ['predict_linear', 2, 2],
  ['present_over_time', 1, 1], ['quantile_over_time', 2, 2], ['rad', 1, 1], ['rate', 1, 1],
  ['resets', 1, 1], ['round', 1, 2], ['scalar', 1, 1], ['sgn', 1, 1], ['sin', 1, 1],
  ['sinh', 1, 1], ['sort', 1, 1], ['sort_desc', 1, 1], ['sqrt', 1, 1], ['stddev_over_time', 1, 1],
  ['stdvar_over_time', 1, 1], ['sum_over_time', 1, 1], ['tan', 1, 1], ['tanh', 1, 1],
  ['time', 0, 0], ['timestamp', 1, 1], ['vector', 1, 1], ['year', 0, 1],
];

/** Whether lezer parses `text` as exactly one call of a known function, without errors. */
function lezerKnowsCall(text: string): boolean {
  const tree = parser.parse(text);
  let error = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error = true;
    },
  });
  return !error && tree.topNode.firstChild?.name === 'FunctionCall';
}

/** The function names the installed grammar declares (`Name { condFn<"name"> }`), durations aside. */
function grammarFunctionNames(): string[] {
  const grammar = readFileSync(
    path.join(process.cwd(), 'node_modules/@prometheus-io/lezer-promql/src/promql.grammar'),
    'utf8',
  );
  const names = new Set<string>();
  for (const match of grammar.matchAll(/^\s*(\w+)\s*\{\s*condFn<"(\w+)">\s*\}/gm)) {
    if (!match[1]?.startsWith('Duration') && match[2]) names.add(match[2]);
  }
  // `start()` and `end()` are keywords of the `@` modifier that the grammar also takes as calls.
  for (const keyword of ['start', 'end']) if (lezerKnowsCall(`${keyword}()`)) names.add(keyword);
  return [...names].sort();
}

describe('the version 3 function table', () => {
  const grammarNames = grammarFunctionNames();

  it('finds the function names in the installed lezer grammar', () => {
    expect(grammarNames.length).toBeGreaterThan(80);
    expect(grammarNames).toContain('rate');
  });

  it.each(grammarNames)('has %s, which the lezer grammar parses as a function call', (name) => {
    expect(lezerKnowsCall(`${name}()`)).toBe(true);
    expect(v3.has(name)).toBe(true);
  });

  it('holds nothing the lezer grammar cannot call except min_of and max_of, which it only parses inside durations', () => {
    const extra = [...v3.keys()].filter((name) => !lezerKnowsCall(`${name}()`));
    expect(extra.sort()).toEqual(['max_of', 'min_of']);
  });

  it.each([
    ['holt_winters', 'renamed to double_exponential_smoothing in 3.0'],
    ['integral', 'never released'],
  ])('does not have %s (%s)', (name) => {
    expect(v3.has(name)).toBe(false);
  });

  it.each([
    ['double_exponential_smoothing', true],
    ['info', true],
    ['sort_by_label', true],
    ['sort_by_label_desc', true],
    ['mad_over_time', true],
    ['ts_of_max_over_time', true],
    ['histogram_quantiles', true],
    ['start_timestamp', true],
    ['step', true],
    ['first_over_time', false],
    ['histogram_avg', false],
    ['histogram_stddev', false],
    ['histogram_stdvar', false],
    ['rate', false],
  ] as const)('marks %s as experimental: %s', (name, experimental) => {
    expect(v3.get(name)?.experimental).toBe(experimental);
  });

  it('keeps every 2.42 function but holt_winters with the same signature', () => {
    for (const [name, signature] of v2) {
      if (name === 'holt_winters') continue;
      expect({ ...v3.get(name), experimental: false }).toEqual(signature);
    }
  });

  it.each([
    ['double_exponential_smoothing', ['matrix', 'scalar', 'scalar'], 3, 3, 'vector'],
    ['info', ['vector', 'vector'], 1, 2, 'vector'],
    ['sort_by_label', ['vector', 'string'], 1, Infinity, 'vector'],
    ['histogram_quantiles', ['vector', 'string', ...Array<ValueType>(10).fill('scalar')], 3, 12, 'vector'],
    ['start_timestamp', ['vector'], 1, 1, 'vector'],
    ['min_of', ['scalar', 'scalar'], 2, 2, 'scalar'],
    ['range', [], 0, 0, 'scalar'],
  ] as const)('gives %s the arguments %j, %i to %s of them, returning %s', (name, args, min, max, returns) => {
    const signature = v3.get(name);
    expect(signature?.args).toEqual(args);
    expect(signature && arity(signature)).toEqual({ min, max });
    expect(signature?.returns).toBe(returns);
  });
});

describe('the version 2 function table', () => {
  it('has exactly the functions of Prometheus 2.42', () => {
    expect([...v2.keys()].sort()).toEqual(PROMETHEUS_2_42.map(([name]) => name).sort());
  });

  it.each(PROMETHEUS_2_42)('gives %s between %i and %s arguments', (name, min, max) => {
    const signature = v2.get(name);
    expect(signature && arity(signature)).toEqual({ min, max });
    expect(signature?.experimental).toBe(false);
  });

  it.each(['histogram_avg', 'histogram_stddev', 'limitk', 'info', 'sort_by_label', 'double_exponential_smoothing', 'mad_over_time', 'first_over_time'])(
    'does not have %s, which 2.42 does not know',
    (name) => {
      expect(v2.has(name)).toBe(false);
    },
  );
});

describe('the aggregation tables', () => {
  const expected2 = {
    avg: undefined, bottomk: 'scalar', count: undefined, count_values: 'string', group: undefined, max: undefined,
    min: undefined, quantile: 'scalar', stddev: undefined, stdvar: undefined, sum: undefined, topk: 'scalar',
  };

  it('lists the 2.42 aggregations with their parameter types', () => {
    expect(Object.fromEntries([...aggregationTable(2)].map(([name, spec]) => [name, spec.param]))).toEqual(expected2);
    expect([...aggregationTable(2).values()].every((spec) => !spec.experimental)).toBe(true);
  });

  it('adds limitk and limit_ratio, experimental, in version 3', () => {
    const v3Aggregations = aggregationTable(3);
    expect(Object.fromEntries([...v3Aggregations].map(([name, spec]) => [name, spec.param]))).toEqual({
      ...expected2,
      limitk: 'scalar',
      limit_ratio: 'scalar',
    });
    expect(v3Aggregations.get('limitk')?.experimental).toBe(true);
    expect(v3Aggregations.get('limit_ratio')?.experimental).toBe(true);
    expect(v3Aggregations.get('sum')?.experimental).toBe(false);
  });

  it('matches the aggregation operators of the lezer grammar', () => {
    const operators = [...aggregationTable(3).keys()].map((name) => {
      const spec = aggregationTable(3).get(name);
      const tree = parser.parse(spec?.param ? `${name}(${SAMPLE[spec.param]}, up)` : `${name}(up)`);
      return [name, tree.topNode.firstChild?.name];
    });
    expect(operators.every(([, node]) => node === 'AggregateExpr')).toBe(true);
  });
});
