/**
 * out/docs: the index, a page per service, every alert with its routing, the metrics catalog
 * with its cardinality, and a runbook page per alert that has runbook text. Everything is
 * derived from the model and the same helpers the other emitters use (SLO math, routing
 * evaluator, cardinality estimate), so the docs say what the generated files do.
 */
import type { Alert, Dashboard, Model, Service, Slo } from '../../model/model.ts';
import { DOCS_PATHS, LABEL, dashboardPath, dashboardUrl, generatedHeader, runbookPath, runbookUrl, servicePagePath } from '../../model/conventions.ts';
import type { CardinalityReport } from '../../cardinality/estimate.ts';
import type { Expanded } from '../../expand/expand.ts';
import type { RoutedAlert } from '../../routing/alerts.ts';
import { alertingTiers, errorBudget, humanDuration, seconds, secondsToFireAtFullOutage } from '../../slo/math.ts';
import { sliKindOf } from '../../slo/sli/registry.ts';
import { lazyArtifact, type Artifact } from '../artifact.ts';
import { code, codeBlock, externalLink, link, markdown, page, table, text } from './markdown.ts';
import { compareText } from '../../diagnostic.ts';
import { groupedDigits } from '../../numbers.ts';

interface Context {
  readonly model: Model;
  readonly header: string;
  readonly alerts: readonly RoutedAlert[];
  readonly dashboards: readonly Dashboard[];
  readonly cardinality: CardinalityReport;
  /** Per service name: what its page lists, indexed once. */
  readonly byService: ReadonlyMap<string, { alerts: RoutedAlert[]; metrics: CardinalityReport['metrics'][number][]; dashboards: Dashboard[] }>;
}

function indexByService(model: Model, expanded: Expanded): Context['byService'] {
  const index = new Map(model.services.map((s) => [s.name, { alerts: [] as RoutedAlert[], metrics: [] as CardinalityReport['metrics'][number][], dashboards: [] as Dashboard[] }]));
  for (const alert of expanded.alerts) index.get(alert.alert.service)?.alerts.push(alert);
  for (const metric of expanded.cardinality.metrics) if (metric.metric.service !== undefined) index.get(metric.metric.service)?.metrics.push(metric);
  for (const dashboard of expanded.dashboards) if (dashboard.service !== undefined) index.get(dashboard.service)?.dashboards.push(dashboard);
  return index;
}

export function docsPages(model: Model, expanded: Expanded): Artifact[] {
  if (model.services.length === 0) return [];
  const sources = [...new Set(model.services.map((s) => s.origin.file))].sort();
  const context: Context = {
    model,
    header: generatedHeader(sources.length > 0 ? sources : [], 'markdown'),
    alerts: expanded.alerts,
    dashboards: expanded.dashboards,
    cardinality: expanded.cardinality,
    byService: indexByService(model, expanded),
  };
  return [
    lazyArtifact(DOCS_PATHS.index, () => index(context)),
    ...model.services.map((service) => lazyArtifact(servicePagePath(service.name), () => servicePage(context, service))),
    lazyArtifact(DOCS_PATHS.alerts, () => alertsPage(context)),
    lazyArtifact(DOCS_PATHS.metrics, () => metricsPage(context)),
    ...runbooks(context),
  ];
}

// ---------------------------------------------------------------- shared pieces

function receivers(context: Context, alert: RoutedAlert): string {
  return context.model.routing ? alert.routes.map((m) => m.receiver).join(', ') : '(no routing defined)';
}

function runbookCell(context: Context, from: string, alert: Alert): string {
  if (alert.runbookText !== undefined) return link('runbook', from, runbookPath(alert.name));
  const url = runbookUrl(alert, context.model.runbooksUrl);
  return url === undefined ? '—' : externalLink('runbook', url);
}

