/**
 * A Prometheus 3 target: Prometheus 3 reads a range `[w]` as open at its start, where 2 reads
 * it closed. monc writes the ranges over its recordings (and over availability samples) one
 * second short, so both versions read the same samples, and builds the generated tests so
 * that no sample sits where the two differ: the input is scraped five times a step, and each
 * test looks a moment after the evaluation it checks. promtool 2.42 then passes them as
 * written, with every eval_time moved a second either way, and with every range of the rules
 * opened at its start (Prometheus 3's reading, emulated by a range 1ms shorter). Tests built
 * for Prometheus 2 fail the last two: they do depend on the closed ranges.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/project.ts';

const SERVICE = `kind: Service
name: shop
team: core
metrics:
  - name: shop_requests_total
    type: counter
    help: Requests.
    labels:
      code: { values: ['200', '500'] }
  - name: probe_success
    type: gauge
    help: Whether the probe succeeded.
    labels:
      target: { values: [a, b] }
slos:
  - name: errors
    objective: 99.9
    alerting: { for: 2m }
    sli: { ratio: { errors: 'shop_requests_total{code="500"}', total: shop_requests_total } }
  - name: probes
    objective: 99.5
    sli: { availability: { up: probe_success } }
  - name: fast
    objective: 99
    window: 2w
    alerting: { tierTable: pyrra }
    sli: { ratio: { errors: 'shop_requests_total{code="500"}', total: shop_requests_total } }
  - name: weekly
    objective: 99.9
    window: { calendar: week, timezone: '+05:30' }
    sli: { ratio: { errors: 'shop_requests_total{code="500"}', total: shop_requests_total } }
`;

const UNITS: readonly (readonly [string, number])[] = [
  ['y', 31_536_000_000],
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const toMs = (duration: string) => [...duration.matchAll(/(\d+)(ms|[ywdhms])/g)].reduce((ms, [, n, unit]) => ms + Number(n) * (UNITS.find(([u]) => u === unit)?.[1] ?? 0), 0);
function fromMs(ms: number): string {
  let rest = ms;
  let text = '';
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}

/** A copy of out/prometheus with the tests' eval_times moved by `shiftMs`, and each range of the rules shortened by 1ms when `leftOpen`. */
function variant(from: string, to: string, shiftMs: number, leftOpen: boolean): void {
  cpSync(from, to, { recursive: true });
  const edit = (dir: string, change: (text: string) => string) => {
    for (const file of readdirSync(path.join(to, dir))) writeFileSync(path.join(to, dir, file), change(readFileSync(path.join(to, dir, file), 'utf8')));
  };
  edit('tests', (text) => text.replace(/eval_time: (\S+)/g, (_, t: string) => `eval_time: ${fromMs(toMs(t) + shiftMs)}`));
  // On samples at whole milliseconds, Prometheus 2's closed [w - 1ms] holds what Prometheus 3's open [w] does. Only for the
  // *_over_time functions: increase() extrapolates to the range's start, so 1ms less would change its value; over a step of
  // five samples it gives the step's count on both versions (Prometheus 2 reads six samples, 3 reads five and extrapolates).
  const range = /(\w+)\(([^()[]*)\[((?:\d+(?:ms|[ywdhms]))+)\]/g;
  if (leftOpen) {
    edit('rules', (text) =>
      text.replace(range, (whole, fn: string, selector: string, duration: string) => (fn.endsWith('_over_time') ? `${fn}(${selector}[${fromMs(toMs(duration) - 1)}]` : whole)),
    );
  }
}

/** `promtool test rules` over every test file of an out/prometheus copy; several run at once, one per core. */
function promtoolTest(dir: string): Promise<{ status: number | null; output: string }> {
  const files = readdirSync(path.join(dir, 'tests')).map((f) => path.join(dir, 'tests', f));
  return new Promise((resolve) => {
    const child = spawn('promtool', ['test', 'rules', ...files]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('generated rules and tests for a Prometheus 3 target', () => {
  const projects: Record<2 | 3, string> = { 2: '', 3: '' };
  let work: string;
  const out = (version: 2 | 3) => path.join(projects[version], 'out/prometheus');

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'monc-prometheus3-'));
    for (const version of [2, 3] as const) {
      projects[version] = makeProject({ 'definitions/shop.yaml': SERVICE, 'monc.config.yaml': `prometheus:\n  version: ${version}\n  retention: 30d\n` });
      const build = await runCli(projects[version], ['build']);
      expect(build.stderr + build.stdout).not.toMatch(/error|warning/);
      expect(build.code).toBe(0);
    }
  });
  afterAll(() => {
    for (const dir of [...Object.values(projects), work]) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the ranges over its recordings and over availability samples a second short, and keeps the raw counters\' ranges', () => {
    const rules = readFileSync(path.join(out(3), 'rules/shop.yml'), 'utf8');
    expect(rules).toContain('sum_over_time(slo:sli_errors:increase5m{slo="shop-errors"}[59m59s])');
    expect(rules).toContain('avg_over_time(slo:sli_total:increase5m{slo="shop-errors"}[2d23h59m59s])');
    expect(rules).toContain('count_over_time(probe_success[4m59s])');
    expect(rules).toContain('sum(increase(shop_requests_total[5m]))');
    expect(rules).toContain('[6d23h59m59s]');
    expect(rules).not.toMatch(/slo:[a-z_:]+\d+m\{[^}]*\}\[\d+[hdw]\]/);
    // Prometheus 2 keeps its output.
    expect(readFileSync(path.join(out(2), 'rules/shop.yml'), 'utf8')).toContain('sum_over_time(slo:sli_errors:increase5m{slo="shop-errors"}[1h])');
  });

  it('scrapes the input five times a step and looks half a step (at most 30s) after each evaluation', () => {
    const file = parse(readFileSync(path.join(out(3), 'tests/shop.test.yml'), 'utf8')) as { tests: { name: string; interval: string; alert_rule_test?: { eval_time: string }[] }[] };
    // The page waits its 2m `for`: one evaluation more.
    const outage = file.tests.find((t) => t.name === 'shop-errors: a full outage fires the fast page within 10m');
    expect(outage?.interval).toBe('1m');
    expect(outage?.alert_rule_test?.map((t) => t.eval_time)).toEqual(['1h30s', '1h30s', '1h5m30s', '1h5m30s', '1h10m30s', '1h10m30s']);
    // Pyrra's tiers on 2w record at a 3m step: a scrape every 36s.
    const pyrra = parse(readFileSync(path.join(out(3), 'tests/shop.3m.test.yml'), 'utf8')) as { tests: { interval: string }[] };
    expect(pyrra.tests[0]?.interval).toBe('36s');
  });

  it('passes promtool 2.42 as written, with every eval_time a second earlier or later, and with the ranges opened at their start', async () => {
    const variants = [
      ['as written', 0, false],
      ['a second earlier', -1000, false],
      ['a second later', 1000, false],
      ['with left-open ranges', 0, true],
    ] as const;
    const runs = await Promise.all(
      variants.map(([name, shift, leftOpen]) => {
        const dir = path.join(work, `v3-${name.replace(/\W+/g, '-')}`);
        variant(out(3), dir, shift, leftOpen);
        return promtoolTest(dir);
      }),
    );
    for (const [i, run] of runs.entries()) expect(run.status, `${variants[i]?.[0]}:\n${run.output}`).toBe(0);
  }, 600_000);

  it('shows the variants bite: the tests built for Prometheus 2 fail a second early and with left-open ranges', async () => {
    const variants = [
      ['a second earlier', -1000, false],
      ['with left-open ranges', 0, true],
    ] as const;
    const runs = await Promise.all(
      variants.map(([name, shift, leftOpen]) => {
        const dir = path.join(work, `v2-${name.replace(/\W+/g, '-')}`);
        variant(out(2), dir, shift, leftOpen);
        return promtoolTest(dir);
      }),
    );
    expect(runs.map((run) => run.status)).toEqual([1, 1]);
  }, 600_000);
});
