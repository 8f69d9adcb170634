/**
 * `monc import rules` over every rule file of the public corpus (test/fixtures/corpus/rules/,
 * vendored from ../shared/corpus with its attribution in SOURCES.md): import, then build, and
 * every original rule comes back in the built rule files with its name, labels, annotations,
 * `for` and `keep_firing_for`, and an expression whose parsed tree equals the original's — or
 * the import reported a finding at that rule's lines saying why it is not there. promtool
 * accepts every built rule file, and monc lint reports no catalog/* error on any import.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scalarText } from '../../src/load/formats/rule-files/rule-file.ts';
import { parsePromql } from '../../src/promql/parse.ts';
import { SourceText } from '../../src/load/source-text.ts';
import { compileProject, makeProject, REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');
const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

function ruleFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? ruleFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
    })
    .sort();
}

const FILES = ruleFiles(path.join(CORPUS, 'rules')).map((file) => path.relative(CORPUS, file));

/** Files none of whose rules come back, with the reason (measured). */
const REFUSED: Readonly<Record<string, string>> = {
  'rules/samber__awesome-prometheus-alerts/dist/rules/zookeeper/cloudflare-kafka-zookeeper-exporter.yml': 'its only group holds no rules',
};

interface Rule {
  readonly kind: 'alert' | 'record';
  readonly name: string;
  readonly expr: string;
  readonly for: string | undefined;
  readonly keepFiringFor: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** 1-based lines of the rule in its file (original rules only). */
  readonly lines?: { readonly first: number; readonly last: number };
}

/** The rules of a rule file as Prometheus reads them: groups' labels under the rule's own. */
function originalRules(file: string, text: string): Rule[] {
  const source = new SourceText(file, text);
  return parseAllDocuments(text).flatMap((doc) => {
    const root = doc.contents;
    if (!isMap(root)) return [];
    const container = scalarText(root.get('kind', true) as Node) === 'PrometheusRule' ? root.get('spec', true) : root;
    const groups = isMap(container) ? container.get('groups', true) : undefined;
    if (!isSeq(groups)) return [];
    return groups.items.flatMap((group) => {
      if (!isMap(group)) return [];
      const groupLabels = stringMap(group.get('labels', true));
      const rules = group.get('rules', true);
      if (!isSeq(rules)) return [];
      return rules.items.flatMap((rule) => (isMap(rule) ? [readRule(doc, rule, groupLabels, source)] : []));
    });
  });
}

function readRule(_doc: Document, rule: YAMLMap, groupLabels: Record<string, string>, source: SourceText): Rule {
  const text = (key: string) => scalarText(rule.get(key, true) as Node);
  const alert = text('alert');
  const [start, , end] = rule.range ?? [0, 0, 0];
  return {
    kind: alert !== undefined ? 'alert' : 'record',
    name: alert ?? text('record') ?? '',
    expr: text('expr') ?? '',
    for: text('for'),
    keepFiringFor: text('keep_firing_for'),
    labels: { ...groupLabels, ...stringMap(rule.get('labels', true)) },
    annotations: stringMap(rule.get('annotations', true)),
    lines: { first: source.position(start).line, last: source.position(Math.max(start, end - 1)).line },
  };
}

function stringMap(node: unknown): Record<string, string> {
  if (!isMap(node)) return {};
  return Object.fromEntries(node.items.map((pair) => [scalarText(pair.key as Node) ?? '', scalarText(pair.value as Node) ?? '']));
}

/** The rules monc built, from its rule files. */
function builtRules(texts: readonly string[]): Rule[] {
  return texts.flatMap((text) =>
    parseAllDocuments(text).flatMap((doc) => {
      const groups = isMap(doc.contents) ? doc.contents.get('groups', true) : undefined;
      if (!isSeq(groups)) return [];
      return groups.items.flatMap((group) => {
        const rules = isMap(group) ? group.get('rules', true) : undefined;
        return isSeq(rules) ? rules.items.flatMap((rule) => (isMap(rule) ? [readRule(doc, rule, {}, new SourceText('', ''))] : [])) : [];
      });
    }),
  );
}

/** A PromQL tree without its offsets, for comparing two texts' meaning. */
function tree(expr: string): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'from' && key !== 'to' && key !== 'valueRange')
        .map(([key, v]) => [key, strip(v)]),
    );
  };
  return strip(parsePromql(expr).ast);
}

/** The labels monc writes on every alert besides the rule's own (conventions.ts alertRuleLabels). */
const ADDED_BY_MONC = new Set(['service', 'team']);

/**
 * Whether `built` is `original` come back: same name (unless `renamed`), kind, timing,
 * annotations and tree; the original's labels, plus monc's own.
 */
function sameRule(original: Rule, built: Rule, renamed = false): boolean {
  if (original.kind !== built.kind || (!renamed && original.name !== built.name)) return false;
  if (original.for !== built.for || original.keepFiringFor !== built.keepFiringFor) return false;
  if (JSON.stringify(sortKeys(original.annotations)) !== JSON.stringify(sortKeys(built.annotations))) return false;
  const extra = Object.keys(built.labels).filter((key) => !(key in original.labels));
  if (Object.entries(original.labels).some(([key, value]) => built.labels[key] !== value)) return false;
  if (extra.some((key) => !ADDED_BY_MONC.has(key) || original.kind !== 'alert')) return false;
  return JSON.stringify(tree(original.expr)) === JSON.stringify(tree(built.expr));
}

