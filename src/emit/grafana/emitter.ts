/**
 * Grafana dashboards (out/grafana/dashboards/<folder>/<uid>.json) built with the foundation
 * SDK's builders, and the provisioning files that load them and the Prometheus datasource.
 * Ids, refIds and grid positions are assigned here, so the JSON is the same on every build.
 */
import * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, LegendDisplayMode, LegendPlacement, VizLegendOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as GaugeBuilder } from '@grafana/grafana-foundation-sdk/gauge';
import { PanelBuilder as HeatmapBuilder } from '@grafana/grafana-foundation-sdk/heatmap';
import { PanelBuilder as HistogramBuilder } from '@grafana/grafana-foundation-sdk/histogram';
import { PanelBuilder as PieChartBuilder } from '@grafana/grafana-foundation-sdk/piechart';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelineBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TextBuilder, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Dashboard, Model, Panel, PanelType } from '../../model/model.ts';
import { DATASOURCE_UID, DATASOURCE_VARIABLE, OUT_PATHS, dashboardPath, generatedHeader } from '../../model/conventions.ts';
import { toJson } from '../../serialize/json.ts';
import { toYaml } from '../../serialize/yaml.ts';
import { lazyArtifact, type Artifact, type TargetEmitter } from '../artifact.ts';
import { layoutRows } from './layout.ts';
import { PROVISIONING_KEY_ORDER, type DashboardDto, type DashboardProvisioningDto, type DatasourceProvisioningDto } from './types.ts';

export const grafanaTarget: TargetEmitter = {
  emit(model, expanded) {
    const dashboards = expanded.dashboards;
    if (dashboards.length === 0) return [];
    return [
      ...dashboards.map((d): Artifact => lazyArtifact(dashboardPath(d.folder, d.uid), () => toJson(toDashboardJson(d)))),
      provisioning(dashboards),
      datasource(model),
    ];
  },
};

const DATASOURCE_REF = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };

export function toDashboardJson(dashboard: Dashboard): DashboardDto {
  const builder = new sdk.DashboardBuilder(dashboard.title)
    .uid(dashboard.uid)
    .tags([...dashboard.tags, 'monc'])
    .time({ from: dashboard.time.from, to: dashboard.time.to })
    .refresh(dashboard.refresh)
    .editable()
    .withVariable(new sdk.DatasourceVariableBuilder(DATASOURCE_VARIABLE).label('Data source').type('prometheus'));
  if (dashboard.description !== undefined) builder.description(dashboard.description);
  for (const variable of dashboard.variables) builder.withVariable(variableBuilder(variable));
  for (const link of dashboard.links) builder.link(new sdk.DashboardLinkBuilder(link.title).type(sdk.DashboardLinkType.Link).url(link.url).targetBlank(true));
  for (const annotation of dashboard.annotations) {
    builder.annotation(
      new sdk.AnnotationQueryBuilder()
        .name(annotation.name)
        .datasource(DATASOURCE_REF)
        .enable(true)
        .iconColor(annotation.color)
        .target(new DataqueryBuilder().expr(annotation.expr.text.trim()).refId('Anno')),
    );
  }
  let id = 0;
  const layout = layoutRows(dashboard.rows.map((row) => ({ header: row.title !== undefined, collapsed: row.collapsed, panels: row.panels })));
  dashboard.rows.forEach((row, r) => {
    const placed = layout[r];
    if (!placed) return;
    const rowBuilder = placed.header && new sdk.RowBuilder(row.title ?? '').id(++id).gridPos(placed.header).collapsed(row.collapsed);
    const panels = placed.panels.map(({ panel, gridPos }) => panelBuilder(panel).id(++id).gridPos(gridPos));
    if (rowBuilder && row.collapsed) {
      for (const panel of panels) rowBuilder.withPanel(panel);
      builder.withRow(rowBuilder);
    } else {
      if (rowBuilder) builder.withRow(rowBuilder);
      for (const panel of panels) builder.withPanel(panel);
    }
  });
  return builder.build();
}

