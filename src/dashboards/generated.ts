/**
 * Dashboards monc builds without being asked: one SLO dashboard per service with SLOs (the
 * SLI against the objective, the budget left, the burn rate per alert window with the tier
 * thresholds, the events, the alerts) and a fleet overview of every SLO's remaining budget.
 * They read only the series the SLO rules record.
 */
import type { Dashboard, Model, Panel, Slo } from '../model/model.ts';
import { FLEET_DASHBOARD_ID, LABEL, SLO_SERIES, dashboardUid, sliSeries, sloDashboardId } from '../model/conventions.ts';
import { alertingTiers, errorBudget, seconds } from '../slo/math.ts';
import { errorRatio } from '../slo/rules.ts';
import { sliSeriesOf, sloSeries } from '../slo/sli/promql.ts';
import { flat } from '../flat.ts';

export const SLO_FOLDER = 'SLOs';

export function generatedDashboards(model: Model): Dashboard[] {
  const withSlos = model.services.filter((s) => s.slos.length > 0);
  if (withSlos.length === 0) return [];
  return [...withSlos.map((service) => sloDashboard(service.name, service.slos)), fleetDashboard(model)];
}

/** What a generated panel sets; the rest takes the defaults. */
type GeneratedPanel = Pick<Panel, 'title' | 'type' | 'queries'> & { readonly description: string } & Partial<Pick<Panel, 'unit' | 'decimals' | 'min' | 'max' | 'thresholds' | 'width' | 'height'>>;

/** A literal of every field in the order build-model.ts's toPanel writes them: one shape for all panels, written or generated. */
function panel(slo: Slo | undefined, fields: GeneratedPanel, origin: Panel['origin']): Panel {
  return {
    title: fields.title,
    description: fields.description,
    type: fields.type,
    queries: fields.queries,
    content: undefined,
    mode: undefined,
    unit: fields.unit,
    decimals: fields.decimals,
    min: fields.min,
    max: fields.max,
    thresholds: fields.thresholds ?? [],
    width: fields.width ?? (fields.type === 'stat' ? 6 : 12),
    height: fields.height ?? 8,
    x: undefined,
    y: undefined,
    datasource: undefined,
    origin: slo?.origin ?? origin,
  };
}

function query(slo: Slo, expr: string, legend: string, instant = false): Panel['queries'][number] {
  return { expr: { text: flat(expr), origin: slo.origin }, legend, instant, datasource: undefined };
}

function groups(slo: Slo): string {
  return slo.groupBy.map((label) => ` {{${label}}}`).join('');
}

