/** RawDocuments → Model: defaults applied in one place, deterministic order, origins kept. */
import { toRuler, toScrape } from './deploy-settings.ts';
import type { AlertSpec, DashboardSpec, MetricSpec, PanelSpec, RecordingRuleSpec, ReceiverSpec, RouteSpec, RoutingSpec, RuleTestSpec, ServiceSpec, SliSpec, SloSpec } from '../api/types.gen.ts';
import { compareText } from '../diagnostic.ts';
import type { RawDocument } from '../load/raw.ts';
import { parseMatcher } from '../routing/matchers.ts';
import { DEFAULT_NO_DATA_FOR, DEFAULT_SLO_WINDOW, TIER_TABLES, budgetPercentFor, factorFor, seconds, sliStep } from '../slo/math.ts';
import type { SliKindName } from '../slo/sli/kind.ts';
import { CALENDAR_PERIODS } from '../slo/calendar.ts';
import { kindNamed, sliKindOf, type Sli } from '../slo/sli/registry.ts';
import { dashboardUid, MAX_SLI_STEP, sloId, sloNoDataAlertName, sloPageAlertName, sloTicketAlertName } from './conventions.ts';
import type {
  Alert,
  Dashboard,
  LostDefinitions,
  Matcher,
  Metric,
  Model,
  Panel,
  PanelType,
  PrometheusSettings,
  Receiver,
  RecordingRule,
  Route,
  Routing,
  RoutingGlobal,
  RuleTest,
  Service,
  Settings,
  Slo,
  SloTier,
  TimeInterval,
} from './model.ts';
import type { Origin, PathSegment } from './origin.ts';

export function buildModel(documents: readonly RawDocument[], settings: Settings, lost: LostDefinitions): Model {
  const services: Service[] = [];
  const metrics: Metric[] = [];
  const routings: Routing[] = [];
  const dashboards: Dashboard[] = [];
  // Documents arrive in file order; the stable sorts below keep that order among equal names,
  // so the first declaration of a duplicate is the one in the earlier file.
  for (const document of documents) {
    if (document.kind === 'service') {
      const service = toService(document.spec, document.origin, settings.prometheus);
      services.push(service);
      metrics.push(...service.metrics);
    } else if (document.kind === 'routing') routings.push(toRouting(document.spec, document.origin));
    else if (document.kind === 'dashboard') dashboards.push(toDashboard(document.spec, document.origin));
    else metrics.push(toMetric(document.spec, undefined, document.origin));
  }
  services.sort((a, b) => compareText(a.name, b.name));
  metrics.sort((a, b) => compareText(a.name, b.name));
  const metricsByName = new Map<string, Metric>();
  for (const metric of metrics) if (!metricsByName.has(metric.name)) metricsByName.set(metric.name, metric);
  return {
    services,
    metrics,
    alerts: services.flatMap((service) => service.alerts),
    recordingRules: services.flatMap((service) => service.recordingRules),
    slos: services.flatMap((service) => service.slos),
    dashboards: dashboards.sort((a, b) => compareText(a.id, b.id)),
    routing: routings[0],
    routings,
    metricsByName,
    ...settings,
    lost,
  };
}

function toService(spec: ServiceSpec, origin: Origin, prometheus: PrometheusSettings): Service {
  const name = spec.name;
  return {
    name,
    team: spec.team,
    description: spec.description,
    instances: spec.instances ?? spec.scrape?.targets?.length ?? 1,
    scrape: spec.scrape && toScrape(spec.scrape, name, origin.child('scrape')),
    ruler: toRuler(spec.ruler),
    metrics: (spec.metrics ?? []).map((metric, i) => toMetric(metric, name, origin.child('metrics', i))),
    alerts: (spec.alerts ?? []).map((alert, i) => toAlert(alert, name, origin.child('alerts', i))),
    recordingRules: (spec.recordingRules ?? []).map((rule, i) => toRecordingRule(rule, name, origin.child('recordingRules', i))),
    slos: (spec.slos ?? []).flatMap((slo, i) => toSlos(slo, spec, origin.child('slos', i), prometheus)),
    tests: (spec.tests ?? []).map((test, i) => toRuleTest(test, origin.child('tests', i))),
    origin,
  };
}

