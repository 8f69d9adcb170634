/** The grafana target alone, on small models: dashboard JSON with assigned ids and layout, and provisioning. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { grafanaTarget } from '../../src/emit/grafana/emitter.ts';
import { compileFiles } from '../helpers/lint.ts';

const SERVICE = `kind: Service
name: shop
team: payments
metrics:
  - { name: shop_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 10 } } }
`;

const DASHBOARD = `kind: Dashboard
id: shop-overview
title: Shop overview
folder: Shop
service: shop
rows:
  - title: Traffic
    panels:
      - { title: Requests, type: timeseries, unit: reqps, queries: [{ expr: 'sum(rate(shop_requests_total[$__rate_interval]))', legend: all }] }
      - { title: Errors now, type: stat, unit: percentunit, queries: [{ expr: 'sum(rate(shop_requests_total{code=~"5.."}[5m])) / sum(rate(shop_requests_total[5m]))' }] }
  - title: Details
    collapsed: true
    panels:
      - { title: By code, type: table, queries: [{ expr: 'sum by (code) (rate(shop_requests_total[5m]))' }] }
`;

interface PanelJson {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: { x: number; y: number; w: number; h: number };
  readonly panels?: readonly PanelJson[];
  readonly targets?: readonly { readonly expr: string; readonly refId: string }[];
}

async function emit(files: Record<string, string>) {
  const { model, expanded, diagnostics } = await compileFiles(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map(grafanaTarget.emit(model, expanded).map((a) => [a.path, a.content]));
}

describe('the grafana target', () => {
  it('writes nothing for a project without dashboards or SLOs', async () => {
    expect([...(await emit({ 'definitions/shop.yaml': SERVICE })).keys()]).toEqual([]);
  });

  it('writes a dashboard into its folder by uid, with the ids, refIds and grid positions monc assigns', async () => {
    const out = await emit({ 'definitions/shop.yaml': SERVICE, 'definitions/dashboard.yaml': DASHBOARD });
    expect([...out.keys()].sort()).toEqual([
      'grafana/dashboards/Shop/monc-shop-overview.json',
      'grafana/provisioning/dashboards/monc.yml',
      'grafana/provisioning/datasources/prometheus.yml',
    ]);
    const json = JSON.parse(out.get('grafana/dashboards/Shop/monc-shop-overview.json') ?? '{}') as { uid: string; title: string; panels: PanelJson[] };
    expect(json.uid).toBe('monc-shop-overview');
    expect(json.title).toBe('Shop overview');
    const summary = (p: PanelJson): unknown => [p.id, p.type, p.title, p.gridPos, p.targets?.map((t) => t.refId) ?? [], p.panels?.map(summary) ?? []];
    expect(json.panels.map(summary)).toEqual([
      [1, 'row', 'Traffic', { x: 0, y: 0, w: 24, h: 1 }, [], []],
      [2, 'timeseries', 'Requests', { x: 0, y: 1, w: 12, h: 8 }, ['A'], []],
      [3, 'stat', 'Errors now', { x: 12, y: 1, w: 6, h: 5 }, ['A'], []],
      [4, 'row', 'Details', { x: 0, y: 9, w: 24, h: 1 }, [], [[5, 'table', 'By code', { x: 0, y: 10, w: 12, h: 8 }, ['A'], []]]],
    ]);
  });

  it('places panels above the first row without a header, panels with x and y where they say and the next one after them, and the row after a collapsed one right below its header', async () => {
    const placed = `kind: Dashboard
id: placed
title: Placed
panels:
  - { type: text, content: Read me first., width: 24, height: 2 }
rows:
  - title: Traffic
    panels:
      - { title: Tall, type: timeseries, width: 12, height: 16, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
      - { title: Right, type: stat, width: 12, height: 8, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
      - { title: Below right, type: stat, x: 12, y: 8, width: 12, height: 8, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
      - { title: Next line, type: timeseries, width: 24, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
      - { title: Too far right, type: stat, x: 20, y: 24, width: 8, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
  - title: Hidden
    collapsed: true
    panels:
      - { title: Inside, type: piechart, queries: [{ expr: 'sum by (code) (rate(shop_requests_total[5m]))' }] }
  - title: ''
    panels:
      - { title: Last, type: state-timeline, queries: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] }
`;
    const out = await emit({ 'definitions/shop.yaml': SERVICE, 'definitions/placed.yaml': placed });
    const json = JSON.parse(out.get('grafana/dashboards/monc/monc-placed.json') ?? '{}') as { panels: PanelJson[] };
    const summary = (p: PanelJson): unknown => [p.type, p.title, p.gridPos, p.panels?.map(summary) ?? []];
    expect(json.panels.map(summary)).toEqual([
      ['text', '', { x: 0, y: 0, w: 24, h: 2 }, []],
      ['row', 'Traffic', { x: 0, y: 2, w: 24, h: 1 }, []],
      ['timeseries', 'Tall', { x: 0, y: 3, w: 12, h: 16 }, []],
      ['stat', 'Right', { x: 12, y: 3, w: 12, h: 8 }, []],
      ['stat', 'Below right', { x: 12, y: 11, w: 12, h: 8 }, []],
      ['timeseries', 'Next line', { x: 0, y: 19, w: 24, h: 8 }, []],
      ['stat', 'Too far right', { x: 16, y: 27, w: 8, h: 5 }, []],
      ['row', 'Hidden', { x: 0, y: 32, w: 24, h: 1 }, [['piechart', 'Inside', { x: 0, y: 33, w: 6, h: 8 }, []]]],
      ['row', '', { x: 0, y: 33, w: 24, h: 1 }, []],
      ['state-timeline', 'Last', { x: 0, y: 34, w: 12, h: 8 }, []],
    ]);
  });

  it('writes a text panel with its content and mode, and without queries or a datasource', async () => {
    const text = "kind: Dashboard\nid: notes\ntitle: Notes\npanels:\n  - { title: About, type: text, mode: html, content: '<b>Shop</b>' }\n";
    const out = await emit({ 'definitions/shop.yaml': SERVICE, 'definitions/notes.yaml': text });
    const json = JSON.parse(out.get('grafana/dashboards/monc/monc-notes.json') ?? '{}') as { panels: Record<string, unknown>[] };
    expect(json.panels.map((p) => [p['type'], p['title'], p['options'], p['targets'], p['datasource']])).toEqual([['text', 'About', { mode: 'html', content: '<b>Shop</b>' }, undefined, undefined]]);
  });

  it('provisions the dashboards from their folders and the Prometheus datasource the dashboards select', async () => {
    const out = await emit({ 'definitions/shop.yaml': SERVICE, 'definitions/dashboard.yaml': DASHBOARD, 'monc.config.yaml': 'grafana:\n  prometheusUrl: http://prom.example:9090\n' });
    const dashboards = parse(out.get('grafana/provisioning/dashboards/monc.yml') ?? '') as { providers: { options: { foldersFromFilesStructure: boolean } }[] };
    expect(dashboards.providers[0]?.options.foldersFromFilesStructure).toBe(true);
    const datasources = parse(out.get('grafana/provisioning/datasources/prometheus.yml') ?? '') as { datasources: { uid: string; url: string; type: string }[] };
    expect(datasources.datasources.map((d) => [d.uid, d.type, d.url])).toEqual([['prometheus', 'prometheus', 'http://prom.example:9090']]);
  });

  it('writes the generated SLO dashboard of each service with SLOs and the fleet overview, in the SLOs folder', async () => {
    const slo = `${SERVICE}slos:\n  - name: errors\n    objective: 99.9\n    sli:\n      ratio:\n        errors: shop_requests_total{code=~"5.."}\n        total: shop_requests_total\n`;
    const out = await emit({ 'definitions/shop.yaml': slo, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    expect([...out.keys()].filter((p) => p.endsWith('.json')).sort()).toEqual(['grafana/dashboards/SLOs/monc-slo-overview.json', 'grafana/dashboards/SLOs/monc-slo-shop.json']);
  });
});
