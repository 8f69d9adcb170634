/** k8s/alertmanager-config: the routing says nothing an AlertmanagerConfig cannot. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, R, S, service } from './fixture.ts';

const ID = 'k8s/alertmanager-config';

const routing = (extra: string, mode = 'alertmanager-config'): Files => ({
  [S]: service(),
  [C]: config(`  alertmanager: { config: ${mode} }\n`),
  [R]: `kind: Routing
route:
  receiver: hook
receivers:
  - name: hook
    webhook: [{ url: 'https://hooks.example.com/alerts'${extra.startsWith(',') ? extra : ''} }]
${extra.startsWith(',') ? '' : extra}`,
});

const LOCATED = "timeIntervals:\n  - name: nights\n    intervals:\n      - { times: [{ start: '22:00', end: '24:00' }], location: Europe/Berlin }\n";

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  { name: 'Routing an AlertmanagerConfig can hold passes.', files: routing("timeIntervals:\n  - name: nights\n    intervals:\n      - { times: [{ start: '22:00', end: '24:00' }] }\n"), expected: () => [] },
  { name: 'A time interval with a location is flagged at the location.', files: routing(LOCATED), expected: (f) => [atIn(ID, f, R, 'Europe/Berlin')] },
  { name: 'A webhook with basic auth is flagged at the user name.', files: routing(', username: bot, passwordFile: /etc/am/hook'), expected: (f) => [atIn(ID, f, R, 'bot')] },
  { name: 'With the configuration Secret, alertmanager.yml holds it all.', files: routing(LOCATED, 'secret'), expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });
});
