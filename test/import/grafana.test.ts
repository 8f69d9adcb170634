/** The Grafana importer: how each part of a dashboard's JSON becomes a monc dashboard, and what it reports where. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { GridPos } from '../../src/emit/grafana/types.ts';
import type { ImportInput } from '../../src/import/import.ts';
import { isDefault } from '../../src/import/importers/grafana-defaults.ts';
import { legacyGrid, shownLayout, type GridItem } from '../../src/import/importers/grafana-layout.ts';
import { at } from '../helpers/fragments.ts';
import { importFiles } from '../helpers/import.ts';
import { compileFiles } from '../helpers/lint.ts';
import { makeProject, readProjectFile, REPO_ROOT, runCli } from '../helpers/project.ts';

const FILE = 'dashboard.json';
type Json = Record<string, unknown>;

function importJson(json: unknown, options: Partial<ImportInput> = {}) {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const { output, diagnostics } = importFiles('grafana', { [FILE]: text }, options);
  const dashboards = output.files.filter((f) => f.summary.startsWith('dashboard ')).map((f) => parse(f.text) as Json);
  const losses = diagnostics.filter((d) => d.check !== 'import/guess');
  return {
    text,
    output,
    dashboard: dashboards[0],
    dashboards,
    /** Every finding but the guesses (metrics, the uid): `check@file:line:column`. */
    findings: losses.map((d) => `${d.check}@${d.file}:${d.line}:${d.column}`),
    messages: losses.map((d) => d.message),
    guesses: diagnostics.filter((d) => d.check === 'import/guess').map((d) => d.message),
  };
}

const query = (expr: string, extra: Json = {}): Json => ({ refId: 'A', expr, ...extra });
const PROMETHEUS = { type: 'prometheus', uid: '${datasource}' };
const QUERY = 'sum by (code) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))';

/** A panel of `type` with one query, at a grid position. */
function panel(title: string, fields: Json = {}, gridPos: GridPos = { x: 0, y: 0, w: 12, h: 8 }): Json {
  return { type: 'timeseries', title, datasource: PROMETHEUS, gridPos, targets: [query(QUERY)], ...fields };
}

const JOB = { type: 'query', name: 'job', datasource: PROMETHEUS, query: 'label_values(http_requests_total, job)' };
const DATASOURCE = { type: 'datasource', name: 'datasource', query: 'prometheus' };

/** A dashboard with the $datasource and $job variables and the given panels. */
function dashboard(panels: readonly Json[], fields: Json = {}): Json {
  return { title: 'Shop', uid: 'shop', schemaVersion: 39, templating: { list: [DATASOURCE, JOB] }, panels, ...fields };
}

/** `check@file:line:column` of the value of the nth `"key":` in the JSON text. */
function atValue(check: string, text: string, key: string, nth = 1): string {
  const [name, line, column] = at(check, FILE, text, `"${key}": `, nth).split(':');
  return `${name}:${line}:${Number(column) + key.length + 4}`;
}

/** Where a loss at the value of the first `"key":` is. */
const valueAt = (key: string) => (text: string) => atValue('import/loss', text, key);

const panelsOf = (d: Json | undefined) => (d?.['panels'] ?? []) as Json[];
const rowsOf = (d: Json | undefined) => (d?.['rows'] ?? []) as { title: string; collapsed?: boolean; panels: Json[] }[];

