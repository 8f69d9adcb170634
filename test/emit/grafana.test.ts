/**
 * Grafana output: no Grafana server can run here, so every dashboard monc writes is validated
 * against schemas/grafana-dashboard.schema.json (derived from @grafana/schema's Dashboard type
 * by scripts/gen-grafana-schema.mjs), its grid layout is checked the way Grafana would draw it,
 * and a small project with a written dashboard is built twice to the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaErrors } from '../helpers/grafana-schema.ts';
import { REPO_ROOT, makeProject, runCli, type Files } from '../helpers/project.ts';

const GENERATOR = path.join(REPO_ROOT, 'scripts/gen-grafana-schema.mjs');
const GRID_COLUMNS = 24;

// ---------------------------------------------------------------------------------------------
// The dashboard JSON as far as these tests read it.

interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface Ref {
  readonly type?: string;
  readonly uid?: string;
}

interface PanelJson {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: GridPos;
  readonly datasource?: Ref;
  readonly targets?: readonly { readonly refId?: string; readonly datasource?: Ref }[];
  readonly collapsed?: boolean;
  readonly panels?: readonly PanelJson[];
}

interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly panels: readonly PanelJson[];
  readonly templating?: { readonly list?: readonly { readonly name: string; readonly type: string; readonly query?: unknown }[] };
  readonly annotations?: { readonly list?: readonly { readonly name: string; readonly datasource?: Ref }[] };
}

interface DashboardFile {
  /** Relative to out/, e.g. grafana/dashboards/SLOs/monc-slo-overview.json. */
  readonly file: string;
  readonly text: string;
  readonly json: DashboardJson;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Every out/grafana/dashboards/**.json of the project at `root`. */
function dashboardsIn(root: string): DashboardFile[] {
  const out = path.join(root, 'out');
  return filesUnder(path.join(out, 'grafana/dashboards'))
    .filter((file) => file.endsWith('.json'))
    .map((full) => {
      const text = readFileSync(full, 'utf8');
      return { file: path.relative(out, full).split(path.sep).join('/'), text, json: JSON.parse(text) as DashboardJson };
    });
}

