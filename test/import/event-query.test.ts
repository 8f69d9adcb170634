/** SLI queries of Sloth and OpenSLO specs, as monc's ratio SLI counts events. */
import { describe, expect, it } from 'vitest';
import { eventQuery, hasTemplatedWindow } from '../../src/import/event-query.ts';

const CASES: readonly { name: string; text: string; expected: string }[] = [
  {
    name: "Sloth's {{.window}} becomes monc's {{window}}, and rate() over it increase()",
    text: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    expected: 'sum(increase(http_requests_total{code=~"5.."}[{{window}}]))',
  },
  {
    name: 'the placeholder may have spaces inside the braces',
    text: 'sum(rate(x_total[{{ .window }}]))',
    expected: 'sum(increase(x_total[{{window}}]))',
  },
  {
    name: 'a name ending in rate and irate() are left alone; rate with a space before its parenthesis is a call',
    text: 'sum(rate (a_total[{{.window}}])) + sum(error_rate) + sum(irate(b_total[{{.window}}]))',
    expected: 'sum(increase (a_total[{{window}}])) + sum(error_rate) + sum(irate(b_total[{{window}}]))',
  },
  {
    name: 'a query without a templated window is returned as written',
    text: 'sum(rate(x_total[5m]))',
    expected: 'sum(rate(x_total[5m]))',
  },
];

describe('an imported SLI query counts events in {{window}}', () => {
  it.each(CASES)('$name', ({ text, expected }) => {
    expect(eventQuery(text)).toBe(expected);
  });

  it('tells a templated query from one without a window', () => {
    expect([hasTemplatedWindow('rate(x[{{.window}}])'), hasTemplatedWindow('x_total{a="b"}')]).toEqual([true, false]);
  });
});