function dashboardLink(context: Context, from: string, dashboard: Dashboard): string {
  const grafana = context.model.grafana.url;
  return grafana === undefined ? link(dashboard.title, from, dashboardPath(dashboard.folder, dashboard.uid)) : externalLink(dashboard.title, dashboardUrl(grafana, dashboard.uid));
}

function budgetMinutes(slo: Slo): number {
  return (seconds(slo.window) * errorBudget(slo.objective)) / 60;
}

function budgetEvents(slo: Slo): string {
  return slo.traffic === undefined ? '—' : `${groupedDigits(Math.round(seconds(slo.window) * slo.traffic * errorBudget(slo.objective)))} of ${groupedDigits(Math.round(seconds(slo.window) * slo.traffic))}`;
}

function minutes(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3).replace(/\.?0+$/, '');
}

/** "fires when 2% of the budget burns within 1h; at a full outage, after 52s". */
function tierSentence(slo: Slo, tier: ReturnType<typeof alertingTiers>[number]): string {
  return `fires when ${tier.budgetPercent}% of the budget burns within ${tier.longWindow} (burn rate over ${tier.factor}, confirmed over ${tier.shortWindow}); at a full outage, after ${humanDuration(Math.max(secondsToFireAtFullOutage(slo, tier), 1))}`;
}

// ---------------------------------------------------------------- pages

function index(context: Context): string {
  const { model } = context;
  const from = DOCS_PATHS.index;
  const alertsOf = (service: string) => context.byService.get(service)?.alerts ?? [];
  const count = (service: string, severity: string) => alertsOf(service).filter((a) => a.labels[LABEL.severity] === severity).length;
  const severities = [...new Set(context.alerts.map((a) => a.labels[LABEL.severity] ?? 'none'))].sort();
  return page(context.header, 'Monitoring', [
    'What the definitions in this repository monitor, and how. Generated by monc from `definitions/`; each page names the definitions it comes from.',
    `## Services\n\n${table(
      ['service', 'team', 'what it is', 'alerts', 'SLOs'],
      model.services.map((s) => [link(s.name, from, servicePagePath(s.name)), text(s.team), text(s.description ?? ''), String(alertsOf(s.name).length), String(s.slos.length)]),
    )}`,
    `## SLOs\n\n${table(
      ['service', 'SLO', 'objective', 'window', 'error budget (minutes)', 'error budget (events at the declared traffic)'],
      model.slos.map((slo) => [link(slo.service, from, servicePagePath(slo.service)), slo.name, `${slo.objective}%`, slo.window, minutes(budgetMinutes(slo)), budgetEvents(slo)]),
    )}`,
    `## Alerts\n\n${table(
      ['service', ...severities],
      model.services.map((s) => [s.name, ...severities.map((sev) => String(count(s.name, sev)))]),
    )}\n\nEvery alert${model.routing ? ' with its routing' : ''}: ${link('alerts.md', from, DOCS_PATHS.alerts)}.${model.routing ? ` The routing tree: ${link('routing.md', from, DOCS_PATHS.routing)}.` : ''} The metrics and their cardinality: ${link('metrics.md', from, DOCS_PATHS.metrics)}.`,
    `## Dashboards\n\n${table(
      ['dashboard', 'folder', 'service', 'panels'],
      context.dashboards.map((d) => [dashboardLink(context, from, d), text(d.folder), d.service ?? '', String(d.rows.reduce((n, r) => n + r.panels.length, 0))]),
    )}`,
  ]);
}

