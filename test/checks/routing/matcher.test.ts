/** routing/matcher: the regular expressions of route and inhibit rule matchers are valid RE2, which Alertmanager compiles. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/matcher';

/** The severity routes with the info route matching `matchers` instead. */
const infoMatchers = (matchers: string) => routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ matchers: [${matchers}], receiver: mail }`));

/** The fixture's routing with one inhibit rule. */
const inhibit = (rule: string) => routing(SEVERITY_ROUTES, `inhibitRules:\n  - ${rule}\n`);

const CASES: readonly Case[] = [
  { name: 'Shorthand equality matchers pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'A matcher regex with escapes (\\.) is read the way Alertmanager reads it, and passes.',
    routing: infoMatchers(`'team=~"co\\.re|core"'`),
    expected: () => [],
  },
  {
    name: 'Valid regexes in inhibit rule matchers pass.',
    routing: inhibit(`{ sourceMatchers: ['severity=~"crit.*"'], targetMatchers: ['severity!~"crit.*|info"'], equal: [service] }`),
    expected: () => [],
  },
  {
    name: 'An equality matcher whose value looks like a broken regex is no regex and passes.',
    routing: infoMatchers(`'severity="info"', 'component!="(api"'`),
    expected: () => [],
  },
  {
    name: 'A route regex that is not RE2 is flagged at the matcher.',
    routing: infoMatchers(`'severity=~"(info"'`),
    expected: (r) => [at(ID, R, r, `'severity=~"(info"'`)],
  },
  {
    name: 'An invalid regex on a nested route is flagged at the matcher.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', `{ severity: info, receiver: mail, routes: [{ matchers: ['component=~"api["'] }] }`)),
    expected: (r) => [at(ID, R, r, `'component=~"api["'`)],
  },
  {
    name: 'A lookahead in an inhibit rule source, valid in JavaScript but not in RE2, is flagged at the matcher.',
    routing: inhibit(`{ sourceMatchers: ['alertname=~"(?=App).*"'], targetMatchers: ['severity="info"'], equal: [service] }`),
    expected: (r) => [at(ID, R, r, `'alertname=~"(?=App).*"'`)],
  },
  {
    name: 'An invalid negative regex in an inhibit rule target is flagged at the matcher.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity!~"warn(ing"'], equal: [service] }`),
    expected: (r) => [at(ID, R, r, `'severity!~"warn(ing"'`)],
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

  it('reads escapes as Alertmanager does, so a route on co\\.re|core takes the team core alerts and no check finds anything', async () => {
    expect(await lint(files({ routing: infoMatchers(`'team=~"co\\.re|core"'`) }))).toEqual([]);
  });

  it("quotes the regex and Go's reason, on the anchored regex Alertmanager compiles", async () => {
    const diagnostics = await lint(files({ routing: infoMatchers(`'severity=~"(info"'`) }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"(info" is not a valid RE2 regular expression (error parsing regexp: missing closing ): `^(?:(info)$`), so Alertmanager refuses the config',
    ]);
  });
});
