/**
 * The display settings a panel monc builds has, by their path in the panel JSON: what monc's
 * emitter writes (the foundation SDK's values, e.g. a tooltip sorted ascending), and Grafana's
 * own defaults for the rest (Grafana 10 to 12: the plugins' panelcfg.cue, and those of the
 * legacy graph and singlestat panels). An exported dashboard writes every setting out, most
 * at these values: a setting at one of them is not lost, so the import does not report it.
 * test/import/grafana.test.ts checks the table against what the emitter writes.
 */

type Defaults = Readonly<Record<string, unknown>>;

const LEGEND: Defaults = { 'options.legend.showLegend': true, 'options.legend.displayMode': 'list', 'options.legend.placement': 'bottom', 'options.legend.calcs': [] };
/** monc writes no legend on the panels whose SDK builder leaves it off. */
const NO_LEGEND: Defaults = { ...LEGEND, 'options.legend.showLegend': false };
/** monc sorts the tooltip ascending (Grafana's default is unsorted). */
const TOOLTIP: Defaults = { 'options.tooltip.mode': 'single', 'options.tooltip.sort': 'asc', 'options.tooltip.hideZeros': false };
/** Every panel: not transparent. */
const PANEL: Defaults = { transparent: false };
const HIDE_FROM: Defaults = { 'fieldConfig.defaults.custom.hideFrom.legend': false, 'fieldConfig.defaults.custom.hideFrom.tooltip': false, 'fieldConfig.defaults.custom.hideFrom.viz': false };
const PALETTE: Defaults = { 'fieldConfig.defaults.color.mode': 'palette-classic' };
const BY_THRESHOLDS: Defaults = { 'fieldConfig.defaults.color.mode': 'thresholds' };
const REDUCE: Defaults = { 'options.reduceOptions.calcs': ['lastNotNull'], 'options.reduceOptions.fields': '', 'options.reduceOptions.values': false };
const AXIS: Defaults = {
  'fieldConfig.defaults.custom.axisBorderShow': false,
  'fieldConfig.defaults.custom.axisCenteredZero': false,
  'fieldConfig.defaults.custom.axisColorMode': 'text',
  'fieldConfig.defaults.custom.axisLabel': '',
  'fieldConfig.defaults.custom.axisPlacement': 'auto',
  'fieldConfig.defaults.custom.scaleDistribution.type': 'linear',
};

const TIMESERIES: Defaults = {
  ...PANEL,
  ...LEGEND,
  ...TOOLTIP,
  ...HIDE_FROM,
  ...PALETTE,
  ...AXIS,
  'fieldConfig.defaults.custom.barAlignment': 0,
  'fieldConfig.defaults.custom.barWidthFactor': 0.6,
  'fieldConfig.defaults.custom.drawStyle': 'line',
  'fieldConfig.defaults.custom.fillOpacity': 0,
  'fieldConfig.defaults.custom.gradientMode': 'none',
  'fieldConfig.defaults.custom.insertNulls': false,
  'fieldConfig.defaults.custom.lineInterpolation': 'linear',
  'fieldConfig.defaults.custom.lineStyle.fill': 'solid',
  'fieldConfig.defaults.custom.lineWidth': 1,
  'fieldConfig.defaults.custom.pointSize': 5,
  'fieldConfig.defaults.custom.showPoints': 'auto',
  'fieldConfig.defaults.custom.spanNulls': false,
  'fieldConfig.defaults.custom.stacking.group': 'A',
  'fieldConfig.defaults.custom.stacking.mode': 'none',
  'fieldConfig.defaults.custom.thresholdsStyle.mode': 'off',
};

const STAT: Defaults = {
  ...PANEL,
  ...REDUCE,
  ...BY_THRESHOLDS,
  'options.orientation': 'auto',
  'options.textMode': 'auto',
  'options.colorMode': 'value',
  'options.graphMode': 'area',
  'options.justifyMode': 'auto',
  'options.wideLayout': true,
  'options.showPercentChange': false,
  'options.percentChangeColorMode': 'standard',
};

const GAUGE: Defaults = {
  ...PANEL,
  ...REDUCE,
  ...BY_THRESHOLDS,
  'options.orientation': 'auto',
  'options.showThresholdLabels': false,
  'options.showThresholdMarkers': true,
  'options.sizing': 'auto',
  'options.minVizWidth': 75,
  'options.minVizHeight': 75,
};

const BARGAUGE: Defaults = {
  ...PANEL,
  ...REDUCE,
  ...BY_THRESHOLDS,
  ...NO_LEGEND,
  'options.orientation': 'auto',
  'options.displayMode': 'gradient',
  'options.valueMode': 'color',
  'options.namePlacement': 'auto',
  'options.showUnfilled': true,
  'options.sizing': 'auto',
  'options.minVizWidth': 8,
  'options.minVizHeight': 16,
  'options.maxVizHeight': 300,
};

const TABLE: Defaults = {
  ...PANEL,
  ...BY_THRESHOLDS,
  'options.showHeader': true,
  'options.cellHeight': 'sm',
  'options.frameIndex': 0,
  'options.showTypeIcons': false,
  'options.footer.show': false,
  'options.footer.reducer': ['sum'],
  'options.footer.countRows': false,
  'options.footer.fields': '',
  'fieldConfig.defaults.custom.align': 'auto',
  'fieldConfig.defaults.custom.cellOptions.type': 'auto',
  'fieldConfig.defaults.custom.inspect': false,
  'fieldConfig.defaults.custom.filterable': false,
};