function servicePage(context: Context, service: Service): string {
  const from = servicePagePath(service.name);
  const { alerts, metrics, dashboards } = context.byService.get(service.name) ?? { alerts: [], metrics: [], dashboards: [] };
  return page(context.header, service.name, [
    `${text(service.description ?? '')}\n\nTeam: ${text(service.team)}. Defined in ${code(service.origin.file)}.${service.scrape ? ` Scraped as job ${code(service.scrape.job)} from ${service.scrape.targets.map(code).join(', ')}${service.scrape.metricsPath ? ` at ${code(service.scrape.metricsPath)}` : ''}.` : ''}`,
    service.slos.length === 0 ? '' : `## SLOs\n\n${service.slos.map(sloSection).join('\n\n')}`,
    `## Alerts\n\n${alerts.length === 0 ? 'None.' : alerts.map((a) => alertSection(context, from, a)).join('\n\n')}`,
    service.recordingRules.length === 0
      ? ''
      : `## Recording rules\n\n${service.recordingRules.map((r) => [`### ${code(r.record)}`, text(r.description ?? ''), codeBlock(r.expr.text, 'promql')].filter((p) => p !== '').join('\n\n')).join('\n\n')}`,
    `## Metrics\n\n${table(
      ['metric', 'type', 'unit', 'labels', 'estimated series'],
      metrics.map((m) => [
        code(m.metric.name),
        m.metric.type,
        text(m.metric.unit ?? ''),
        m.metric.labels.map((l) => `${l.name} (${domain(l)})`).join(', '),
        m.series === undefined ? 'unbounded' : groupedDigits(m.series),
      ]),
    )}`,
    `## Dashboards\n\n${dashboards.length === 0 ? 'None.' : dashboards.map((d) => `- ${dashboardLink(context, from, d)}`).join('\n')}`,
    link('All services', from, DOCS_PATHS.index),
  ]);
}

function domain(label: { readonly values: readonly string[] | undefined; readonly maxValues: number | undefined; readonly pattern: string | undefined }): string {
  if (label.values) return label.values.length <= 6 ? label.values.map(text).join(', ') : `${label.values.length} values`;
  if (label.maxValues !== undefined) return `≤ ${label.maxValues} values${label.pattern ? `, ${code(label.pattern)}` : ''}`;
  return label.pattern ? code(label.pattern) : 'unbounded';
}

