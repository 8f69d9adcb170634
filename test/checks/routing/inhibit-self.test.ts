/** routing/inhibit-self: an inhibit rule's sides do not select the same alerts (it would mute nothing), nor overlap without equal labels (it would mute across services). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/inhibit-self';

/** The fixture's routing with the given inhibit rules (YAML flow mappings). */
const inhibit = (...rules: string[]) => routing(SEVERITY_ROUTES, `inhibitRules:\n${rules.map((rule) => `  - ${rule}\n`).join('')}`);

const CASES: readonly Case[] = [
  { name: 'A project without inhibit rules passes.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'Disjoint sides pass, even without equal labels.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="info"'] }`),
    expected: () => [],
  },
  {
    name: 'Overlapping sides with equal labels pass: a critical mutes the warnings of its own service.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity=~"critical|warning"'], equal: [service] }`),
    expected: () => [],
  },
  {
    name: 'Targets that are a part of the sources pass with equal labels.',
    routing: inhibit(`{ sourceMatchers: ['severity=~"critical|warning"'], targetMatchers: ['severity="warning"'], equal: [alertname] }`),
    expected: () => [],
  },
  {
    name: 'Source and target the same alerts without equal labels is flagged at the targets.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="critical"'] }`),
    expected: (r) => [at(ID, R, r, `['severity="critical"'] }`)],
  },
  {
    name: 'Identical sides mute nothing, equal labels or not, and are flagged.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="critical"'], equal: [alertname] }`),
    expected: (r) => [at(ID, R, r, `['severity="critical"'], equal`)],
  },
  {
    name: 'Sources that are a part of the targets, without equal labels, are flagged.',
    routing: inhibit(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity=~"critical|warning"'] }`),
    expected: (r) => [at(ID, R, r, `['severity=~"critical|warning"']`)],
  },
  {
    name: 'Targets that are a part of the sources, without equal labels, are flagged.',
    routing: inhibit(`{ sourceMatchers: ['severity=~"critical|warning"'], targetMatchers: ['severity="warning"'] }`),
    expected: (r) => [at(ID, R, r, `['severity="warning"']`)],
  },
  {
    name: 'Of two rules only the one muting itself is flagged.',
    routing: inhibit(
      `{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="warning"'], equal: [service] }`,
      `{ sourceMatchers: ['team="core"'], targetMatchers: ['team="core"'] }`,
    ),
    expected: (r) => [at(ID, R, r, `['team="core"'] }`)],
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

  it('says which way the sides overlap', async () => {
    const messages = async (rule: string) => (await lint(files({ routing: inhibit(rule) }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity="critical"'] }`)).toEqual([
      'the source and target matchers select the same alerts, and Alertmanager never lets an alert that matches both sides mute another one that does, so this rule mutes nothing; make the sides select different alerts',
    ]);
    expect(await messages(`{ sourceMatchers: ['severity="critical"'], targetMatchers: ['severity=~"critical|warning"'] }`)).toEqual([
      'every source alert is also a target, and no labels must be equal: whenever any source fires, every other target alert is muted, in every service; add equal labels (e.g. [service]) so a source only mutes its own, or make the sides disjoint',
    ]);
    expect(await messages(`{ sourceMatchers: ['severity=~"critical|warning"'], targetMatchers: ['severity="warning"'] }`)).toEqual([
      'every target alert is also a source alert, and Alertmanager never lets an alert that matches both sides be muted by another that does, so only sources outside the targets ever mute anything; check the matchers',
    ]);
  });
});
