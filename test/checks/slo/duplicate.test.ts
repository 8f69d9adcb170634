/** slo/duplicate: SLO ids are unique, and no alert takes a name monc generates for an SLO. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, CONFIG, type Files, project, RETENTION_30D, service, slo } from './fixtures.ts';

const ID = 'slo/duplicate';

/** A hand-written alert named `name`, complete so only its name matters. */
const alert = (name: string) => `  - { name: ${name}, expr: vector(1), for: 5m, severity: info, summary: s, runbook: https://r.example/x }\n`;

/** A service `name` with one availability SLO `sloName`, or with `alerts` instead. */
const other = (name: string, { sloName = '', alerts = '' } = {}) =>
  `kind: Service\nname: ${name}\nteam: core\n${alerts ? `alerts:\n${alerts}` : ''}${sloName ? `slos:\n  - name: ${sloName}\n    objective: 99.9\n    sli:\n      availability: { up: 'up{job="${name}"}' }\n` : ''}`;

const A = 'definitions/a.yaml';
const B = 'definitions/b.yaml';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'Two SLOs with different names pass.', files: project(service(slo() + slo({ name: 'errors-fast' }))), expected: () => [] },
  { name: 'Two services may each have an SLO of the same name.', files: { [A]: other('checkout', { sloName: 'availability' }), [B]: other('search', { sloName: 'availability' }), [CONFIG]: RETENTION_30D }, expected: () => [] },
  { name: 'An alert whose name is close to, but not, a generated one passes.', files: project(service(slo(), `alerts:\n${alert('AppAvailabilityBurn')}`)), expected: () => [] },
  {
    name: 'A second SLO with the same name is flagged at its name.',
    files: project(service(slo() + slo())),
    expected: (f) => [atIn(ID, f, 'availability', 2)],
    messages: ['service app already has an SLO named "availability"; both would write the slo="app-availability" series'],
  },
  {
    name: 'An alert named like a generated fast-burn alert is flagged at the alert name.',
    files: project(service(slo(), `alerts:\n${alert('AppAvailabilityFastBurn')}`)),
    expected: (f) => [atIn(ID, f, 'AppAvailabilityFastBurn')],
    messages: ['alert "AppAvailabilityFastBurn" has the name monc generates for SLO app-availability; rename the alert'],
  },
  {
    name: 'An alert named like a generated slow-burn alert is flagged at the alert name.',
    files: project(service(slo(), `alerts:\n${alert('AppAvailabilitySlowBurn')}`)),
    expected: (f) => [atIn(ID, f, 'AppAvailabilitySlowBurn')],
  },
  {
    name: "An alert in another service named like an SLO's no-data alert is flagged in that service's file.",
    files: { ...project(service(slo())), [B]: other('b', { alerts: alert('AppAvailabilityNoData') }) },
    expected: (f) => [atIn(ID, f, 'AppAvailabilityNoData', 1, B)],
  },
  {
    name: 'SLOs may share a burn alert name set by hand, as Pyrra names every burn alert ErrorBudgetBurn.',
    files: project(service(slo({ more: '    alerting: { pageAlert: ErrorBudgetBurn, ticketAlert: ErrorBudgetBurn }\n' }) + slo({ name: 'latency', more: '    alerting: { pageAlert: ErrorBudgetBurn, ticketAlert: ErrorBudgetBurn }\n' }))),
    expected: () => [],
  },
  {
    name: 'SLOs sharing a no-data alert name are flagged at the second: it would fire in the other one’s tests.',
    files: project(service(slo({ more: '    alerting: { noData: { alert: SloNoData } }\n' }) + slo({ name: 'latency', more: '    alerting: { noData: { alert: SloNoData } }\n' }))),
    expected: (f) => [atIn(ID, f, 'latency')],
    messages: ['SLO app-latency generates the alert names of SLO app-availability (SloNoData); rename one so their alerts, runbooks and routing stay apart'],
  },
  {
    name: 'SLOs whose generated alert names clash (p-99 and p99) are flagged at the second.',
    files: project(service(slo({ name: 'p-99' }) + slo({ name: 'p99' }))),
    expected: (f) => [atIn(ID, f, 'p99')],
    messages: ['SLO app-p99 generates the alert names of SLO app-p-99 (AppP99FastBurn, AppP99SlowBurn, AppP99NoData); rename one so their alerts, runbooks and routing stay apart'],
  },
  {
    name: 'SLOs of two services whose ids meet at a hyphen (checkout/api-availability, checkout-api/availability) are flagged at the second.',
    files: { [A]: other('checkout', { sloName: 'api-availability' }), [B]: other('checkout-api', { sloName: 'availability' }), [CONFIG]: RETENTION_30D },
    expected: (f) => [atIn(ID, f, 'availability', 1, B)],
    messages: [
      'SLO "availability" of service checkout-api and SLO "api-availability" of service checkout both get the id checkout-api-availability, so both would write the slo="checkout-api-availability" series; rename one',
    ],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
