/**
 * Calendar-aligned SLO windows in the real promtool: a month in Europe/Berlin, an ISO week in
 * Asia/Kolkata (+05:30) and a quarter in America/New_York compile to rules promtool accepts;
 * the generated tests show the budget spent by errors in the last hour of a period is still
 * spent at the evaluation before the boundary and whole again at the boundary, in the SLO's
 * zone, and that the same outage pages by the tiers a rolling window pages by; and they fail
 * when the zone's offset is wrong or the page tier's threshold moves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedCopy } from '../helpers/mutated-rules.ts';
import { makeProject, runCli } from '../helpers/project.ts';
import { CALENDAR_CONFIG, CALENDAR_SERVICE as SERVICE, slo } from './calendar-fixture.ts';

/** A quarter gets no boundary test (its first boundary is 90 days of evaluations away): its rules are checked, in a service of its own. */
const QUARTERLY = SERVICE.replace('name: app\n', 'name: quarters\n')
  .replace(/slos:\n[\s\S]*$/, `slos:\n${slo('quarterly', '{ calendar: quarter, timezone: America/New_York }')}`)
  .replaceAll('app_requests_total', 'quarters_requests_total');

function promtoolTest(files: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['test', 'rules', ...files], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('calendar-aligned SLO windows', () => {
  let project: string;
  let work: string;
  const out = () => path.join(project, 'out/prometheus');
  const tests = (dir: string) => readdirSync(path.join(dir, 'tests')).filter((f) => f.startsWith('app.')).map((f) => path.join(dir, 'tests', f));

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'monc-calendar-'));
    project = makeProject({ 'definitions/app.yaml': SERVICE, 'definitions/quarters.yaml': QUARTERLY, 'monc.config.yaml': CALENDAR_CONFIG });
    const build = await runCli(project, ['build']);
    expect(build.stderr + build.stdout).not.toMatch(/error|warning/);
    expect(build.code).toBe(0);
  });
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('records each zone\'s local time once per service, then the period index and phased copies, and sums the current phase over the longest period', () => {
    const files = ['rules/app.yml', 'rules/quarters.yml'].map((f) => path.join(out(), f));
    const check = spawnSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const all = files.flatMap((f) => (parse(readFileSync(f, 'utf8')) as { groups: { rules: { record?: string; expr: string; labels?: Record<string, string> }[] }[] }).groups.flatMap((g) => g.rules));
    const localTime = (zone: string) => all.filter((r) => r.record === 'slo:calendar_local_time:seconds' && r.labels?.['timezone'] === zone).map((r) => r.expr);
    expect(localTime('+05:30')).toEqual(['vector(time() + 19800)']);
    // Berlin: +1h, with a +1h step at each start of summer time and back at each end, 2025–2036.
    expect(localTime('Europe/Berlin')).toEqual([expect.stringMatching(/^vector\(time\(\) \+ \(3600 \+ 3600 \* \(time\(\) >= bool 1743296400\) - 3600 \* \(time\(\) >= bool 1761440400\)/)]);
    expect(localTime('America/New_York')).toEqual([expect.stringMatching(/^vector\(time\(\) \+ \(-18000 \+ 3600 \* \(time\(\) >= bool \d+\)/)]);
    const index = (slo: string) => all.find((r) => r.record === 'slo:calendar_period:index' && r.labels?.['slo'] === slo)?.expr;
    expect(index('app-weekly')).toBe('floor((slo:calendar_local_time:seconds{service="app", timezone="+05:30"} + 259200) / 604800)');
    const berlin = 'slo:calendar_local_time:seconds{service="app", timezone="Europe/Berlin"}';
    expect(index('app-monthly')).toBe(`year(${berlin}) * 12 + month(${berlin})`);
    const newYork = 'slo:calendar_local_time:seconds{service="quarters", timezone="America/New_York"}';
    expect(index('quarters-quarterly')).toBe(`year(${newYork}) * 4 + floor((month(${newYork}) - 1) / 3)`);
    const ratio = (slo: string) => all.find((r) => r.record === 'slo:sli_error:ratio_period' && r.labels?.['slo'] === slo)?.expr ?? '';
    expect(ratio('app-monthly')).toContain('sum_over_time(slo:sli_errors:increase5m_calendar{slo="app-monthly"}[31d])');
    expect(ratio('app-weekly')).toContain('[7d]');
    expect(ratio('quarters-quarterly')).toContain('[92d]');
  });

  it('pages a calendar month exactly as a rolling 30d window: the burn alerts are the same rules, so an outage late in a month pages by the same tier', () => {
    const all = (parse(readFileSync(path.join(out(), 'rules/app.yml'), 'utf8')) as { groups: { rules: { alert?: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    const expr = (alert: string) => all.find((r) => r.alert === alert)?.expr ?? '';
    for (const burn of ['FastBurn', 'SlowBurn']) {
      expect(expr(`AppMonthly${burn}`).replaceAll('app-monthly', 'SLO')).toBe(expr(`AppRolling${burn}`).replaceAll('app-rolling', 'SLO'));
    }
  });

  it('writes the boundary tests of the month and the week at the interval their boundary needs, and they pass promtool', () => {
    expect(readdirSync(path.join(out(), 'tests')).sort()).toEqual(['app.1h.test.yml', 'app.30m.test.yml', 'app.test.yml', 'quarters.test.yml']);
    const names = (file: string) => (parse(readFileSync(path.join(out(), 'tests', file), 'utf8')) as { tests: { name: string }[] }).tests.map((t) => t.name);
    expect(names('app.1h.test.yml')).toEqual([
      'app-monthly: errors in the last hour of the month (Europe/Berlin) fire the burn alerts of a rolling window and spend budget until the month boundary, and not after',
    ]);
    expect(names('app.30m.test.yml')).toEqual([
      'app-weekly: errors in the last hour of the week (+05:30) fire the burn alerts of a rolling window and spend budget until the week boundary, and not after',
    ]);
    const run = promtoolTest(tests(out()));
    expect(run.status, run.output).toBe(0);
  });

  it('expects the outage in the last hour of the month to page by the fastest tier, as it pages in a rolling window', () => {
    const test = (parse(readFileSync(path.join(out(), 'tests/app.1h.test.yml'), 'utf8')) as { tests: { alert_rule_test: { eval_time: string; alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] }).tests[0];
    const fastBurn = test?.alert_rule_test.find((t) => t.alertname === 'AppMonthlyFastBurn' && t.exp_alerts.length > 0);
    expect(fastBurn?.eval_time).toBe('4w2d22h');
    expect(fastBurn?.exp_alerts.map((a) => [a.exp_labels['tier'], a.exp_labels['severity']])).toEqual([
      ['page-1h', 'critical'],
      ['page-6h', 'critical'],
    ]);
  });

  it.each([
    ['the page tier of the month needing a burn of 600 (an outage late in the month would not page)', 'app.1h.test.yml', (rules: string) => rules.replaceAll('/ 0.001 > 14.4', '/ 0.001 > 600')],
    ['Berlin an hour off (UTC in winter)', 'app.1h.test.yml', (rules: string) => rules.replace('time() + (3600 + 3600 * (time()', 'time() + (0 + 3600 * (time()')],
    ['the week starting on Thursday', 'app.30m.test.yml', (rules: string) => rules.replace(' + 259200) / 604800', ') / 604800')],
  ])('fail promtool with %s', (name, testFile, edit) => {
    const dir = path.join(work, name.replace(/\W+/g, '-'));
    mutatedCopy(out(), dir, 'app.yml', edit);
    // The boundary test of that period; the other files do not look at boundaries.
    expect(promtoolTest([path.join(dir, 'tests', testFile)]).status).toBe(1);
  });
});
