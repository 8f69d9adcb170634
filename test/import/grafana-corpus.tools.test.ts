/**
 * `monc import grafana` over every dashboard of the public corpus (test/fixtures/corpus/dashboards/,
 * vendored from ../shared/corpus with its attribution in SOURCES.md): import, then compile
 * the definitions as `monc build` does, and every panel of the original comes back in the
 * built dashboard with its title, its place on the grid as Grafana shows it, its unit and its
 * Prometheus queries, and its type, or an import/loss finding at the panel's lines says why not
 * (a graph panel imported as the timeseries panel Grafana migrates it to, a panel monc cannot
 * draw kept as a text panel, a query of another datasource left out). Every built dashboard
 * validates against the Grafana dashboard schema, and monc lint reports no catalog/* error.
 * In memory, with the real pipeline: no Grafana server can run here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/compile.ts';
import type { GridPos } from '../../src/emit/grafana/types.ts';
import { runImport, type ExistingDefinitions } from '../../src/import/import.ts';
import { shownLayout, type GridItem } from '../../src/import/importers/grafana-layout.ts';
import { SourceText } from '../../src/load/source-text.ts';
import { schemaErrors } from '../helpers/grafana-schema.ts';
import { compileFiles } from '../helpers/lint.ts';
import { REPO_ROOT } from '../helpers/project.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? jsonFiles(full) : entry.endsWith('.json') ? [full] : [];
    })
    .sort();
}

const FILES = jsonFiles(path.join(CORPUS, 'dashboards')).map((file) => path.relative(CORPUS, file));

/** Dashboards the import writes nothing for, with the reason (measured): none. */
const REFUSED: Readonly<Record<string, string>> = {};

/** Errors monc lint reports on an import, which the source has too (measured): none. */
const LINT_ERRORS: Readonly<Record<string, readonly string[]>> = {};

/** What the corpus gives (measured): a change to the importer that changes one of these says so here. */
const FIGURES = { dashboards: 48, exactly: 0, refused: 0, panels: 728, retyped: 99, placeholders: 0, queries: 1236, queriesBack: 1224 };

// ---------------------------------------------------------------------------------------------
// The original, as Grafana shows it.

interface SourcePanel {
  readonly json: Record<string, unknown>;
  /** 1-based lines of the panel in its file. */
  readonly first: number;
  readonly last: number;
  readonly targets: readonly { readonly expr: string; readonly first: number; readonly last: number }[];
}

function linesOf(node: Node, source: SourceText): { first: number; last: number } {
  const [start, , end] = node.range ?? [0, 0, 0];
  return { first: source.position(start).line, last: source.position(Math.max(start, end - 1)).line };
}

function sourcePanel(node: YAMLMap, source: SourceText): SourcePanel {
  const targets = node.get('targets', true);
  return {
    json: node.toJSON() as Record<string, unknown>,
    ...linesOf(node, source),
    targets: isSeq(targets)
      ? targets.items.flatMap((target) => {
          const expr = isMap(target) ? target.get('expr', true) : undefined;
          return isMap(target) && isScalar(expr) && typeof expr.value === 'string' && expr.value.trim() !== '' ? [{ expr: expr.value, ...linesOf(target, source) }] : [];
        })
      : [],
  };
}

function numberAt(map: YAMLMap | undefined, key: string, fallback: number): number {
  const value = map?.get(key, true);
  return isScalar(value) && typeof value.value === 'number' ? value.value : fallback;
}

/** The panels of the JSON as grid items (the corpus has only dashboards of schemaVersion 16 and later). */
function gridItems(items: readonly unknown[], source: SourceText): GridItem<SourcePanel>[] {
  return items.flatMap((item) => {
    // A copy Grafana made of a repeated panel or row comes back from its original.
    if (!isMap(item) || ['repeatPanelId', 'repeatIteration'].some((key) => item.get(key) != null)) return [];
    const gridPos = item.get('gridPos', true);
    const grid = isMap(gridPos) ? gridPos : undefined;
    const row = item.get('type') === 'row';
    const collapsed = row && item.get('collapsed') === true;
    const inner = item.get('panels', true);
    return [
      {
        source: sourcePanel(item, source),
        row,
        gridPos: { x: numberAt(grid, 'x', 0), y: numberAt(grid, 'y', 0), w: numberAt(grid, 'w', 6), h: numberAt(grid, 'h', 3) },
        collapsed,
        panels: collapsed && isSeq(inner) ? gridItems(inner.items, source) : [],
      },
    ];
  });
}

/** The unit Grafana shows: the field config's, or where the graph and singlestat panels kept it. */
function unitOf(json: Record<string, unknown>): string | undefined {
  const defaults = (json['fieldConfig'] as { defaults?: { unit?: string } } | undefined)?.defaults;
  if (defaults?.unit) return defaults.unit;
  if (json['type'] === 'graph') return ((json['yaxes'] as { format?: string }[] | undefined)?.[0]?.format ?? undefined) || undefined;
  if (json['type'] === 'singlestat') return (json['format'] as string | undefined) || undefined;
  return undefined;
}

