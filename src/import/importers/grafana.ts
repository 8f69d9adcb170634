/**
 * Grafana dashboards (the JSON model: one, a list, or the HTTP API's `{ dashboard, meta }`)
 * as monc dashboards: title, description, tags, time, refresh, folder, the query, custom and
 * interval variables, links, PromQL annotations, and every panel with its type, title,
 * description, Prometheus queries, unit, decimals, min, max, thresholds and place on the grid
 * as Grafana shows it (grafana-layout.ts). Both layouts are read: panels with grid positions
 * and row panels (schemaVersion 16 on), and the old `rows` of panels with spans. The graph and
 * singlestat panels become the timeseries and stat panels Grafana migrates them to. What monc
 * has no place for (another datasource's queries, transformations, overrides, display
 * settings other than Grafana's defaults, repeats) is one finding at its line, and a panel
 * monc cannot show at all keeps its place as a text panel that says so.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { DURATION_PATTERN, FOLDER_MAX_LENGTH, FOLDER_PATTERN, LINK_URL_PATTERN, PANEL_TYPES, VARIABLE_NAME_PATTERN } from '../../api/schema.ts';
import type { DashboardSpec, DashboardVariableSpec, PanelQuerySpec, PanelSpec } from '../../api/types.gen.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { queryFormat } from '../../emit/grafana/emitter.ts';
import { placePanels } from '../../emit/grafana/layout.ts';
import type { GridPos } from '../../emit/grafana/types.ts';
import { scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { defaultPanelSize, instantByDefault } from '../../model/build-model.ts';
import { DATASOURCE_VARIABLE } from '../../model/conventions.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import type { ImportedDashboard, ImportedQuery, Importer, SourceDocument } from '../importer.ts';
import { Fields, isEmpty, SourceNodes } from '../source-nodes.ts';
import { isDefault } from './grafana-defaults.ts';
import { DEFAULT_GRID_POS, legacyGrid, shownLayout, type GridItem, type LegacyRow, type ShownRow } from './grafana-layout.ts';

export const grafanaImporter: Importer = {
  kind: 'grafana',
  reads: "a Grafana dashboard (its JSON model, a list of them, or the HTTP API's { dashboard, meta })",
  detect(document) {
    const nodes = new SourceNodes(document);
    return dashboardsIn(nodes, nodes.node(document.doc.contents)).some((found) => found !== undefined);
  },
  import(document) {
    const nodes = new SourceNodes(document);
    const root = nodes.node(document.doc.contents);
    const findings: Finding[] = [];
    const found = dashboardsIn(nodes, root);
    const definitions = found.flatMap((dashboard, i) => {
      if (dashboard) return [new DashboardImport(nodes, dashboard, document, findings).run()];
      const item = isSeq(root) ? nodes.node(root.items[i]) : root;
      findings.push(importFinding(IMPORT_CHECKS.unsupported, nodes.span(item), 'this item of the list is not a Grafana dashboard (it has no panels or rows, or no title)'));
      return [];
    });
    return { definitions, findings };
  },
};

interface FoundDashboard {
  readonly map: YAMLMap;
  /** The API's meta, with the folder. */
  readonly meta: YAMLMap | undefined;
}

/** The dashboards of a document, by item for a list (undefined for an item that is none). */
function dashboardsIn(nodes: SourceNodes, root: Node | null): (FoundDashboard | undefined)[] {
  const one = (node: Node | null): FoundDashboard | undefined => {
    if (!isMap(node)) return undefined;
    if (isDashboard(nodes, node)) return { map: node, meta: undefined };
    const inner = nodes.node(node.get('dashboard', true));
    const meta = nodes.node(node.get('meta', true));
    return isMap(inner) && isDashboard(nodes, inner) ? { map: inner, meta: isMap(meta) ? meta : undefined } : undefined;
  };
  if (isSeq(root)) {
    const items = root.items.map((item) => one(nodes.node(item)));
    return items.some((item) => item !== undefined) ? items : [];
  }
  const found = one(root);
  return found ? [found] : [];
}

/** Panels or old rows, and a title or a schema version: a rule file or an Alertmanager configuration has neither. */
function isDashboard(nodes: SourceNodes, map: YAMLMap): boolean {
  const layout = isSeq(nodes.node(map.get('panels', true))) || isSeq(nodes.node(map.get('rows', true)));
  return layout && (map.has('title') || map.has('schemaVersion'));
}

// ------------------------------------------------------------------------------- datasources

/** Where a panel's or query's data comes from, as far as the import can tell. */
interface Datasource {
  /** prometheus; another plugin; Grafana's mixed pseudo-datasource (each query names its own); or unknown (the default one, a name). */
  readonly kind: 'prometheus' | 'other' | 'mixed' | 'unknown';
  /** The plugin or name, for messages. */
  readonly name: string;
  /** Which datasource: a variable or input ($datasource, ${DS_PROMETHEUS}), a uid or name, or `default`. */
  readonly identity: string;
}

const DEFAULT_DATASOURCE: Datasource = { kind: 'unknown', name: 'the default datasource', identity: 'default' };
const MIXED = '-- Mixed --';
const GRAFANA_PSEUDO = new Set(['-- Grafana --', '-- Dashboard --', 'grafana']);
/** `$ds`, `${ds}`, `${ds:text}`, `[[ds]]`: the whole value names a variable. */
const VARIABLE_REFERENCE = /^(?:\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\])$/;

// ------------------------------------------------------------------------------- panel types

/** Panel types monc draws under another name, as Grafana itself migrates them. */
const MIGRATED: Readonly<Record<string, { readonly type: PanelSpec['type']; readonly was: string }>> = {
  graph: { type: 'timeseries', was: 'a graph panel, which Grafana 7 replaced' },
  singlestat: { type: 'stat', was: 'a singlestat panel, which Grafana 7 replaced' },
  'grafana-singlestat-panel': { type: 'stat', was: 'a panel of the old singlestat plugin' },
  'table-old': { type: 'table', was: 'a table panel of before Grafana 7' },
  'grafana-piechart-panel': { type: 'piechart', was: 'a panel of the old pie chart plugin' },
};

/** What the migrated panels showed that the new type shows differently. */
const LEGACY_REDUCERS: Readonly<Record<string, string>> = { avg: 'mean', current: 'last', total: 'sum' };

/** Panel keys that carry nothing to import: ids, versions, editor state, handled elsewhere. */
const IGNORED_PANEL_KEYS = new Set([
  'id',
  'type',
  'title',
  'description',
  'gridPos',
  'datasource',
  'targets',
  'pluginVersion',
  'editable',
  'error',
  'isNew',
  'scopedVars',
  'span',
  'height',
  'minSpan',
  'collapsed',
  'panels',
  'repeatDirection',
  'maxPerRow',
  'tags',
  'datasourceErrors',
  // It hides the label of a panel's own time range, which is not imported.
  'hideTimeOverride',
]);

