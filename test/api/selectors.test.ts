/** Metric handles write selectors Prometheus reads back with exactly the values given: every string is escaped for PromQL. */
import { afterEach, describe, expect, it } from 'vitest';
import { defineMetric } from '../../src/api/metric.ts';
import { drainRegistrations } from '../../src/api/registry.ts';
import type { Expr } from '../../src/promql/ast.ts';
import { parsePromql } from '../../src/promql/parse.ts';

afterEach(() => {
  drainRegistrations();
});

const requests = defineMetric({ name: 'http_requests_total', type: 'counter', help: 'Requests.', labels: { path: { pattern: '.*', maxValues: 10 } } });

/** The matchers of a selector text, as Prometheus' grammar reads them. */
function matchersOf(text: string): [string, string, string][] {
  const parsed = parsePromql(text);
  expect(parsed.error, text).toBeUndefined();
  const ast = parsed.ast as Extract<Expr, { kind: 'vector' }>;
  return ast.matchers.map((m) => [m.label.name, m.op, m.value]);
}

const VALUES: readonly [string, string][] = [
  ['a plain value', '/api'],
  ['a double quote', 'say "hi"'],
  ['a backslash', 'C:\\temp'],
  ['a line break and a tab', 'a\nb\tc'],
  ['a control character', 'bell\u0007'],
  ['the replacement character, which Prometheus refuses raw in a string', 'broken\ufffd'],
  ['non-ASCII text', 'é€😀'],
];

describe('selectors from metric handles', () => {
  it.each(VALUES)('reads back a value with %s', (_name, value) => {
    expect(matchersOf(`${requests.where({ path: value })}`)).toEqual([['path', '=', value]]);
    expect(matchersOf(`${requests.where({ path: { not: value } })}`)).toEqual([['path', '!=', value]]);
  });

  it('writes a regular expression from its source', () => {
    expect(matchersOf(`${requests.where({ path: /\/api\/v[0-9]+"x"/ })}`)).toEqual([['path', '=~', '\\/api\\/v[0-9]+"x"']]);
  });
});