describe('monc import grafana: the dashboard', () => {
  it('imports title, description, tags, time, refresh and the folder of an API export, and leaves out the defaults', () => {
    const exported = { dashboard: dashboard([panel('Requests')], { description: 'The shop.', tags: ['shop', 'web'], time: { from: 'now-6h', to: 'now' }, refresh: '30s' }), meta: { folderTitle: 'Payments' } };
    const { dashboard: imported, findings } = importJson(exported);
    expect(imported).toMatchObject({ kind: 'Dashboard', id: 'shop', title: 'Shop', description: 'The shop.', folder: 'Payments', tags: ['shop', 'web'], time: { from: 'now-6h', to: 'now' }, refresh: '30s' });
    expect(findings).toEqual([]);
    const defaults = importJson(dashboard([panel('Requests')], { time: { from: 'now-1h', to: 'now' }, refresh: '1m' })).dashboard;
    expect(Object.keys(defaults ?? {})).toEqual(['kind', 'id', 'title', 'variables', 'panels']);
  });

  it.each([
    ['auto-refresh off, at its value', { refresh: '' }, (text: string) => atValue('import/loss', text, 'refresh'), 'the auto-refresh is not imported (off)'],
    ["a time zone other than the browser's, at its key", { timezone: 'utc' }, (text: string) => at('import/loss', FILE, text, '"timezone"'), 'the time zone is not imported (utc)'],
    ['a shared crosshair, at its key', { graphTooltip: 1 }, (text: string) => at('import/loss', FILE, text, '"graphTooltip"'), 'the shared crosshair or tooltip (graphTooltip) is not imported'],
    ['a hidden time picker, at its key', { timepicker: { hidden: true } }, (text: string) => at('import/loss', FILE, text, '"timepicker"'), 'the hidden time picker is not imported'],
    ['a setting monc does not know, at its key', { weekStart: 'monday' }, (text: string) => at('import/loss', FILE, text, '"weekStart"'), 'the first day of the week (weekStart) is not imported'],
  ])('reports %s', (_name, fields, where, message) => {
    const { text, findings, messages } = importJson(dashboard([panel('Requests')], fields));
    expect(findings).toEqual([where(text)]);
    expect(messages[0]).toContain(message);
  });

  it('takes the id from a uid made of words, and from the title when the uid is generated', () => {
    const ids = (uid: string) => importJson(dashboard([panel('Requests')], { title: 'Shop Checkout', uid })).output.files[0]?.path;
    expect([ids('shop-checkout-eu'), ids('k8s_shop'), ids('monc-shop'), ids('09ec8aa1e996d6ff'), ids('rYdddlPWk'), ids('shop')]).toEqual([
      'definitions/shop-checkout-eu.yaml',
      'definitions/k8s-shop.yaml',
      'definitions/shop.yaml',
      'definitions/shop-checkout.yaml',
      'definitions/shop-checkout.yaml',
      'definitions/shop-checkout.yaml',
    ]);
  });

  it('says the Grafana uid changes, at the uid, and derives the id from the title', () => {
    const { text, output, guesses } = importJson(dashboard([panel('Requests')], { title: 'Shop / Checkout (EU)', uid: 'x9Kf3' }));
    expect(output.files.map((f) => f.path)).toContain('definitions/shop-checkout-eu.yaml');
    expect(guesses).toContain('the dashboard\'s uid "x9Kf3" becomes "monc-shop-checkout-eu" (monc derives uids from ids): links and bookmarks to /d/x9Kf3 need the new one');
    expect(output.findings.find((f) => f.message.startsWith("the dashboard's uid"))?.at.start).toBe(text.indexOf('"x9Kf3"'));
  });

  it('gives each dashboard a free id and file: not one the definitions have, nor a file in the folder', () => {
    const { output } = importJson([dashboard([panel('A')]), dashboard([panel('B')])], {
      existing: { services: new Set(), alerts: new Set(), recordings: new Set(), known: () => undefined, dashboards: new Set(['shop']) },
      taken: new Set(['shop-2.yaml']),
    });
    expect(output.files.slice(0, 2).map((f) => [f.path, f.summary])).toEqual([
      ['definitions/shop-3.yaml', 'dashboard shop-3: 1 panel in 0 rows, 1 variable'],
      ['definitions/shop-4.yaml', 'dashboard shop-4: 1 panel in 0 rows, 1 variable'],
    ]);
  });

  it('reads a list of dashboards and API exports, and reports an item of the list that is no dashboard', () => {
    const list = [dashboard([panel('A')], { title: 'One' }), { dashboard: dashboard([panel('B')], { title: 'Two' }), meta: {} }, { name: 'not a dashboard' }];
    const { text, dashboards, findings } = importJson(list);
    expect(dashboards.map((d) => d['title'])).toEqual(['One', 'Two']);
    expect(findings).toEqual([at('import/unsupported', FILE, text, '{\n    "name"')]);
  });

  it('writes the dashboard schema modeline, the source file, the keys in the documented order and where each part came from', () => {
    const { text, output } = importJson(dashboard([panel('Requests', { description: 'Requests per second.', fieldConfig: { defaults: { unit: 'reqps' } } })]));
    const written = output.files.find((f) => f.path === 'definitions/shop.yaml')?.text ?? '';
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(written).toBe(
      [
        '# yaml-language-server: $schema=../schemas/dashboard.schema.json',
        '#',
        '# Imported by monc import from dashboard.json.',
        'kind: Dashboard',
        'id: shop',
        'title: Shop',
        'variables:',
        `  # from dashboard.json:${line('"type": "query"') - 1}`,
        '  - name: job',
        '    kind: query',
        '    query: label_values(http_requests_total, job)',
        'panels:',
        `  # from dashboard.json:${line('"type": "timeseries"') - 1}`,
        '  - title: Requests',
        '    description: Requests per second.',
        '    type: timeseries',
        '    unit: reqps',
        '    queries:',
        `      - expr: ${QUERY}`,
        '',
      ].join('\n'),
    );
  });
});

