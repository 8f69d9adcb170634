/**
 * `monc import pyrra` over every Pyrra ServiceLevelObjective of the public corpus
 * (test/fixtures/corpus/slo-specs/pyrra/, vendored from ../shared/corpus with its attribution in
 * SOURCES.md), all in one project: each SLO keeps its objective, window and SLI; its burn-rate
 * alerts use the windows, burn rates and `for` that Pyrra's slo/rules.go Windows() computes
 * (recomputed here in Go's integer nanoseconds, and read back off the built alert expressions);
 * monc lint reports no error (and no catalog/* one); promtool check rules and the generated
 * promtool tests pass. The figures are printed and asserted.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/promql/ast.ts';
import { compileProject, makeProject, REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';
import { promtool, promtoolTests } from '../helpers/promtool.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');

function specFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? specFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
    })
    .sort();
}

const FILES = specFiles(path.join(CORPUS, 'slo-specs/pyrra')).map((file) => path.relative(CORPUS, file));

interface PyrraSpec {
  metadata: { name: string };
  spec: {
    target: string;
    window: string;
    alerting?: { name?: string; disabled?: boolean; burnrates?: boolean };
    indicator: {
      ratio?: { errors: { metric: string }; total: { metric: string }; grouping?: string[] | null };
      latency?: { success?: { metric: string }; total: { metric: string }; grouping?: string[] | null };
      latencyNative?: { latency: string; total: { metric: string }; grouping?: string[] | null };
      bool_gauge?: { metric: string; grouping?: string[] | null };
    };
  };
}

interface Rule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
}

/** A tier as [long, short, factor, for], in seconds and burn rate. */
type TierShape = [number, number, number, number];

const NS_PER_SECOND = 1_000_000_000n;
const MINUTE = 60n * NS_PER_SECOND;

/** Go's Duration.Round(time.Minute): halfway rounds away from zero. */
function roundToMinute(ns: bigint): bigint {
  const rest = ns % MINUTE;
  return rest + rest < MINUTE ? ns - rest : ns + MINUTE - rest;
}

/** Pyrra's Windows(sloWindow) (slo/rules.go), in Go's integer nanoseconds, as [long, short, factor, for] in seconds. */
function pyrraWindows(window: string): TierShape[] {
  const w = BigInt(parseDuration(window) ?? 0) * 1_000_000n;
  const scaled = (divisor: number) => Number(roundToMinute(w / BigInt(divisor)) / NS_PER_SECOND);
  return [
    [scaled(28 * 24), scaled(28 * 24 * (60 / 5)), 14, scaled(28 * 24 * (60 / 2))],
    [scaled(28 * (24 / 6)), scaled(28 * 24 * (60 / 30)), 7, scaled(28 * 24 * (60 / 15))],
    [scaled(28), scaled(28 * (24 / 2)), 2, scaled(28 * 24)],
    [scaled(7), scaled(28 * (24 / 6)), 1, scaled(28 * (24 / 3))],
  ];
}

const secondsOf = (duration: string) => (parseDuration(duration) ?? Number.NaN) / 1000;

