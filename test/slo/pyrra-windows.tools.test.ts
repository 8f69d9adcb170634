/**
 * Pyrra's own examples, brought over: CoreDNS response errors (99.99% over 2w) and Caddy
 * response latency (90% under 50ms over 4w), with `tierTable: pyrra` and Pyrra's alert name.
 * They compile to Pyrra's exact windows (a 3m short window on 2w), burn rates and `for`, record
 * the SLI at a step that divides those windows, and their generated tests pass promtool and
 * fail when a threshold changes. Specs: github.com/pyrra-dev/pyrra examples/ (Apache-2.0).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedCopy } from '../helpers/mutated-rules.ts';
import { makeProject, runCli } from '../helpers/project.ts';

const PYRRA_EXAMPLES = `kind: Service
name: edge
team: platform
metrics:
  - name: coredns_dns_responses_total
    type: counter
    help: DNS responses.
    labels:
      job: { values: [kube-dns] }
      rcode: { values: [NOERROR, NXDOMAIN, SERVFAIL] }
  - name: caddy_http_response_duration_seconds
    type: histogram
    help: Response latency as seen by Caddy.
    unit: seconds
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1]
    labels:
      job: { values: [caddy] }
      handler: { values: [subroute] }
      code: { pattern: '[1-5][0-9][0-9]', maxValues: 20 }
slos:
  - name: coredns-response-errors
    objective: 99.99
    window: 2w
    sli:
      ratio:
        errors: coredns_dns_responses_total{job="kube-dns",rcode="SERVFAIL"}
        total: coredns_dns_responses_total{job="kube-dns"}
    alerting: { tierTable: pyrra, pageAlert: ErrorBudgetBurn, ticketAlert: ErrorBudgetBurn }
  - name: caddy-response-latency
    description: We want our demo to be fast and therefore we want 90% of our responses to be faster than 50ms as seen by Caddy.
    objective: 90
    window: 4w
    sli:
      latency: { histogram: 'caddy_http_response_duration_seconds{job="caddy",handler="subroute",code!~"5.."}', threshold: 0.05 }
    # At 90%, burn rate 14 is an error ratio of 140%: Pyrra writes that alert, which never fires; monc refuses it (slo/unreachable-tier).
    alerting: { tierTable: pyrra, pageAlert: ErrorBudgetBurn, ticketAlert: ErrorBudgetBurn, tiers: { page-1h: false } }
`;

interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
}

function promtoolTest(dir: string): { status: number | null; output: string } {
  const tests = readdirSync(path.join(dir, 'tests')).map((f) => path.join(dir, 'tests', f));
  const run = spawnSync('promtool', ['test', 'rules', ...tests], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("Pyrra's examples with Pyrra's tier table", () => {
  let project: string;
  let work: string;
  let rules: Rule[];
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'monc-pyrra-'));
    project = makeProject({ 'definitions/edge.yaml': PYRRA_EXAMPLES, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    const build = await runCli(project, ['build']);
    // 99.99% over 2w leaves 2 minutes of outage: monc says so, as a warning.
    expect((build.stdout + build.stderr).match(/(error|warning) [a-z-]+\/[a-z-]+/g)).toEqual(['warning slo/budget-too-small']);
    expect(build.code).toBe(0);
    const file = parse(readFileSync(path.join(project, 'out/prometheus/rules/edge.yml'), 'utf8')) as { groups: { rules: Rule[] }[] };
    rules = file.groups.flatMap((g) => g.rules);
  });
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * Per tier of an SLO, [tier, long window, short window, burn rate, for], read off its alert
   * rule: a window equal to the recording step is the recording itself, with no range.
   */
  function tiersOf(slo: string, step: string): [string, string, string, string, string | undefined][] {
    return rules
      .filter((r) => r.alert === 'ErrorBudgetBurn' && r.labels?.['slo'] === slo)
      .map((r) => {
        const ranges = [...r.expr.matchAll(/sum_over_time\(slo:sli_errors:\S+\[(\w+)\]\)/g)].map((m) => m[1] ?? '');
        const factor = /> ([\d.]+)\n/.exec(r.expr)?.[1] ?? '';
        const tier = /"tier", "([\w-]+)"/.exec(r.expr)?.[1] ?? '';
        return [tier, ranges[0] ?? '', ranges[1] ?? step, factor, r.for];
      });
  }

  it("gives CoreDNS on 2w Pyrra's windows halved: 30m/3m, 3h/15m, 12h/1h, 2d/3h at 14, 7, 2, 1, for 1m, 8m, 30m, 1h30m", () => {
    expect(tiersOf('edge-coredns-response-errors', '3m')).toEqual([
      ['page-30m', '30m', '3m', '14', '1m'],
      ['page-3h', '3h', '15m', '7', '8m'],
      ['ticket-12h', '12h', '1h', '2', '30m'],
      ['ticket-2d', '2d', '3h', '1', '1h30m'],
    ]);
    // The 3m short window needs a 3m recording step.
    expect(rules.filter((r) => r.labels?.['slo'] === 'edge-coredns-response-errors' && /^slo:sli_(total|errors):/.test(r.record ?? '')).map((r) => r.record)).toEqual([
      'slo:sli_total:increase3m',
      'slo:sli_errors:increase3m',
    ]);
  });

  it("gives Caddy on 4w Pyrra's 28d table: 6h/30m, 1d/2h, 4d/6h at 7, 2, 1, for 15m, 1h, 3h (1h/5m at 14 switched off), recorded every 5m", () => {
    expect(tiersOf('edge-caddy-response-latency', '5m')).toEqual([
      ['page-6h', '6h', '30m', '7', '15m'],
      ['ticket-1d', '1d', '2h', '2', '1h'],
      ['ticket-4d', '4d', '6h', '1', '3h'],
    ]);
    expect(rules.filter((r) => r.labels?.['slo'] === 'edge-caddy-response-latency' && /^slo:sli_(total|errors):/.test(r.record ?? '')).map((r) => r.record)).toEqual([
      'slo:sli_total:increase5m',
      'slo:sli_errors:increase5m',
    ]);
  });

  it('writes one test file per recording step, and the generated tests pass promtool', () => {
    expect(readdirSync(path.join(project, 'out/prometheus/tests')).sort()).toEqual(['edge.3m.test.yml', 'edge.test.yml']);
    const run = promtoolTest(path.join(project, 'out/prometheus'));
    expect(run.status, run.output).toBe(0);
  });

  it.each([
    ['the 12h ticket lowered from a burn rate of 2 to 0.2, which healthy traffic reaches', (text: string) => text.replaceAll('/ 0.0001 > 2\n', '/ 0.0001 > 0.2\n')],
    ['the fast page waiting 10m instead of 1m', (text: string) => text.replace('for: 1m', 'for: 10m')],
  ])('fail promtool with %s', (name, edit) => {
    const dir = path.join(work, name.replace(/\W+/g, '-'));
    mutatedCopy(path.join(project, 'out/prometheus'), dir, 'edge.yml', edit);
    expect(promtoolTest(dir).status).toBe(1);
  });
});