function toMetric(spec: MetricSpec, service: string | undefined, origin: Origin): Metric {
  return {
    name: spec.name,
    type: spec.type,
    help: spec.help,
    unit: spec.unit,
    labels: Object.entries(spec.labels ?? {})
      .map(([name, domain]) => ({
        name,
        description: domain.description,
        values: domain.values,
        maxValues: domain.maxValues,
        pattern: domain.pattern,
      }))
      .sort((a, b) => compareText(a.name, b.name)),
    buckets: spec.buckets,
    native: spec.native ?? false,
    exporter: spec.exporter,
    service,
    origin,
  };
}

function toAlert(spec: AlertSpec, service: string, origin: Origin): Alert {
  return {
    name: spec.name,
    service,
    expr: { text: spec.expr, origin: origin.child('expr') },
    for: spec.for,
    keepFiringFor: spec.keepFiringFor,
    severity: spec.severity,
    summary: spec.summary,
    description: spec.description,
    runbook: spec.runbook,
    runbookText: spec.runbookText,
    labels: spec.labels ?? {},
    annotations: spec.annotations ?? {},
    dashboard: spec.dashboard,
    origin,
  };
}

function toRecordingRule(spec: RecordingRuleSpec, service: string, origin: Origin): RecordingRule {
  return { record: spec.record, service, expr: { text: spec.expr, origin: origin.child('expr') }, labels: spec.labels ?? {}, description: spec.description, origin };
}

/** An SLO and its further objectives on the same SLI, each an SLO of its own. */
function toSlos(spec: SloSpec, service: ServiceSpec, origin: Origin, prometheus: PrometheusSettings): Slo[] {
  const main = toSlo(spec, service, origin, prometheus);
  return [
    main,
    ...(spec.objectives ?? []).map((more, i): Slo => {
      const name = `${spec.name}-${more.name}`;
      const moreOrigin = origin.child('objectives', i);
      const ownThreshold = main.sli.kind === 'latency' && more.threshold !== undefined && more.threshold !== main.sli.threshold;
      const sli = ownThreshold && main.sli.kind === 'latency' ? { ...main.sli, threshold: more.threshold ?? main.sli.threshold } : main.sli;
      const slo = toSlo({ ...spec, name, objective: more.objective }, service, origin, prometheus);
      return {
        ...slo,
        sli,
        origin: objectiveOrigin(origin, moreOrigin),
        objectiveOf: main.id,
        recordedBy: ownThreshold ? undefined : main.id,
      };
    }),
  ];
}

/** An objective's origin: its name, objective and threshold in its entry of `objectives`, the rest in the SLO it extends. */
function objectiveOrigin(slo: Origin, entry: Origin): Origin {
  const own = (path: readonly PathSegment[]): readonly PathSegment[] | undefined => {
    if (path[0] === 'name' || path[0] === 'objective') return path;
    if (path[0] === 'sli' && path[1] === 'latency' && path[2] === 'threshold') return ['threshold'];
    return undefined;
  };
  return {
    file: slo.file,
    at: (...path) => {
      const mine = own(path);
      return mine ? entry.at(...mine) : slo.at(...path);
    },
    keyAt: (...path) => {
      const mine = own(path);
      return mine ? entry.keyAt(...mine) : slo.keyAt(...path);
    },
    child: (...path) => objectiveOrigin(slo.child(...path), entry.child(...path)),
  };
}

function toSlo(spec: SloSpec, service: ServiceSpec, origin: Origin, prometheus: PrometheusSettings): Slo {
  const calendar = typeof spec.window === 'object' ? { period: spec.window.calendar, timezone: spec.window.timezone ?? 'UTC' } : undefined;
  const window = calendar ? CALENDAR_PERIODS[calendar.period].nominal : (spec.window as string | undefined) ?? DEFAULT_SLO_WINDOW;
  const alerting = spec.alerting ?? {};
  const alertNames: TierAlertDefaults = {
    page: alerting.pageAlert ?? sloPageAlertName(service.name, spec.name),
    ticket: alerting.ticketAlert ?? sloTicketAlertName(service.name, spec.name),
    pageSeverity: alerting.pageSeverity ?? 'critical',
    ticketSeverity: alerting.ticketSeverity ?? 'warning',
    for: alerting.for,
  };
  const tiers = toTiers(alerting, window, alertNames);
  const sli = toSli(spec.sli, origin.child('sli'));
  const windows = [window, ...tiers.flatMap((t) => [t.longWindow, t.shortWindow]).filter((w): w is string => w !== undefined)];
  const step = stepOf(sliKindOf(sli).fixedStep?.(sli), windows, prometheus.evaluationInterval);
  return {
    name: spec.name,
    id: sloId(service.name, spec.name),
    service: service.name,
    team: service.team,
    description: spec.description,
    objective: spec.objective,
    window,
    calendar,
    sli,
    groupBy: spec.groupBy ?? [],
    tierTable: alerting.tierTable ?? 'workbook',
    tiers,
    step: step ?? MAX_SLI_STEP,
    stepFits: step !== undefined,
    prometheusVersion: prometheus.version,
    objectiveOf: undefined,
    recordedBy: undefined,
    minEvents: alerting.minEvents,
    pageSeverity: alertNames.pageSeverity,
    ticketSeverity: alertNames.ticketSeverity,
    noData:
      alerting.noData === false
        ? undefined
        : {
            name: alerting.noData?.alert ?? sloNoDataAlertName(service.name, spec.name),
            for: alerting.noData?.for ?? alerting.noDataFor ?? DEFAULT_NO_DATA_FOR,
            severity: alerting.noData?.severity ?? alertNames.ticketSeverity,
          },
    labels: spec.labels ?? {},
    runbook: spec.runbook,
    runbookText: spec.runbookText,
    traffic: spec.traffic,
    origin,
  };
}