describe('monc import grafana: variables, links and annotations', () => {
  it.each([
    ['a query variable, its query an object', { type: 'query', name: 'pod', label: 'Pod', datasource: PROMETHEUS, query: { query: 'label_values(up, pod)', refId: 'V' }, multi: true, includeAll: true }, { name: 'pod', label: 'Pod', kind: 'query', query: 'label_values(up, pod)', multi: true, includeAll: true }],
    ['a custom variable, an escaped comma kept in its value', { type: 'custom', name: 'env', query: 'prod, staging,a\\,b' }, { name: 'env', kind: 'custom', values: ['prod', 'staging', 'a\\,b'] }],
    ['an interval variable', { type: 'interval', name: 'step', query: '1m,5m,1h' }, { name: 'step', kind: 'interval', values: ['1m', '5m', '1h'] }],
  ])('imports %s', (_name, variable, expected) => {
    const { dashboard: imported, findings } = importJson(dashboard([panel('Requests')], { templating: { list: [DATASOURCE, variable] } }));
    expect(imported?.['variables']).toEqual([expected]);
    expect(findings).toEqual([]);
  });

  const variableAt = (type: string) => (text: string) => at('import/loss', FILE, text, `{\n        "type": "${type}"`);
  it.each([
    ['a constant, as a custom variable of one value', { type: 'constant', name: 'env', query: 'prod', hide: 2 }, variableAt('constant'), [{ name: 'env', kind: 'custom', values: ['prod'] }]],
    ['a text box, as a custom variable of its value', { type: 'textbox', name: 'filter', query: 'api' }, variableAt('textbox'), [{ name: 'filter', kind: 'custom', values: ['api'] }]],
    ['an ad hoc filter, not at all', { type: 'adhoc', name: 'filters', datasource: PROMETHEUS }, variableAt('adhoc'), []],
    ['a query variable of another datasource, not at all', { type: 'query', name: 'app', datasource: { type: 'loki', uid: 'logs' }, query: 'label_values(app)' }, variableAt('query'), []],
    ['the regex of a query variable, at the regex', { ...JOB, name: 'svc', regex: '/api-.*/' }, valueAt('regex'), [{ name: 'svc', kind: 'query', query: JOB.query }]],
    ['the custom All value, at it', { ...JOB, name: 'svc', includeAll: true, allValue: '.*' }, valueAt('allValue'), [{ name: 'svc', kind: 'query', query: JOB.query, includeAll: true }]],
    ['hiding a variable, at hide', { ...JOB, name: 'svc', hide: 2 }, valueAt('hide'), [{ name: 'svc', kind: 'query', query: JOB.query }]],
    ['the auto option of an interval variable, at auto', { type: 'interval', name: 'step', query: '1m,5m', auto: true }, valueAt('auto'), [{ name: 'step', kind: 'interval', values: ['1m', '5m'] }]],
  ])('imports %s, with a loss', (_name, variable, where, expected) => {
    const { text, dashboard: imported, findings } = importJson(dashboard([panel('Requests')], { templating: { list: [DATASOURCE, variable] } }));
    expect(imported?.['variables']).toEqual(expected.length > 0 ? expected : undefined);
    expect(findings).toEqual([where(text)]);
  });

  it('imports a link to a URL, and reports a dashboard list link, a relative URL and a link that carries the variables', () => {
    const links = [
      { title: 'Runbook', type: 'link', url: 'https://runbooks.example/shop' },
      { title: 'Related', type: 'dashboards', tags: ['shop'] },
      { title: 'Relative', type: 'link', url: 'other/page' },
      { title: 'With vars', type: 'link', url: '/d/other', includeVars: true },
    ];
    const { text, dashboard: imported, findings } = importJson(dashboard([panel('Requests')], { links }));
    expect(imported?.['links']).toEqual([
      { title: 'Runbook', url: 'https://runbooks.example/shop' },
      { title: 'With vars', url: '/d/other' },
    ]);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n      "title": "Related"'), at('import/loss', FILE, text, '{\n      "title": "Relative"'), at('import/loss', FILE, text, '{\n      "title": "With vars"')]);
  });

  it("imports PromQL annotations, leaves Grafana's own out silently and reports another datasource's", () => {
    const list = [
      { builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, name: 'Annotations & Alerts', type: 'dashboard' },
      { datasource: PROMETHEUS, enable: true, expr: 'changes(process_start_time_seconds{job="shop"}[5m]) > 0', iconColor: 'red', name: 'Restarts' },
      { datasource: { type: 'loki', uid: 'logs' }, enable: true, expr: '{app="shop"} |= "deploy"', name: 'Deploys' },
      { datasource: PROMETHEUS, enable: false, expr: 'up == 0', name: 'Down' },
    ];
    const { text, dashboard: imported, findings } = importJson(dashboard([panel('Requests')], { annotations: { list } }));
    expect(imported?.['annotations']).toEqual([
      { name: 'Restarts', expr: 'changes(process_start_time_seconds{job="shop"}[5m]) > 0', color: 'red' },
      { name: 'Down', expr: 'up == 0' },
    ]);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n        "datasource": {\n          "type": "loki"'), at('import/loss', FILE, text, 'false')]);
  });
});

describe('monc import grafana: panels', () => {
  it('imports type, title, description, unit, decimals, min, max, thresholds drawn as dashed lines and the queries exactly', () => {
    const source = panel('Latency', {
      description: 'p99 latency.',
      fieldConfig: {
        defaults: {
          unit: 's',
          decimals: 2,
          min: 0,
          max: 5,
          thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] },
          custom: { thresholdsStyle: { mode: 'dashed' } },
        },
        overrides: [],
      },
      targets: [query(QUERY, { legendFormat: '{{code}}', range: true, instant: false, editorMode: 'code', interval: '' }), query('sum(up)', { refId: 'B', legendFormat: '__auto' })],
    });
    const { dashboard: imported, findings } = importJson(dashboard([source]));
    expect(panelsOf(imported)).toEqual([
      {
        title: 'Latency',
        description: 'p99 latency.',
        type: 'timeseries',
        unit: 's',
        decimals: 2,
        min: 0,
        max: 5,
        thresholds: [{ value: 1, color: 'red' }],
        queries: [{ expr: QUERY, legend: '{{code}}' }, { expr: 'sum(up)' }],
      },
    ]);
    expect(findings).toEqual([]);
  });

  it.each([
    ['A time series whose thresholds are not drawn loses nothing by leaving them out.', panel('A', { fieldConfig: { defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] } } } }), { type: 'timeseries', queries: [{ expr: QUERY }] }],
    ['A stat panel running a range query says so, as monc runs instant queries for it.', panel('A', { type: 'stat' }), { type: 'stat', width: 12, height: 8, queries: [{ expr: QUERY, instant: false }] }],
    ['A table running an instant query in the table format needs nothing said.', panel('A', { type: 'table', targets: [query(QUERY, { instant: true, format: 'table' })] }), { type: 'table', queries: [{ expr: QUERY }] }],
    ['A pie chart keeps its type.', panel('A', { type: 'piechart' }), { type: 'piechart', width: 12, queries: [{ expr: QUERY }] }],
    ['A state timeline keeps its type.', panel('A', { type: 'state-timeline' }), { type: 'state-timeline', queries: [{ expr: QUERY }] }],
    ['A histogram keeps its type.', panel('A', { type: 'histogram' }), { type: 'histogram', queries: [{ expr: QUERY }] }],
  ])('%s', (_name, source, expected) => {
    const { dashboard: imported, findings } = importJson(dashboard([source]));
    expect(panelsOf(imported)).toEqual([{ title: 'A', ...expected }]);
    expect(findings).toEqual([]);
  });

  it('imports a text panel with its content and mode, and reports a code panel', () => {
    const html = { type: 'text', gridPos: { x: 0, y: 0, w: 24, h: 2 }, options: { mode: 'html', content: '<b>Shop</b>' } };
    const code = { type: 'text', title: 'Config', gridPos: { x: 0, y: 2, w: 24, h: 4 }, options: { mode: 'code', content: 'a: 1', code: { language: 'yaml' } } };
    const { text, dashboard: imported, findings } = importJson(dashboard([html, code]));
    expect(panelsOf(imported)).toEqual([
      { type: 'text', width: 24, height: 2, content: '<b>Shop</b>', mode: 'html' },
      { title: 'Config', type: 'text', width: 24, height: 4, content: 'a: 1' },
    ]);
    expect(findings).toEqual([atValue('import/loss', text, 'mode', 2), atValue('import/loss', text, 'language')]);
  });

  it.each([
    [
      'a graph panel as the timeseries panel Grafana migrates it to, its unit, decimals and limits from its left axis',
      { type: 'graph', yaxes: [{ format: 'bytes', decimals: 1, min: '0', max: null, logBase: 1, show: true }, { format: 'short', show: true }], lines: true, fill: 1 },
      { type: 'timeseries', unit: 'bytes', decimals: 1, min: 0 },
      ['"graph"'],
    ],
    [
      'a singlestat panel as a stat panel, its thresholds from the comma list, saying what it showed',
      { type: 'singlestat', format: 'percentunit', valueName: 'avg', thresholds: '0.9,0.99', colors: ['green', 'orange', 'red'] },
      { type: 'stat', unit: 'percentunit', thresholds: [{ value: 0.9, color: 'orange' }, { value: 0.99, color: 'red' }], queries: [{ expr: QUERY, instant: false }] },
      ['"singlestat"'],
    ],
    [
      'a singlestat drawn as a gauge as a gauge panel, its limits from the gauge',
      { type: 'singlestat', format: 'percent', valueName: 'current', gauge: { show: true, minValue: 0, maxValue: 100 } },
      { type: 'gauge', unit: 'percent', min: 0, max: 100, queries: [{ expr: QUERY, instant: false }] },
      ['"singlestat"'],
    ],
  ])('imports %s, with a loss at its type', (_name, fields, expected, needles) => {
    const { text, dashboard: imported, findings } = importJson(dashboard([panel('Old', fields)]));
    expect(panelsOf(imported)[0]).toMatchObject({ title: 'Old', ...expected });
    expect(findings).toEqual(needles.map((needle) => at('import/loss', FILE, text, needle)));
  });

  it("says which calculation a migrated singlestat showed when the stat panel shows another", () => {
    const { messages } = importJson(dashboard([panel('Old', { type: 'singlestat', valueName: 'max' })]));
    expect(messages).toEqual(['panel "Old" is a singlestat panel, which Grafana 7 replaced: it is imported as the stat panel Grafana migrates it to; it showed the max of each series, the stat panel shows the last value']);
  });

  it.each([
    ['a panel type monc has not', { type: 'news', targets: [] }, 'monc\'s dashboards have no news panels'],
    ['a library panel', { libraryPanel: { uid: 'lib1', name: 'Shared' }, targets: [] }, "it is a library panel, whose definition is in Grafana's library, not in the dashboard"],
    ['a panel of Loki queries only', { datasource: { type: 'loki', uid: 'logs' }, targets: [query('{app="shop"}')] }, 'none of its queries is a Prometheus query monc can import'],
  ])('keeps %s as a text panel in its place, with one loss at the panel', (_name, fields, reason) => {
    const { text, dashboard: imported, findings, messages } = importJson(dashboard([panel('Odd', fields, { x: 0, y: 0, w: 8, h: 4 }), panel('Next', {}, { x: 8, y: 0, w: 12, h: 8 })]));
    expect(panelsOf(imported).map((p) => [p['title'], p['type'], p['width'], p['height']])).toEqual([
      ['Odd', 'text', 8, 4],
      ['Next', 'timeseries', undefined, undefined],
    ]);
    expect(panelsOf(imported)[0]?.['content']).toContain(reason);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n      "type"')]);
    expect(messages).toEqual([`panel "Odd" is not imported: ${reason}; a text panel holds its place`]);
  });

  it('leaves out the hidden queries and the queries of another datasource of a mixed panel, each with a loss at the query', () => {
    const targets = [query(QUERY), query('sum(up)', { refId: 'B', hide: true }), query('{app="shop"}', { refId: 'C', datasource: { type: 'loki', uid: 'logs' } }), query('', { refId: 'D' })];
    const { text, dashboard: imported, findings, messages } = importJson(dashboard([panel('Mixed', { datasource: { type: 'datasource', uid: '-- Mixed --' }, targets })]));
    expect(panelsOf(imported)[0]?.['queries']).toEqual([{ expr: QUERY }]);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n          "refId": "B"'), at('import/loss', FILE, text, '{\n          "refId": "C"')]);
    expect(messages).toEqual(['panel "Mixed": query B is not imported (hidden): monc draws every query of a panel', 'panel "Mixed": query C is not imported (loki): monc\'s queries are Prometheus queries']);
  });

  const keyAt = (key: string) => (text: string) => at('import/loss', FILE, text, `"${key}"`);
  it.each([
    ['transformations, at their key', { transformations: [{ id: 'merge', options: {} }] }, keyAt('transformations')],
    ['field overrides, at their value', { fieldConfig: { defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'x' }, properties: [] }] } }, valueAt('overrides')],
    ['a repeat, at its key', { repeat: 'job', repeatDirection: 'h' }, keyAt('repeat')],
    ['panel links, at their key', { links: [{ title: 'Docs', url: 'https://docs.example' }] }, keyAt('links')],
    ['its own time range, at its key', { timeFrom: '24h' }, keyAt('timeFrom')],
    ['value mappings, at their key', { fieldConfig: { defaults: { mappings: [{ type: 'value', options: { '0': { text: 'down' } } }] } } }, keyAt('mappings')],
    ['percentage thresholds, at the mode', { type: 'stat', fieldConfig: { defaults: { thresholds: { mode: 'percentage', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] } } } }, valueAt('mode')],
    ['a base color other than green, at the color', { type: 'stat', fieldConfig: { defaults: { thresholds: { mode: 'absolute', steps: [{ color: 'blue', value: null }] } } } }, valueAt('color')],
    ['a query interval, at its value', { targets: [query(QUERY, { interval: '1m' })] }, valueAt('interval')],
    ['a query resolution, at its value', { targets: [query(QUERY, { intervalFactor: 2 })] }, valueAt('intervalFactor')],
    ['exemplars, at their value', { targets: [query(QUERY, { exemplar: true })] }, valueAt('exemplar')],
    ['a query format other than the panel type asks for, at the format', { targets: [query(QUERY, { format: 'table' })] }, valueAt('format')],
    ['a query run as both instant and range, at range', { targets: [query(QUERY, { instant: true, range: true })] }, valueAt('range')],
    ["display settings other than Grafana's defaults, once, at the first", { options: { legend: { showLegend: true, displayMode: 'table', placement: 'right', calcs: [] }, tooltip: { mode: 'multi' } }, fieldConfig: { defaults: { custom: { fillOpacity: 10, lineWidth: 1 } } } }, valueAt('displayMode')],
  ])('reports %s', (_name, fields, where) => {
    const { text, dashboard: imported, findings } = importJson(dashboard([panel('Requests', fields)]));
    expect(panelsOf(imported)[0]).toMatchObject({ title: 'Requests', queries: [{ expr: QUERY }] });
    expect(findings).toEqual([where(text)]);
  });

  it("says nothing of display settings the rebuilt panel has too: Grafana's defaults, as an export writes them out", () => {
    const defaults = {
      options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] }, tooltip: { mode: 'single', hideZeros: false } },
      fieldConfig: { defaults: { color: { mode: 'palette-classic' }, custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 0, showPoints: 'auto', stacking: { mode: 'none', group: 'A' }, hideFrom: { legend: false, tooltip: false, viz: false } }, mappings: [] }, overrides: [] },
      pluginVersion: '11.0.0',
      id: 7,
    };
    expect(importJson(dashboard([panel('Requests', defaults)])).findings).toEqual([]);
  });

  it("reports an unsorted tooltip, Grafana's default, since monc sorts it ascending", () => {
    const { messages } = importJson(dashboard([panel('Requests', { options: { tooltip: { mode: 'single', sort: 'none' } } })]));
    expect(messages).toEqual(['panel "Requests": its display settings are not imported (tooltip.sort "none"); monc draws it with Grafana\'s defaults']);
  });

  it('names the display settings that differ, at most five', () => {
    const { messages } = importJson(dashboard([panel('Requests', { options: { legend: { displayMode: 'table', placement: 'right', calcs: ['max'] }, tooltip: { mode: 'multi', sort: 'desc' } }, fieldConfig: { defaults: { custom: { fillOpacity: 10 } } } })]));
    expect(messages).toEqual([
      'panel "Requests": its display settings are not imported (legend.displayMode "table", legend.placement "right", legend.calcs ["max"], tooltip.mode "multi", tooltip.sort "desc" and 1 more); monc draws it with Grafana\'s defaults',
    ]);
  });
});