/** Row headers, top-level panels and the panels inside collapsed rows, with where they sit. */
function allPanels(dashboard: DashboardJson): { readonly panel: PanelJson; readonly where: string }[] {
  return dashboard.panels.flatMap((panel, i) => [
    { panel, where: `/panels/${i}` },
    ...(panel.panels ?? []).map((nested, j) => ({ panel: nested, where: `/panels/${i}/panels/${j}` })),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The layout rules.

function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Everything wrong with the grid and the ids of `dashboard`, one line per problem. */
function layoutProblems(dashboard: DashboardJson): string[] {
  const problems: string[] = [];
  const placed = allPanels(dashboard);
  for (const { panel, where } of placed) {
    const { x, y, w, h } = panel.gridPos;
    const label = `${where} "${panel.title}" ${JSON.stringify(panel.gridPos)}`;
    if (![x, y, w, h].every(Number.isInteger) || x < 0 || y < 0 || w < 1 || h < 1) problems.push(`${label}: not a position on the grid`);
    if (x + w > GRID_COLUMNS) problems.push(`${label}: x+w = ${x + w} > ${GRID_COLUMNS}`);
    if (panel.type === 'row' && (x !== 0 || w !== GRID_COLUMNS || h !== 1)) problems.push(`${label}: a row header is x 0, w ${GRID_COLUMNS}, h 1`);
    if (panel.type === 'row' && where.includes('/panels/', 1)) problems.push(`${label}: a row inside a row`);
    if (panel.type !== 'row' && !where.includes('/panels/', 1) && panel.panels !== undefined) problems.push(`${label}: only rows hold panels`);
    const refIds = (panel.targets ?? []).map((t) => t.refId);
    refIds.forEach((refId, i) => {
      if (typeof refId !== 'string' || refId === '') problems.push(`${label}: target ${i} has no refId`);
      else if (refIds.indexOf(refId) !== i) problems.push(`${label}: refId ${refId} used twice`);
    });
  }
  placed.forEach((a, i) => {
    for (const b of placed.slice(i + 1)) {
      if (overlaps(a.panel.gridPos, b.panel.gridPos)) problems.push(`${a.where} "${a.panel.title}" overlaps ${b.where} "${b.panel.title}"`);
    }
  });
  const ids = placed.map(({ panel }) => panel.id);
  for (const id of new Set(ids)) if (ids.filter((other) => other === id).length > 1) problems.push(`panel id ${id} used more than once`);
  if (dashboard.uid.length > 40) problems.push(`uid ${dashboard.uid} is ${dashboard.uid.length} characters; Grafana allows 40`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// A small project with a written dashboard: every panel type, every variable kind, a link, an
// annotation, a panel above the first row, a placed panel, a collapsed row, and an id long
// enough that its uid gets shortened.

const SHOP_YAML = `kind: Service
name: shop
team: web
scrape:
  targets: ['shop-1:8080']
metrics:
  - name: shop_requests_total
    type: counter
    help: Requests.
    labels:
      code: { values: ['2xx', '5xx'] }
  - name: shop_request_duration_seconds
    type: histogram
    help: Request latency.
`;

const SHOP_DASHBOARD_YAML = `kind: Dashboard
id: shop-overview
title: Shop overview
description: The shop at a glance.
service: shop
folder: Shop
tags: [shop]
variables:
  - name: job
    kind: query
    query: label_values(shop_requests_total, job)
    multi: true
    includeAll: true
  - name: code
    kind: custom
    values: ['2xx', '5xx']
  - name: step
    kind: interval
    values: [1m, 5m]
links:
  - title: Runbook
    url: https://runbooks.example/shop
annotations:
  - name: Restarts
    expr: changes(shop_requests_total{job="shop"}[5m]) > 0
panels:
  - type: text
    content: '**On call?** Start with the [runbook](https://runbooks.example/shop).'
    width: 24
    height: 2
rows:
  - title: Traffic
    panels:
      - title: Requests
        description: Requests per second by status code.
        type: timeseries
        unit: reqps
        thresholds: [{ value: 100, color: red }]
        queries:
          - expr: sum by (code) (rate(shop_requests_total{job=~"$job"}[$__rate_interval]))
            legend: '{{code}}'
          - expr: sum(rate(shop_requests_total{job=~"$job"}[$__rate_interval]))
            legend: all
      - title: Error ratio
        description: The share of 5xx responses.
        type: stat
        unit: percentunit
        decimals: 2
        queries:
          - expr: sum(rate(shop_requests_total{code="5xx"}[5m])) / sum(rate(shop_requests_total[5m]))
      - title: Error gauge
        description: The share of 5xx responses.
        type: gauge
        unit: percentunit
        min: 0
        max: 1
        queries:
          - expr: sum(rate(shop_requests_total{code="5xx"}[5m])) / sum(rate(shop_requests_total[5m]))
      - title: By code
        description: Requests per second by status code.
        type: bargauge
        unit: reqps
        queries:
          - expr: sum by (code) (rate(shop_requests_total[5m]))
  - title: Details
    collapsed: true
    panels:
      - title: Latency
        description: Request latency distribution.
        type: heatmap
        unit: s
        width: 24
        queries:
          - expr: sum by (le) (rate(shop_request_duration_seconds_bucket[5m]))
      - title: Codes
        description: Requests per second by status code.
        type: table
        unit: reqps
        queries:
          - expr: sum by (code) (rate(shop_requests_total[5m]))
      - title: Share by code
        description: The share of each status code.
        type: piechart
        unit: reqps
        queries:
          - expr: sum by (code) (rate(shop_requests_total[5m]))
      - title: Errors over time
        description: Whether 5xx responses are coming in.
        type: state-timeline
        x: 12
        y: 16
        queries:
          - expr: sum(rate(shop_requests_total{code="5xx"}[5m])) > bool 0
      - title: Latency histogram
        description: How request latencies spread.
        type: histogram
        unit: s
        queries:
          - expr: sum by (le) (rate(shop_request_duration_seconds_bucket[5m]))
`;

const LONG_ID = 'shop-checkout-and-payment-latency-and-errors';
const LONG_DASHBOARD_YAML = `kind: Dashboard
id: ${LONG_ID}
title: Checkout
rows:
  - title: Checkout
    panels:
      - title: Requests
        description: Requests per second.
        type: timeseries
        unit: reqps
        queries:
          - expr: sum(rate(shop_requests_total[5m]))
`;

const SHOP_FILES: Files = {
  'definitions/shop.yaml': SHOP_YAML,
  'definitions/shop-dashboard.yaml': SHOP_DASHBOARD_YAML,
  'definitions/checkout-dashboard.yaml': LONG_DASHBOARD_YAML,
};

/** Every file under out/grafana of the project at `root`, by path, as bytes. */
function grafanaOutput(root: string): Map<string, Buffer> {
  const out = path.join(root, 'out');
  return new Map(filesUnder(path.join(out, 'grafana')).map((full) => [path.relative(out, full).split(path.sep).join('/'), readFileSync(full)]));
}

// Built while the tests are collected, so that each of its dashboards gets a layout test.
const shopDir = makeProject(SHOP_FILES);
const shopBuild = await runCli(shopDir, ['build']);

const committed = dashboardsIn(REPO_ROOT);

/** The committed dashboards and the small project's, for the checks that hold for all of them. */
function everyDashboard(): DashboardFile[] {
  return [...committed.map((d) => ({ ...d, file: `(repo) ${d.file}` })), ...dashboardsIn(shopDir).map((d) => ({ ...d, file: `(project) ${d.file}` }))];
}

// ---------------------------------------------------------------------------------------------

describe('the derived Grafana dashboard schema', () => {
  it('is what scripts/gen-grafana-schema.mjs generates from @grafana/schema', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-grafana-schema-'));
    try {
      const out = path.join(dir, 'schema.json');
      execFileSync(process.execPath, [GENERATOR, '--out', out], { cwd: REPO_ROOT, stdio: 'pipe' });
      const regenerated = readFileSync(out, 'utf8');
      // A difference means @grafana/schema, the generator or the script changed: run `npm run grafana-schema`.
      expect(regenerated === readFileSync(SCHEMA_FILE, 'utf8'), 'schemas/grafana-dashboard.schema.json is stale; run npm run grafana-schema').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares draft-07, names its source and versions, and requires schemaVersion', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    const parsed = JSON.parse(text) as { $schema: string; $comment: string; description: string; $ref: string; definitions: Record<string, { required?: string[] }> };
    expect(parsed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(parsed.description).toContain('@grafana/schema 13.2.3');
    expect(parsed.description).toContain('ts-json-schema-generator 2.4.0');
    expect(parsed.$comment).toContain('Adjustment 1');
    expect(parsed.$ref).toBe('#/definitions/Dashboard');
    expect(parsed.definitions.Dashboard?.required).toContain('schemaVersion');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('rejects a dashboard whose gridPos.h is a string, and says where', () => {
    const [first] = committed;
    if (!first) throw new Error('no committed dashboard under out/grafana/dashboards');
    const dashboard = JSON.parse(first.text) as { panels: { type: string; gridPos: Record<string, unknown> }[] };
    const panel = dashboard.panels.findIndex((p) => p.type !== 'row');
    const target = dashboard.panels[panel];
    if (!target) throw new Error(`${first.file} has no panel outside a row`);
    target.gridPos.h = '8';
    expect(schemaErrors(dashboard)).toEqual([`/panels/${panel}/gridPos/h: must be number`]);
  });

  it('rejects a string schemaVersion and an unknown top-level key, e.g. a misspelt refresh', () => {
    const [first] = committed;
    if (!first) throw new Error('no committed dashboard under out/grafana/dashboards');
    const dashboard: Record<string, unknown> = { ...(JSON.parse(first.text) as object), refreshh: '1m', schemaVersion: '42' };
    expect(schemaErrors(dashboard)).toEqual(['/: must NOT have additional properties (refreshh)', '/schemaVersion: must be number']);
  });

  it('rejects an unknown key inside a panel of a collapsed row', () => {
    const shop = dashboardsIn(shopDir).find((d) => d.json.uid === 'monc-shop-overview');
    if (!shop) throw new Error('no monc-shop-overview dashboard');
    const dashboard = JSON.parse(shop.text) as { panels: { panels?: Record<string, unknown>[] }[] };
    const row = dashboard.panels.findIndex((p) => (p.panels ?? []).length > 0);
    const nested = dashboard.panels[row]?.panels?.[0];
    if (!nested) throw new Error('the shop dashboard has no collapsed row with panels');
    nested.gridPoss = nested.gridPos;
    expect(schemaErrors(dashboard)).toEqual([`/panels/${row}/panels/0: must NOT have additional properties (gridPoss)`]);
  });
});

describe('every committed dashboard', () => {
  it('is under out/grafana/dashboards/<folder>/<uid>.json', () => {
    expect(committed.length).toBeGreaterThan(0);
    for (const { file, json } of committed) expect(file).toMatch(new RegExp(`^grafana/dashboards/[^/]+/${json.uid}\\.json$`));
  });

  it.each(committed.map((d) => [d.file, d] as const))('%s validates against the derived Grafana schema', (_file, { json }) => {
    expect(schemaErrors(json)).toEqual([]);
  });
});

describe('the dashboards a project with a written dashboard builds', () => {
  it('builds without errors or warnings', () => {
    expect(shopBuild).toEqual({ code: 0, stdout: '', stderr: expect.stringMatching(/^monc: updated out\/: \d+ new, 0 changed, 0 removed, 0 unchanged\n$/) });
  });

  it('writes the written dashboards and validates them against the derived Grafana schema', () => {
    const built = dashboardsIn(shopDir);
    expect(built.map((d) => d.file)).toEqual(['grafana/dashboards/Shop/monc-shop-overview.json', expect.stringMatching(/^grafana\/dashboards\/monc\/monc-shop-checkout-[a-z0-9-]+\.json$/)]);
    for (const { file, json } of built) expect({ file, errors: schemaErrors(json) }).toEqual({ file, errors: [] });
  });

  it('has every panel type, every variable kind, a link, an annotation, a panel above the first row and a collapsed row', () => {
    const shop = dashboardsIn(shopDir).find((d) => d.json.uid === 'monc-shop-overview')?.json;
    if (!shop) throw new Error('no monc-shop-overview dashboard');
    const types = new Set(allPanels(shop).map(({ panel }) => panel.type));
    expect([...types].sort()).toEqual(['bargauge', 'gauge', 'heatmap', 'histogram', 'piechart', 'row', 'stat', 'state-timeline', 'table', 'text', 'timeseries']);
    expect(shop.panels[0]?.type).toBe('text');
    expect(shop.templating?.list?.map((v) => `${v.name}:${v.type}`)).toEqual(['datasource:datasource', 'job:query', 'code:custom', 'step:interval']);
    expect(shop.panels.filter((p) => p.type === 'row').map((p) => [p.title, p.collapsed, p.panels?.length])).toEqual([
      ['Traffic', false, 0],
      ['Details', true, 5],
    ]);
    expect(shop.schemaVersion).toBe(42);
  });

  it('shortens a long dashboard id to a uid of at most 40 characters', () => {
    const long = dashboardsIn(shopDir).find((d) => d.json.title === 'Checkout')?.json;
    expect(long?.uid.length).toBeLessThanOrEqual(40);
    expect(`monc-${LONG_ID}`.length).toBeGreaterThan(40);
  });
});

describe('dashboard layout', () => {
  it('reports overlaps, overflow, narrow rows, duplicate ids and refIds, and long uids', () => {
    const bad: DashboardJson = {
      uid: 'x'.repeat(41),
      title: 'bad',
      schemaVersion: 42,
      panels: [
        { id: 1, type: 'row', title: 'r', gridPos: { x: 0, y: 0, w: 12, h: 1 }, collapsed: true, panels: [{ id: 2, type: 'stat', title: 'in', gridPos: { x: 0, y: 1, w: 6, h: 4 } }] },
        { id: 2, type: 'stat', title: 'a', gridPos: { x: 20, y: 2, w: 6, h: 4 }, targets: [{ refId: 'A' }, { refId: 'A' }, {}] },
        { id: 3, type: 'stat', title: 'b', gridPos: { x: 4, y: 3, w: 6, h: 4 } },
      ],
    };
    expect(layoutProblems(bad)).toEqual([
      '/panels/0 "r" {"x":0,"y":0,"w":12,"h":1}: a row header is x 0, w 24, h 1',
      '/panels/1 "a" {"x":20,"y":2,"w":6,"h":4}: x+w = 26 > 24',
      '/panels/1 "a" {"x":20,"y":2,"w":6,"h":4}: refId A used twice',
      '/panels/1 "a" {"x":20,"y":2,"w":6,"h":4}: target 2 has no refId',
      '/panels/0/panels/0 "in" overlaps /panels/2 "b"',
      'panel id 2 used more than once',
      `uid ${'x'.repeat(41)} is 41 characters; Grafana allows 40`,
    ]);
  });

  it.each(everyDashboard().map((d) => [d.file, d] as const))('%s: no overlaps, x+w ≤ 24, full-width rows, unique panel ids and refIds, uid ≤ 40 characters', (_file, { json }) => {
    expect(layoutProblems(json)).toEqual([]);
  });
});

describe('Grafana output of a small project', () => {
  it('is byte-identical when the project is built twice, in two folders', async () => {
    const again = makeProject(Object.fromEntries(Object.entries(SHOP_FILES).reverse()));
    expect((await runCli(again, ['build'])).code).toBe(0);
    const first = grafanaOutput(shopDir);
    const second = grafanaOutput(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect({ file, same: second.get(file)?.equals(bytes) }).toEqual({ file, same: true });
  });

  it('changes nothing when built again in the same folder', async () => {
    const before = grafanaOutput(shopDir);
    const rebuild = await runCli(shopDir, ['build']);
    expect(rebuild.code).toBe(0);
    expect(grafanaOutput(shopDir)).toEqual(before);
  });

  it('writes the dashboard and datasource provisioning files', () => {
    const files = [...grafanaOutput(shopDir).keys()];
    expect(files).toContain('grafana/provisioning/dashboards/monc.yml');
    expect(files).toContain('grafana/provisioning/datasources/prometheus.yml');
    expect(readFileSync(path.join(shopDir, 'out/grafana/provisioning/dashboards/monc.yml'), 'utf8')).toContain('foldersFromFilesStructure: true');
    expect(readFileSync(path.join(shopDir, 'out/grafana/provisioning/datasources/prometheus.yml'), 'utf8')).toMatch(/type: prometheus\n\s+uid: prometheus\n/);
  });

  it('points every panel, target and annotation at the ${datasource} variable, a Prometheus datasource picker', () => {
    for (const { file, json } of dashboardsIn(shopDir)) {
      const variable = json.templating?.list?.find((v) => v.name === 'datasource');
      expect({ file, variable: variable && { type: variable.type, query: variable.query } }).toEqual({ file, variable: { type: 'datasource', query: 'prometheus' } });
      const refs: { where: string; ref: Ref | undefined }[] = [];
      for (const { panel, where } of allPanels(json)) {
        // A text panel runs no queries, so it names no datasource.
        if (panel.type === 'row' || panel.type === 'text') continue;
        refs.push({ where, ref: panel.datasource });
        (panel.targets ?? []).forEach((target, i) => {
          refs.push({ where: `${where}/targets/${i}`, ref: target.datasource });
        });
      }
      (json.annotations?.list ?? []).forEach((annotation, i) => {
        refs.push({ where: `/annotations/list/${i}`, ref: annotation.datasource });
      });
      expect(refs.length).toBeGreaterThan(0);
      for (const { where, ref } of refs) expect({ file, where, ref }).toEqual({ file, where, ref: { type: 'prometheus', uid: '${datasource}' } });
    }
  });

  it('points every panel and target of the committed dashboards at ${datasource} too', () => {
    for (const { file, json } of committed) {
      for (const { panel, where } of allPanels(json)) {
        if (panel.type === 'row') continue;
        expect({ file, where, ref: panel.datasource }).toEqual({ file, where, ref: { type: 'prometheus', uid: '${datasource}' } });
        for (const target of panel.targets ?? []) expect({ file, where, ref: target.datasource }).toEqual({ file, where, ref: { type: 'prometheus', uid: '${datasource}' } });
      }
    }
  });
});
