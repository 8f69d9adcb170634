/**
 * `monc import alertmanager` over every Alertmanager configuration of the public corpus
 * (test/fixtures/corpus/alertmanager/, vendored from ../shared/corpus with its attribution in
 * SOURCES.md). For each one `amtool check-config` accepts: import, build, and amtool accepts the
 * built alertmanager.yml, and `amtool config routes test` sends every label set of a grid derived
 * from the configuration's matchers to the same receivers in the original and the built config
 * (receivers the import renamed compared under their new names).
 */
import { spawnSync } from 'node:child_process';
import { mapOnEveryCore, runProcess } from '../helpers/parallel.ts';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../../src/import/importers/alertmanager.ts';
import type { LabelMatcher } from '../../src/routing/matchers.ts';
import { makeProject, REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');
const AMTOOL = process.env['MONC_TEST_AMTOOL'] ?? 'amtool';
/** Label sets per configuration: at least the 50 the issue asks for. */
const GRID_SIZE = 60;

function configFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? configFiles(full) : /\.(ya?ml|golden)$/.test(entry) ? [full] : [];
    })
    .sort();
}

const FILES = configFiles(path.join(CORPUS, 'alertmanager')).map((file) => path.relative(CORPUS, file));

function amtool(args: readonly string[]): { status: number | null; output: string } {
  const run = spawnSync(AMTOOL, args, { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The receivers amtool sends the labels to, in its order. */
async function routesTest(config: string, labels: Readonly<Record<string, string>>): Promise<string[]> {
  const args = Object.entries(labels).map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  const run = await runProcess(AMTOOL, ['config', 'routes', 'test', `--config.file=${config}`, ...args]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim().split(',');
}

/** A route of the source with its matchers in every syntax, as plain data. */
interface SourceRoute {
  readonly matchers: LabelMatcher[];
  readonly routes: SourceRoute[];
}

function sourceRoute(value: unknown): SourceRoute {
  const route = (value ?? {}) as Record<string, unknown>;
  const pairs = (key: string, op: LabelMatcher['op']) => Object.entries((route[key] ?? {}) as Record<string, unknown>).map(([label, v]): LabelMatcher => ({ label, op, value: String(v) }));
  const written = ((route['matchers'] ?? []) as string[]).flatMap((text) => {
    const parsed = parseMatchers(text);
    return typeof parsed === 'string' ? [] : parsed;
  });
  return { matchers: [...pairs('match', '='), ...pairs('match_re', '=~'), ...written], routes: ((route['routes'] ?? []) as unknown[]).map(sourceRoute) };
}

/** A value no matcher of the corpus names. */
const NONE = 'monc-grid-none';

/** Values that may satisfy a matcher: its literal, or the literal alternatives of its regex (`^(a|b)$`, `db-.*`). */
function candidates(matcher: LabelMatcher): string[] {
  if (matcher.op === '=' || matcher.op === '!=') return [matcher.value];
  const body = matcher.value.replace(/^\^/, '').replace(/\$$/, '').replace(/^\((?:\?:)?(.*)\)$/, '$1');
  const regex = safeRegex(matcher.value);
  return body
    .split('|')
    .map((alternative) => alternative.replace(/\.[*+]/g, 'x').replace(/\\(.)/g, '$1'))
    .filter((value) => regex?.test(value) ?? false);
}

function safeRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** A seeded generator, so every run tests the same grid. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * Label sets from the configuration's matchers: one that satisfies each route's path from the
 * root, the same with one label changed to a value no matcher names, each label value on its
 * own, and seeded combinations of them, until there are GRID_SIZE.
 */
function grid(root: SourceRoute): Record<string, string>[] {
  const values = new Map<string, Set<string>>();
  const paths: LabelMatcher[][] = [];
  const walk = (route: SourceRoute, above: readonly LabelMatcher[]) => {
    const path = [...above, ...route.matchers];
    paths.push(path);
    for (const m of route.matchers) {
      const known = values.get(m.label) ?? new Set([NONE]);
      for (const value of candidates(m)) known.add(value);
      values.set(m.label, known);
    }
    for (const child of route.routes) walk(child, path);
  };
  walk(root, []);
  // Labels every alert has or most routing names, so small trees get a grid of their size too.
  for (const [label, common] of [['alertname', ['Watchdog']], ['severity', ['critical', 'warning', 'info']]] as const) {
    const known = values.get(label) ?? new Set([NONE]);
    for (const value of common) known.add(value);
    values.set(label, known);
  }
  const sets = new Map<string, Record<string, string>>();
  const add = (labels: Record<string, string>) => {
    const set = { alertname: 'MoncGridTest', ...labels };
    sets.set(JSON.stringify(Object.entries(set).sort()), set);
  };
  for (const path of paths) {
    const satisfying: Record<string, string> = {};
    for (const m of path) {
      if (m.op === '=' || m.op === '=~') satisfying[m.label] = candidates(m)[0] ?? satisfying[m.label] ?? NONE;
    }
    add(satisfying);
    for (const label of Object.keys(satisfying)) add({ ...satisfying, [label]: NONE });
  }
  for (const [label, known] of values) for (const value of known) add({ [label]: value });
  const next = random(sets.size + 1);
  const labels = [...values.entries()].map(([label, known]) => [label, [...known]] as const);
  for (let tries = 0; sets.size < GRID_SIZE && tries < 10 * GRID_SIZE; tries++) {
    const set: Record<string, string> = {};
    for (const [label, known] of labels) {
      const pick = Math.floor(next() * (known.length + 1));
      if (pick < known.length) set[label] = known[pick] ?? NONE;
    }
    add(set);
  }
  // A tree with few matchers has few distinct label sets: the rest differ in a label no route names.
  for (let n = 1; sets.size < GRID_SIZE; n++) add({ ...[...sets.values()][n % sets.size], monc_grid: String(n) });
  return [...sets.values()];
}

interface Outcome {
  readonly file: string;
  readonly accepted: boolean;
  readonly imported: boolean;
  readonly findings: readonly JsonDiagnostic[];
  readonly grid: number;
}

const outcomes: Outcome[] = [];

describe('monc import alertmanager routes every label set of the corpus configs where the original does', () => {
  it.each(FILES)('%s', async (file) => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const dir = makeProject({ [file]: text, 'package.json': '{}\n' });
    const original = path.join(dir, file);
    const accepted = amtool(['check-config', original]).status === 0;
    const imported = await runCli(dir, ['import', 'alertmanager', file, '--report', 'json']);
    const findings = (JSON.parse(imported.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
    if (!accepted) {
      // amtool refuses the original: what the import makes of it is recorded, not compared.
      outcomes.push({ file, accepted, imported: imported.code === 0, findings, grid: 0 });
      return;
    }
    expect(imported.code, imported.stderr).toBe(0);

    const build = await runCli(dir, ['build']);
    expect(build.code, build.stdout).toBe(0);
    const rebuilt = path.join(dir, 'out/alertmanager/alertmanager.yml');
    const check = amtool(['check-config', rebuilt]);
    expect(check.status, check.output).toBe(0);

    const renamed = new Map(findings.flatMap((f) => [...f.message.matchAll(/^receiver "(.*?)" is imported as "(.*?)":/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const)));
    const source = parseAllDocuments(text)[0]?.toJS() as { route?: unknown };
    const labelSets = grid(sourceRoute(source.route));
    expect(labelSets.length).toBeGreaterThanOrEqual(50);
    const differences = (
      await mapOnEveryCore(labelSets, async (labels) => {
        const expected = (await routesTest(original, labels)).map((receiver) => renamed.get(receiver) ?? receiver);
        const actual = await routesTest(rebuilt, labels);
        return expected.join(',') === actual.join(',') ? [] : [`${JSON.stringify(labels)}: ${expected.join(',')} → ${actual.join(',')}`];
      })
    ).flat();
    expect(differences).toEqual([]);
    outcomes.push({ file, accepted, imported: true, findings, grid: labelSets.length });
  });

  it('counts the configs imported exactly, with findings and refused', () => {
    expect(outcomes.length).toBe(FILES.length);
    const accepted = outcomes.filter((o) => o.accepted);
    const exact = accepted.filter((o) => o.findings.length === 0);
    const withFindings = accepted.filter((o) => o.findings.length > 0);
    const reasons = new Map<string, number>();
    for (const o of withFindings) for (const check of new Set(o.findings.map((f) => f.check))) reasons.set(check, (reasons.get(check) ?? 0) + 1);
    const rejected = outcomes.filter((o) => !o.accepted);
    console.log(
      [
        `monc import alertmanager over ${outcomes.length} corpus configs, ${accepted.length} of which amtool check-config accepts:`,
        `  imported exactly: ${exact.length}`,
        `  with findings:    ${withFindings.length} (${[...reasons].map(([check, n]) => `${check} in ${n}`).join(', ')})`,
        `  refused:          ${accepted.length - exact.length - withFindings.length}`,
        `  label sets compared: ${accepted.reduce((n, o) => n + o.grid, 0)} (at least ${Math.min(...accepted.map((o) => o.grid))} per config)`,
        `  of the ${rejected.length} amtool rejects: ${rejected.filter((o) => o.imported).length} written, ${rejected.filter((o) => !o.imported).length} refused`,
      ].join('\n'),
    );
    expect(accepted.length).toBeGreaterThan(0);
  });
});