describe('monc import grafana: datasources', () => {
  it("takes ${DS_PROMETHEUS} inputs, the datasource variable and a fixed uid alone for monc's $datasource, without a finding", () => {
    const inputs = { __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }] };
    for (const datasource of ['${DS_PROMETHEUS}', { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' }, '$datasource', null]) {
      const { dashboard: imported, findings } = importJson(dashboard([panel('A', { datasource }), panel('B', { datasource }, { x: 12, y: 0, w: 12, h: 8 })], inputs));
      expect(panelsOf(imported).map((p) => p['queries'])).toEqual([[{ expr: QUERY }], [{ expr: QUERY }]]);
      expect(findings).toEqual([]);
    }
  });

  it('reports a dashboard that reads two Prometheus datasources, at the first use of the second', () => {
    const { text, findings, messages } = importJson(dashboard([panel('A'), panel('B', { datasource: { type: 'prometheus', uid: 'thanos' } }, { x: 12, y: 0, w: 12, h: 8 })]));
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n        "type": "prometheus",\n        "uid": "thanos"')]);
    expect(messages).toEqual(["this dashboard queries 2 Prometheus datasources ($datasource, thanos); every query of a monc dashboard reads the one $datasource picks"]);
  });
});

describe('monc import grafana: JSON as Grafana reads it', () => {
  it('imports a key repeated in one object with its last value, as Grafana does, and says so at the earlier one', () => {
    const text = '{"title": "Shop", "schemaVersion": 39, "panels": [\n  {"type": "stat", "title": "first", "title": "Requests", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 4}, "targets": [{"refId": "A", "expr": "up"}]}\n]}\n';
    const { output, diagnostics } = importFiles('grafana', { [FILE]: text });
    const imported = parse(output.files.find((f) => f.summary.startsWith('dashboard '))?.text ?? '') as Json;
    expect(panelsOf(imported).map((p) => p['title'])).toEqual(['Requests']);
    expect(diagnostics.filter((d) => d.message.includes('repeated')).map((d) => [d.check, `${d.line}:${d.column}`, d.message])).toEqual([
      ['import/guess', `2:${(text.split('\n')[1] ?? '').indexOf('"title"') + 1}`, 'the key "title" is repeated in this object; Grafana, like any JSON reader, keeps the last value, and so does the import'],
    ]);
  });
});

