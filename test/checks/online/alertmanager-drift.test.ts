/**
 * online/alertmanager-drift: the configuration a real Alertmanager runs against the generated
 * alertmanager.yml. One server runs the generated file as written; another a hand-edited copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { startAlertmanager, type Alertmanager } from '../../helpers/alertmanager.ts';

const ID = 'online/alertmanager-drift';
const R = 'definitions/routing.yaml';
const FILES = {
  'definitions/app.yaml': `kind: Service
name: app
team: core
alerts:
  - { name: AppDown, expr: vector(1), for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x' }
  - { name: AppSlow, expr: vector(1), for: 5m, severity: warning, summary: s, runbook: 'https://runbooks.example.com/x' }
`,
  [R]: `kind: Routing
route:
  receiver: default
  routes:
    - { severity: critical, receiver: pager }
    - { severity: warning, receiver: chat, muteTimeIntervals: [nights] }
receivers:
  - { name: default, webhook: [{ url: 'http://127.0.0.1:9/default' }] }
  - { name: pager, webhook: [{ url: 'http://127.0.0.1:9/pager' }] }
  - { name: chat, webhook: [{ url: 'http://127.0.0.1:9/chat' }] }
timeIntervals:
  - { name: nights, intervals: [{ times: [{ start: '22:00', end: '24:00' }] }] }
`,
};

/** The generated file, edited by hand: pager's webhook moved, the warning route gone, a receiver and a time interval added. */
function handEdited(generated: string): string {
  const edited = generated
    .replace('http://127.0.0.1:9/pager', 'http://127.0.0.1:9/pager-v2')
    .replace(/ {4}- receiver: chat\n(?: {6}.*\n)+/, '')
    .replace('receivers:\n', "receivers:\n  - name: audit\n    webhook_configs:\n      - url: 'http://127.0.0.1:9/audit'\n")
    .replace('time_intervals:\n', "time_intervals:\n  - name: weekends\n    time_intervals:\n      - weekdays: ['saturday', 'sunday']\n");
  expect(edited).not.toEqual(generated);
  return edited;
}

let generated: Alertmanager;
let edited: Alertmanager;

beforeAll(async () => {
  const result = await compileFiles(FILES);
  const config = result.artifacts.find((a) => a.path === 'alertmanager/alertmanager.yml')?.content;
  if (typeof config !== 'string') throw new Error(result.diagnostics.map((d) => `${d.check} ${d.message}`).join('\n'));
  [generated, edited] = await Promise.all([startAlertmanager({ config }), startAlertmanager({ config: handEdited(config) })]);
});
afterAll(() => Promise.all([generated?.stop(), edited?.stop()]));

const drift = async (alertmanager: Alertmanager) => (await lint(FILES, { online: { alertmanager: alertmanager.url } })).filter((d) => d.check.startsWith('online/'));

describe(ID, () => {
  it('An Alertmanager running the generated configuration has no drift.', async () => {
    expect(await drift(generated)).toEqual([]);
  });

  it('A changed receiver, a removed route, an added receiver and an added time interval are each one finding at the routing definition.', async () => {
    const found = await drift(edited);
    const text = FILES[R];
    expect(found.map(where).sort()).toEqual([at(ID, R, text, 'pager', 2), at(ID, R, text, '{ severity: warning'), at(ID, R, text, 'receivers:'), at(ID, R, text, 'timeIntervals:')].sort());
    const message = (needle: string) => found.find((d) => d.message.includes(needle))?.message;
    expect(message('receiver "pager"')).toContain('pager-v2');
    expect(message('route.routes[1]')).toContain('is not in the configuration');
    expect(message('receiver "audit"')).toContain('do not generate');
    expect(message('time interval "weekends"')).toContain('do not generate');
  });

  it('An Alertmanager that is down is one online/unreachable finding naming it, and the flag that gave its URL.', async () => {
    const found = (await lint(FILES, { online: { alertmanager: 'http://127.0.0.1:9' } })).filter((d) => d.check.startsWith('online/'));
    expect(found.map((d) => d.check)).toEqual(['online/unreachable']);
    expect(found[0]?.message).toContain('Alertmanager at http://127.0.0.1:9 (--alertmanager) cannot be read');
  });
});