/** Panel settings that change what the panel shows, each reported on its own. */
const PANEL_LOSSES: Readonly<Record<string, string>> = {
  transformations: 'its transformations are not imported: monc draws the query results as they come',
  repeat: 'it repeats for each value of a variable in Grafana; monc draws it once',
  links: 'its panel links are not imported',
  timeFrom: 'its own time range (timeFrom) is not imported: monc draws it over the dashboard time range',
  timeShift: 'its time shift is not imported: monc draws it over the dashboard time range',
  interval: "its minimum query interval is not imported: monc's queries step by Grafana's default",
  maxDataPoints: 'its maximum number of data points is not imported',
  cacheTimeout: 'its cache timeout is not imported',
  queryCachingTTL: 'its query caching TTL is not imported',
  transparent: 'its transparent background is not imported',
  seriesOverrides: 'its series overrides are not imported',
  aliasColors: 'its series colors are not imported',
  valueMaps: 'its value mappings are not imported',
  rangeMaps: 'its range mappings are not imported',
  styles: 'its column styles are not imported',
};

/** Field config beyond unit, decimals, min, max and thresholds, each reported on its own. */
const FIELD_CONFIG_LOSSES: Readonly<Record<string, string>> = {
  mappings: 'its value mappings are not imported: monc shows the values as they are',
  links: 'its data links are not imported',
  noValue: 'the text it shows without data (noValue) is not imported',
  displayName: 'its display name for the series is not imported',
};

const MIN_HEIGHT = 2;
const MAX_HEIGHT = 40;

const FOLDER = new RegExp(FOLDER_PATTERN);
const VARIABLE_NAME = new RegExp(VARIABLE_NAME_PATTERN);
const LINK_URL = new RegExp(LINK_URL_PATTERN);
const DURATION = new RegExp(DURATION_PATTERN);
const MONC_TYPES = new Set<string>(PANEL_TYPES);

/** A panel as imported: its spec, where it sits, and its queries by index. */
interface ImportedPanel {
  readonly spec: PanelSpec;
  readonly gridPos: GridPos;
  readonly from: Span;
  readonly queries: readonly { readonly index: number; readonly expr: string; readonly at: Span }[];
}

class DashboardImport {
  readonly #parts = new Map<string, Span>();
  readonly #queries: ImportedQuery[] = [];
  /** Datasource variables and the exported dashboard's inputs: their plugin, by name. */
  readonly #plugins = new Map<string, string>();
  /** The Prometheus datasources the panels query, in order, with the first reference to each. */
  readonly #prometheus = new Map<string, Node>();

  constructor(
    private readonly nodes: SourceNodes,
    private readonly found: FoundDashboard,
    private readonly document: SourceDocument,
    private readonly findings: Finding[],
  ) {}

  run(): ImportedDashboard {
    const top = new Fields(this.nodes, this.found.map);
    this.readPlugins(top);
    const uid = top.text('uid');
    const title = top.text('title') ?? uid ?? this.fileStem();
    if (top.text('title') === undefined) this.finding(IMPORT_CHECKS.guess, this.found.map, `the dashboard has no title; it is imported as "${title}"`);
    const variables = this.variables(top);
    const links = this.links(top);
    const annotations = this.annotations(top);
    const layout = this.layout(top);
    const { panels, rows } = this.panels(layout);
    const spec: Omit<DashboardSpec, 'id'> = {
      title,
      ...this.description(top),
      ...this.folder(),
      ...this.tags(top),
      ...this.time(top),
      ...this.refresh(top),
      ...(variables.length > 0 && { variables }),
      ...(links.length > 0 && { links }),
      ...(annotations.length > 0 && { annotations }),
      ...(panels.length > 0 && { panels }),
      ...(rows.length > 0 && { rows }),
    };
    this.datasourceLoss();
    this.dashboardLosses(top);
    const panelCount = panels.length + rows.reduce((n, row) => n + row.panels.length, 0);
    return {
      kind: 'dashboard',
      name: readableUid(uid) ?? title,
      spec,
      from: this.nodes.span(this.found.map),
      parts: this.#parts,
      queries: this.#queries,
      summary: `${count(panelCount, 'panel')} in ${count(rows.length, 'row')}, ${count(variables.length, 'variable')}`,
      ...(uid !== undefined && { uid: { value: uid, at: top.at('uid') } }),
    };
  }

  // ------------------------------------------------------------------------- helpers

  private node(value: unknown): Node | null {
    return this.nodes.node(value);
  }

  private finding(check: (typeof IMPORT_CHECKS)[keyof typeof IMPORT_CHECKS], at: Span | Node | null, message: string): void {
    const span = at !== null && 'file' in at ? at : this.nodes.span(at ?? this.found.map);
    this.findings.push(importFinding(check, span, message));
  }

  private loss(at: Span | Node | null, message: string): void {
    this.finding(IMPORT_CHECKS.loss, at, message);
  }

  private fileStem(): string {
    return (this.document.source.file.split('/').pop() ?? 'dashboard').replace(/\.(json|ya?ml)$/i, '');
  }

  private map(fields: Fields, key: string): Fields | undefined {
    const node = fields.node(key);
    return isMap(node) ? new Fields(this.nodes, node) : undefined;
  }

  // ------------------------------------------------------------------------- dashboard fields

  private description(top: Fields): Partial<DashboardSpec> {
    const description = top.text('description');
    return description === undefined ? {} : { description };
  }

  private folder(): Partial<DashboardSpec> {
    if (!this.found.meta) return {};
    const meta = new Fields(this.nodes, this.found.meta);
    const folder = meta.text('folderTitle');
    if (folder === undefined || folder === 'General') return {};
    if (folder.length <= FOLDER_MAX_LENGTH && FOLDER.test(folder)) return { folder };
    this.loss(meta.at('folderTitle'), `the folder "${folder}" is not imported: monc's folders are directories, at most 63 characters without / \\ < > : " | ? * and not starting or ending with a dot or space`);
    return {};
  }

  private tags(top: Fields): Partial<DashboardSpec> {
    // monc tags every dashboard it writes with monc: a dashboard it wrote comes back without.
    const tags = (top.strings('tags') ?? []).filter((tag) => tag !== '' && tag !== 'monc');
    return tags.length > 0 ? { tags } : {};
  }