describe('monc import grafana: the layout', () => {
  it('places a panel whose gridPos, or a part of it, is not numbers as Grafana places one without, and says so at the value', () => {
    const items = [panel('Wide', { gridPos: 'wide' }), panel('Listed', { gridPos: [0, 0, 12, 8] }), panel('Text width', { gridPos: { x: 0, y: 20, w: '12', h: 8 } })];
    const { dashboard: imported, guesses } = importJson(dashboard(items));
    expect(panelsOf(imported).map((p) => p['title'])).toEqual(['Wide', 'Listed', 'Text width']);
    expect(guesses.filter((g) => g.startsWith('gridPos'))).toEqual([
      'gridPos is "wide", not an object of x, y, w and h: the panel is imported where Grafana puts a panel without one, 6 columns by 3 lines at the top',
      'gridPos is an array, not an object of x, y, w and h: the panel is imported where Grafana puts a panel without one, 6 columns by 3 lines at the top',
      'gridPos.w is "12", not a number: it is imported as 6, Grafana\'s default',
    ]);
  });

  it('puts the panels above the first row under panels, and each row with its own, collapsed ones included; a row without panels is a loss', () => {
    const items = [
      panel('Top', {}, { x: 0, y: 0, w: 24, h: 4 }),
      { type: 'row', title: 'Traffic', collapsed: false, gridPos: { x: 0, y: 4, w: 24, h: 1 }, panels: [] },
      panel('Requests', {}, { x: 0, y: 5, w: 12, h: 8 }),
      { type: 'row', title: 'Details', collapsed: true, gridPos: { x: 0, y: 13, w: 24, h: 1 }, panels: [panel('Inside', {}, { x: 0, y: 14, w: 12, h: 8 })] },
      { type: 'row', title: '', collapsed: false, gridPos: { x: 0, y: 14, w: 24, h: 1 }, panels: [] },
    ];
    const { dashboard: imported, findings, messages, text } = importJson(dashboard(items));
    expect(panelsOf(imported).map((p) => [p['title'], p['width'], p['height']])).toEqual([['Top', 24, 4]]);
    expect(rowsOf(imported).map((r) => [r.title, r.collapsed, r.panels.map((p) => p['title'])])).toEqual([
      ['Traffic', undefined, ['Requests']],
      ['Details', true, ['Inside']],
    ]);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n      "type": "row",\n      "title": "",')]);
    expect(messages).toEqual(['row "" has no panels, and a monc row holds at least one: it is not imported']);
  });

  it("imports a panel that follows a collapsed row outside its panels into that row, after the row's own, and says so", () => {
    const items = [
      { type: 'row', title: 'Details', collapsed: true, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [panel('Inside', {}, { x: 0, y: 1, w: 12, h: 8 })] },
      panel('Below', {}, { x: 0, y: 1, w: 12, h: 4 }),
    ];
    const { dashboard: imported, findings, guesses, text } = importJson(dashboard(items));
    expect(rowsOf(imported).map((r) => [r.title, r.collapsed, r.panels.map((p) => p['title'])])).toEqual([['Details', true, ['Inside', 'Below']]]);
    expect(findings).toEqual([]);
    expect(guesses.filter((g) => g.includes('collapsed row'))).toEqual([
      'panel "Below" follows the collapsed row "Details" outside its panels: Grafana shows it under the row\'s header and folds it into the row when the row is collapsed again; it is imported into the row, after the row\'s own panels',
    ]);
    expect(text).toContain('"title": "Below"');
  });

  it('writes x and y only where the flow would not place a panel where Grafana shows it', () => {
    const items = [panel('Tall', {}, { x: 0, y: 0, w: 12, h: 16 }), panel('Right', {}, { x: 12, y: 0, w: 12, h: 8 }), panel('Below right', {}, { x: 12, y: 8, w: 12, h: 8 }), panel('Next line', {}, { x: 0, y: 16, w: 24, h: 8 })];
    const { dashboard: imported } = importJson(dashboard(items));
    expect(panelsOf(imported).map((p) => [p['title'], p['x'], p['y'], p['width'], p['height']])).toEqual([
      ['Tall', undefined, undefined, undefined, 16],
      ['Right', undefined, undefined, undefined, undefined],
      ['Below right', 12, 8, undefined, undefined],
      ['Next line', undefined, undefined, 24, undefined],
    ]);
  });

  it("places the panels where Grafana shows them: in order of place, gaps closed, a collapsed row's panels by their offsets", async () => {
    const items = [
      panel('Second', {}, { x: 12, y: 3, w: 12, h: 8 }),
      panel('First', {}, { x: 0, y: 2, w: 12, h: 8 }),
      { type: 'row', title: 'Old', collapsed: true, gridPos: { x: 0, y: 30, w: 24, h: 1 }, panels: [panel('Stale', {}, { x: 0, y: 51, w: 24, h: 6 }), panel('Staler', {}, { x: 0, y: 57.2, w: 24, h: 6 })] },
    ];
    const { dashboard: imported, output } = importJson(dashboard(items));
    expect(panelsOf(imported).map((p) => p['title'])).toEqual(['First', 'Second']);
    const built = (await compileFiles(Object.fromEntries(output.files.map((f) => [f.path, f.text])))).artifacts.find((a) => a.path.endsWith('/monc-shop.json'));
    const json = JSON.parse(built?.content ?? '{}') as { panels: { title: string; gridPos: GridPos; panels?: { title: string; gridPos: GridPos }[] }[] };
    const place = ({ title, gridPos }: { title: string; gridPos: GridPos }) => `${title} ${gridPos.x},${gridPos.y} ${gridPos.w}x${gridPos.h}`;
    expect(json.panels.flatMap((p) => [place(p), ...(p.panels ?? []).map(place)])).toEqual(['First 0,0 12x8', 'Second 12,0 12x8', 'Old 0,8 24x1', 'Stale 0,9 24x6', 'Staler 0,15 24x6']);
  });

  it('reports a row header that is not a full-width line, at its grid position', () => {
    const items = [{ type: 'row', title: 'Narrow', collapsed: false, gridPos: { x: 0, y: 0, w: 8, h: 2 }, panels: [] }, panel('Requests', {}, { x: 8, y: 0, w: 16, h: 8 })];
    const { text, dashboard: imported, findings } = importJson(dashboard(items));
    expect(rowsOf(imported).map((r) => r.panels.map((p) => p['title']))).toEqual([['Requests']]);
    expect(findings).toEqual([at('import/loss', FILE, text, '{\n        "x": 0,\n        "y": 0,\n        "w": 8')]);
  });

  it('reads the rows of a dashboard before schemaVersion 16 into the grid Grafana makes of them', () => {
    const old = {
      title: 'Old',
      schemaVersion: 14,
      rows: [
        { title: 'Traffic', showTitle: true, height: '250px', panels: [{ ...panel('A'), gridPos: undefined, span: 6 }, { ...panel('B'), gridPos: undefined, span: 6 }] },
        { title: 'Details', collapse: true, height: 300, panels: [{ ...panel('C'), gridPos: undefined, span: 12 }] },
      ],
    };
    const { dashboard: imported } = importJson(old);
    expect(rowsOf(imported).map((r) => [r.title, r.collapsed, r.panels.map((p) => [p['title'], p['width'], p['height']])])).toEqual([
      ['Traffic', undefined, [['A', undefined, 7], ['B', undefined, 7]]],
      ['Details', true, [['C', 24, undefined]]],
    ]);
  });
});