/** A fixed step fits when every window is a whole number of it and an evaluation sees it; otherwise the longest that divides them. */
function stepOf(fixed: string | undefined, windows: readonly string[], evaluationInterval: string): string | undefined {
  if (fixed === undefined) return sliStep(windows, evaluationInterval);
  const step = seconds(fixed);
  return step >= seconds(evaluationInterval) && windows.every((w) => seconds(w) % step === 0) ? fixed : undefined;
}

/** The schema admits exactly one kind per SLI, and only the registered ones. */
function toSli(spec: SliSpec, origin: Origin): Sli {
  const [name, kindSpec] = Object.entries(spec)[0] ?? [];
  const kind = kindNamed(name as SliKindName);
  return (kind.fromSpec as (spec: unknown, origin: Origin) => Sli)(kindSpec, origin.child(kind.kind));
}

/** What a tier's alert gets when the tier does not say: by its severity, page or ticket. */
interface TierAlertDefaults {
  readonly page: string;
  readonly ticket: string;
  readonly pageSeverity: string;
  readonly ticketSeverity: string;
  readonly for: string | undefined;
}

/** The default tiers with the SLO's changes: false drops one, fields override, new names add. */
function toTiers(alerting: NonNullable<SloSpec['alerting']>, window: string, defaults: TierAlertDefaults): SloTier[] {
  const changes = alerting.tiers ?? {};
  const table = TIER_TABLES[alerting.tierTable ?? 'workbook'](window);
  const names = [...table.map((t) => t.name), ...Object.keys(changes).filter((name) => !table.some((t) => t.name === name)).sort()];
  return names.flatMap((name): SloTier[] => {
    const change = changes[name];
    if (change === false) return [];
    const base = table.find((t) => t.name === name);
    const longWindow = change?.longWindow ?? base?.longWindow;
    const shortWindow = change?.shortWindow ?? base?.shortWindow;
    const severity = change?.severity ?? base?.severity ?? (name.startsWith('page') ? 'page' : 'ticket');
    // A tier's threshold is its factor or its budget share; written either way, derive the other.
    // A default share rescaled to a short window may fall below a burn rate of 1, which fires
    // while the SLO is on track: a default threshold never goes below 1 (slo/tier-on-track
    // reports written ones).
    const thresholdWritten = change?.factor !== undefined || change?.budgetPercent !== undefined;
    const share = change?.factor === undefined ? (change?.budgetPercent ?? (base?.factor === undefined ? base?.budgetPercent : undefined)) : undefined;
    const rescaled = change?.factor ?? (share !== undefined && longWindow !== undefined ? factorFor(share, window, longWindow) : base?.factor);
    const factor = rescaled !== undefined && !thresholdWritten ? Math.max(1, rescaled) : rescaled;
    const budgetPercent = factor !== rescaled ? undefined : share;
    return [
      {
        name,
        severity,
        longWindow,
        shortWindow,
        factor,
        budgetPercent: budgetPercent ?? (factor !== undefined && longWindow !== undefined ? budgetPercentFor(factor, window, longWindow) : undefined),
        overdetermined: change?.factor !== undefined && change.budgetPercent !== undefined,
        written: change !== undefined,
        alertName: change?.alert ?? (severity === 'page' ? defaults.page : defaults.ticket),
        alertSeverity: change?.alertSeverity ?? (severity === 'page' ? defaults.pageSeverity : defaults.ticketSeverity),
        for: change?.for ?? defaults.for ?? base?.for,
      },
    ];
  });
}