  private time(top: Fields): Partial<DashboardSpec> {
    const time = this.map(top, 'time');
    const from = time?.text('from');
    const to = time?.text('to');
    if (from === undefined || to === undefined || (from === 'now-1h' && to === 'now')) return {};
    return { time: { from, to } };
  }

  private refresh(top: Fields): Partial<DashboardSpec> {
    const node = top.node('refresh');
    const refresh = scalarText(node);
    if (refresh === '1m') return {};
    if (refresh !== undefined && refresh !== '' && refresh !== 'false' && DURATION.test(refresh) && refresh !== '0') return { refresh };
    if (node !== null) this.loss(node, `the auto-refresh is not imported (${refresh === undefined || refresh === '' || refresh === 'false' ? 'off' : refresh}): monc's dashboards refresh every 1m unless refresh names a duration`);
    return {};
  }

  /** Settings of the whole dashboard monc has no place for; ids, versions and the layout keys carry nothing. */
  private dashboardLosses(top: Fields): void {
    for (const key of ['id', 'uid', 'version', 'revision', 'iteration', 'gnetId', 'schemaVersion', '__inputs', '__requires', '__elements', 'style', 'editable', 'hideControls', 'rows', 'panels', 'templating', 'annotations', 'links']) {
      top.node(key);
    }
    const messages: Readonly<Record<string, (value: Node) => string | undefined>> = {
      timezone: (value) => (['', 'browser'].includes(scalarText(value) ?? '') ? undefined : `the time zone is not imported (${scalarText(value)}): monc's dashboards show the browser's time`),
      graphTooltip: (value) => (scalarText(value) === '0' ? undefined : "the shared crosshair or tooltip (graphTooltip) is not imported: monc's graphs each have their own"),
      sharedCrosshair: (value) => (scalarText(value) === 'false' ? undefined : "the shared crosshair is not imported: monc's graphs each have their own"),
      liveNow: (value) => (scalarText(value) === 'false' ? undefined : 'live streaming (liveNow) is not imported'),
      preload: (value) => (scalarText(value) === 'false' ? undefined : 'preloading the panels is not imported'),
      fiscalYearStartMonth: (value) => (scalarText(value) === '0' ? undefined : 'the fiscal year start is not imported'),
      weekStart: () => 'the first day of the week (weekStart) is not imported',
      timepicker: (value) => (isMap(value) && this.timepickerHides(value) ? 'the hidden time picker is not imported' : undefined),
    };
    for (const { key, at, value } of top.unread()) {
      const message = key in messages ? messages[key]?.(value) : `${key} is not imported: monc's dashboards have no such setting`;
      if (message !== undefined) this.loss(at, message);
    }
  }

  private timepickerHides(timepicker: YAMLMap): boolean {
    return scalarText(this.node(timepicker.get('hidden', true))) === 'true';
  }

  // ------------------------------------------------------------------------- datasources

  /** The plugins of the datasource variables and of the exported dashboard's inputs (${DS_PROMETHEUS}). */
  private readPlugins(top: Fields): void {
    for (const input of top.items('__inputs').filter(isMap)) {
      const fields = new Fields(this.nodes, input);
      const name = fields.text('name');
      if (name !== undefined && fields.text('type') === 'datasource') this.#plugins.set(name, fields.text('pluginId') ?? '');
    }
    const templating = this.node(this.found.map.get('templating', true));
    const list = isMap(templating) ? this.node(templating.get('list', true)) : null;
    for (const item of isSeq(list) ? list.items : []) {
      const variable = this.node(item);
      if (!isMap(variable) || scalarText(this.node(variable.get('type', true))) !== 'datasource') continue;
      const name = scalarText(this.node(variable.get('name', true)));
      if (name !== undefined) this.#plugins.set(name, scalarText(this.node(variable.get('query', true))) ?? '');
    }
  }

  private datasource(node: Node | null): Datasource {
    if (node === null || isEmpty(node)) return DEFAULT_DATASOURCE;
    if (isMap(node)) {
      const type = scalarText(this.node(node.get('type', true)));
      const uid = scalarText(this.node(node.get('uid', true)));
      const byUid = uid === undefined ? DEFAULT_DATASOURCE : this.named(uid);
      if (type === undefined) return byUid;
      if (type === 'datasource') return uid === MIXED ? { kind: 'mixed', name: MIXED, identity: MIXED } : { kind: 'other', name: uid ?? type, identity: uid ?? type };
      return { kind: type === 'prometheus' ? 'prometheus' : 'other', name: type, identity: byUid.identity };
    }
    return this.named(scalarText(node) ?? '');
  }

  /** A datasource named by a string: a variable or input, Grafana's pseudo-datasources, or a uid or name. */
  private named(text: string): Datasource {
    const reference = VARIABLE_REFERENCE.exec(text);
    const variable = reference && (reference[1] ?? reference[2] ?? reference[3]);
    if (variable) {
      const plugin = this.#plugins.get(variable);
      if (plugin === undefined) return { kind: 'unknown', name: `$${variable}`, identity: `$${variable}` };
      return { kind: plugin === 'prometheus' ? 'prometheus' : 'other', name: plugin || `$${variable}`, identity: `$${variable}` };
    }
    if (text === MIXED) return { kind: 'mixed', name: MIXED, identity: MIXED };
    if (GRAFANA_PSEUDO.has(text)) return { kind: 'other', name: text, identity: text };
    return { kind: 'unknown', name: text, identity: text };
  }

