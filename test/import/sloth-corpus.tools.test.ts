/**
 * `monc import sloth` over every Sloth spec of the public corpus (test/fixtures/corpus/slo-specs/sloth/,
 * vendored from ../shared/corpus with its attribution in SOURCES.md): each file is imported into
 * a project of its own, monc lint finds no error (so no catalog/* error) and the build passes
 * `promtool check rules` and the generated `promtool test rules` (promtool checks all the
 * projects' rules at once, and runs each distinct test file once, a file per core at a time). For the specs whose Sloth
 * output is in the corpus (rules/slok__sloth/examples/_gen/), every SLO's burn-rate alerts use
 * the same (long window, short window, factor) set as Sloth's, or the import refused the SLO
 * with a finding.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseAllDocuments, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scalarText } from '../../src/load/formats/rule-files/rule-file.ts';
import { walk, type Expr } from '../../src/promql/ast.ts';
import { parsePromql } from '../../src/promql/parse.ts';
import { compileProject, makeProject, REPO_ROOT, runCli, writeFiles, type JsonDiagnostic } from '../helpers/project.ts';
import { promtool, promtoolTests } from '../helpers/promtool.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');
const SPECS = 'slo-specs/sloth';
const SLOTH_OUTPUT = path.join(CORPUS, 'rules/slok__sloth/examples/_gen');

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? files(full) : /\.ya?ml$/.test(entry) ? [full] : [];
    })
    .sort();
}

const FILES = files(path.join(CORPUS, SPECS)).map((file) => path.relative(CORPUS, file));

/** Files of which nothing is imported, with the reason (measured). */
const REFUSED: Readonly<Record<string, string>> = {
  'slo-specs/sloth/giantswarm__sloth-rules/helm/sloth-rules/templates/kaas-tenet-apiserver-availability.yaml': 'a Helm template, not YAML until Helm renders it',
  'slo-specs/sloth/giantswarm__sloth-rules/helm/sloth-rules/templates/kaas-tenet-etcd-latency.yaml': 'a Helm template, not YAML until Helm renders it',
  'slo-specs/sloth/giantswarm__sloth-rules/helm/sloth-rules/templates/platform-cabbage-dns-latency-coredns.yaml': 'a Helm template, not YAML until Helm renders it',
  'slo-specs/sloth/giantswarm__sloth-rules/helm/sloth-rules/templates/platform-shield-teleport-process-state-slo.yaml': 'a Helm template, not YAML until Helm renders it',
  'slo-specs/sloth/slok__sloth/examples/plugin-getting-started.yml': 'its SLI plugin is an example of Sloth\'s, not one of sloth-common-sli-plugins',
  'slo-specs/sloth/slok__sloth/examples/plugin-k8s-getting-started.yml': 'its SLI plugin is an example of Sloth\'s, not one of sloth-common-sli-plugins',
  'slo-specs/sloth/slok__sloth/examples/victoria-metrics.yml': 'its queries are VictoriaMetrics MetricsQL, not PromQL',
  'slo-specs/sloth/slok__sloth/examples/windows/7d.yaml': 'an AlertWindows catalog: the finding gives the tiers to write',
  'slo-specs/sloth/slok__sloth/examples/windows/custom-30d.yaml': 'an AlertWindows catalog: the finding gives the tiers to write',
  'slo-specs/sloth/slok__sloth/test/integration/prometheus/testdata/validate/bad/bad-k8s.yaml': 'names no service (Sloth refuses it too)',
};

/** A burn-rate tier as both tools alert on it. */
type Tier = string;

function tier(long: number, short: number, factor: number): Tier {
  return `${long}s/${short}s×${Number(factor.toPrecision(6))}`;
}

function seconds(duration: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  const match = /^(\d+)([smhdw])$/.exec(duration);
  return match ? Number(match[1]) * (units[match[2] ?? 's'] ?? 1) : Number.NaN;
}

/** A normalised SLO id, `<service>-<slo>`, so Sloth's and monc's names compare. */
function sloKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function alertExprs(text: string): string[] {
  return parseAllDocuments(text).flatMap((doc) => {
    const groups = isMap(doc.contents) ? doc.contents.get('groups', true) : undefined;
    if (!isSeq(groups)) return [];
    return groups.items.flatMap((group) => {
      const rules = isMap(group) ? group.get('rules', true) : undefined;
      if (!isSeq(rules)) return [];
      return rules.items.flatMap((rule) => (isMap(rule) && rule.has('alert') ? [scalarText(rule.get('expr', true) as Node) ?? ''] : []));
    });
  });
}

function matcherValue(expr: Expr, label: string): string | undefined {
  for (const node of walk(expr)) if (node.kind === 'vector') for (const m of node.matchers) if (m.label.name === label) return m.value;
  return undefined;
}

/**
 * Sloth's alerts: `(max(slo:sli_error:ratio_rate5m{…} > (14.4 * budget)) … and max(…ratio_rate1h…)) or (…)`;
 * each `and` is a tier of two windows at one factor.
 */