const HEATMAP: Defaults = {
  ...PANEL,
  ...HIDE_FROM,
  'options.selectionMode': 'x',
  'fieldConfig.defaults.custom.scaleDistribution.type': 'linear',
  'options.calculate': false,
  'options.cellGap': 1,
  'options.color.mode': 'scheme',
  'options.color.scheme': 'Oranges',
  'options.color.fill': 'dark-orange',
  'options.color.scale': 'exponential',
  'options.color.exponent': 0.5,
  'options.color.steps': 64,
  'options.color.reverse': false,
  'options.exemplars.color': 'rgba(255,0,255,0.7)',
  'options.filterValues.le': 1e-9,
  'options.legend.show': true,
  'options.rowsFrame.layout': 'auto',
  'options.showValue': 'auto',
  'options.tooltip.mode': 'single',
  'options.tooltip.yHistogram': false,
  'options.tooltip.showColorScale': false,
  'options.yAxis.axisPlacement': 'left',
  'options.yAxis.reverse': false,
};

const PIECHART: Defaults = {
  ...PANEL,
  ...REDUCE,
  ...NO_LEGEND,
  ...TOOLTIP,
  ...HIDE_FROM,
  ...PALETTE,
  'options.orientation': 'auto',
  'options.pieType': 'pie',
  'options.displayLabels': [],
  'options.legend.values': [],
};

const STATE_TIMELINE: Defaults = {
  ...PANEL,
  ...NO_LEGEND,
  ...TOOLTIP,
  ...HIDE_FROM,
  ...BY_THRESHOLDS,
  'options.mergeValues': true,
  'options.showValue': 'auto',
  'options.alignValue': 'left',
  'options.rowHeight': 0.9,
  'options.perPage': 20,
  'fieldConfig.defaults.custom.lineWidth': 0,
  'fieldConfig.defaults.custom.fillOpacity': 70,
};

const HISTOGRAM: Defaults = {
  ...PANEL,
  ...NO_LEGEND,
  ...TOOLTIP,
  ...HIDE_FROM,
  ...PALETTE,
  ...AXIS,
  'options.bucketOffset': 0,
  'options.bucketCount': 30,
  'options.combine': false,
  'fieldConfig.defaults.custom.lineWidth': 1,
  'fieldConfig.defaults.custom.fillOpacity': 80,
  'fieldConfig.defaults.custom.gradientMode': 'none',
};

const TEXT: Defaults = { ...PANEL, 'options.code.language': 'plaintext', 'options.code.showLineNumbers': false, 'options.code.showMiniMap': false };

/** The graph panel before Grafana 7 (migrated to timeseries). */
const GRAPH: Defaults = {
  bars: false,
  lines: true,
  points: false,
  fill: 1,
  fillGradient: 0,
  linewidth: 1,
  stack: false,
  percentage: false,
  steppedLine: false,
  dashes: false,
  dashLength: 10,
  spaceLength: 10,
  pointradius: 2,
  nullPointMode: 'null',
  renderer: 'flot',
  hiddenSeries: false,
  'legend.show': true,
  'legend.values': false,
  'legend.min': false,
  'legend.max': false,
  'legend.avg': false,
  'legend.current': false,
  'legend.total': false,
  'legend.alignAsTable': false,
  'legend.rightSide': false,
  'tooltip.shared': true,
  'tooltip.sort': 0,
  'tooltip.value_type': 'individual',
  'xaxis.mode': 'time',
  'xaxis.show': true,
  'xaxis.values': [],
  'yaxis.align': false,
  'yaxes.0.logBase': 1,
  'yaxes.0.show': true,
  'options.alertThreshold': true,
  'options.dataLinks': [],
};

/** The singlestat panel before Grafana 7 (migrated to stat). */
const SINGLESTAT: Defaults = {
  valueName: 'avg',
  colorBackground: false,
  colorValue: false,
  'sparkline.show': false,
  'gauge.show': false,
  'gauge.minValue': 0,
  'gauge.maxValue': 100,
  'gauge.thresholdLabels': false,
  'gauge.thresholdMarkers': true,
  nullPointMode: 'connected',
  mappingType: 1,
  valueFontSize: '80%',
  prefixFontSize: '50%',
  postfixFontSize: '50%',
  tableColumn: '',
  colors: ['#299c46', 'rgba(237, 129, 40, 0.89)', '#d44a3a'],
  mappingTypes: [
    { name: 'value to text', value: 1 },
    { name: 'range to text', value: 2 },
  ],
  valueMaps: [{ op: '=', text: 'N/A', value: 'null' }],
  rangeMaps: [{ from: 'null', text: 'N/A', to: 'null' }],
};

/** Defaults by panel type as the source names it (graph and singlestat too). */
export const DISPLAY_DEFAULTS: Readonly<Record<string, Defaults>> = {
  timeseries: TIMESERIES,
  graph: { ...GRAPH, ...TIMESERIES },
  stat: STAT,
  singlestat: { ...SINGLESTAT, ...STAT },
  'grafana-singlestat-panel': { ...SINGLESTAT, ...STAT },
  gauge: GAUGE,
  bargauge: BARGAUGE,
  table: TABLE,
  heatmap: HEATMAP,
  piechart: PIECHART,
  'state-timeline': STATE_TIMELINE,
  histogram: HISTOGRAM,
  text: TEXT,
};

/**
 * Whether a setting (a value at a path of the panel JSON; objects are walked, lists are
 * values) is at its default for the panel type. An empty value sets nothing either.
 */
export function isDefault(type: string, path: string, value: unknown): boolean {
  if (isEmptyValue(value)) return true;
  const defaults = DISPLAY_DEFAULTS[type] ?? {};
  return path in defaults && sameValue(defaults[path], value);
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Equal as JSON values, whatever the order of the keys. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}