  /** Notes a Prometheus datasource a panel or query reads. */
  private usePrometheus(source: Datasource, at: Node): void {
    // The default datasource is whichever Prometheus Grafana offers first: $datasource's default too.
    if (source.identity !== DEFAULT_DATASOURCE.identity && !this.#prometheus.has(source.identity)) this.#prometheus.set(source.identity, at);
  }

  /** Every query of a monc dashboard reads the one datasource $datasource picks: a dashboard that read several loses the difference. */
  private datasourceLoss(): void {
    const used = [...this.#prometheus];
    const second = used[1];
    if (!second) return;
    this.loss(
      second[1],
      `this dashboard queries ${used.length} Prometheus datasources (${used.map(([identity]) => identity).join(', ')}); every query of a monc dashboard reads the one $${DATASOURCE_VARIABLE} picks`,
    );
  }

  // ------------------------------------------------------------------------- variables

  private variables(top: Fields): DashboardVariableSpec[] {
    const templating = this.map(top, 'templating');
    const items = templating?.items('list').filter(isMap) ?? [];
    const variables: DashboardVariableSpec[] = [];
    for (const node of items) {
      const variable = this.variable(new Fields(this.nodes, node));
      if (!variable) continue;
      this.#parts.set(`variables.${variables.length}`, this.nodes.span(node));
      variables.push(variable);
    }
    return variables;
  }

  private variable(fields: Fields): DashboardVariableSpec | undefined {
    const type = fields.text('type') ?? 'query';
    const name = fields.text('name') ?? '';
    const at = fields.map;
    if (type === 'datasource') {
      // monc's own $datasource picker stands for it.
      const query = fields.text('query');
      if (query === 'prometheus' && fields.text('regex') !== undefined) this.loss(fields.at('regex'), `the datasource variable $${name}: its regex is not imported: monc's $${DATASOURCE_VARIABLE} lists every Prometheus datasource`);
      return undefined;
    }
    if (!VARIABLE_NAME.test(name) || name === DATASOURCE_VARIABLE) {
      this.loss(at, `variable "${name}" is not imported: monc's variable names are letters, digits and _, not starting with a digit, and $${DATASOURCE_VARIABLE} is its own`);
      return undefined;
    }
    const label = fields.text('label');
    const common = { name, ...(label !== undefined && label !== name && { label }) };
    const choices = { ...(fields.bool('multi') && { multi: true }), ...(fields.bool('includeAll') && { includeAll: true }) };
    // A constant is hidden by nature; that it is shown once imported is said with its import.
    if (type !== 'constant') this.variableLosses(fields, name, type);
    switch (type) {
      case 'query': {
        const source = this.datasource(fields.node('datasource'));
        if (source.kind === 'other') {
          this.loss(at, `variable $${name} is not imported (it queries ${source.name}): monc's query variables query Prometheus; the queries that use it need another`);
          return undefined;
        }
        const queryNode = fields.node('query');
        const query = isMap(queryNode) ? scalarText(this.node(queryNode.get('query', true))) : scalarText(queryNode);
        fields.node('definition');
        return { ...common, kind: 'query', ...(query && { query }), ...choices };
      }
      case 'custom': {
        const values = customValues(fields.text('query') ?? '');
        if (values.length === 0) return this.noValues(fields, name);
        return { ...common, kind: 'custom', values, ...choices };
      }
      case 'interval': {
        const values = customValues(fields.text('query') ?? '');
        if (fields.bool('auto')) this.loss(fields.at('auto'), `variable $${name}: its auto interval is not imported: monc's interval variables offer the listed ones`);
        for (const key of ['auto_count', 'auto_min']) fields.node(key);
        if (values.length === 0) return this.noValues(fields, name);
        return { ...common, kind: 'interval', values };
      }
      case 'constant':
      case 'textbox': {
        const current = this.map(fields, 'current');
        const value = fields.text('query') ?? current?.text('value');
        if (value === undefined) return this.noValues(fields, name);
        this.loss(at, `variable $${name} is a ${type === 'constant' ? 'constant' : 'text box'}: it is imported as a custom variable whose one value is "${value}"${type === 'constant' ? ', shown as a picker' : ': people pick it, they cannot type another'}`);
        return { ...common, kind: 'custom', values: [value] };
      }
      default:
        this.loss(at, `variable $${name} (${type}) is not imported: monc's variables are query, custom and interval`);
        return undefined;
    }
  }

  private noValues(fields: Fields, name: string): undefined {
    this.loss(fields.map, `variable $${name} is not imported: it lists no values`);
    return undefined;
  }

  /** What a variable does that monc's do not: a regex on its values, a custom "All" value, hiding. */
  private variableLosses(fields: Fields, name: string, type: string): void {
    const regex = fields.text('regex');
    if (regex !== undefined && type === 'query') this.loss(fields.at('regex'), `variable $${name}: its regex is not imported (/${regex}/): monc's query variables offer every value`);
    const allValue = fields.text('allValue');
    if (allValue !== undefined && fields.bool('includeAll')) this.loss(fields.at('allValue'), `variable $${name}: its custom All value is not imported ("${allValue}"): monc's All selects every value`);
    const hide = fields.integer('hide');
    if (hide !== undefined && hide > 0) this.loss(fields.at('hide'), `variable $${name}: hiding it${hide === 1 ? 's label' : ''} is not imported: monc shows its variables`);
    const description = fields.text('description');
    if (description !== undefined) this.loss(fields.at('description'), `the description of variable $${name} is not imported`);
  }

  // ------------------------------------------------------------------------- links, annotations

  private links(top: Fields): NonNullable<DashboardSpec['links']> {
    return top.items('links').flatMap((node) => {
      if (!isMap(node)) return [];
      const link = new Fields(this.nodes, node);
      const type = link.text('type') ?? 'link';
      const title = link.text('title');
      const url = link.text('url');
      if (type !== 'link' || url === undefined || !LINK_URL.test(url)) {
        this.loss(node, type !== 'link' ? `the dashboard list link is not imported (tagged ${link.strings('tags')?.join(', ') || 'anything'}): monc's links are URLs` : `the link "${title ?? url ?? ''}" is not imported: monc's links are absolute URLs or Grafana paths`);
        return [];
      }
      if (link.bool('includeVars') || link.bool('keepTime')) this.loss(node, `the link "${title ?? url}" carries the variables or time range; monc's link opens the URL as it is`);
      return [{ title: title ?? url, url }];
    });
  }

  private annotations(top: Fields): NonNullable<DashboardSpec['annotations']> {
    const list = this.map(top, 'annotations')?.items('list').filter(isMap) ?? [];
    const annotations: NonNullable<DashboardSpec['annotations']> = [];
    for (const node of list) {
      const fields = new Fields(this.nodes, node);
      // Grafana's own "Annotations & Alerts" (builtIn 1): every dashboard has it.
      if (['1', 'true'].includes(fields.text('builtIn') ?? '')) continue;
      const name = fields.text('name') ?? 'Annotations';
      const source = this.datasource(fields.node('datasource'));
      const target = this.map(fields, 'target');
      const exprNode = fields.node('expr') ?? target?.node('expr') ?? null;
      const expr = scalarText(exprNode);
      if (source.kind === 'other' || source.kind === 'mixed' || expr === undefined || expr.trim() === '') {
        this.loss(node, `annotation "${name}" is not imported (${source.kind === 'other' ? source.name : 'no expression'}): monc's annotations are PromQL`);
        continue;
      }
      if (source.kind === 'prometheus' || source.kind === 'unknown') this.usePrometheus(source, fields.node('datasource') ?? node);
      const color = fields.text('iconColor');
      if (fields.bool('enable') === false) this.loss(fields.at('enable'), `annotation "${name}": starting off is not imported: monc's annotations are on`);
      if (fields.bool('hide')) this.loss(fields.at('hide'), `annotation "${name}": hiding its toggle is not imported: monc's annotations show it`);
      for (const key of ['titleFormat', 'textFormat', 'tagKeys']) {
        if (fields.text(key) !== undefined) this.loss(fields.at(key), `annotation "${name}": its ${key} is not imported: monc's markers show the series`);
      }
      const index = annotations.length;
      this.#parts.set(`annotations.${index}`, this.nodes.span(node));
      this.#queries.push({ path: `annotations.${index}`, expr, at: this.nodes.span(exprNode) });
      annotations.push({ name, expr, ...(color !== undefined && color !== 'blue' && { color }) });
    }
    return annotations;
  }

  // ------------------------------------------------------------------------- layout

  /** The panels and rows on the grid, from either layout; a repeated copy Grafana made is left out (its original is imported). */
  private layout(top: Fields): ShownRow<Node>[] {
    const panels = top.node('panels');
    if (isSeq(panels)) return shownLayout(this.gridItems(panels.items));
    const rows = top.items('rows').filter(isMap);
    const legacy = rows.map((row): LegacyRow<Node> => {
      const fields = new Fields(this.nodes, row);
      return {
        source: row,
        collapsed: fields.bool('collapse') ?? false,
        height: this.number(row, 'height') ?? scalarText(this.node(row.get('height', true))),
        panels: fields
          .items('panels')
          .filter(isMap)
          .filter((panel) => !this.isRepeatCopy(panel))
          .map((panel) => ({ source: panel, span: this.number(panel, 'span'), height: this.number(panel, 'height') ?? scalarText(this.node(panel.get('height', true))) })),
      };
    });
    const headers = rows.some((row) => ['collapse', 'showTitle'].some((key) => scalarText(this.node(row.get(key, true))) === 'true') || !isEmpty(this.node(row.get('repeat', true))));
    return shownLayout(legacyGrid(legacy, headers));
  }

  private gridItems(items: readonly unknown[]): GridItem<Node>[] {
    return items.flatMap((item) => {
      const panel = this.node(item);
      if (!isMap(panel) || this.isRepeatCopy(panel)) return [];
      const row = scalarText(this.node(panel.get('type', true))) === 'row';
      const inner = this.node(panel.get('panels', true));
      const collapsed = row && scalarText(this.node(panel.get('collapsed', true))) === 'true';
      if (row && !collapsed && isSeq(inner) && inner.items.length > 0) this.loss(inner, 'this open row lists panels of its own, which Grafana shows only in a collapsed row; they are not imported');
      return [{ source: panel as Node, row, gridPos: this.gridPos(panel), collapsed, panels: collapsed && isSeq(inner) ? this.gridItems(inner.items) : [] }];
    });
  }

  /** Where the panel's JSON puts it; Grafana's default for what is missing, with a finding for what is there but not a number. */
  private gridPos(panel: YAMLMap): GridPos {
    const node = this.node(panel.get('gridPos', true));
    if (!isMap(node)) {
      if (!isEmpty(node)) this.finding(IMPORT_CHECKS.guess, node, `gridPos is ${asJson(node)}, not an object of x, y, w and h: the panel is imported where Grafana puts a panel without one, ${DEFAULT_GRID_POS.w} columns by ${DEFAULT_GRID_POS.h} lines at the top`);
      return DEFAULT_GRID_POS;
    }
    const read = (key: 'x' | 'y' | 'w' | 'h') => {
      const value = this.number(node, key);
      const written = this.node(node.get(key, true));
      if (value === undefined && !isEmpty(written)) this.finding(IMPORT_CHECKS.guess, written, `gridPos.${key} is ${asJson(written)}, not a number: it is imported as ${DEFAULT_GRID_POS[key]}, Grafana's default`);
      return value ?? DEFAULT_GRID_POS[key];
    };
    return { x: read('x'), y: read('y'), w: read('w'), h: read('h') };
  }

  private number(map: YAMLMap, key: string): number | undefined {
    const node = this.node(map.get(key, true));
    return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
  }

  /** A copy Grafana made of a repeated panel or row: it comes back from its original's repeat. */
  private isRepeatCopy(panel: YAMLMap): boolean {
    return ['repeatPanelId', 'repeatIteration'].some((key) => !isEmpty(this.node(panel.get(key, true))));
  }

  // ------------------------------------------------------------------------- panels and rows

  private panels(layout: readonly ShownRow<Node>[]): { panels: PanelSpec[]; rows: NonNullable<DashboardSpec['rows']> } {
    const panels: PanelSpec[] = [];
    const rows: NonNullable<DashboardSpec['rows']> = [];
    for (const shown of layout) {
      const header = shown.header?.item.source;
      const rowTitle = isMap(header) ? (scalarText(this.node(header.get('title', true))) ?? '') : '';
      if (isMap(header) && shown.panels.length === 0) {
        this.loss(header, `row "${rowTitle}" has no panels, and a monc row holds at least one: it is not imported`);
        continue;
      }
      const path = isMap(header) ? `rows.${rows.length}` : undefined;
      for (const { item, afterCollapsedRow } of shown.panels) {
        if (!afterCollapsedRow || !isMap(header)) continue;
        const title = scalarText(this.node((item.source as YAMLMap).get('title', true)));
        this.finding(
          IMPORT_CHECKS.guess,
          item.source,
          `${title === undefined ? 'this panel' : `panel "${title}"`} follows the collapsed row "${rowTitle}" outside its panels: Grafana shows it under the row's header and folds it into the row when the row is collapsed again; it is imported into the row, after the row's own panels`,
        );
      }
      const imported = shown.panels.map(({ item, gridPos }) => this.panel(item.source as YAMLMap, gridPos));
      const placed = this.placed(imported, shown.top);
      const base = path === undefined ? 'panels' : `${path}.panels`;
      imported.forEach((panel, i) => {
        this.#parts.set(`${base}.${i}`, panel.from);
        for (const query of panel.queries) this.#queries.push({ path: `${base}.${i}.queries.${query.index}`, expr: query.expr, at: query.at });
      });
      if (isMap(header) && path !== undefined) {
        rows.push(this.row(header, shown, placed));
        this.#parts.set(path, this.nodes.span(header));
      } else {
        panels.push(...placed);
      }
    }
    return { panels, rows };
  }

  private row(header: YAMLMap, shown: ShownRow<Node>, panels: PanelSpec[]): NonNullable<DashboardSpec['rows']>[number] {
    const fields = new Fields(this.nodes, header);
    const title = fields.text('title') ?? '';
    const collapsed = shown.header?.item.collapsed ?? false;
    const repeat = fields.text('repeat');
    if (repeat !== undefined) this.loss(fields.at('repeat'), `row "${title}": its repeat is not imported (for each $${repeat}): monc draws it once`);
    const gridPos = this.node(header.get('gridPos', true));
    const source = isMap(gridPos) ? this.gridPos(header) : undefined;
    if (source && (source.x !== 0 || source.w !== 24 || source.h !== 1)) this.loss(gridPos, `row "${title}": its size is not imported (${source.w} columns, ${source.h} lines): monc's row headers take the full width and one line`);
    return { title, ...(collapsed && { collapsed }), panels };
  }

  /** The panels with x and y where monc's flow would not put them where Grafana shows them. */
  private placed(panels: readonly ImportedPanel[], top: number): PanelSpec[] {
    const sized = (spec: PanelSpec) => {
      const size = defaultPanelSize(spec.type);
      return { width: spec.width ?? size.width, height: spec.height ?? size.height, x: spec.x, y: spec.y };
    };
    const decided: PanelSpec[] = [];
    for (const panel of panels) {
      const flowing = placePanels([...decided, panel.spec].map(sized), top).at(-1)?.gridPos;
      const { x, y } = panel.gridPos;
      decided.push(flowing && flowing.x === x && flowing.y === y ? panel.spec : { ...panel.spec, x, y: y - top });
    }
    return decided;
  }

  private panel(node: YAMLMap, gridPos: GridPos): ImportedPanel {
    const fields = new Fields(this.nodes, node);
    const from = this.nodes.span(node);
    const sourceType = fields.text('type') ?? '';
    const title = fields.text('title');
    const what = title === undefined ? `a ${sourceType || 'panel'} panel` : `panel "${title}"`;
    const migrated = MIGRATED[sourceType];
    const type = migrated ? (isSinglestat(sourceType) ? this.singlestatType(fields) : migrated.type) : MONC_TYPES.has(sourceType) ? (sourceType as PanelSpec['type']) : undefined;
    const library = fields.node('libraryPanel');
    if (library !== null || type === undefined) {
      const reason = library !== null ? "it is a library panel, whose definition is in Grafana's library, not in the dashboard" : `monc's dashboards have no ${sourceType || 'untyped'} panels`;
      return this.placeholder(node, gridPos, title, what, reason);
    }
    const reported = this.findings.length;
    const queries = type === 'text' ? [] : this.targets(fields, type, what);
    if (type !== 'text' && queries.length === 0) {
      // One finding says the panel is not imported: not one more for each of its queries.
      this.findings.splice(reported);
      return this.placeholder(node, gridPos, title, what, 'none of its queries is a Prometheus query monc can import');
    }
    if (migrated) this.loss(fields.at('type'), `${what} is ${migrated.was}: it is imported as the ${type} panel Grafana migrates it to${this.legacyReducer(fields, sourceType)}`);
    const size = this.size(fields, gridPos, what, type);
    const description = fields.text('description');
    const base = { ...(title !== undefined && { title }), ...(description !== undefined && { description }) };
    const shown = type === 'text' ? this.text(fields, what) : this.fieldConfig(fields, type, what, sourceType);
    this.panelLosses(fields, what, sourceType);
    this.displayLosses(fields, sourceType, what);
    const spec: PanelSpec = { ...base, type, ...shown, ...size, ...(queries.length > 0 && { queries: queries.map((q) => q.spec) }) };
    return { spec, gridPos, from, queries: queries.map((q, index) => ({ index, expr: q.spec.expr, at: q.at })) };
  }

  /** A panel monc cannot draw keeps its place, as a text panel saying what was there. */
  private placeholder(node: YAMLMap, gridPos: GridPos, title: string | undefined, what: string, reason: string): ImportedPanel {
    const type = scalarText(this.node(node.get('type', true))) ?? 'panel';
    this.loss(node, `${what} is not imported: ${reason}; a text panel holds its place`);
    const spec: PanelSpec = { ...(title !== undefined && { title }), type: 'text', content: `The ${type} panel here could not be imported into monc: ${reason}.`, ...this.sizeOf(gridPos, 'text') };
    return { spec, gridPos, from: this.nodes.span(node), queries: [] };
  }

  /** A singlestat drawn as a gauge becomes a gauge panel, as Grafana migrates it; the others a stat panel. */
  private singlestatType(fields: Fields): 'gauge' | 'stat' {
    const gauge = this.map(fields, 'gauge');
    return gauge?.bool('show') ? 'gauge' : 'stat';
  }

  /** The calculation a migrated singlestat showed, when the new panel shows another. */
  private legacyReducer(fields: Fields, sourceType: string): string {
    if (!isSinglestat(sourceType)) return '';
    const shown = LEGACY_REDUCERS[fields.text('valueName') ?? 'avg'] ?? fields.text('valueName');
    return shown === 'last' ? '' : `; it showed the ${shown} of each series, the ${this.singlestatType(fields)} panel shows the last value`;
  }

  private size(fields: Fields, gridPos: GridPos, what: string, type: PanelSpec['type']): Pick<PanelSpec, 'width' | 'height'> {
    if (gridPos.h < MIN_HEIGHT || gridPos.h > MAX_HEIGHT) {
      this.loss(fields.at('gridPos'), `${what}: its height is not imported (${gridPos.h} lines): monc's panels are ${MIN_HEIGHT} to ${MAX_HEIGHT} lines tall, so it is ${gridPos.h < MIN_HEIGHT ? MIN_HEIGHT : MAX_HEIGHT}`);
    }
    return this.sizeOf(gridPos, type);
  }

  private sizeOf(gridPos: GridPos, type: PanelSpec['type']): Pick<PanelSpec, 'width' | 'height'> {
    const height = Math.min(Math.max(gridPos.h, MIN_HEIGHT), MAX_HEIGHT);
    const size = defaultPanelSize(type);
    return { ...(gridPos.w !== size.width && { width: gridPos.w }), ...(height !== size.height && { height }) };
  }

  private text(fields: Fields, what: string): Pick<PanelSpec, 'content' | 'mode'> {
    const options = this.map(fields, 'options');
    const content = options?.text('content') ?? fields.text('content');
    const mode = options?.text('mode') ?? fields.text('mode') ?? 'markdown';
    if (mode !== 'markdown' && mode !== 'html') this.loss(options?.at('mode') ?? fields.at('mode'), `${what}: its mode is not imported (${mode}): monc's text panels show Markdown or HTML, and it is imported as Markdown`);
    return { ...(content !== undefined && { content }), ...(mode === 'html' && { mode }) };
  }

  // ------------------------------------------------------------------------- queries

  private targets(fields: Fields, type: PanelSpec['type'], what: string): { spec: PanelQuerySpec; at: Span }[] {
    const panelSource = this.datasource(fields.node('datasource'));
    const targets = fields.items('targets').filter(isMap);
    return targets.flatMap((node, i) => {
      const target = new Fields(this.nodes, node);
      const refId = target.text('refId') ?? String.fromCharCode(65 + i);
      const own = target.node('datasource');
      const source = own === null || isEmpty(own) ? (panelSource.kind === 'mixed' ? DEFAULT_DATASOURCE : panelSource) : this.datasource(own);
      const exprNode = target.node('expr');
      const expr = scalarText(exprNode);
      const prometheus = source.kind === 'prometheus' || (source.kind === 'unknown' && expr !== undefined);
      if (!prometheus) {
        this.loss(node, `${what}: query ${refId} is not imported (${source.name}): monc's queries are Prometheus queries`);
        return [];
      }
      if (expr === undefined || expr.trim() === '') return [];
      if (target.bool('hide')) {
        this.loss(node, `${what}: query ${refId} is not imported (hidden): monc draws every query of a panel`);
        return [];
      }
      this.usePrometheus(source, own ?? fields.node('datasource') ?? node);
      const legend = target.text('legendFormat');
      const instant = this.instant(target, what, refId);
      const defaultInstant = instantByDefault(type);
      this.queryLosses(target, type, what, refId);
      const spec: PanelQuerySpec = { expr, ...(legend !== undefined && legend !== '__auto' && { legend }), ...(instant !== defaultInstant && { instant }) };
      return [{ spec, at: this.nodes.span(exprNode) }];
    });
  }

  /** Whether Grafana runs the query as an instant query: only when it asks for one and not for a range too. */
  private instant(target: Fields, what: string, refId: string): boolean {
    const instant = target.bool('instant') ?? false;
    const range = target.bool('range');
    if (instant && range === true) this.loss(target.at('range'), `${what}: query ${refId}: running it as an instant query too is not imported: monc runs it as a range query`);
    return instant && range !== true;
  }

  private queryLosses(target: Fields, type: PanelSpec['type'], what: string, refId: string): void {
    const format = target.text('format') ?? 'time_series';
    if (format !== queryFormat(type)) this.loss(target.at('format'), `${what}: query ${refId}: its format is not imported (${format}): monc's ${type} panels ask for ${queryFormat(type)}`);
    if (target.text('interval') !== undefined) this.loss(target.at('interval'), `${what}: query ${refId}: its minimum interval is not imported (${target.text('interval')}): monc's queries step by Grafana's default`);
    const factor = target.integer('intervalFactor');
    if (factor !== undefined && factor !== 1) this.loss(target.at('intervalFactor'), `${what}: query ${refId}: its resolution is not imported (1/${factor}): monc's queries have 1/1`);
    if (target.bool('exemplar')) this.loss(target.at('exemplar'), `${what}: query ${refId}: its exemplars are not imported: monc's queries do not ask for them`);
  }

  // ------------------------------------------------------------------------- field config and display

  /** Unit, decimals, min, max and thresholds, from the field config or where the graph and singlestat panels kept them. */
  private fieldConfig(fields: Fields, type: PanelSpec['type'], what: string, sourceType: string): Partial<PanelSpec> {
    const config = this.map(fields, 'fieldConfig');
    const defaults = config && this.map(config, 'defaults');
    const overrides = config?.node('overrides') ?? null;
    if (overrides !== null && !isEmpty(overrides)) this.loss(overrides, `${what}: its field overrides are not imported: monc draws every series alike`);
    const axis = sourceType === 'graph' ? this.leftAxis(fields) : isSinglestat(sourceType) && type === 'gauge' ? this.map(fields, 'gauge') : undefined;
    const unit = defaults?.text('unit') ?? (sourceType === 'graph' ? axis?.text('format') : undefined) ?? (isSinglestat(sourceType) ? fields.text('format') : undefined);
    const decimals = defaults?.integer('decimals') ?? axis?.integer('decimals') ?? (migratedFrom(sourceType) ? fields.integer('decimals') : undefined);
    const min = this.limit(defaults, axis, 'min');
    const max = this.limit(defaults, axis, 'max');
    const thresholds = this.thresholds(fields, defaults, type, what, sourceType);
    if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10)) {
      this.loss(defaults?.at('decimals') ?? fields.map, `${what}: its decimals are not imported (${decimals}): monc's panels show 0 to 10, so Grafana picks them`);
    }
    for (const [key, message] of Object.entries(FIELD_CONFIG_LOSSES)) {
      const node = defaults?.node(key) ?? null;
      if (node !== null && !isEmpty(node)) this.loss(this.keyNode(defaults, key), `${what}: ${message}`);
    }
    return {
      ...(unit !== undefined && { unit }),
      ...(decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10 && { decimals }),
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
      ...(thresholds.length > 0 && { thresholds }),
    };
  }

