/** dashboard/rate-interval: rate() and its kin in dashboard queries take a window of at least 4 scrape intervals ($__rate_interval, or a fixed one that long). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, D, dashboard, files, GOOD_PANEL, GOOD_QUERY, replace } from './fixture.ts';

const ID = 'dashboard/rate-interval';

/** The good panel with its rate window written as `window`. */
const windowed = (window: string, extra = '') => dashboard(replace(GOOD_PANEL, '[$__rate_interval]', window), extra);

/** The good panel with its query replaced by `expr`. */
const withQuery = (expr: string) => dashboard(replace(GOOD_PANEL, GOOD_QUERY, expr));

const MINUTE_SCRAPES = 'prometheus: { scrapeInterval: 1m }\n';

const CASES: readonly Case[] = [
  { name: '$__rate_interval passes.', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  { name: 'A fixed 5m window is 20 scrapes and passes.', dashboard: windowed('[5m]'), expected: () => [] },
  { name: 'A fixed 1m window is exactly 4 scrapes at the default 15s interval and passes.', dashboard: windowed('[1m]'), expected: () => [] },
  {
    name: 'A window from an interval variable follows the variable and passes.',
    dashboard: windowed('[$window]', '  - { name: window, kind: interval, values: [30s, 5m] }\n'),
    expected: () => [],
  },
  { name: 'A short window in a function that is not a rate (avg_over_time) passes.', dashboard: withQuery('avg_over_time(app_memory_bytes[30s])'), expected: () => [] },
  {
    name: 'rate over 30s at a 15s scrape interval is flagged at the window.',
    dashboard: windowed('[30s]'),
    expected: (d) => [at(ID, D, d, '30s')],
  },
  { name: 'irate over 45s is flagged at the window.', dashboard: withQuery('sum(irate(app_requests_total[45s]))'), expected: (d) => [at(ID, D, d, '45s')] },
  {
    name: 'increase over a short window in a subquery and in an annotation are both flagged.',
    dashboard: dashboard(
      replace(GOOD_PANEL, GOOD_QUERY, 'max_over_time(sum(increase(app_requests_total[20s]))[1h:1m])'),
      "annotations:\n  - { name: Restarts, expr: 'sum(delta(app_memory_bytes[10s])) > 0', color: red }\n",
    ),
    expected: (d) => [at(ID, D, d, '10s'), at(ID, D, d, '20s')],
  },
  {
    name: 'With a 1m scrape interval, a 3m window is fewer than 4 scrapes and flagged.',
    dashboard: windowed('[3m]'),
    config: MINUTE_SCRAPES,
    expected: (d) => [at(ID, D, d, '3m')],
  },
  { name: 'With a 1m scrape interval, a 4m window passes.', dashboard: windowed('[4m]'), config: MINUTE_SCRAPES, expected: () => [] },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ dashboard: dashboard(GOOD_PANEL) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.dashboard));
  });

  it('names the function, the window and the scrape interval', async () => {
    const diagnostics = await lint(files({ dashboard: windowed('[3m]'), config: MINUTE_SCRAPES }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'rate() over 3m sees fewer than 4 scrapes (scrape interval 1m); write [$__rate_interval], which Grafana keeps at 4 scrapes or more and widens as you zoom out',
    ]);
  });
});