function slothTiers(text: string): Map<string, Set<Tier>> {
  const tiers = new Map<string, Set<Tier>>();
  for (const expr of alertExprs(text)) {
    const ast = parsePromql(expr).ast;
    if (!ast) continue;
    for (const node of walk(ast)) {
      if (node.kind !== 'binary' || node.op.name !== 'and') continue;
      const sides = [node.lhs, node.rhs].map((side) => {
        let window = Number.NaN;
        let factor = Number.NaN;
        for (const inner of walk(side)) {
          if (inner.kind === 'vector') window = seconds(/ratio_rate(\w+)$/.exec(inner.metric?.name ?? '')?.[1] ?? '');
          if (inner.kind === 'binary' && inner.op.name === '*' && inner.lhs.kind === 'number') factor = inner.lhs.value;
        }
        return { window, factor };
      });
      const [a, b] = sides;
      if (!a || !b) continue;
      const id = sloKey(matcherValue(node, 'sloth_id') ?? '');
      const set = tiers.get(id) ?? new Set();
      set.add(tier(Math.max(a.window, b.window), Math.min(a.window, b.window), a.factor));
      tiers.set(id, set);
    }
  }
  return tiers;
}

/**
 * monc's alerts: one `label_replace(long > F and short > F and traffic >= n, "tier", …)` per
 * tier; a window is the range summed over the step recordings, or the step itself.
 */
function moncTiers(text: string): Map<string, Set<Tier>> {
  const tiers = new Map<string, Set<Tier>>();
  for (const expr of alertExprs(text)) {
    const ast = parsePromql(expr).ast;
    if (!ast) continue;
    for (const node of walk(ast)) {
      if (node.kind !== 'call' || node.func.name !== 'label_replace') continue;
      const windows: number[] = [];
      let factor = Number.NaN;
      for (const condition of conjuncts(node.args[0] as Expr)) {
        // The traffic floor (>=) and the ratios' own `> 0` guards are no window of the tier.
        if (condition.kind !== 'binary' || condition.op.name !== '>' || condition.rhs.kind !== 'number') continue;
        factor = condition.rhs.value;
        const range = [...walk(condition.lhs)].find((part) => part.kind === 'matrix');
        const step = [...walk(condition.lhs)].find((part) => part.kind === 'vector');
        windows.push(range?.kind === 'matrix' ? (range.range.ms ?? Number.NaN) / 1000 : seconds(/increase(\w+)$/.exec(step?.kind === 'vector' ? (step.metric?.name ?? '') : '')?.[1] ?? ''));
      }
      const id = sloKey(matcherValue(node, 'slo') ?? '');
      const set = tiers.get(id) ?? new Set();
      set.add(tier(Math.max(...windows), Math.min(...windows), factor));
      tiers.set(id, set);
    }
  }
  return tiers;
}

/** The conditions of an `and` chain. */
function conjuncts(expr: Expr): Expr[] {
  const node = expr.kind === 'paren' ? expr.expr : expr;
  return node.kind === 'binary' && node.op.name === 'and' ? [...conjuncts(node.lhs), ...conjuncts(node.rhs)] : [node];
}

/** Sloth's output files for a spec of slok/sloth's examples (one per document of a multi-document CRD file). */
function slothOutputs(file: string): string[] {
  const match = /^slo-specs\/sloth\/slok__sloth\/examples\/([^/]+)\.ya?ml$/.exec(file);
  if (!match) return [];
  const stem = match[1] ?? '';
  return readdirSync(SLOTH_OUTPUT)
    .filter((name) => name === `${stem}.yml` || name === `${stem}.spec.rules.yaml` || new RegExp(`^${stem}\\.doc\\d+\\.spec\\.rules\\.yaml$`).test(name))
    .map((name) => path.join(SLOTH_OUTPUT, name));
}

interface Outcome {
  readonly file: string;
  readonly written: boolean;
  readonly losses: readonly string[];
  readonly refusals: readonly string[];
}

const outcomes: Outcome[] = [];
/** The rule and test files built from each imported spec, each project in a folder of its own. */
const built: { rules: string[]; tests: string[] }[] = [];
let compared = 0;
let comparedSlos = 0;

