/** routing/unknown-receiver: routes name defined receivers and time intervals, and the root route has a receiver and nothing only child routes may have. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/unknown-receiver';

const NIGHTS = "timeIntervals:\n  - { name: nights, intervals: [{ times: [{ start: '22:00', end: '24:00' }] }] }\n";

/** The severity routes with the info route given `fields` as well. */
const infoRoute = (fields: string) => replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ severity: info, receiver: mail, ${fields} }`);

const CASES: readonly Case[] = [
  { name: 'Routes that name only defined receivers pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  { name: 'A mute interval defined under timeIntervals passes.', routing: routing(infoRoute('muteTimeIntervals: [nights]'), NIGHTS), expected: () => [] },
  { name: 'An active interval defined under timeIntervals passes.', routing: routing(infoRoute('activeTimeIntervals: [nights]'), NIGHTS), expected: () => [] },
  {
    name: "A child route without a receiver of its own inherits its parent's and passes.",
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', '{ severity: info }')),
    expected: () => [],
  },
  {
    name: 'A route naming an undefined receiver is flagged at the name.',
    routing: routing(replace(SEVERITY_ROUTES, 'receiver: chat', 'receiver: chta')),
    expected: (r) => [at(ID, R, r, 'chta')],
  },
  {
    name: 'An undefined receiver on a nested route is flagged at the name.',
    routing: routing(infoRoute("routes: [{ matchers: ['component=\"api\"'], receiver: nowhere }]")),
    expected: (r) => [at(ID, R, r, 'nowhere')],
  },
  {
    name: 'A root route without a receiver is flagged at route.',
    routing: routing(replace(SEVERITY_ROUTES, '  receiver: default\n', '')),
    expected: (r) => [at(ID, R, r, 'route')],
  },
  {
    name: 'A mute interval that is not defined is flagged at its name.',
    routing: routing(infoRoute('muteTimeIntervals: [nights]')),
    expected: (r) => [at(ID, R, r, 'nights')],
  },
  {
    name: 'An active interval that is not defined is flagged at its name, the second of the list.',
    routing: routing(infoRoute('activeTimeIntervals: [nights, weekends]'), NIGHTS),
    expected: (r) => [at(ID, R, r, 'weekends')],
  },
  {
    name: 'Matchers and continue on the root route, which Alertmanager refuses, are flagged.',
    routing: routing(replace(SEVERITY_ROUTES, '  receiver: default\n', '  receiver: default\n  severity: critical\n  continue: true\n')),
    expected: (r) => [at(ID, R, r, 'critical\n  continue'), at(ID, R, r, 'true')],
  },
  {
    name: 'Mute intervals on the root route, which Alertmanager refuses, are flagged at their list, even when defined.',
    routing: routing(replace(SEVERITY_ROUTES, '  receiver: default\n', '  receiver: default\n  muteTimeIntervals: [nights]\n'), NIGHTS),
    expected: (r) => [at(ID, R, r, '[nights]')],
  },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ routing: routing(SEVERITY_ROUTES) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.routing, c.service ?? SERVICE));
  });

  it('suggests the defined receiver closest to a misspelt one', async () => {
    const diagnostics = await lint(files({ routing: routing(replace(SEVERITY_ROUTES, 'receiver: chat', 'receiver: chta')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['receiver "chta" is not defined; did you mean "chat"?']);
  });

  it('lists the defined receivers when none is close', async () => {
    const diagnostics = await lint(files({ routing: routing(infoRoute("routes: [{ matchers: ['component=\"api\"'], receiver: nowhere }]")) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['receiver "nowhere" is not defined (defined: default, pager, chat, mail)']);
  });

  it('names the time interval, with no list when none is defined', async () => {
    const diagnostics = await lint(files({ routing: routing(infoRoute('muteTimeIntervals: [nights]')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['time interval "nights" is not defined']);
  });

  it('says why the root route needs a receiver', async () => {
    const diagnostics = await lint(files({ routing: routing(replace(SEVERITY_ROUTES, '  receiver: default\n', '')) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(['the root route needs a receiver: it gets every alert that no child route matches']);
  });
});