function variableBuilder(variable: Dashboard['variables'][number]) {
  switch (variable.kind) {
    case 'query':
      return new sdk.QueryVariableBuilder(variable.name)
        .label(variable.label ?? variable.name)
        .datasource(DATASOURCE_REF)
        .query(variable.query ?? '')
        .refresh(sdk.VariableRefresh.OnTimeRangeChanged)
        .sort(sdk.VariableSort.AlphabeticalAsc)
        .multi(variable.multi)
        .includeAll(variable.includeAll);
    case 'custom':
      return new sdk.CustomVariableBuilder(variable.name).label(variable.label ?? variable.name).values(variable.values.join(',')).multi(variable.multi).includeAll(variable.includeAll);
    case 'interval':
      return new sdk.IntervalVariableBuilder(variable.name).label(variable.label ?? variable.name).values(variable.values.join(','));
  }
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** What a panel type asks Prometheus for: buckets for a heatmap, a table for a table, time series for the rest. */
export function queryFormat(type: PanelType): PromQueryFormat {
  return type === 'heatmap' ? PromQueryFormat.Heatmap : type === 'table' ? PromQueryFormat.Table : PromQueryFormat.TimeSeries;
}

function targets(panel: Panel): DataqueryBuilder[] {
  return panel.queries.map((query, i) => {
    const target = new DataqueryBuilder()
      .expr(query.expr.text.trim())
      .refId(REF_IDS[i] ?? `Q${i}`)
      .datasource(query.datasource === undefined ? DATASOURCE_REF : { type: 'prometheus', uid: query.datasource });
    if (query.legend !== undefined) target.legendFormat(query.legend);
    const format = queryFormat(panel.type);
    // Grafana's default, time series, goes unwritten.
    if (format !== PromQueryFormat.TimeSeries) target.format(format);
    return query.instant ? target.instant() : target.range();
  });
}

const THRESHOLD_BASE = { value: null, color: 'green' } as const;

/** The builder of the panel's type, with what every panel has set. */
function panelBuilder(panel: Panel) {
  const type = panel.type;
  if (type === 'text') {
    // Text shows its content; it has no queries, so no datasource.
    const text = new TextBuilder().title(panel.title).mode(panel.mode === 'html' ? TextMode.HTML : TextMode.Markdown).content(panel.content ?? '');
    if (panel.description !== undefined) text.description(panel.description);
    return text;
  }
  const builder = typedBuilder(type, panel);
  builder.title(panel.title).datasource(panel.datasource === undefined ? DATASOURCE_REF : { type: 'prometheus', uid: panel.datasource });
  if (panel.description !== undefined) builder.description(panel.description);
  if (panel.unit !== undefined) builder.unit(panel.unit);
  if (panel.decimals !== undefined) builder.decimals(panel.decimals);
  if (panel.min !== undefined) builder.min(panel.min);
  if (panel.max !== undefined) builder.max(panel.max);
  if (panel.thresholds.length > 0) {
    builder.thresholds(
      new sdk.ThresholdsConfigBuilder().mode(sdk.ThresholdsMode.Absolute).steps([THRESHOLD_BASE, ...panel.thresholds.map((t) => ({ value: t.value, color: t.color }))]),
    );
  }
  for (const target of targets(panel)) builder.withTarget(target);
  return builder;
}

function typedBuilder(type: Exclude<PanelType, 'text'>, panel: Panel) {
  switch (type) {
    case 'timeseries': {
      const builder = new TimeseriesBuilder().legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).calcs([]));
      return panel.thresholds.length > 0 ? builder.thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed)) : builder;
    }
    case 'stat':
      return new StatBuilder();
    case 'gauge':
      return new GaugeBuilder();
    case 'table':
      return new TableBuilder();
    case 'heatmap':
      return new HeatmapBuilder();
    case 'bargauge':
      return new BarGaugeBuilder();
    case 'piechart':
      return new PieChartBuilder();
    case 'state-timeline':
      return new StateTimelineBuilder();
    case 'histogram':
      return new HistogramBuilder();
  }
}

function provisioning(dashboards: readonly Dashboard[]): Artifact {
  const dto: DashboardProvisioningDto = {
    apiVersion: 1,
    providers: [
      {
        name: 'monc',
        type: 'file',
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        // Mount out/grafana/dashboards here; each subfolder becomes a Grafana folder.
        options: { path: '/var/lib/grafana/dashboards/monc', foldersFromFilesStructure: true },
      },
    ],
  };
  const sources = [...new Set(dashboards.map((d) => d.origin.file))].sort();
  return { path: OUT_PATHS.grafanaDashboardProvisioning, content: toYaml(dto, generatedHeader(sources), PROVISIONING_KEY_ORDER) };
}

function datasource(model: Model): Artifact {
  const dto: DatasourceProvisioningDto = {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: DATASOURCE_UID,
        access: 'proxy',
        url: model.grafana.prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', timeInterval: model.prometheus.scrapeInterval },
      },
    ],
  };
  return { path: OUT_PATHS.grafanaDatasourceProvisioning, content: toYaml(dto, generatedHeader([]), PROVISIONING_KEY_ORDER) };
}