function sloRow(slo: Slo): Dashboard['rows'][number] {
  const budget = errorBudget(slo.objective);
  const tiers = alertingTiers(slo);
  const windows = [...new Set(tiers.flatMap((t) => [t.shortWindow, t.longWindow]))].sort((a, b) => seconds(a) - seconds(b));
  const sumBy = (expr: string) => (slo.groupBy.length > 0 ? `sum by (${slo.groupBy.join(', ')}) (${expr})` : `sum(${expr})`);
  const sli = (window: string) => `1 - (${errorRatio(slo, window)})`;
  return {
    title: `${slo.name}: ${slo.objective}% over ${slo.window}`,
    collapsed: false,
    panels: [
      panel(slo, {
        title: 'Error budget remaining',
        description: `The share of the ${slo.window} error budget (${+(budget * 100).toPrecision(6)}% of events) not yet spent: 100% untouched, 0% spent, below 0 overspent.`,
        type: 'stat',
        unit: 'percentunit',
        decimals: 1,
        queries: [query(slo, sloSeries(slo, SLO_SERIES.budgetRemaining), `remaining${groups(slo)}`, true)],
      }, slo.origin),
      panel(slo, {
        title: 'SLI against the objective',
        description: `The share of good events per hour, with the ${slo.objective}% objective. ${slo.description ?? ''}`.trim(),
        type: 'timeseries',
        unit: 'percentunit',
        width: 18,
        queries: [query(slo, sli('1h'), `SLI (1h)${groups(slo)}`), query(slo, sloSeries(slo, SLO_SERIES.objective), 'objective')],
      }, slo.origin),
      panel(slo, {
        title: 'Error budget remaining over the window',
        description: `How the ${slo.window} budget has been spent: a steep drop is a fast burn, a steady slope a slow one.`,
        type: 'timeseries',
        unit: 'percentunit',
        queries: [query(slo, sloSeries(slo, SLO_SERIES.budgetRemaining), `remaining${groups(slo)}`)],
      }, slo.origin),
      panel(slo, {
        title: 'Burn rate per alert window',
        description: `How many times faster than sustainable the budget burns, over each window the alert tiers use. The dashed lines are the tier thresholds: ${tiers.map((t) => `${t.name} at ${t.factor}`).join(', ')}.`,
        type: 'timeseries',
        thresholds: [...new Set(tiers.map((t) => t.factor))].sort((a, b) => a - b).map((factor) => ({ value: factor, color: tiers.some((t) => t.factor === factor && t.severity === 'page') ? 'red' : 'orange' })),
        queries: windows.map((w) => query(slo, `(${errorRatio(slo, w)}) / ${budget}`, `${w}${groups(slo)}`)),
      }, slo.origin),
      panel(slo, {
        title: 'Events',
        description: 'All and bad events per second, from the SLI recordings (5m increases).',
        type: 'timeseries',
        unit: 'ops',
        queries: [
          query(slo, `${sumBy(sliSeriesOf(slo, sliSeries(slo.step).total))} / ${seconds(slo.step)}`, `all${groups(slo)}`),
          query(slo, `${sumBy(sliSeriesOf(slo, sliSeries(slo.step).errors))} / ${seconds(slo.step)}`, `bad${groups(slo)}`),
        ],
      }, slo.origin),
      panel(slo, {
        title: 'Alerts',
        description: 'The SLO alerts pending or firing now, by tier.',
        type: 'table',
        width: 12,
        queries: [query(slo, `ALERTS{${LABEL.slo}="${slo.id}"}`, '{{alertname}} {{tier}} {{alertstate}}', true)],
      }, slo.origin),
    ],
  };
}

function sloDashboard(service: string, slos: readonly Slo[]): Dashboard {
  const first = slos[0] as Slo;
  const id = sloDashboardId(service);
  return {
    id,
    uid: dashboardUid(id),
    title: `${service} SLOs`,
    description: `Generated by monc from the SLOs of ${service}.`,
    folder: SLO_FOLDER,
    service,
    tags: ['slo', service],
    time: { from: 'now-7d', to: 'now' },
    refresh: '1m',
    variables: [],
    links: [{ title: 'SLO overview', url: `/d/${dashboardUid(FLEET_DASHBOARD_ID)}` }],
    annotations: [],
    rows: slos.map(sloRow),
    generated: true,
    origin: first.origin,
  };
}

function fleetDashboard(model: Model): Dashboard {
  const first = model.slos[0] as Slo;
  const budget = query(first, SLO_SERIES.budgetRemaining, '{{service}} {{slo}}', true);
  return {
    id: FLEET_DASHBOARD_ID,
    uid: dashboardUid(FLEET_DASHBOARD_ID),
    title: 'SLO overview',
    description: 'Every SLO monc generates, with its remaining error budget.',
    folder: SLO_FOLDER,
    service: undefined,
    tags: ['slo'],
    time: { from: 'now-7d', to: 'now' },
    refresh: '1m',
    variables: [],
    links: model.services.filter((s) => s.slos.length > 0).map((s) => ({ title: `${s.name} SLOs`, url: `/d/${dashboardUid(sloDashboardId(s.name))}` })),
    annotations: [],
    rows: [
      {
        title: 'Error budget remaining',
        collapsed: false,
        panels: [
          panel(undefined, {
            title: 'Error budget remaining per SLO',
            description: 'Each SLO\'s unspent share of its error budget over its window. Open the service\'s SLO dashboard from the links above.',
            type: 'bargauge',
            unit: 'percentunit',
            min: 0,
            max: 1,
            width: 24,
            height: Math.max(6, 2 * model.slos.length + 2),
            queries: [budget],
          }, first.origin),
          panel(undefined, {
            title: 'Objectives',
            description: 'Every SLO with its objective and window.',
            type: 'table',
            width: 24,
            queries: [query(first, SLO_SERIES.objective, '{{service}} {{slo}} {{window}}', true)],
          }, first.origin),
        ],
      },
    ],
    generated: true,
    origin: first.origin,
  };
}