function sortKeys(map: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

interface Outcome {
  readonly file: string;
  readonly rules: number;
  /** Rules that came back exactly. */
  readonly back: number;
  /** Rules that came back under a name monc accepts, with a loss finding. */
  readonly renamed: number;
  readonly losses: number;
  readonly added: ReadonlySet<string>;
}

const outcomes: Outcome[] = [];
const built: { dir: string; files: string[] }[] = [];

describe('monc import rules brings back every rule of the corpus, or says why not', () => {
  it.each(FILES)('%s', async (file) => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const dir = makeProject({ [file]: text, 'package.json': '{}\n' });
    const imported = await runCli(dir, ['import', 'rules', file, '--report', 'json']);
    const findings = (JSON.parse(imported.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    const originals = originalRules(file, text);
    if (imported.code !== 0) {
      // Nothing written: a refusal, which an error finding explains.
      expect(imported.code).toBe(1);
      expect(findings.filter((f) => f.severity === 'error')).not.toEqual([]);
      outcomes.push({ file, rules: originals.length, back: 0, renamed: 0, losses: findings.length, added: new Set() });
      return;
    }

    const lint = await compileProject(dir);
    expect(lint.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    expect(lint.diagnostics.filter((d) => d.check.startsWith('catalog/') && d.severity === 'error')).toEqual([]);
    // Every metric the import declared is listed for a person to confirm.
    const inferred = findings.filter((f) => f.check === 'import/guess' && f.message.includes('is declared as'));
    expect(lint.diagnostics.filter((d) => d.check === 'catalog/inferred').length).toBe(inferred.length);

    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    const rulesDir = path.join(dir, 'out/prometheus/rules');
    const outputs = existsSync(rulesDir) ? readdirSync(rulesDir).map((name) => path.join(rulesDir, name)) : [];
    built.push({ dir, files: outputs });
    const back = builtRules(outputs.map((output) => readFileSync(output, 'utf8')));

    const unused = [...back];
    const missing: string[] = [];
    const added = new Set<string>();
    let matched = 0;
    let renames = 0;
    const unmatched: Rule[] = [];
    for (const original of originals) {
      const match = unused.findIndex((candidate) => sameRule(original, candidate));
      if (match < 0) {
        unmatched.push(original);
        continue;
      }
      matched++;
      for (const key of Object.keys(unused[match]?.labels ?? {})) if (!(key in original.labels)) added.add(key);
      unused.splice(match, 1);
    }
    for (const original of unmatched) {
      // A rule that does not come back as it was has a finding (an import/loss, or a rulefmt error) on its lines; it may come back renamed.
      const explained = findings.some(
        (f) => (f.check === 'import/loss' || f.severity === 'error') && original.lines && f.line >= original.lines.first && f.line <= original.lines.last,
      );
      if (!explained) missing.push(`${original.kind} ${original.name} (line ${original.lines?.first})`);
      const renamed = unused.findIndex((candidate) => sameRule(original, candidate, true));
      if (explained && renamed >= 0) {
        unused.splice(renamed, 1);
        renames++;
      }
    }
    expect(missing, 'rules that neither came back nor have a finding').toEqual([]);
    expect(unused.map((r) => r.name), 'built rules that are no original rule').toEqual([]);
    outcomes.push({ file, rules: originals.length, back: matched, renamed: renames, losses: findings.filter((f) => f.check === 'import/loss' || f.severity === 'error').length, added });
  });

  it('counts the files round-tripped exactly, with findings and refused, and refuses only the files listed', () => {
    expect(outcomes.length).toBe(FILES.length);
    const exact = outcomes.filter((o) => o.back === o.rules && o.losses === 0);
    const refused = outcomes.filter((o) => o.back + o.renamed === 0);
    const withFindings = outcomes.filter((o) => !exact.includes(o) && !refused.includes(o));
    const rules = outcomes.reduce((n, o) => n + o.rules, 0);
    const back = outcomes.reduce((n, o) => n + o.back, 0);
    const renamed = outcomes.reduce((n, o) => n + o.renamed, 0);
    const added = [...new Set(outcomes.flatMap((o) => [...o.added]))].sort();
    console.log(
      [
        `monc import rules over ${outcomes.length} corpus files (${rules} rules: ${back} back exactly after build, ${renamed} back renamed):`,
        `  round-tripped exactly: ${exact.length}`,
        `  with findings:         ${withFindings.length}`,
        ...withFindings.map((o) => `    ${o.file}: ${o.renamed} of ${o.rules} rules renamed, ${o.rules - o.back - o.renamed} not back, ${o.losses} findings`),
        `  refused:               ${refused.length}`,
        `  labels monc adds to alerts: ${added.join(', ')}`,
      ].join('\n'),
    );
    expect(Object.fromEntries(refused.map((o) => [o.file, REFUSED[o.file] ?? 'unexpected']))).toEqual(REFUSED);
  });

  it('promtool check rules accepts every rule file monc built from the imports', () => {
    const files = built.flatMap((b) => b.files);
    expect(files.length).toBeGreaterThan(0);
    const { status, stdout, stderr } = spawnSync(PROMTOOL, ['check', 'rules', ...files], { encoding: 'utf8' });
    expect(status, stderr).toBe(0);
    // Its "FAILED: lint error … duplicate rule(s)" are the sources' own: promtool says so of the originals too, and exits 0.
    const output = stdout + stderr;
    const failures = output.split('FAILED:').slice(1);
    expect(failures.filter((failure) => !failure.trimStart().startsWith('lint error'))).toEqual([]);
    expect((output.match(/SUCCESS/g)?.length ?? 0) + failures.length).toBe(files.length);
  });
});