function toRouting(spec: RoutingSpec, origin: Origin): Routing {
  return {
    global: spec.global && toGlobal(spec.global),
    route: toRoute(spec.route, origin.child('route')),
    receivers: spec.receivers.map((receiver, i) => toReceiver(receiver, origin.child('receivers', i))),
    inhibitRules: (spec.inhibitRules ?? []).map((rule, i) => {
      const ruleOrigin = origin.child('inhibitRules', i);
      return {
        source: matchers(rule.sourceMatchers, ruleOrigin, 'sourceMatchers'),
        target: matchers(rule.targetMatchers, ruleOrigin, 'targetMatchers'),
        equal: rule.equal ?? [],
        description: rule.description,
        generated: false,
        origin: ruleOrigin,
      };
    }),
    timeIntervals: (spec.timeIntervals ?? []).map((interval, i): TimeInterval => ({
      name: interval.name,
      ranges: interval.intervals.map((range) => ({
        times: range.times,
        weekdays: range.weekdays,
        daysOfMonth: range.daysOfMonth,
        months: range.months,
        years: range.years,
        location: range.location,
      })),
      origin: origin.child('timeIntervals', i),
    })),
    templates: spec.templates ?? [],
    origin,
  };
}

/** Secret fields that may only be given as files: the inline names the config wrote. */
const INLINE_SECRETS = ['routingKey', 'serviceKey', 'apiUrl', 'apiKey', 'authPassword', 'password', 'slackApiUrl', 'opsgenieApiKey'];

function inlineSecrets(spec: object): string[] {
  return Object.entries(spec).flatMap(([key, value]) => (INLINE_SECRETS.includes(key) && typeof value === 'string' ? [key] : []));
}

function toGlobal(spec: NonNullable<RoutingSpec['global']>): RoutingGlobal {
  return {
    resolveTimeout: spec.resolveTimeout,
    smtp: spec.smtp && {
      smarthost: spec.smtp.smarthost,
      from: spec.smtp.from,
      authUsername: spec.smtp.authUsername,
      authPasswordFile: spec.smtp.authPasswordFile,
      requireTls: spec.smtp.requireTls,
      inlineSecrets: inlineSecrets(spec.smtp),
    },
    slackApiUrlFile: spec.slackApiUrlFile,
    opsgenieApiKeyFile: spec.opsgenieApiKeyFile,
    inlineSecrets: inlineSecrets(spec),
  };
}

function toReceiver(spec: ReceiverSpec, origin: Origin): Receiver {
  return {
    name: spec.name,
    pagerduty: (spec.pagerduty ?? []).map((c) => ({
      routingKeyFile: c.routingKeyFile,
      serviceKeyFile: c.serviceKeyFile,
      severity: c.severity,
      description: c.description,
      sendResolved: c.sendResolved,
      inlineSecrets: inlineSecrets(c),
    })),
    slack: (spec.slack ?? []).map((c) => ({ apiUrlFile: c.apiUrlFile, channel: c.channel, title: c.title, text: c.text, sendResolved: c.sendResolved, inlineSecrets: inlineSecrets(c) })),
    email: (spec.email ?? []).map((c) => ({
      to: c.to,
      from: c.from,
      smarthost: c.smarthost,
      authUsername: c.authUsername,
      authPasswordFile: c.authPasswordFile,
      requireTls: c.requireTls,
      sendResolved: c.sendResolved,
      inlineSecrets: inlineSecrets(c),
    })),
    webhook: (spec.webhook ?? []).map((c) => ({
      url: c.url,
      username: c.username,
      passwordFile: c.passwordFile,
      maxAlerts: c.maxAlerts,
      sendResolved: c.sendResolved,
      inlineSecrets: inlineSecrets(c),
    })),
    opsgenie: (spec.opsgenie ?? []).map((c) => ({ apiKeyFile: c.apiKeyFile, priority: c.priority, message: c.message, sendResolved: c.sendResolved, inlineSecrets: inlineSecrets(c) })),
    origin,
  };
}

function matchers(texts: readonly string[], origin: Origin, field: string): Matcher[] {
  return texts.flatMap((text, i) => {
    const matcher = parseMatcher(text);
    return matcher ? [{ ...matcher, origin, path: [field, i] }] : [];
  });
}

