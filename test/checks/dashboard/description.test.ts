/** dashboard/description: every panel of a written dashboard has a description. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, D, dashboard, files, GOOD_PANEL, panel, replace, SERVICE } from './fixture.ts';

const ID = 'dashboard/description';

const DESCRIPTION = '        description: Requests per second by status code.\n';
const QUERY = 'sum(rate(app_requests_total[$__rate_interval]))';

/** The fixture's service with an SLO, for which monc generates a dashboard of its own. */
const WITH_SLO = `${SERVICE}slos:
  - name: availability
    objective: 99.9
    window: 14d
    sli:
      ratio:
        errors: app_requests_total{code=~"5.."}
        total: app_requests_total
`;

const CASES: readonly Case[] = [
  { name: 'A panel with a description passes.', dashboard: dashboard(GOOD_PANEL), expected: () => [] },
  { name: 'A multi-line description passes.', dashboard: dashboard(replace(GOOD_PANEL, DESCRIPTION, '        description: |\n          Requests per second.\n          By status code.\n')), expected: () => [] },
  { name: 'The panels of the dashboards monc generates for SLOs are not checked.', dashboard: dashboard(GOOD_PANEL), service: WITH_SLO, expected: () => [] },
  {
    name: 'A text panel needs no description.',
    dashboard: dashboard(`${GOOD_PANEL}      - type: text\n        content: Read the runbook first.\n`),
    expected: () => [],
  },
  {
    name: 'A panel above the first row without a description is flagged at its title.',
    dashboard: dashboard(GOOD_PANEL, `panels:\n${panel('Overview', QUERY, '').replace(/^ {4}/gm, '')}`),
    expected: (d) => [at(ID, D, d, 'Overview')],
  },
  {
    name: 'A panel without a description is flagged at its title.',
    dashboard: dashboard(replace(GOOD_PANEL, DESCRIPTION, '')),
    expected: (d) => [at(ID, D, d, 'Requests')],
  },
  {
    name: 'A description of blank space counts as none.',
    dashboard: dashboard(replace(GOOD_PANEL, DESCRIPTION, "        description: '   '\n")),
    expected: (d) => [at(ID, D, d, 'Requests')],
  },
  {
    name: 'Of two panels only the one without a description is flagged.',
    dashboard: dashboard(`${GOOD_PANEL}${panel('Errors', QUERY, '')}`),
    expected: (d) => [at(ID, D, d, 'Errors')],
  },
  {
    name: 'A panel in a later row is flagged too.',
    dashboard: `${dashboard(GOOD_PANEL)}  - title: More\n    collapsed: true\n    panels:\n${panel('Totals', QUERY, '')}`,
    expected: (d) => [at(ID, D, d, 'Totals')],
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

  it('the SLO case has a generated dashboard to leave alone', async () => {
    const { artifacts } = await compileFiles(files({ dashboard: dashboard(GOOD_PANEL), service: WITH_SLO }));
    expect(artifacts.map((a) => a.path)).toContain('grafana/dashboards/SLOs/monc-slo-app.json');
  });

  it('names the panel', async () => {
    const diagnostics = await lint(files({ dashboard: dashboard(replace(GOOD_PANEL, DESCRIPTION, '')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      `panel "Requests" has no description; say what it shows and what a bad value means (it becomes the panel's (i) tooltip)`,
    ]);
  });
});
