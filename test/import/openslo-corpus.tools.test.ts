/**
 * `monc import openslo` over every OpenSLO document of the public corpus
 * (test/fixtures/corpus/slo-specs/openslo/, vendored from ../shared/corpus with its attribution
 * in SOURCES.md). Each repository's files are imported together, as their SLOs name SLIs,
 * Services and alert policies of other files. Every SLO of the sources is imported with the
 * objective, window and SLI of its source — or has a finding at its lines saying what differs or
 * why it is not imported. After the import monc lint reports no catalog/* error, the build
 * passes, and promtool checks the built rules and passes the generated rule tests.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parse, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { SloSpec } from '../../src/api/types.gen.ts';
import { eventQuery, moncWindow } from '../../src/import/event-query.ts';
import { scalarText } from '../../src/load/formats/rule-files/rule-file.ts';
import { SourceText } from '../../src/load/source-text.ts';
import { compileProject, makeProject, REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';
import { promtool, promtoolTests } from '../helpers/promtool.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');
const OPENSLO = path.join(CORPUS, 'slo-specs/openslo');
/** Long enough for every window of the corpus (slo/window-exceeds-retention). */
const CONFIG = 'prometheus:\n  retention: 100d\n';

function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? files(full) : [full];
    })
    .sort();
}

const REPOSITORIES = readdirSync(OPENSLO).sort();

/** An SLO object of a source file: its name, lines, objectives' targets in percent, window and queries. */
interface SourceSlo {
  readonly repository: string;
  readonly file: string;
  readonly name: string;
  readonly first: number;
  readonly last: number;
  readonly objectives: readonly number[];
  /** A rolling duration, or a calendar period with its zone, as monc would write it. */
  readonly window: string | { calendar: string; timezone?: string } | undefined;
  readonly queries: readonly string[];
}

/** The queries of each SLI object of a repository, by name (an SLO's indicatorRef names one). */
function sliQueries(repository: string): Map<string, string[]> {
  const slis = new Map<string, string[]>();
  for (const file of files(path.join(OPENSLO, repository))) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const root = doc.contents;
      for (const map of isMap(root) ? [root] : isSeq(root) ? root.items.filter(isMap) : []) {
        const js = (map as YAMLMap).toJSON() as Record<string, unknown>;
        const name = String((js['metadata'] as Record<string, unknown> | undefined)?.['name'] ?? '');
        if (js['kind'] === 'SLI') slis.set(name, [...(slis.get(name) ?? []), ...queriesOf(map)]);
      }
    }
  }
  return slis;
}

function sourceSlos(repository: string, file: string, text: string): SourceSlo[] {
  const slis = sliQueries(repository);
  const source = new SourceText(file, text);
  return parseAllDocuments(text).flatMap((doc) => {
    const root = doc.contents;
    const maps = isMap(root) ? [root] : isSeq(root) ? root.items.filter(isMap) : [];
    return maps.flatMap((map) => {
      const js = (map as YAMLMap).toJSON() as Record<string, unknown>;
      if (!/^openslo(\.com)?\/v1(alpha)?$/.test(String(js['apiVersion'])) || js['kind'] !== 'SLO') return [];
      const spec = (js['spec'] ?? {}) as Record<string, unknown>;
      const objectives = ((spec['objectives'] ?? []) as Record<string, unknown>[]).map((o) => (o['targetPercent'] !== undefined ? Number(o['targetPercent']) : Number((Number(o['target']) * 100).toPrecision(12))));
      const [start, , end] = (map as Node).range ?? [0, 0, 0];
      return [
        {
          repository,
          file,
          name: String((js['metadata'] as Record<string, unknown> | undefined)?.['name'] ?? ''),
          first: source.position(start).line,
          last: source.position(Math.max(start, end - 1)).line,
          objectives,
          window: windowOf(spec),
          queries: [...queriesOf(map), ...(slis.get(String(spec['indicatorRef'])) ?? [])],
        },
      ];
    });
  });
}

/** The window as the source says it, in monc's terms. */
function windowOf(spec: Record<string, unknown>): SourceSlo['window'] {
  const [window] = ((spec['timeWindow'] ?? spec['timeWindows'] ?? []) as Record<string, unknown>[]);
  if (!window) return undefined;
  const calendar = window['calendar'] as Record<string, unknown> | undefined;
  const duration = window['duration'] !== undefined ? String(window['duration']) : `${String(window['count'])}${({ Day: 'd', Week: 'w', Month: 'M', Quarter: 'Q' } as Record<string, string>)[String(window['unit'])] ?? '?'}`;
  if (calendar && window['isRolling'] !== true) {
    const period = ({ '1M': 'month', '1w': 'week', '1Q': 'quarter' } as Record<string, string>)[duration] ?? duration;
    return { calendar: period, ...(calendar['timeZone'] !== undefined && { timezone: String(calendar['timeZone']) }) };
  }
  return duration;
}

/** Every `query` under the SLO, inline indicators included. */
function queriesOf(node: unknown): string[] {
  if (isMap(node)) return node.items.flatMap((pair) => (scalarText(pair.key as Node) === 'query' ? [scalarText(pair.value as Node) ?? ''] : queriesOf(pair.value)));
  if (isSeq(node)) return node.items.flatMap(queriesOf);
  return [];
}

/** Whether a source query is read by the monc SLI: as written, as monc's event query, or as the selector inside sum(). */
function sliReads(sli: SloSpec['sli'], query: string): boolean {
  const texts = [sli.ratio?.good, sli.ratio?.errors, sli.ratio?.total, sli.timeslice?.query].filter((t): t is string => t !== undefined).join('\n');
  const q = query.trim();
  const inner = /^sum\((.*)\)$/s.exec(q)?.[1];
  return [q, eventQuery(q), moncWindow(q), inner].some((candidate) => candidate !== undefined && texts.includes(candidate.trim()));
}