/** A grid position as text, whatever the order of its keys: `x,y wxh`. */
function place(gridPos: GridPos | undefined): string {
  return gridPos ? `${gridPos.x},${gridPos.y} ${gridPos.w}x${gridPos.h}` : 'none';
}

// ---------------------------------------------------------------------------------------------
// The rebuilt dashboard.

interface BuiltPanel {
  readonly type: string;
  readonly title: string;
  readonly gridPos: GridPos;
  readonly fieldConfig?: { readonly defaults?: { readonly unit?: string } };
  readonly targets?: readonly { readonly expr?: string }[];
  readonly collapsed?: boolean;
  readonly panels?: readonly BuiltPanel[];
}

/** The built dashboard's rows in order: the panels above the first row, then each row with its own. */
function builtRows(panels: readonly BuiltPanel[]): { header: BuiltPanel | undefined; panels: BuiltPanel[] }[] {
  const rows: { header: BuiltPanel | undefined; panels: BuiltPanel[] }[] = [{ header: undefined, panels: [] }];
  for (const panel of panels) {
    if (panel.type === 'row') rows.push({ header: panel, panels: [...(panel.panels ?? [])] });
    else rows.at(-1)?.panels.push(panel);
  }
  return rows.filter((row) => row.header || row.panels.length > 0);
}

// ---------------------------------------------------------------------------------------------

interface Outcome {
  readonly file: string;
  readonly refused: boolean;
  readonly losses: readonly string[];
  readonly panels: number;
  readonly retyped: readonly string[];
  readonly placeholders: number;
  readonly moved: number;
  readonly queries: number;
  readonly queriesBack: number;
}

const outcomes: Outcome[] = [];
const EMPTY = await compileFiles({});
const EXISTING: ExistingDefinitions = { services: new Set(), alerts: new Set(), recordings: new Set(), known: (series) => EMPTY.expanded.catalog.get(series) };