describe('monc import pyrra over the corpus', () => {
  let dir: string;
  let findings: JsonDiagnostic[];
  let services: { file: string; spec: Record<string, unknown> }[];
  let rules: Rule[];

  beforeAll(async () => {
    const files = Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(CORPUS, file), 'utf8')]));
    dir = makeProject({ ...files, 'package.json': '{}\n', 'monc.config.yaml': 'prometheus:\n  retention: 30d\n  features: [native-histograms]\n' });
    const imported = await runCli(dir, ['import', 'pyrra', ...FILES, '--report', 'json']);
    expect(imported.code, imported.stderr).toBe(0);
    findings = (JSON.parse(imported.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    services = readdirSync(path.join(dir, 'definitions')).flatMap((name) => {
      const text = readFileSync(path.join(dir, 'definitions', name), 'utf8');
      const from = /Imported by monc import from (.+)\.\n/.exec(text)?.[1];
      return from ? [{ file: from, spec: parse(text) as Record<string, unknown> }] : [];
    });
    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    const rulesDir = path.join(dir, 'out/prometheus/rules');
    rules = readdirSync(rulesDir).flatMap((name) => (parse(readFileSync(path.join(rulesDir, name), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules));
  });

  const outcomes: { file: string; outcome: 'exact' | 'findings' | 'refused'; reasons: string[] }[] = [];

  it.each(FILES)('%s keeps its objective, window, SLI and Pyrra\'s tiers, or says why not', (file) => {
    const source = parse(readFileSync(path.join(CORPUS, file), 'utf8')) as PyrraSpec;
    const losses = findings.filter((f) => f.file === file && f.check === 'import/loss');
    const service = services.find((s) => s.file === file);
    if (!service) {
      expect(losses.map((f) => f.message).filter((m) => m.includes('is not imported:'))).toHaveLength(1);
      outcomes.push({ file, outcome: 'refused', reasons: losses.map((f) => f.message.replace(/^.*is not imported: /, '')) });
      return;
    }
    outcomes.push({ file, outcome: losses.length === 0 ? 'exact' : 'findings', reasons: losses.map((f) => reasonOf(f.message)) });
    const slo = (service.spec['slos'] as Record<string, unknown>[])[0] ?? {};
    const { spec } = source;
    expect(slo['objective']).toBe(Number(spec.target));
    expect(slo['window']).toBe(spec.window);
    const { ratio, latency, latencyNative, bool_gauge: boolGauge } = spec.indicator;
    const grouping = (ratio ?? latency ?? latencyNative ?? boolGauge)?.grouping ?? undefined;
    expect(slo['groupBy']).toEqual(grouping ?? undefined);
    if (ratio) expect(slo['sli']).toEqual({ ratio: { errors: ratio.errors.metric, total: ratio.total.metric } });
    else if (latency?.success) {
      const le = /le="([^"]+)"/.exec(latency.success.metric)?.[1];
      expect(slo['sli']).toEqual({ latency: { histogram: latency.total.metric.replace(/^(\w+)_count/, '$1'), threshold: Number(le) } });
    } else if (latencyNative) expect(slo['sli']).toEqual({ latency: { histogram: latencyNative.total.metric, threshold: secondsOf(latencyNative.latency), native: true } });
    else if (boolGauge) expect(slo['sli']).toEqual({ availability: { up: boolGauge.metric } });

    // The burn-rate alerts, read off the built rules: Pyrra's windows, burn rates and for, but
    // for the tiers that need an error ratio of 100% or more (no traffic fires them).
    const id = `${service.spec['name']}-${slo['name']}`;
    const step = rules.find((r) => r.labels?.['slo'] === id && r.record?.startsWith('slo:sli_total:'))?.record?.replace('slo:sli_total:increase', '') ?? '';
    const built = rules
      .filter((r) => r.alert !== undefined && r.labels?.['slo'] === id && r.expr.includes('"tier"'))
      .map((r): TierShape => {
        const ranges = [...r.expr.matchAll(/sum_over_time\(slo:sli_errors:\S+\[(\w+)\]\)/g)].map((m) => m[1] ?? '');
        return [secondsOf(ranges[0] ?? ''), secondsOf(ranges[1] ?? step), Number(/> ([\d.]+)\n/.exec(r.expr)?.[1]), secondsOf(r.for ?? '0s')];
      });
    const budget = 1 - Number(spec.target) / 100;
    const burnAlerts = spec.alerting?.disabled !== true && spec.alerting?.burnrates !== false;
    expect(built).toEqual(burnAlerts ? pyrraWindows(spec.window).filter(([, , factor]) => factor * budget < 1) : []);
    const names = new Set(rules.filter((r) => r.alert !== undefined && r.labels?.['slo'] === id && r.expr.includes('"tier"')).map((r) => r.alert));
    expect([...names]).toEqual(burnAlerts ? [spec.alerting?.name ?? 'ErrorBudgetBurn'] : []);
  });

  it('reports the files imported exactly, with findings and refused, with their top reasons', async () => {
    expect(outcomes.length).toBe(FILES.length);
    const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
    const top = (outcome: string) => {
      const tally = new Map<string, number>();
      for (const o of outcomes.filter((x) => x.outcome === outcome)) for (const reason of new Set(o.reasons)) tally.set(reason, (tally.get(reason) ?? 0) + 1);
      return [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, n]) => `    ${n} × ${reason}`);
    };
    console.log(
      [
        `monc import pyrra over ${FILES.length} corpus specs:`,
        `  imported exactly: ${count('exact')}`,
        `  with findings:    ${count('findings')}`,
        ...top('findings'),
        `  refused:          ${count('refused')}`,
        ...top('refused'),
      ].join('\n'),
    );
    expect([count('exact'), count('findings'), count('refused')]).toEqual([0, 26, 1]);
    expect(top('refused')).toEqual(["    1 × its latency indicator has no success bucket; its latency: field is one of latencyNative, which reads a native histogram"]);

    const lint = await compileProject(dir);
    expect(lint.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
  });

  it('promtool check rules accepts every built rule file, and the generated promtool tests pass', async () => {
    const rulesDir = path.join(dir, 'out/prometheus/rules');
    const ruleFiles = readdirSync(rulesDir).map((name) => path.join(rulesDir, name));
    const check = await promtool(['check', 'rules', ...ruleFiles]);
    expect(check.status, check.output).toBe(0);
    // Its "FAILED: lint error … duplicate rule(s)" are Pyrra's tiers of one severity under one name, told apart by the tier label monc adds at evaluation; promtool exits 0.
    const failures = check.output.split('FAILED:').slice(1);
    expect(failures.filter((failure) => !failure.trimStart().startsWith('lint error'))).toEqual([]);
    const testsDir = path.join(dir, 'out/prometheus/tests');
    const tests = readdirSync(testsDir).map((name) => path.join(testsDir, name));
    // latencyNative SLOs get no generated tests (slo/untested): promtool 2.42 cannot write native histogram samples.
    expect(tests.length).toBe(FILES.length - 1 - 4);
    for (const run of await promtoolTests(tests)) expect(run.status, run.output).toBe(0);
  }, 180_000);
});

/** A finding's reason without the names of one file, for the tally. */
function reasonOf(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/label \S+ is not imported/, 'label … is not imported')
    .replace(/annotation pyrra\.dev\/\w+ is not imported: Pyrra puts \w+/, 'annotation pyrra.dev/… is not imported: Pyrra puts it')
    .replace(/label \w+="…" is imported as \w+/, 'label … is imported as slo_…')
    .replace(/monc writes \w+ on every/, 'monc writes it on every')
    .replace(/alertname="…"/, 'alertname=…')
    .replace(/absent alert \w+ is/, 'absent alert is')
    .replace(/wait \([^)]*\)/, 'wait')
    .replace(/Pyrra's [\w-]+ alert \(burn rate 14 over \w+ and \w+\) is not written: at a [\d.]+% target it needs an error ratio of [\d.]+%/, "Pyrra's fastest tier (burn rate 14) is not written: at its target it needs an error ratio over 100%");
}