interface Written {
  readonly spec: SloSpec;
  readonly file: string;
  readonly line: number;
}

/** The SLOs the import wrote, each with the source line its comment names. */
function writtenSlos(dir: string): Written[] {
  const definitions = path.join(dir, 'definitions');
  return readdirSync(definitions).flatMap((name) => {
    const text = readFileSync(path.join(definitions, name), 'utf8');
    const service = parse(text) as { slos?: SloSpec[] };
    const froms = [...text.matchAll(/^ {2}# from (.+):(\d+)$/gm)].map((m) => ({ file: m[1] ?? '', line: Number(m[2]) }));
    return (service.slos ?? []).map((spec, i) => ({ spec, file: froms[i]?.file ?? '', line: froms[i]?.line ?? 0 }));
  });
}

interface Outcome {
  readonly slo: SourceSlo;
  readonly imported: number;
  /** import/loss findings at the SLO's lines, by message. */
  readonly losses: readonly string[];
}

const outcomes: Outcome[] = [];
const projects: string[] = [];

/** What a finding says, without the names in it, so findings of one kind count as one reason. */
const reason = (message: string) => message.replace(/SLO "[^"]*" is not imported: /, '').replace(/"[^"]*"/g, '…').replace(/\b\d[\w:.-]*/g, 'N');

describe('monc import openslo imports every SLO of the corpus with its objective, window and SLI, or says why not', () => {
  it.each(REPOSITORIES)('%s', async (repository) => {
    const paths = files(path.join(OPENSLO, repository)).map((file) => path.relative(CORPUS, file));
    const dir = makeProject({ 'package.json': '{}\n', 'monc.config.yaml': CONFIG, ...Object.fromEntries(paths.map((file) => [file, readFileSync(path.join(CORPUS, file), 'utf8')])) });
    const imported = await runCli(dir, ['import', 'openslo', ...paths, '--report', 'json']);
    const findings = (JSON.parse(imported.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    expect(findings.filter((f) => f.severity === 'error' && f.check !== 'import/unsupported')).toEqual([]);
    const written = existsSync(path.join(dir, 'definitions')) ? writtenSlos(dir) : [];

    for (const file of paths) {
      for (const slo of sourceSlos(repository, file, readFileSync(path.join(CORPUS, file), 'utf8'))) {
        const mine = written.filter((w) => w.file === file && w.line >= slo.first && w.line <= slo.last);
        const losses = findings.filter((f) => f.check === 'import/loss' && f.file === file && f.line >= slo.first && f.line <= slo.last).map((f) => f.message);
        if (mine.length === 0) expect(losses, `${file}: SLO ${slo.name} is not imported, and a finding says why`).not.toEqual([]);
        for (const { spec } of mine) {
          // The objective, window and SLI of the source, or a finding at the SLO that says what differs.
          expect(slo.objectives).toContain(spec.objective);
          for (const further of spec.objectives ?? []) expect(slo.objectives).toContain(further.objective);
          if (losses.length === 0) expect(spec.window, `${file}: ${slo.name}'s window`).toEqual(slo.window);
          expect(slo.queries.some((q) => sliReads(spec.sli, q)), `${file}: ${slo.name}'s SLI reads its queries`).toBe(true);
        }
        outcomes.push({ slo, imported: mine.length, losses });
      }
    }
    if (written.length === 0) return;

    const lint = await compileProject(dir);
    expect(lint.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    projects.push(dir);
  });

  it('counts the SLOs imported exactly, with findings and refused, with their top reasons', () => {
    const exact = outcomes.filter((o) => o.imported > 0 && o.losses.length === 0);
    const withFindings = outcomes.filter((o) => o.imported > 0 && o.losses.length > 0);
    const refused = outcomes.filter((o) => o.imported === 0);
    const top = (list: readonly Outcome[]) => {
      const counts = new Map<string, number>();
      for (const o of list) for (const r of new Set(o.losses.map(reason))) counts.set(r, (counts.get(r) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    };
    console.log(
      [
        `monc import openslo over ${outcomes.length} SLOs in ${REPOSITORIES.length} repositories (${outcomes.reduce((n, o) => n + o.imported, 0)} monc SLOs written):`,
        `  imported exactly: ${exact.length}`,
        `  with findings:    ${withFindings.length}`,
        ...top(withFindings).map(([r, n]) => `    ${n} × ${r}`),
        `  refused:          ${refused.length}`,
        ...top(refused).map(([r, n]) => `    ${n} × ${r}`),
      ].join('\n'),
    );
    expect([exact.length, withFindings.length, refused.length]).toEqual(FIGURES);
  });

  it('promtool check rules accepts the built rules, and promtool test rules passes the generated tests', async () => {
    const built = (sub: string, pattern: RegExp) => projects.flatMap((dir) => {
      const folder = path.join(dir, 'out/prometheus', sub);
      return existsSync(folder) ? readdirSync(folder).filter((name) => pattern.test(name)).map((name) => path.join(folder, name)) : [];
    });
    const rules = built('rules', /\.yml$/);
    expect(rules.length).toBeGreaterThan(0);
    const check = await promtool(['check', 'rules', ...rules]);
    expect(check.status, check.output).toBe(0);
    const tests = built('tests', /\.test\.yml$/);
    expect(tests.length).toBeGreaterThan(0);
    const failed = (await promtoolTests(tests)).filter((run) => run.status !== 0).map((run) => run.output);
    expect(failed).toEqual([]);
  }, 180_000);
});

/** [exactly, with findings, refused], as measured. */
const FIGURES = [5, 9, 9];
