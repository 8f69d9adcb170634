/**
 * amtool 0.25 agrees with monc: the generated alertmanager.yml passes `amtool check-config`,
 * and for every alert monc generates, `amtool config routes test` resolves its static labels
 * to the receivers monc's own routing evaluator computes. A second project with nested team
 * routes, continue, regexes and negations compares the two implementations over a grid of
 * label sets.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../../src/model/model.ts';
import { receiversFor } from '../../src/routing/evaluate.ts';
import { REPO_ROOT, compileProject, makeProject, runCli } from '../helpers/project.ts';

function amtool(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync('amtool', args, { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** `amtool config routes test --verify.receivers=…`: exit 0 when amtool resolves the labels to exactly `expected`. */
function verifyRoute(config: string, labels: Readonly<Record<string, string>>, expected: readonly string[]) {
  const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return amtool(['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${expected.join(',')}`, ...args]);
}

describe('the committed out/alertmanager/alertmanager.yml', () => {
  const config = path.join(REPO_ROOT, 'out/alertmanager/alertmanager.yml');

  it('passes amtool check-config, templates included', () => {
    const run = amtool(['check-config', config]);
    expect(run.output).toContain('SUCCESS');
    expect(run.output).toContain(' - 1 templates');
    expect(run.status, run.output).toBe(0);
  });

  it('routes every alert monc generates, user alerts and SLO tiers alike, where monc says', async () => {
    const { model, expanded } = await compileProject(REPO_ROOT);
    const route = model.routing?.route as Route;
    const alerts = expanded.alerts;
    expect(alerts.length).toBe(model.alerts.length + 3 * model.slos.length);
    expect(alerts.some((a) => a.alert.name.endsWith('FastBurn'))).toBe(true);
    const failures = alerts.flatMap((alert) => {
      const expected = receiversFor(route, alert.labels);
      const run = verifyRoute(config, alert.labels, expected);
      return run.status === 0 ? [] : [`${alert.alert.name} → monc ${expected.join(',')}, amtool: ${run.output.trim()}`];
    });
    expect(failures).toEqual([]);
  });

  it("follows the seed's routing: critical pages, warning to Slack, info by email, the rest to the team", async () => {
    const { model } = await compileProject(REPO_ROOT);
    const route = model.routing?.route as Route;
    expect(receiversFor(route, { severity: 'critical', alertname: 'X' })).toEqual(['pagerduty']);
    expect(receiversFor(route, { severity: 'warning', alertname: 'X' })).toEqual(['slack']);
    expect(receiversFor(route, { severity: 'info', alertname: 'X' })).toEqual(['email']);
    expect(receiversFor(route, { alertname: 'X' })).toEqual(['team-notifications']);
  });
});

const TREE = `kind: Routing
global:
  smtp: { smarthost: 'smtp.example.com:587', from: 'am@example.com' }
route:
  receiver: default
  groupBy: [alertname]
  routes:
    - severity: critical
      receiver: oncall
      continue: true
      routes:
        - team: db
          receiver: db-pager
    - matchers: ['team=~"db|infra"']
      receiver: infra
      routes:
        - matchers: ['service!="legacy"', 'severity!~"info"']
          receiver: infra-modern
    - service: checkout
      receiver: payments
      continue: true
    - matchers: ['severity=~"warning|critical"']
      receiver: chat
receivers:
  - { name: default, email: [{ to: team@example.com }] }
  - { name: oncall, webhook: [{ url: 'http://127.0.0.1:9/oncall' }] }
  - { name: db-pager, webhook: [{ url: 'http://127.0.0.1:9/db' }] }
  - { name: infra, webhook: [{ url: 'http://127.0.0.1:9/infra' }] }
  - { name: infra-modern, webhook: [{ url: 'http://127.0.0.1:9/infra-modern' }] }
  - { name: payments, webhook: [{ url: 'http://127.0.0.1:9/payments' }] }
  - { name: chat, webhook: [{ url: 'http://127.0.0.1:9/chat' }] }
`;

describe('a routing tree with nesting, continue, regexes and negations', () => {
  let dir: string;
  let route: Route;
  beforeAll(async () => {
    dir = makeProject({ 'definitions/routing.yaml': TREE, 'definitions/app.yaml': 'kind: Service\nname: app\nteam: db\n' });
    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    route = (await compileProject(dir)).model.routing?.route as Route;
  });

  const grid = ['critical', 'warning', 'info', ''].flatMap((severity) =>
    ['db', 'infra', 'web', ''].flatMap((team) => ['checkout', 'legacy', ''].map((service) => ({ severity, team, service }))),
  );

  it(`resolves all ${grid.length} label sets to the receivers amtool resolves`, () => {
    const config = path.join(dir, 'out/alertmanager/alertmanager.yml');
    const failures = grid.flatMap((labels) => {
      const set = Object.fromEntries(Object.entries({ alertname: 'Test', ...labels }).filter(([, v]) => v !== ''));
      const expected = receiversFor(route, set);
      const run = verifyRoute(config, set, expected);
      return run.status === 0 ? [] : [`${JSON.stringify(set)} → monc ${expected.join(',')}, amtool: ${run.output.trim()}`];
    });
    expect(failures).toEqual([]);
  });

  it('sends a critical database alert to the on-call and the database pager, then on to infra and chat', () => {
    expect(receiversFor(route, { alertname: 'X', severity: 'critical', team: 'db', service: 'legacy' })).toEqual(['db-pager', 'infra']);
    expect(receiversFor(route, { alertname: 'X', severity: 'critical', team: 'web', service: 'checkout' })).toEqual(['oncall', 'payments', 'chat']);
  });
});
