/**
 * routing/time-interval, routing/template and the routing schema agree with amtool 0.25:
 * every case monc accepts, amtool check-config accepts; every case monc flags, amtool
 * rejects too once the check is turned off and the config written anyway.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, writeFiles } from '../helpers/project.ts';

const SERVICE = `kind: Service
name: app
team: core
alerts:
  - { name: AppDown, expr: vector(1), for: 5m, severity: critical, summary: s, runbook: 'https://runbooks.example.com/x' }
`;

const routing = (interval: string, template = '{{ define "t" }}{{ .Status | toUpper }}{{ end }}') => `kind: Routing
route:
  receiver: hook
  routes:
    - { severity: critical, receiver: hook, muteTimeIntervals: [m] }
receivers:
  - { name: hook, webhook: [{ url: 'http://127.0.0.1:9/hook' }] }
timeIntervals:
  - name: m
    intervals:
      - ${interval}
templates:
  - name: a.tmpl
    content: '${template}'
`;

function amtool(dir: string): { ok: boolean; output: string } {
  const run = spawnSync('amtool', ['check-config', 'alertmanager.yml'], { cwd: path.join(dir, 'out/alertmanager'), encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

const ACCEPTED = [
  "{ weekdays: ['monday:friday', saturday], times: [{ start: '22:00', end: '24:00' }], location: Europe/Berlin }",
  "{ daysOfMonth: ['1:7', '-3:-1', '-31', '31'], months: ['january:march', '12'], years: ['2026:2027'] }",
  '{ weekdays: [sunday], location: Local }',
  '{ weekdays: [sunday], location: America/Argentina/Buenos_Aires }',
];

const FLAGGED: [string, string][] = [
  ['{ weekdays: [monday], location: Mars/Olympus_Mons }', 'routing/time-interval'],
  ['{ weekdays: [funday] }', 'routing/time-interval'],
  ["{ weekdays: ['friday:monday'] }", 'routing/time-interval'],
  ['{ months: [smarch] }', 'routing/time-interval'],
  ["{ daysOfMonth: ['99'] }", 'routing/time-interval'],
  ["{ daysOfMonth: ['-32'] }", 'routing/time-interval'],
  ["{ daysOfMonth: ['5:1'] }", 'routing/time-interval'],
  ["{ years: ['2030:2020'] }", 'routing/time-interval'],
  ["{ times: [{ start: '10:00', end: '09:00' }] }", 'routing/time-interval'],
];

const FLAGGED_TEMPLATES: [string, string][] = [
  ['{{ define "t" }}{{ if }}{{ end }}{{ end }}', 'a template that does not parse'],
  ['{{ define "t" }}{{ nosuchfunc . }}{{ end }}', 'an unknown function'],
  ['{{ define "t" }}{{ humanize 1 }}{{ end }}', 'a Prometheus-only function'],
];

describe('amtool 0.25 agrees with the routing checks', () => {
  it.each(ACCEPTED)('accepts the time interval %s, as monc does', async (interval) => {
    const dir = makeProject({ 'definitions/app.yaml': SERVICE, 'definitions/routing.yaml': routing(interval) });
    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    const check = amtool(dir);
    expect(check.ok, check.output).toBe(true);
  });

  it.each(FLAGGED)('rejects the time interval %s, which monc flags as %s', async (interval, check) => {
    const dir = makeProject({ 'definitions/app.yaml': SERVICE, 'definitions/routing.yaml': routing(interval) });
    const lint = await runCli(dir, ['lint', '--format', 'json']);
    expect((JSON.parse(lint.stdout) as { diagnostics: { check: string }[] }).diagnostics.map((d) => d.check)).toEqual([check]);
    writeConfig(dir, `checks:\n  ${check}: off\n`);
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(amtool(dir).ok).toBe(false);
  });

  it.each(FLAGGED_TEMPLATES)('rejects the template file %s (%s), which monc flags as routing/template', async (template) => {
    const dir = makeProject({ 'definitions/app.yaml': SERVICE, 'definitions/routing.yaml': routing('{ weekdays: [sunday] }', template) });
    const lint = await runCli(dir, ['lint', '--format', 'json']);
    expect((JSON.parse(lint.stdout) as { diagnostics: { check: string }[] }).diagnostics.map((d) => d.check)).toEqual(['routing/template']);
    writeConfig(dir, 'checks:\n  routing/template: off\n');
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(amtool(dir).ok).toBe(false);
  });
});

function writeConfig(dir: string, text: string): void {
  writeFiles(dir, { 'monc.config.yaml': text });
}