function sloSection(slo: Slo): string {
  const events = sliKindOf(slo.sli).events(slo, slo.sli);
  const tiers = alertingTiers(slo);
  return [
    `### ${slo.name}: ${slo.objective}% over ${slo.window}`,
    text(slo.description ?? ''),
    `Error budget: ${+(errorBudget(slo.objective) * 100).toPrecision(6)}% of events, ${minutes(budgetMinutes(slo))} minutes of full outage per ${slo.window}${slo.traffic === undefined ? '' : `, ${budgetEvents(slo)} events at ${slo.traffic} events/s`}.`,
    `The SLI, as recorded every evaluation (events in the last 5m):\n\n${codeBlock(`# all events\n${events.total}\n# bad events\n${events.errors}`, 'promql')}`,
    `Alert tiers:\n\n${tiers.map((t) => `- **${t.name}** (${text(t.alertSeverity)}, alert ${code(t.alertName)}${t.for ? `, for ${t.for}` : ''}): ${tierSentence(slo, t)}.`).join('\n')}`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function alertSection(context: Context, from: string, routed: RoutedAlert): string {
  const alert = routed.alert;
  return [
    `### ${alert.name}`,
    alert.summary ? `> ${text(alert.summary.replace(/\n/g, ' '))}` : '',
    table(
      ['severity', 'for', 'receivers', 'runbook'],
      [[text(routed.labels[LABEL.severity] ?? '—'), alert.for ?? '—', receivers(context, routed), runbookCell(context, from, alert)]],
    ),
    codeBlock(alert.expr.text, 'promql'),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function alertsPage(context: Context): string {
  const from = DOCS_PATHS.alerts;
  const rows = [...context.alerts]
    .sort((a, b) => compareText(a.alert.name, b.alert.name) || compareText(a.labels[LABEL.severity] ?? '', b.labels[LABEL.severity] ?? ''))
    .map((a) => [code(a.alert.name), text(a.labels[LABEL.severity] ?? '—'), link(a.alert.service, from, servicePagePath(a.alert.service)), a.alert.for ?? '—', receivers(context, a), runbookCell(context, from, a.alert)]);
  return page(context.header, 'Alerts', [
    context.model.routing ? `Every alert monc generates, with the receivers Alertmanager sends it to (${link('routing', from, DOCS_PATHS.routing)}).` : 'Every alert monc generates. The definitions have no routing, so the receivers are not known.',
    table(['alert', 'severity', 'service', 'for', 'receivers', 'runbook'], rows),
  ]);
}

function metricsPage(context: Context): string {
  const { cardinality } = context;
  const from = DOCS_PATHS.metrics;
  return page(context.header, 'Metrics', [
    'Every declared metric, with its labels and the series it can produce: the product of its label bounds, times the instances that expose it (and the buckets of a histogram).',
    `Estimated series in total: **${cardinality.total === undefined ? 'unbounded' : groupedDigits(cardinality.total)}**.`,
    `## By service\n\n${table(
      ['service', 'estimated series'],
      cardinality.services.map((s) => [context.byService.has(s.name) ? link(s.name, from, servicePagePath(s.name)) : s.name, s.series === undefined ? 'unbounded' : groupedDigits(s.series)]),
    )}`,
    `## Catalog\n\n${table(
      ['metric', 'type', 'unit', 'service or exporter', 'labels', 'instances', 'estimated series', 'help'],
      cardinality.metrics.map((m) => [
        code(m.metric.name),
        m.metric.type,
        text(m.metric.unit ?? ''),
        text(m.metric.service ?? m.metric.exporter ?? ''),
        m.labels.map((l) => `${l.name} ${l.values === undefined ? '(unbounded)' : `(${l.values})`}`).join(', '),
        String(m.instances),
        m.series === undefined ? 'unbounded' : groupedDigits(m.series),
        text(m.metric.help),
      ]),
    )}`,
    "The label domains in full are on each service's page. Labels: a number is the label's value bound (its declared values, or its maxValues); unbounded labels are reported by cardinality/unbounded-label.",
  ]);
}

function runbooks(context: Context): Artifact[] {
  // The first of each id, as find() would give.
  const slosById = new Map([...context.model.slos].reverse().map((s) => [s.id, s]));
  const dashboardsById = new Map([...context.dashboards].reverse().map((d) => [d.id, d]));
  const seen = new Set<string>();
  return context.alerts
    .filter((a) => {
      const first = !seen.has(a.alert.name);
      seen.add(a.alert.name);
      return first && a.alert.runbookText !== undefined;
    })
    .map((routed) => {
      const alert = routed.alert;
      const from = runbookPath(alert.name);
      // SLO alerts carry their SLO's id as the slo label.
      const slo = slosById.get(routed.labels[LABEL.slo] ?? '');
      const dashboard = alert.dashboard === undefined ? undefined : dashboardsById.get(alert.dashboard);
      return {
        path: from,
        content: page(context.header, alert.name, [
          alert.summary ? `> ${text(alert.summary.replace(/\n/g, ' '))}` : '',
          table(
            ['service', 'severity', 'for', 'receivers', 'dashboard'],
            [[link(alert.service, from, servicePagePath(alert.service)), text(routed.labels[LABEL.severity] ?? '—'), alert.for ?? '—', receivers(context, routed), dashboard ? dashboardLink(context, from, dashboard) : '—']],
          ),
          slo ? `This alert belongs to the SLO **${slo.id}** (${slo.objective}% over ${slo.window}). Its tiers:\n\n${alertingTiers(slo).map((t) => `- **${t.name}**: ${tierSentence(slo, t)}.`).join('\n')}` : '',
          `## What fires it\n\n${codeBlock(alert.expr.text, 'promql')}`,
          `## What to do\n\n${markdown((alert.runbookText ?? '').trim())}`,
          `Defined in ${code(alert.origin.file)}. ${link('All alerts', from, DOCS_PATHS.alerts)}.`,
        ]),
      };
    });
}

