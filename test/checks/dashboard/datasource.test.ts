/** dashboard/datasource: panels and queries use the $datasource variable, not a fixed datasource. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, D, dashboard, files, GOOD_PANEL, replace } from './fixture.ts';

const ID = 'dashboard/datasource';

/** The good panel's query with a datasource. */
const onQuery = (datasource: string) => replace(GOOD_PANEL, "legend: '{{code}}' }", `legend: '{{code}}', datasource: ${datasource} }`);

/** The good panel with a datasource of its own. */
const onPanel = (datasource: string, panel = GOOD_PANEL) => replace(panel, '        unit: reqps\n', `        unit: reqps\n        datasource: ${datasource}\n`);

const CASES: readonly Case[] = [
  { name: 'Panels and queries without a datasource pass.', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  { name: '$datasource on a query is the variable and passes.', dashboard: dashboard(onQuery('$datasource')), expected: () => [] },
  { name: "'${datasource}' on a query is the variable too and passes.", dashboard: dashboard(onQuery("'${datasource}'")), expected: () => [] },
  { name: '$datasource on a panel passes.', dashboard: dashboard(onPanel('$datasource')), expected: () => [] },
  { name: 'A fixed datasource uid on a query is flagged at the value.', dashboard: dashboard(onQuery('prom-eu-1')), expected: (d) => [at(ID, D, d, 'prom-eu-1')] },
  { name: 'A fixed datasource on a panel is flagged at the value.', dashboard: dashboard(onPanel('Prometheus')), expected: (d) => [at(ID, D, d, 'Prometheus')] },
  {
    name: 'A fixed datasource on both the panel and its query is flagged at each.',
    dashboard: dashboard(onPanel('prom-us-1', onQuery('prom-eu-1'))),
    expected: (d) => [at(ID, D, d, 'prom-us-1'), at(ID, D, d, 'prom-eu-1')],
  },
  { name: 'Another variable than $datasource is a fixed choice and flagged.', dashboard: dashboard(onQuery('$ds')), expected: (d) => [at(ID, D, d, '$ds')] },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ dashboard: dashboard(GOOD_PANEL) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.dashboard));
  });

  it('says to leave the datasource out', async () => {
    const diagnostics = await lint(files({ dashboard: dashboard(onQuery('prom-eu-1')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"prom-eu-1" fixes the datasource; leave datasource out (or write $datasource) so the dashboard works with whichever Prometheus the $datasource picker selects',
    ]);
  });
});