/** The shorthand fields first (severity, team, service), then the written matchers. */
function toRoute(spec: RouteSpec, origin: Origin): Route {
  const shorthand = (['severity', 'team', 'service'] as const).flatMap((label): Matcher[] => {
    const value = spec[label];
    return value === undefined ? [] : [{ label, op: '=', value, origin, path: [label] }];
  });
  return {
    receiver: spec.receiver,
    matchers: [...shorthand, ...matchers(spec.matchers ?? [], origin, 'matchers')],
    groupBy: spec.groupBy,
    groupWait: spec.groupWait,
    groupInterval: spec.groupInterval,
    repeatInterval: spec.repeatInterval,
    continue: spec.continue ?? false,
    muteTimeIntervals: spec.muteTimeIntervals ?? [],
    activeTimeIntervals: spec.activeTimeIntervals ?? [],
    routes: (spec.routes ?? []).map((child, i) => toRoute(child, origin.child('routes', i))),
    origin,
  };
}

function toRuleTest(spec: RuleTestSpec, origin: Origin): RuleTest {
  return {
    name: spec.name,
    interval: spec.interval ?? '1m',
    inputSeries: spec.inputSeries,
    alertRuleTests: (spec.alertRuleTests ?? []).map((test) => ({
      evalTime: test.evalTime,
      alertname: test.alertname,
      expAlerts: test.expAlerts.map((alert) => ({ expLabels: alert.expLabels ?? {}, expAnnotations: alert.expAnnotations ?? {} })),
    })),
    promqlExprTests: (spec.promqlExprTests ?? []).map((test) => ({ expr: test.expr, evalTime: test.evalTime, expSamples: test.expSamples })),
    origin,
  };
}

/** Sizes that read well: graphs and tables half the width, single values a quarter. */
const QUARTER_WIDTH = new Set<PanelType>(['stat', 'gauge', 'bargauge', 'piechart']);
const SINGLE_VALUE = new Set<PanelType>(['stat', 'gauge', 'bargauge', 'table']);

/** A panel's size when its definition gives none. */
export function defaultPanelSize(type: PanelType): { readonly width: number; readonly height: number } {
  return { width: QUARTER_WIDTH.has(type) ? 6 : 12, height: type === 'stat' || type === 'gauge' ? 5 : 8 };
}

/** Whether a panel runs its queries as instant queries unless they say: the panels that show one value per series. */
export function instantByDefault(type: PanelType): boolean {
  return SINGLE_VALUE.has(type);
}

function toDashboard(spec: DashboardSpec, origin: Origin): Dashboard {
  return {
    id: spec.id,
    uid: dashboardUid(spec.id),
    title: spec.title,
    description: spec.description,
    folder: spec.folder ?? 'monc',
    service: spec.service,
    tags: spec.tags ?? [],
    time: spec.time ?? { from: 'now-1h', to: 'now' },
    refresh: spec.refresh ?? '1m',
    variables: (spec.variables ?? []).map((v) => ({
      name: v.name,
      label: v.label,
      kind: v.kind,
      query: v.query,
      values: v.values ?? [],
      multi: v.multi ?? false,
      includeAll: v.includeAll ?? false,
    })),
    links: spec.links ?? [],
    annotations: (spec.annotations ?? []).map((a, i) => ({ name: a.name, expr: { text: a.expr, origin: origin.child('annotations', i, 'expr') }, color: a.color ?? 'blue' })),
    rows: [
      ...(spec.panels ? [{ title: undefined, collapsed: false, panels: spec.panels.map((panel, p) => toPanel(panel, origin.child('panels', p))) }] : []),
      ...(spec.rows ?? []).map((row, r) => ({
        title: row.title,
        collapsed: row.collapsed ?? false,
        panels: row.panels.map((panel, p) => toPanel(panel, origin.child('rows', r, 'panels', p))),
      })),
    ],
    generated: false,
    origin,
  };
}

function toPanel(panel: PanelSpec, origin: Origin): Panel {
  return {
    title: panel.title ?? '',
    description: panel.description,
    type: panel.type,
    queries: (panel.queries ?? []).map((q, i) => ({
      expr: { text: q.expr, origin: origin.child('queries', i, 'expr') },
      legend: q.legend,
      instant: q.instant ?? instantByDefault(panel.type),
      datasource: q.datasource,
    })),
    content: panel.content,
    mode: panel.mode,
    unit: panel.unit,
    decimals: panel.decimals,
    min: panel.min,
    max: panel.max,
    thresholds: panel.thresholds ?? [],
    width: panel.width ?? defaultPanelSize(panel.type).width,
    height: panel.height ?? defaultPanelSize(panel.type).height,
    x: panel.x,
    y: panel.y,
    datasource: panel.datasource,
    origin,
  };
}