/** A finding's reason, without its subject, names and details: `panel "CPU": its transformations are not imported: …` → `its transformations are not imported`. */
function reason(message: string): string {
  return message
    .replace(/^(panel "[^"]*"|an? [\w-]+ panel|variable \$\w+|annotation "[^"]*"|row "[^"]*"|the link "[^"]*")(: query \w+)?:? /, '')
    .replace(/( \(|; |: ).*$/, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\$\w+/g, '$…')
    .replace(/\b\d+(\.\d+)?[a-z]*\b/g, 'N');
}

function top(reasons: readonly string[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, n)
    .map(([r, k]) => `${String(k).padStart(5)}  ${r.length > 150 ? `${r.slice(0, 147)}...` : r}`);
}

describe('monc import grafana brings back every panel of the corpus, or says why not', () => {
  it.each(FILES)('%s', async (file) => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const source = new SourceText(file, text);
    const output = runImport({ kind: 'grafana', sources: [source], servicePer: 'file', existing: EXISTING, into: 'definitions', taken: new Set(), schemaDir: '../schemas' });
    const findings = output.findings.map((finding) => resolve(finding, new Map([[file, source]])));
    const losses = findings.filter((f) => f.check === 'import/loss' || f.severity === 'error');
    const dashboardFile = output.files.find((f) => f.summary.startsWith('dashboard '));
    if (!dashboardFile) {
      expect(findings.filter((f) => f.severity === 'error')).not.toEqual([]);
      outcomes.push({ file, refused: true, losses: losses.map((f) => reason(f.message)), panels: 0, retyped: [], placeholders: 0, moved: 0, queries: 0, queriesBack: 0 });
      return;
    }

    const compiled = await compileFiles(Object.fromEntries(output.files.map((f) => [f.path, f.text])));
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.filter((d) => d.check.startsWith('catalog/')).map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    expect(errors.map((d) => `${d.check} ${d.message}`)).toEqual(LINT_ERRORS[file] ?? []);
    const built = compiled.artifacts.filter((a) => a.path.startsWith('grafana/dashboards/'));
    expect(built.length).toBe(1);
    const json = JSON.parse(built[0]?.content ?? '{}') as { panels: BuiltPanel[] };
    expect(schemaErrors(json)).toEqual([]);

    const doc = parseDocument(text);
    const panelsNode = isMap(doc.contents) ? doc.contents.get('panels', true) : undefined;
    const shown = shownLayout(gridItems(isSeq(panelsNode) ? panelsNode.items : [], source));
    const rebuilt = builtRows(json.panels);
    const lossAt = (first: number, last: number) => losses.some((f) => f.line >= first && f.line <= last);
    const problems: string[] = [];
    const retyped: string[] = [];
    let placeholders = 0;
    let moved = 0;
    let queries = 0;
    let queriesBack = 0;
    expect(rebuilt.map((row) => row.header?.title ?? null)).toEqual(shown.map((row) => (row.header ? (row.header.item.source.json['title'] as string | undefined) ?? '' : null)));
    shown.forEach((row, r) => {
      const back = rebuilt[r];
      if (row.header && back?.header && place(back.header.gridPos) !== place(row.header.gridPos)) problems.push(`row ${r} "${back.header.title}" at ${place(back.header.gridPos)}, shown at ${place(row.header.gridPos)}`);
      expect(back?.panels.length, `row ${r}`).toBe(row.panels.length);
      row.panels.forEach(({ item, gridPos }, p) => {
        const original = item.source;
        const panel = back?.panels[p];
        const label = `line ${original.first} "${String(original.json['title'] ?? '')}"`;
        if (!panel) return;
        if (place(original.json['gridPos'] as GridPos | undefined) !== place(gridPos)) moved++;
        if (place(panel.gridPos) !== place(gridPos)) problems.push(`${label}: at ${place(panel.gridPos)}, shown at ${place(gridPos)}`);
        if (panel.title !== String(original.json['title'] ?? '')) problems.push(`${label}: title "${panel.title}"`);
        const explained = lossAt(original.first, original.last);
        if (panel.type !== original.json['type']) {
          if (!explained) problems.push(`${label}: ${String(original.json['type'])} came back as ${panel.type} without a finding`);
          if (panel.type === 'text') placeholders++;
          else retyped.push(`${String(original.json['type'])} → ${panel.type}`);
          if (panel.type === 'text') return;
        }
        if (panel.fieldConfig?.defaults?.unit !== unitOf(original.json)) problems.push(`${label}: unit ${panel.fieldConfig?.defaults?.unit} instead of ${unitOf(original.json)}`);
        const exprs = (panel.targets ?? []).map((t) => t.expr ?? '');
        const unused = [...exprs];
        for (const target of original.targets) {
          queries++;
          const at = unused.indexOf(target.expr.trim());
          if (at >= 0) {
            unused.splice(at, 1);
            queriesBack++;
          } else if (!lossAt(target.first, target.last)) problems.push(`${label}: query at line ${target.first} neither came back nor has a finding`);
        }
        if (unused.length > 0) problems.push(`${label}: queries that are no original query: ${unused.join(' | ')}`);
      });
    });
    expect(problems).toEqual([]);
    const panels = shown.reduce((n, row) => n + row.panels.length, 0);
    outcomes.push({ file, refused: false, losses: losses.map((f) => reason(f.message)), panels, retyped, placeholders, moved, queries, queriesBack });
  });

  it('counts the dashboards imported exactly, with findings and refused, the panels and the queries, and refuses only the files listed', () => {
    expect(outcomes.length).toBe(FILES.length);
    const refused = outcomes.filter((o) => o.refused);
    const exact = outcomes.filter((o) => !o.refused && o.losses.length === 0);
    const withFindings = outcomes.filter((o) => !o.refused && o.losses.length > 0);
    const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    const retyped = outcomes.flatMap((o) => o.retyped);
    console.log(
      [
        `monc import grafana over ${outcomes.length} corpus dashboards:`,
        `  imported exactly: ${exact.length}`,
        `  with findings:    ${withFindings.length} (${sum((o) => o.losses.length)} import/loss findings; top reasons:)`,
        ...top(
          withFindings.flatMap((o) => o.losses),
          15,
        ),
        `  refused:          ${refused.length}`,
        ...top(
          refused.flatMap((o) => o.losses),
          5,
        ),
        `  panels compared:  ${sum((o) => o.panels)}, every one back with its title and place: ${sum((o) => o.panels) - retyped.length - sum((o) => o.placeholders)} with the same type and unit,`,
        `                    ${retyped.length} as the type Grafana migrates them to (${top(retyped, 5)
          .map((line) => line.trim().replace(/^(\d+)\s+/, '$1 '))
          .join(', ')}) with the same unit, ${sum((o) => o.placeholders)} kept as text panels saying why`,
        `  placed where Grafana shows them: ${sum((o) => o.moved)} of them not where their JSON puts them (gaps closed, overlaps pushed down, collapsed rows' stale offsets)`,
        `  queries compared: ${sum((o) => o.queries)}: ${sum((o) => o.queriesBack)} back with the same expression, ${sum((o) => o.queries) - sum((o) => o.queriesBack)} left out with a finding`,
      ].join('\n'),
    );
    expect(Object.fromEntries(refused.map((o) => [o.file, REFUSED[o.file] ?? 'unexpected']))).toEqual(REFUSED);
    expect({
      dashboards: outcomes.length,
      exactly: exact.length,
      refused: refused.length,
      panels: sum((o) => o.panels),
      retyped: retyped.length,
      placeholders: sum((o) => o.placeholders),
      queries: sum((o) => o.queries),
      queriesBack: sum((o) => o.queriesBack),
    }).toEqual(FIGURES);
  });
});