  private keyNode(fields: Fields | undefined, key: string): Node | null {
    return fields ? (this.nodes.pairs(fields.map).find((pair) => pair.key === key)?.keyNode ?? null) : null;
  }

  /** The graph panel's left y axis, where it kept unit, decimals, min and max. */
  private leftAxis(fields: Fields): Fields | undefined {
    const axes = fields.items('yaxes');
    const left = axes[0];
    return isMap(left) ? new Fields(this.nodes, left) : undefined;
  }

  /** A limit from the field config, the graph panel's axis or the singlestat's gauge. */
  private limit(defaults: Fields | undefined, axis: Fields | undefined, key: 'min' | 'max'): number | undefined {
    const fromConfig = defaults?.node(key);
    if (isScalar(fromConfig) && typeof fromConfig.value === 'number') return fromConfig.value;
    const fromAxis = scalarText(axis?.node(key === 'min' ? (axis.map.has('minValue') ? 'minValue' : 'min') : axis.map.has('maxValue') ? 'maxValue' : 'max'));
    const value = fromAxis === undefined ? Number.NaN : Number(fromAxis);
    return Number.isFinite(value) ? value : undefined;
  }

  private thresholds(fields: Fields, defaults: Fields | undefined, type: PanelSpec['type'], what: string, sourceType: string): NonNullable<PanelSpec['thresholds']> {
    if (sourceType === 'singlestat' || sourceType === 'grafana-singlestat-panel') return this.singlestatThresholds(fields, what);
    const config = defaults && this.map(defaults, 'thresholds');
    if (!config) return [];
    if (type === 'timeseries') {
      // A time series draws its thresholds only when thresholdsStyle says so; monc draws them dashed.
      const custom = this.map(defaults, 'custom');
      const style = custom && this.map(custom, 'thresholdsStyle');
      const mode = style?.text('mode') ?? 'off';
      if (mode === 'off') return [];
      if (mode !== 'dashed') this.loss(style?.at('mode') ?? null, `${what}: the style of its thresholds is not imported (${mode}): monc draws them as dashed lines`);
    }
    const mode = config.text('mode') ?? 'absolute';
    if (mode !== 'absolute') {
      this.loss(config.at('mode'), `${what}: its thresholds are not imported (percentages of the range): monc's are absolute values`);
      return [];
    }
    const steps = config.items('steps').filter(isMap).map((step) => new Fields(this.nodes, step));
    const [base, ...above] = steps;
    const baseColor = base?.text('color');
    if (baseColor !== undefined && baseColor !== 'green') this.loss(base?.at('color') ?? null, `${what}: the base color of its thresholds is not imported (${baseColor}): monc's is green`);
    return above.flatMap((step) => {
      const value = step.node('value');
      const color = step.text('color');
      return isScalar(value) && typeof value.value === 'number' && color !== undefined ? [{ value: value.value, color }] : [];
    });
  }

