/** k8s/name: derived object names are valid and distinct; configured labels and annotations are valid keys and values. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, kubernetesScrape, messages, S, service } from './fixture.ts';

const ID = 'k8s/name';
const S2 = 'definitions/web.yaml';

const teams = (first: string, second: string): Files => ({
  [S]: service({ team: first }),
  [S2]: service({ name: 'web', team: second }),
  [C]: config('  ruleObjects: team\n'),
});

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  { name: 'Team names that become distinct object names pass, whatever they are written with.', files: teams('Search & Discovery', 'payments'), expected: () => [] },
  { name: 'Two teams that become one name are flagged at the second team.', files: teams('Payments', 'payments'), expected: (f) => [atIn(ID, f, S2, 'payments')] },
  { name: 'A team of no letters or digits is flagged: its name would be empty.', files: teams('+++', 'payments'), expected: (f) => [atIn(ID, f, S, '+++')] },
  { name: 'Per service, team names do not name objects.', files: { ...teams('+++', 'payments'), [C]: config() }, expected: () => [] },
  {
    name: 'Services app and app- make one name for their PrometheusRules and monitors, flagged at the second service.',
    files: { [S]: service({ scrape: kubernetesScrape() }), [S2]: service({ name: 'app-', scrape: kubernetesScrape() }), [C]: config() },
    expected: (f) => [atIn(ID, f, S2, 'app-'), atIn(ID, f, S2, 'app-')],
  },
  {
    name: 'Configured labels and annotations that the API server refuses are flagged at the key or value.',
    files: {
      [S]: service(),
      [C]: config(`  labels: { team name: sre, prometheus: 'main k8s' }
  annotations: { -bad: x, example.com/ok: fine }
  dashboards: { labels: { grafana_dashboard: '1' }, folderAnnotation: 'Grafana Folder' }
`),
    },
    expected: (f) => [atIn(ID, f, C, 'team name'), atIn(ID, f, C, "'main k8s'"), atIn(ID, f, C, '-bad'), atIn(ID, f, C, "'Grafana Folder'")],
  },
  { name: 'Without the prometheus-operator target nothing is checked.', files: { ...teams('Payments', 'payments'), [C]: config('  ruleObjects: team\n', '[prometheus]') }, expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });

  it('names both owners of a name', async () => {
    expect(await messages(teams('Payments', 'payments'), ID)).toEqual([
      'the PrometheusRule of team "payments" would be named "payments", as is the one of team "Payments", which it would replace: rename one of them',
    ]);
  });
});
