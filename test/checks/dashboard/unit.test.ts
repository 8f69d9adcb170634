/** dashboard/unit: a panel that shows a _seconds or _bytes metric sets a unit. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, D, dashboard, files, GOOD_PANEL, panel } from './fixture.ts';

const ID = 'dashboard/unit';

const P95 = 'histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[$__rate_interval])))';

const CASES: readonly Case[] = [
  { name: 'A request rate panel with a unit passes.', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  { name: 'A latency panel with unit s passes.', dashboard: dashboard(panel('Latency', P95, '        description: p95 latency.\n        unit: s\n')), expected: () => [] },
  {
    name: 'A rate of a histogram count is a number of requests and needs no unit.',
    dashboard: dashboard(panel('Requests', 'sum(rate(app_request_duration_seconds_count[$__rate_interval]))')),
    expected: () => [],
  },
  {
    name: 'A rate of histogram buckets outside histogram_quantile is a count and needs no unit.',
    dashboard: dashboard(panel('Buckets', 'sum by (le) (rate(app_request_duration_seconds_bucket[$__rate_interval]))')),
    expected: () => [],
  },
  {
    name: 'A latency panel without a unit is flagged at its title.',
    dashboard: dashboard(panel('Latency', P95, '        description: p95 latency.\n')),
    expected: (d) => [at(ID, D, d, 'Latency')],
  },
  {
    name: 'An average latency from _seconds_sum without a unit is flagged at its title.',
    dashboard: dashboard(panel('Mean latency', 'rate(app_request_duration_seconds_sum[5m]) / rate(app_request_duration_seconds_count[5m])')),
    expected: (d) => [at(ID, D, d, 'Mean latency')],
  },
  {
    name: 'A _bytes gauge without a unit is flagged at its title.',
    dashboard: dashboard(panel('Memory', 'max(app_memory_bytes)')),
    expected: (d) => [at(ID, D, d, 'Memory')],
  },
  {
    name: 'Only the panel without a unit is flagged, once, however many of its queries show seconds.',
    dashboard: dashboard(
      `${panel('Latency', P95, '        description: p95 latency.\n        unit: s\n')}${panel('Latency again', P95)}          - { expr: 'max(app_memory_bytes)' }\n`,
    ),
    expected: (d) => [at(ID, D, d, 'Latency again')],
  },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ dashboard: dashboard(GOOD_PANEL) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.dashboard));
  });

  it('names the unit to set', async () => {
    const messages = async (text: string) => (await lint(files({ dashboard: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(dashboard(panel('Latency', P95)))).toEqual([
      'panel "Latency" shows seconds but has no unit; set unit: s (or the unit of what the query computes, e.g. percentunit for a ratio)',
    ]);
    expect(await messages(dashboard(panel('Memory', 'max(app_memory_bytes)')))).toEqual([
      'panel "Memory" shows bytes but has no unit; set unit: bytes (or the unit of what the query computes, e.g. percentunit for a ratio)',
    ]);
  });
});