  /** A singlestat's thresholds: "80,90", with a color for below, between and above. */
  private singlestatThresholds(fields: Fields, what: string): NonNullable<PanelSpec['thresholds']> {
    const values = (fields.text('thresholds') ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '')
      .map(Number);
    if (values.length === 0 || values.some((value) => !Number.isFinite(value))) return [];
    const colors = fields.strings('colors') ?? [];
    if (colors[0] !== undefined && colors[0] !== 'green') this.loss(fields.at('colors'), `${what}: the base color of its thresholds is not imported (${colors[0]}): monc's is green`);
    return values.map((value, i) => ({ value, color: colors[i + 1] ?? 'red' }));
  }

  /** Settings that change what a panel shows, one finding each. */
  private panelLosses(fields: Fields, what: string, sourceType: string): void {
    for (const [key, message] of Object.entries(PANEL_LOSSES)) {
      const node = fields.node(key);
      if (node === null || isEmpty(node) || isDefault(sourceType, key, node.toJSON())) continue;
      this.loss(this.keyNode(fields, key), `${what}: ${key === 'repeat' ? `its repeat is not imported (for each $${scalarText(node)}): monc draws it once` : message}`);
    }
  }

  /**
   * The rest of the panel's settings (options, field styles, the graph panel's own) that are
   * not Grafana's defaults: one finding for all, at the first.
   */
  private displayLosses(fields: Fields, sourceType: string, what: string): void {
    for (const key of IGNORED_PANEL_KEYS) fields.node(key);
    for (const key of Object.keys(PANEL_LOSSES)) fields.node(key);
    const config = this.node(fields.map.get('fieldConfig', true));
    const defaults = isMap(config) ? this.node(config.get('defaults', true)) : null;
    const rest = [
      ...fields.unread().flatMap(({ key, value }) => (key === 'fieldConfig' || key === 'options' ? [] : this.leaves(value, key))),
      ...this.leaves(this.node(fields.map.get('options', true)), 'options'),
      ...(isMap(defaults) ? ['custom', 'color'].flatMap((key) => this.leaves(this.node(defaults.get(key, true)), `fieldConfig.defaults.${key}`)) : []),
    ].filter((leaf) => !isDefault(sourceType, leaf.path, leaf.value) && !handledLeaf(sourceType, leaf.path));
    const first = rest[0];
    if (!first) return;
    const shown = rest.slice(0, 5).map((leaf) => `${leaf.path.replace(/^(options|fieldConfig\.defaults(\.custom)?)\./, '')} ${shortJson(leaf.value)}`);
    const more = rest.length > shown.length ? ` and ${rest.length - shown.length} more` : '';
    this.loss(first.at, `${what}: its display settings are not imported (${shown.join(', ')}${more}); monc draws it with Grafana's defaults`);
  }

