/**
 * Timeslice SLIs in the real promtool: a p95-latency-per-minute SLI compiles to rules that
 * promtool accepts, and that count a minute as bad exactly when its p95 is over the bound —
 * shown by a promtool unit test over the generated rule file, with latency that is fast for
 * 20 minutes, then slow for 10. A ratio of counters gets generated tests that pass promtool:
 * on a rolling window, and on a calendar week, whose boundary test starts its traffic after a
 * gap; with a max bound on an error ratio and a min bound on a success ratio alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, runCli } from '../helpers/project.ts';
import { APP_SERVICE_SLOS } from './calendar-fixture.ts';

const SERVICE = `kind: Service
name: app
team: core
metrics:
  - name: app_request_duration_seconds
    type: histogram
    help: Latency.
    unit: seconds
    buckets: [0.1, 0.5]
slos:
  - name: p95
    objective: 99
    window: 7d
    sli:
      timeslice:
        slice: 1m
        query: histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[{{window}}])))
        max: 0.3
`;

/** 100 requests a minute; the first 20 minutes all under 0.1s, then all between 0.1s and 0.5s (p95 ≈ 0.48s). */
const UNIT_TEST = `rule_files: [../rules/app.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: app_request_duration_seconds_bucket{le="0.1"}
        values: 0+100x20 2000x10
      - series: app_request_duration_seconds_bucket{le="0.5"}
        values: 0+100x30
      - series: app_request_duration_seconds_bucket{le="+Inf"}
        values: 0+100x30
    promql_expr_test:
      - expr: slo:sli_total:increase1m
        eval_time: 10m
        exp_samples: [{ labels: 'slo:sli_total:increase1m{service="app", slo="app-p95"}', value: 1 }]
      - expr: slo:sli_errors:increase1m
        eval_time: 10m
        exp_samples: [{ labels: 'slo:sli_errors:increase1m{service="app", slo="app-p95"}', value: 0 }]
      - expr: slo:sli_errors:increase1m
        eval_time: 25m
        exp_samples: [{ labels: 'slo:sli_errors:increase1m{service="app", slo="app-p95"}', value: 1 }]
      # Ten bad minutes out of thirty, every minute judged once per evaluation.
      - expr: sum_over_time(slo:sli_errors:increase1m[30m]) / sum_over_time(slo:sli_total:increase1m[30m])
        eval_time: 30m
        exp_samples: [{ labels: '{service="app", slo="app-p95"}', value: 0.3333333333333333 }]
`;

describe('a timeslice SLI', () => {
  it('compiles to rules promtool accepts, which judge each minute by its p95', async () => {
    const project = makeProject({ 'definitions/app.yaml': SERVICE, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    const build = await runCli(project, ['build']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const rules = path.join(project, 'out/prometheus/rules/app.yml');
    expect(readFileSync(rules, 'utf8')).toContain('count((histogram_quantile(0.95, sum by (le) (rate(app_request_duration_seconds_bucket[1m])))) > 0.3)');
    const check = spawnSync('promtool', ['check', 'rules', rules], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    mkdirSync(path.join(project, 'out/prometheus/tests'), { recursive: true });
    const testFile = path.join(project, 'out/prometheus/tests/timeslice.test.yml');
    writeFileSync(testFile, UNIT_TEST);
    const run = spawnSync('promtool', ['test', 'rules', testFile], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // The same test fails when the bound moves: a bound over the slow p95 sees no bad minute.
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 0.3)', '> 0.49)'));
    expect(spawnSync('promtool', ['test', 'rules', testFile], { encoding: 'utf8' }).status).toBe(1);
  });

  it('gets generated tests for a ratio of two counters per minute, which pass promtool and fail when the bound moves', async () => {
    const ratio = SERVICE.replace(
      / {2}- name: app_request_duration_seconds[\s\S]*$/,
      `  - name: app_requests_total
    type: counter
    help: Requests.
    labels:
      code: { values: ['200', '500'] }
slos:
  - name: minutes
    objective: 99
    window: 7d
    sli:
      timeslice:
        slice: 1m
        query: sum(rate(app_requests_total{code="500"}[{{window}}])) / sum(rate(app_requests_total[{{window}}]))
        max: 0.05
`,
    );
    const project = makeProject({ 'definitions/app.yaml': ratio, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    const build = await runCli(project, ['build']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const testFile = path.join(project, 'out/prometheus/tests/app.1m.test.yml');
    const run = spawnSync('promtool', ['test', 'rules', testFile], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(testFile, 'utf8')).toContain('a full outage fires the fast page');
    const rules = path.join(project, 'out/prometheus/rules/app.yml');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 0.05)', '> 1.5)'));
    expect(spawnSync('promtool', ['test', 'rules', testFile], { encoding: 'utf8' }).status).toBe(1);
  });

  it('gets generated tests on a calendar week that pass promtool, for an error ratio under a max bound and a success ratio over a min bound', async () => {
    const weekly = `${APP_SERVICE_SLOS}  - name: minutes
    objective: 99
    window: { calendar: week, timezone: America/New_York }
    sli:
      timeslice:
        slice: 1m
        query: sum(rate(app_requests_total{code="500"}[{{window}}])) / sum(rate(app_requests_total[{{window}}]))
        max: 0.05
  - name: successful-minutes
    objective: 99
    window: { calendar: week, timezone: America/New_York }
    sli:
      timeslice:
        slice: 1m
        query: sum(increase(app_requests_total{code="200"}[{{window}}])) / sum(increase(app_requests_total[{{window}}]))
        min: 0.95
`;
    const project = makeProject({ 'definitions/app.yaml': weekly, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    const build = await runCli(project, ['build']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const tests = path.join(project, 'out/prometheus/tests');
    const run = spawnSync('promtool', ['test', 'rules', 'app.1m.test.yml', 'app.1h.test.yml'], { cwd: tests, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    type Generated = { tests: { name: string; alert_rule_test: { eval_time: string; alertname: string; exp_alerts: { exp_annotations: { description: string } }[] }[] }[] };
    const generated = (file: string) => (parse(readFileSync(path.join(tests, file), 'utf8')) as Generated).tests;
    // The boundary test's traffic starts after a gap, a day and an hour before Monday 00:00 in New York (4d5h UTC), evaluated hourly:
    // increase() has no sample before the first step, so the day up to 4d4h holds 24 judged slices, the last one bad: both ticket tiers
    // burn at 1/24 ÷ 1% = 4.2×.
    const boundary = generated('app.1h.test.yml').find((t) => t.name.startsWith('app-minutes: errors in the last hour of the week'));
    const slowBurn = boundary?.alert_rule_test.find((t) => t.eval_time === '4d4h' && t.alertname === 'AppMinutesSlowBurn');
    expect(slowBurn?.exp_alerts.map((a) => /burning at (\S+)× /.exec(a.exp_annotations.description)?.[1])).toEqual(['4.2', '4.2']);
    // A success ratio's healthy traffic (0.5% failed requests) makes good minutes: it fires nothing, as its test's name says.
    const healthy = generated('app.1m.test.yml').find((t) => t.name.startsWith('app-successful-minutes: healthy traffic'));
    expect(healthy?.alert_rule_test.length).toBeGreaterThan(0);
    expect(healthy?.alert_rule_test.flatMap((t) => t.exp_alerts)).toEqual([]);
  }, 120_000);
});
