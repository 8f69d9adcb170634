/** k8s/label-selector: a selector the API server refuses, or that matches nothing. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, kubernetesScrape, messages, S, service } from './fixture.ts';

const ID = 'k8s/label-selector';

/** The service's pods selected by `selector` (a flow mapping). */
const selecting = (selector: string): Files => ({ [S]: service({ scrape: kubernetesScrape().replace('port: metrics }', `port: metrics, selector: ${selector} }`) }), [C]: config() });
const ruleSelector = (selector: string): Files => ({ [S]: service(), [C]: config(`  ruleSelector: ${selector}\n`) });

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  { name: 'Labels and requirements that some object meets pass.', files: selecting("{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [api, web] }, { key: tier, operator: NotIn, values: [api] }, { key: canary, operator: DoesNotExist }] }"), expected: () => [] },
  { name: 'Exists and NotIn on one key pass: the key with another value.', files: selecting('{ matchExpressions: [{ key: tier, operator: Exists }, { key: tier, operator: NotIn, values: [api] }] }'), expected: () => [] },
  { name: 'In without values is flagged at its operator.', files: selecting('{ matchExpressions: [{ key: tier, operator: In, values: [] }] }'), expected: (f) => [atIn(ID, f, S, 'In')] },
  { name: 'Exists with values is flagged at the values.', files: selecting('{ matchExpressions: [{ key: tier, operator: Exists, values: [api] }] }'), expected: (f) => [atIn(ID, f, S, '[api]')] },
  { name: 'A key required to exist and not to exist is flagged at the second requirement.', files: selecting('{ matchExpressions: [{ key: tier, operator: Exists }, { key: tier, operator: DoesNotExist }] }'), expected: (f) => [atIn(ID, f, S, '{ key: tier, operator: DoesNotExist }')] },
  { name: 'In without the value matchLabels requires is flagged at the In.', files: selecting('{ matchLabels: { tier: web }, matchExpressions: [{ key: tier, operator: In, values: [api] }] }'), expected: (f) => [atIn(ID, f, S, '{ key: tier, operator: In')] },
  { name: 'NotIn of the value matchLabels requires is flagged at the NotIn.', files: selecting('{ matchLabels: { tier: web }, matchExpressions: [{ key: tier, operator: NotIn, values: [web] }] }'), expected: (f) => [atIn(ID, f, S, '{ key: tier, operator: NotIn')] },
  { name: 'Two In with no value in common are flagged at the second.', files: selecting('{ matchExpressions: [{ key: tier, operator: In, values: [api] }, { key: tier, operator: In, values: [web] }] }'), expected: (f) => [atIn(ID, f, S, '{ key: tier, operator: In, values: [web] }')] },
  { name: 'A matchLabels key that is no label key is flagged at the key.', files: selecting('{ matchLabels: { app name: web } }'), expected: (f) => [atIn(ID, f, S, 'app name')] },
  { name: 'A matchLabels value with a space is flagged at the value.', files: selecting("{ matchLabels: { app: 'web server' } }"), expected: (f) => [atIn(ID, f, S, "'web server'")] },
  { name: 'An In value over 63 characters is flagged at the value.', files: selecting(`{ matchExpressions: [{ key: tier, operator: In, values: [${'a'.repeat(64)}] }] }`), expected: (f) => [atIn(ID, f, S, 'a'.repeat(64))] },
  { name: "The config's ruleSelector is checked too.", files: ruleSelector('{ matchExpressions: [{ key: role, operator: NotIn }] }'), expected: (f) => [atIn(ID, f, C, 'NotIn')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });

  it('says which requirements exclude each other', async () => {
    expect(await messages(selecting('{ matchLabels: { tier: web }, matchExpressions: [{ key: tier, operator: In, values: [api] }] }'), ID)).toEqual([
      '"tier in (api)" cannot hold together with "tier=web": the selector selects nothing',
    ]);
  });
});