/** A finding's message with the names in it left out, to count reasons. */
function reason(message: string): string {
  return message
    .replace(/"[^"]*"/g, '…')
    .replace(/\b(label|annotation|option) [\w.-]+/g, '$1 …')
    .replace(/[:;(].*$/, '')
    .trim();
}

describe('monc import sloth imports every Sloth spec of the corpus, or says why not', () => {
  it.each(FILES)('%s', async (file) => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const dir = makeProject({ [file]: text, 'package.json': '{}\n', 'monc.config.yaml': 'prometheus:\n  retention: 35d\n' });
    const imported = await runCli(dir, ['import', 'sloth', file, '--into', 'definitions', '--report', 'json']);
    const findings = (JSON.parse(imported.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    const losses = findings.filter((f) => f.check === 'import/loss' || f.severity === 'error');
    const refusals = losses.filter((f) => f.severity === 'error' || /is not imported|are not imported|not written|nothing to import/.test(f.message)).map((f) => reason(f.message));
    const definitions = path.join(dir, 'definitions');
    const written = existsSync(definitions) && readdirSync(definitions).some((name) => /^kind: Service$/m.test(readFileSync(path.join(definitions, name), 'utf8')));
    outcomes.push({ file, written, losses: losses.map((f) => reason(f.message)), refusals });
    if (!written) return;

    // compile() once, as `monc build` would: its diagnostics are monc lint's, its artifacts out/'s.
    const result = await compileProject(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    const prometheus = result.artifacts.filter((artifact) => /^prometheus\/(rules|tests)\//.test(artifact.path));
    writeFiles(path.join(dir, 'out'), Object.fromEntries(prometheus.map((artifact) => [artifact.path, artifact.content])));
    const pathsUnder = (folder: string) => prometheus.filter((artifact) => artifact.path.startsWith(folder)).map((artifact) => path.join(dir, 'out', artifact.path));
    built.push({ rules: pathsUnder('prometheus/rules/'), tests: pathsUnder('prometheus/tests/') });

    const outputs = slothOutputs(file);
    if (outputs.length === 0) return;
    compared++;
    const sloth = new Map(outputs.flatMap((output) => [...slothTiers(readFileSync(output, 'utf8'))]));
    const monc = new Map(prometheus.filter((artifact) => artifact.path.startsWith('prometheus/rules/')).flatMap((rules) => [...moncTiers(rules.content)]));
    for (const [id, slothSet] of sloth) {
      const tiers = monc.get(id);
      if (!tiers) {
        // Not built: the import refused that SLO, and said so.
        expect(refusals.length, `SLO ${id} was neither built nor refused`).toBeGreaterThan(0);
        continue;
      }
      comparedSlos++;
      expect([...tiers].sort(), id).toEqual([...slothSet].sort());
    }
    // monc has no burn alert Sloth has not: an SLO without alerts in Sloth has none in monc.
    for (const [id, set] of monc) if (!sloth.has(id)) expect([...set], id).toEqual([]);
  });

  it('counts the specs imported exactly, with findings and refused, with their top reasons', () => {
    expect(outcomes.length).toBe(FILES.length);
    const refused = outcomes.filter((o) => !o.written);
    const exact = outcomes.filter((o) => o.written && o.losses.length === 0);
    const withFindings = outcomes.filter((o) => o.written && o.losses.length > 0);
    const top = (reasons: readonly string[]) =>
      [...reasons.reduce((counts, r) => counts.set(r, (counts.get(r) ?? 0) + 1), new Map<string, number>())]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 6)
        .map(([r, n]) => `    ${n}× ${r}`);
    console.log(
      [
        `monc import sloth over ${outcomes.length} corpus specs (${compared} compared with Sloth's output, ${comparedSlos} SLOs with the same windows and factors):`,
        `  imported exactly: ${exact.length}`,
        `  with findings:    ${withFindings.length}`,
        ...top(withFindings.flatMap((o) => o.losses)),
        `  refused:          ${refused.length}`,
        ...top(refused.flatMap((o) => o.losses)),
      ].join('\n'),
    );
    expect(Object.fromEntries(refused.map((o) => [o.file, REFUSED[o.file] ?? 'unexpected']))).toEqual(REFUSED);
    // 16 specs have Sloth's output (k8s-multifile two files); 3 of them are refused.
    expect(compared).toBe(13);
  });

  it('promtool check rules accepts every rule file monc built from the imports', async () => {
    expect(built.length).toBe(outcomes.filter((o) => o.written).length);
    expect(built.filter((b) => b.rules.length === 0)).toEqual([]);
    const rules = built.flatMap((b) => b.rules);
    const check = await promtool(['check', 'rules', ...rules]);
    expect(check.status, check.output).toBe(0);
    expect(check.output.match(/SUCCESS/g)?.length ?? 0).toBe(rules.length);
  });

  it('the promtool tests monc generated pass, each distinct test once', async () => {
    // Specs that import to the same service (Sloth's examples in YAML and as a CRD) build the
    // same rules and tests: promtool would give the same answer twice.
    const distinct = new Map<string, string>();
    for (const test of built.flatMap((b) => b.tests)) {
      const rules = path.resolve(path.dirname(test), (/^rule_files:\n\s+- (.+)$/m.exec(readFileSync(test, 'utf8'))?.[1] ?? '').trim());
      distinct.set(readFileSync(test, 'utf8') + readFileSync(rules, 'utf8'), test);
    }
    expect(distinct.size).toBeGreaterThan(0);
    const tests = [...distinct.values()];
    const runs = await promtoolTests(tests);
    for (const run of runs) expect(run.status, run.output).toBe(0);
    expect(runs.length).toBe(tests.length);
    console.log(`promtool test rules: ${tests.length} distinct test files of ${built.flatMap((b) => b.tests).length} passed`);
  });
});