describe("Grafana's layout as it shows a dashboard", () => {
  const item = (name: string, gridPos: GridPos, fields: Partial<GridItem<string>> = {}): GridItem<string> => ({ source: name, row: false, gridPos, collapsed: false, panels: [], ...fields });
  const shown = (items: GridItem<string>[]) => shownLayout(items).map((row) => [row.header ? `${row.header.item.source}@${row.header.gridPos.y}` : '-', ...row.panels.map((p) => `${p.item.source} ${p.gridPos.x},${p.gridPos.y} ${p.gridPos.w}x${p.gridPos.h}`)]);

  it.each([
    ['moves a panel up into the gap above it', [item('a', { x: 0, y: 5, w: 12, h: 4 })], [['-', 'a 0,0 12x4']]],
    ['pushes a panel below one it overlaps', [item('a', { x: 0, y: 0, w: 12, h: 4 }), item('b', { x: 6, y: 2, w: 12, h: 4 })], [['-', 'a 0,0 12x4', 'b 6,4 12x4']]],
    ['keeps a panel inside the 24 columns, and rounds', [item('a', { x: 20, y: 0.4, w: 8, h: 3.6 })], [['-', 'a 16,0 8x4']]],
    ['puts a row header on a full line, below what is above it', [item('a', { x: 0, y: 0, w: 6, h: 3 }), item('r', { x: 0, y: 9, w: 8, h: 2 }, { row: true }), item('b', { x: 0, y: 12, w: 6, h: 3 })], [['-', 'a 0,0 6x3'], ['r@3', 'b 0,4 6x3']]],
    ['places a collapsed row\'s panels under its header by their offsets from the first', [item('r', { x: 0, y: 0, w: 24, h: 1 }, { row: true, collapsed: true, panels: [item('a', { x: 0, y: 40, w: 12, h: 5 }), item('b', { x: 0, y: 47, w: 12, h: 5 })] }), item('s', { x: 0, y: 1, w: 24, h: 1 }, { row: true })], [['r@0', 'a 0,1 12x5', 'b 0,6 12x5'], ['s@1']]],
  ])('%s', (_name, items, expected) => {
    expect(shown(items)).toEqual(expected);
  });

  it("turns old rows into lines of panels spanning columns of 12, a collapsed row's panels its own", () => {
    const grid = legacyGrid(
      [
        { source: 'r1', collapsed: false, height: '250px', panels: [{ source: 'a', span: 8, height: undefined }, { source: 'b', span: 8, height: undefined }] },
        { source: 'r2', collapsed: true, height: 100, panels: [{ source: 'c', span: undefined, height: '400px' }] },
      ],
      true,
    );
    expect(grid.map((g) => [g.source, g.gridPos, g.panels.map((p) => [p.source, p.gridPos])])).toEqual([
      ['r1', { x: 0, y: 0, w: 24, h: 1 }, []],
      ['a', { x: 0, y: 1, w: 16, h: 7 }, []],
      ['b', { x: 0, y: 8, w: 16, h: 7 }, []],
      ['r2', { x: 0, y: 15, w: 24, h: 1 }, [['c', { x: 0, y: 16, w: 8, h: 11 }]]],
    ]);
  });
});

