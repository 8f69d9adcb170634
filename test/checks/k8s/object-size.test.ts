/** k8s/object-size: a rule group over the operator's 512 KiB, a ConfigMap or Secret over 1 MiB. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, messages, R, S, service } from './fixture.ts';

const ID = 'k8s/object-size';
const D = 'definitions/dashboard.yaml';

/** A service whose own rule group renders to about 650 KiB: 1,400 alerts with long descriptions. */
const bigGroup = (targets?: string): Files => {
  const alerts = Array.from(
    { length: 1400 },
    (_, i) =>
      `  - { name: Slow${i}, expr: 'rate(app_requests_total[5m]) > ${i}', for: 5m, severity: warning, summary: Slow, runbook: 'https://runbooks.example.com/slow', description: '${'The request rate is above its threshold. '.repeat(8)}' }\n`,
  ).join('');
  return { [S]: `${service()}${alerts}`, [C]: config('', targets) };
};

const MIB = 1_048_576;

const dashboard = (description: string) => `kind: Dashboard
id: big
title: Big
description: '${description}'
rows:
  - title: Traffic
    panels:
      - { title: Requests, description: Requests per second., type: timeseries, queries: [{ expr: 'sum(rate(app_requests_total[$__rate_interval]))' }] }
`;

const routing = (template: string) => `kind: Routing
route:
  receiver: hook
receivers:
  - name: hook
    webhook: [{ url: 'https://hooks.example.com/alerts' }]
templates:
  - name: big.tmpl
    content: '{{ define "big" }}${template}{{ end }}'
`;

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  { name: 'A project of usual size passes.', files: { [S]: service(), [D]: dashboard('Requests.'), [R]: routing('x'), [C]: config() }, expected: () => [] },
  { name: 'A rule group over 512 KiB is flagged at the alerts of its service.', files: bigGroup(), expected: (f) => [atIn(ID, f, S, 'alerts')] },
  { name: "A dashboard's ConfigMap over 1 MiB is flagged at the dashboard's id.", files: { [S]: service(), [D]: dashboard('x'.repeat(MIB)), [C]: config() }, expected: (f) => [atIn(ID, f, D, 'big')] },
  { name: "The Alertmanager's Secret over 1 MiB is flagged at the route.", files: { [S]: service(), [R]: routing('x'.repeat(MIB)), [C]: config() }, expected: (f) => [atIn(ID, f, R, 'route')] },
  { name: 'Without the prometheus-operator target nothing is checked.', files: bigGroup('[prometheus]'), expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });

  it('gives the size and the limit', async () => {
    expect(await messages(bigGroup(), ID)).toEqual([expect.stringMatching(/^rule group "app" renders to [\d,]+ bytes, over the 524,288 the prometheus-operator takes in one PrometheusRule, and a group cannot be split: move some of its rules to another service$/)]);
  });
});