  /** The settings under a value, objects walked and lists taken whole (but the graph panel's axes, one by one). */
  private leaves(node: Node | null, path: string): { path: string; value: unknown; at: Node }[] {
    if (node === null) return [];
    if (isMap(node)) return this.nodes.pairs(node).flatMap(({ key, value }) => this.leaves(value, `${path}.${key}`));
    if (isSeq(node) && path === 'yaxes') return node.items.flatMap((item, i) => this.leaves(this.node(item), `${path}.${i}`));
    return [{ path, value: node.toJSON(), at: node }];
  }
}

/**
 * Settings the import reads in another way, by the panel type they belong to: the text
 * panel's content, the thresholds' style, the graph panel's left axis (its right one shows
 * only the series that overrides put there), the singlestat's unit, thresholds and value.
 */
const HANDLED_LEAVES: readonly (readonly [types: RegExp, path: RegExp])[] = [
  [/./, /(^|\.)\$\$hashKey$/],
  [/./, /^fieldConfig\.defaults\.custom\.thresholdsStyle\.mode$/],
  [/^text$/, /^(options\.)?(content|mode)$/],
  [/^graph$/, /^(yaxes\.0\.(format|decimals|min|max)|yaxes\.1\.(format|decimals|min|max|show|label|logBase)|decimals)$/],
  [/singlestat/, /^(format|decimals|thresholds|colors|valueName|gauge\.(show|minValue|maxValue))$/],
];