describe('monc import grafana: the metrics its queries select', () => {
  it("declares the metrics of the queries with their variables filled in, a matcher on a variable an open label, and the project lints without a catalog error", async () => {
    const queries = [query('sum by ($group) (rate(shop_orders_total{job=~"$job", state="paid"}[$__rate_interval]))'), query('histogram_quantile(0.99, sum by (le) (rate(shop_latency_seconds_bucket{job="$job"}[5m])))', { refId: 'B' })];
    const { output } = importJson(dashboard([panel('Orders', { targets: queries })], { templating: { list: [DATASOURCE, JOB, { type: 'custom', name: 'group', query: 'state,job' }] } }));
    const metrics = parse(output.files.find((f) => f.path.endsWith('-metrics.yaml'))?.text ?? '') as { metrics: Json[] };
    expect(metrics.metrics.map((m) => [m['name'], m['type'], m['labels']])).toEqual([
      ['shop_latency_seconds', 'histogram', undefined],
      ['shop_orders_total', 'counter', { state: { values: ['paid'] } }],
    ]);
    const { diagnostics } = await compileFiles(Object.fromEntries(output.files.map((f) => [f.path, f.text])));
    expect(diagnostics.filter((d) => d.severity === 'error' || d.check.startsWith('catalog/') && d.check !== 'catalog/inferred')).toEqual([]);
  });

  it('says where a metric is first selected, in the query as written', () => {
    const { text, output } = importJson(dashboard([panel('Orders', { targets: [query('sum by ($g) (rate(shop_orders_total[$__rate_interval]))')] })], { templating: { list: [DATASOURCE, { type: 'custom', name: 'g', query: 'job' }] } }));
    const inferred = output.findings.find((f) => f.message.startsWith('"shop_orders_total"'));
    expect(inferred?.at.start).toBe(text.indexOf('shop_orders_total'));
  });

  it("imports a label a built-in series does not carry as it is, silencing monc's check on the query with a comment saying why", async () => {
    const { text, output, findings } = importJson(dashboard([panel('Up', { targets: [query('sum by (namespace) (up{namespace="shop"})')] })]), {
      existing: { services: new Set(), alerts: new Set(), recordings: new Set(), known: (series) => (series === 'up' ? { labels: new Set(['job', 'instance']) } : undefined) },
    });
    expect(findings).toEqual([at('import/kept-problem', FILE, text, '"sum by (namespace)')]);
    const written = output.files.find((f) => f.path === 'definitions/shop.yaml')?.text ?? '';
    expect(written).toContain('    queries:\n      # monc-disable-next-line catalog/unknown-label -- no series monc knows carries namespace there\n      - expr: sum by (namespace) (up{namespace="shop"})\n');
    const { diagnostics } = await compileFiles(Object.fromEntries(output.files.map((f) => [f.path, f.text])));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('monc import grafana: dashboards monc wrote', () => {
  const OUT = path.join(REPO_ROOT, 'out/grafana/dashboards');
  const committed = readdirSync(OUT, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();

  it.each(committed)('%s comes back as itself: no loss, and monc build writes the same bytes', async (file) => {
    const text = readFileSync(path.join(OUT, file), 'utf8');
    const { output, findings } = importJson(JSON.parse(text));
    expect(findings).toEqual([]);
    const { artifacts } = await compileFiles(Object.fromEntries(output.files.map((f) => [f.path, f.text])));
    expect(artifacts.find((a) => a.path.endsWith(`/${path.basename(file)}`))?.content).toBe(text);
  });

  it("knows every display setting monc's emitter writes as the rebuilt panel's, so none is reported as lost", async () => {
    const types = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'heatmap', 'piechart', 'state-timeline', 'histogram'];
    const panels = types.map((type) => `  - { title: ${type}, type: ${type}, queries: [{ expr: up }] }`).join('\n');
    const { artifacts } = await compileFiles({ 'definitions/all.yaml': `kind: Dashboard\nid: all\ntitle: All\npanels:\n${panels}\n  - { type: text, content: x }\n` });
    const built = JSON.parse(artifacts.find((a) => a.path.endsWith('/monc-all.json'))?.content ?? '{}') as { panels: Json[] };
    const leaves = (value: unknown, at: string): [string, unknown][] =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value).flatMap(([key, inner]) => leaves(inner, `${at}.${key}`)) : [[at, value]];
    const unknown = built.panels.flatMap((panel) => {
      const settings = [...leaves(panel['options'], 'options'), ...leaves((panel['fieldConfig'] as { defaults?: Json } | undefined)?.defaults?.['custom'], 'fieldConfig.defaults.custom'), ['transparent', panel['transparent']] as [string, unknown]];
      return settings.filter(([at, value]) => !/^options\.(content|mode)$/.test(at) && !isDefault(String(panel['type']), at, value)).map(([at, value]) => `${String(panel['type'])} ${at} ${JSON.stringify(value)}`);
    });
    expect(unknown).toEqual([]);
  });
});

describe('monc import grafana: bad input', () => {
  it('reports broken JSON (a brace never closed) where the parser stops, and writes nothing', () => {
    const { output, diagnostics } = importFiles('grafana', { [FILE]: '{\n  "title": "Shop",\n  "panels": [\n    { "type": "stat", }\n  ]\n' });
    expect(output.files).toEqual([]);
    expect(diagnostics.map((d) => `${d.check}@${d.line}:${d.column}`)).toEqual(['load/yaml@6:1']);
  });

  it('imports what it can of values of the wrong type, without a stack trace', () => {
    const odd = { title: 'Odd', panels: [1, 'x', { type: 'stat', title: 'S', gridPos: 'here', targets: { expr: 'up' }, fieldConfig: [] }, panel('Fine', { targets: [{ expr: 42 }, query('sum(up)')] })], templating: { list: 'none' }, annotations: [], links: {} };
    const { dashboard: imported, messages } = importJson(odd);
    expect(panelsOf(imported).map((p) => [p['title'], p['type'], p['queries']])).toEqual([
      ['S', 'text', undefined],
      ['Fine', 'timeseries', [{ expr: '42' }, { expr: 'sum(up)' }]],
    ]);
    expect(messages).toEqual(['panel "S" is not imported: none of its queries is a Prometheus query monc can import; a text panel holds its place']);
  });
});

describe('monc import grafana: the command', () => {
  it('is what monc import auto picks for dashboard JSON, and never for a rule file or an Alertmanager configuration', () => {
    const { output } = importJson(dashboard([panel('Requests')]), { kind: 'auto' });
    expect(output.files.map((f) => f.path)).toContain('definitions/shop.yaml');
    const { output: rules } = importFiles('grafana', { 'rules.yml': 'groups:\n  - name: a\n    rules: []\n', 'am.yml': 'route: { receiver: a }\nreceivers: [{ name: a }]\n' });
    expect(rules.files).toEqual([]);
    expect(rules.findings.map((f) => [f.check, f.at.file])).toEqual([
      ['import/unsupported', 'rules.yml'],
      ['import/unsupported', 'am.yml'],
    ]);
  });

  it('imports next to an existing dashboard of the same id under a free one, and monc build writes the JSON', async () => {
    const dir = makeProject({
      'package.json': '{}\n',
      'definitions/shop.yaml': 'kind: Dashboard\nid: shop\ntitle: Shop\npanels:\n  - { type: text, content: Hello }\n',
      'grafana/shop.json': JSON.stringify(dashboard([panel('Requests', { description: 'Requests per second.', fieldConfig: { defaults: { unit: 'reqps' } } })])),
    });
    const imported = await runCli(dir, ['import', 'grafana', 'grafana/shop.json']);
    expect(imported.stderr).toContain('monc: wrote definitions/shop-2.yaml (dashboard shop-2: 1 panel in 0 rows, 1 variable)\n');
    expect(parse(readProjectFile(dir, 'definitions/shop-2.yaml'))['id']).toBe('shop-2');
    expect((await runCli(dir, ['build'])).code).toBe(0);
    expect(JSON.parse(readProjectFile(dir, 'out/grafana/dashboards/monc/monc-shop-2.json')).panels[0].targets[0].expr).toBe(QUERY);
  });
});
