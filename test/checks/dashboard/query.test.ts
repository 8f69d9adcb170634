/** dashboard/query: panel queries use only variables the dashboard defines (or Grafana's own), and return something Grafana can draw. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, D, dashboard, files, GOOD_PANEL, GOOD_QUERY, panel, replace } from './fixture.ts';

const ID = 'dashboard/query';

/** The good panel with its query replaced by `expr`. */
const withQuery = (expr: string, extra = '') => dashboard(replace(GOOD_PANEL, GOOD_QUERY, expr), extra);

const CASES: readonly Case[] = [
  { name: 'A query using a defined variable and $__rate_interval passes.', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  {
    name: 'Variables in a label list, an offset and a subquery step are filled in with a label name and durations, and pass.',
    dashboard: withQuery(
      'max_over_time(sum by ($group) (rate(app_requests_total[$__rate_interval] offset $shift))[1h:$__interval])',
      '  - { name: group, kind: custom, values: [code, job] }\n  - { name: shift, kind: interval, values: [1d, 7d] }\n',
    ),
    expected: () => [],
  },
  { name: "Grafana's own variables need no definition.", dashboard: withQuery('sum(increase(app_requests_total[$__range])) / $__range_s'), expected: () => [] },
  { name: 'A defined variable written as ${job} or [[job]] passes.', dashboard: withQuery('sum(rate(app_requests_total{job=~"${job}|[[job]]"}[$__rate_interval]))'), expected: () => [] },
  {
    name: 'A variable the dashboard does not define is flagged inside the query.',
    dashboard: dashboard(replace(GOOD_PANEL, '"$job"', '"$jb"')),
    expected: (d) => [at(ID, D, d, '$jb')],
  },
  {
    name: 'An undefined variable outside a string is flagged exactly where it is written.',
    dashboard: dashboard(replace(GOOD_PANEL, "[$__rate_interval]))'", "[$__rate_interval])) > $thresold'")),
    expected: (d) => [at(ID, D, d, '$thresold')],
  },
  {
    name: 'An undefined variable in braces is flagged at its $.',
    dashboard: withQuery('sum(rate(app_requests_total{job=~"${jobs}"}[$__rate_interval]))'),
    expected: (d) => [at(ID, D, d, '${jobs}')],
  },
  {
    name: 'An undefined variable in an annotation query is flagged.',
    dashboard: dashboard(GOOD_PANEL, "annotations:\n  - { name: Deploys, expr: 'changes(process_start_time_seconds{job=\"$service\"}[5m]) > 0', color: blue }\n"),
    expected: (d) => [at(ID, D, d, '$service')],
  },
  {
    name: 'A query returning a range vector is flagged at the query.',
    dashboard: withQuery('app_requests_total[5m]'),
    expected: (d) => [at(ID, D, d, 'app_requests_total[5m]')],
  },
  {
    name: 'A query returning a string is flagged at the query.',
    dashboard: dashboard(panel('Label', '"app"')),
    expected: (d) => [at(ID, D, d, '"app"')],
  },
  {
    name: 'Only the bad query of a panel with two is flagged.',
    dashboard: dashboard(
      replace(GOOD_PANEL, `          - { expr: '${GOOD_QUERY}', legend: '{{code}}' }\n`, `          - { expr: '${GOOD_QUERY}', legend: '{{code}}' }\n          - { expr: 'app_requests_total[1h:5m]' }\n`),
    ),
    expected: (d) => [at(ID, D, d, 'app_requests_total[1h')],
  },
  {
    name: 'A text panel without queries passes, in a row or above the first row.',
    dashboard: dashboard(`${GOOD_PANEL}      - type: text\n        content: '# Runbook'\n`, "panels:\n  - { type: text, content: 'Read me first.', width: 24, height: 2 }\n"),
    expected: () => [],
  },
  {
    name: 'A panel other than text without queries is flagged at its type.',
    dashboard: dashboard(`${GOOD_PANEL}      - title: Empty\n        description: Nothing yet.\n        type: stat\n`),
    expected: (d) => [at(ID, D, d, 'stat\n')],
  },
  {
    name: 'A text panel with queries is flagged at its queries.',
    dashboard: dashboard(`${GOOD_PANEL}      - type: text\n        content: Hello\n        queries:\n          - { expr: 'up' }\n`),
    expected: (d) => [at(ID, D, d, "- { expr: 'up' }")],
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

  it('fills variables in with stand-ins no other check trips over: a label name in by (), durations after [ : and offset', async () => {
    const text = withQuery(
      'max_over_time(sum by ($group) (rate(app_requests_total[$__rate_interval] offset $shift))[1h:$__interval])',
      '  - { name: group, kind: custom, values: [code, job] }\n  - { name: shift, kind: interval, values: [1d, 7d] }\n',
    );
    expect(await lint(files({ dashboard: text }))).toEqual([]);
  });

  it('suggests the defined variable closest to a misspelt one, or lists them', async () => {
    const messages = async (text: string) => (await lint(files({ dashboard: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(dashboard(replace(GOOD_PANEL, '"$job"', '"$jb"')))).toEqual(['$jb is not a variable of dashboard "app"; did you mean $job?']);
    expect(await messages(dashboard(replace(GOOD_PANEL, "[$__rate_interval]))'", "[$__rate_interval])) > $threshold_value'")))).toEqual([
      '$threshold_value is not a variable of dashboard "app"; define it under variables (defined: $datasource, $job)',
    ]);
  });

  it('says why Grafana cannot draw the result', async () => {
    const messages = async (text: string) => (await lint(files({ dashboard: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(withQuery('app_requests_total[5m]'))).toEqual(['the query returns a range vector, which Grafana cannot draw; wrap it in rate(), avg_over_time() or similar']);
    expect(await messages(dashboard(panel('Label', '"app"')))).toEqual(['the query returns a string, which Grafana cannot draw; return a number']);
  });

  it('names the panel that has no queries, and says why a text panel runs none', async () => {
    const messages = async (text: string) => (await lint(files({ dashboard: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(dashboard(`${GOOD_PANEL}      - title: Empty\n        description: Nothing yet.\n        type: stat\n`))).toEqual([
      'the stat panel "Empty" has no queries, so Grafana draws it empty; add one under queries',
    ]);
    expect(await messages(dashboard(`${GOOD_PANEL}      - type: text\n        content: Hello\n        queries:\n          - { expr: 'up' }\n`))).toEqual([
      'a text panel shows its content and never runs queries; remove them, or make it a panel that draws them',
    ]);
  });
});