function handledLeaf(sourceType: string, path: string): boolean {
  return HANDLED_LEAVES.some(([types, paths]) => types.test(sourceType) && paths.test(path));
}

function migratedFrom(sourceType: string): boolean {
  return sourceType in MIGRATED;
}

function isSinglestat(sourceType: string): boolean {
  return sourceType === 'singlestat' || sourceType === 'grafana-singlestat-panel';
}

/**
 * A uid made of words (`linkerd-deployment`, `k8s_system_coredns`) names the dashboard better
 * than most titles, and keeps the uid of a dashboard monc wrote (`monc-<id>`); a generated
 * one (`09ec8aa1e996…`, `rYdddlPWk`) does not.
 */
function readableUid(uid: string | undefined): string | undefined {
  if (uid === undefined || !/^[a-z][a-z0-9]*([-_][a-z][a-z0-9]*)+$/.test(uid)) return undefined;
  return uid.replace(/^monc-/, '').replace(/_/g, '-');
}

/** A custom or interval variable's values: its query split at commas, trimmed (`\,` stays, Grafana's comma inside a value). */
function customValues(query: string): string[] {
  return (query.match(/(?:\\,|[^,])+/g) ?? []).map((value) => value.trim()).filter((value) => value !== '');
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A JSON value, as a finding names it: an array or an object, or the value itself. */
function asJson(node: Node | null): string {
  if (isSeq(node)) return 'an array';
  if (isMap(node)) return 'an object';
  return isScalar(node) ? JSON.stringify(node.value) : 'null';
}
