/**
 * An SLO's Prometheus rules, in the layout research/slo-rule-cost.md measured cheapest (B3):
 * the SLI recorded once as 5m increases; every alert window's error ratio summed from those
 * recordings inside the alert expressions (event-weighted, never an average of ratios); the
 * period ratio and budget in a slower group. Per SLO: 3 + 2 recording rules and 3 alerts.
 * No rule divides by zero: `/ (x > 0)` drops a sample with no traffic instead of writing NaN.
 */
import { calendarSeries, LABEL, SLO_PERIOD_INTERVAL, SLO_SERIES, sliSeries, sloDashboardId, sloPeriodRuleGroupName, sloRuleGroupName } from '../model/conventions.ts';
import { localTimeExpr, localTimeSeries, periodIndexExpr, phasedCopy, sinceStart } from './calendar.ts';
import type { Alert, Model, NoDataAlert, RecordingRule, Slo } from '../model/model.ts';
import { burnAlerts, budgetLasts, edgeFreeRange, errorBudget, humanDuration, seconds, tidy, trafficFloor, type CompleteTier } from './math.ts';
import { sliSeriesOf, sloSeries } from './sli/promql.ts';
import { sliKindOf } from './sli/registry.ts';
import { literalTemplateText, literalTemplateValues } from '../templates/go-template.ts';
import { flat } from '../flat.ts';

export interface SloRuleGroup {
  readonly name: string;
  /** Undefined: the global evaluation interval. */
  readonly interval: string | undefined;
  readonly recordingRules: readonly RecordingRule[];
  readonly alerts: readonly Alert[];
}

/** The SLO rule groups of every service with SLOs, by service name. */
export function generateSloRules(model: Model): ReadonlyMap<string, readonly SloRuleGroup[]> {
  return new Map(model.services.filter((service) => service.slos.length > 0).map((service) => [service.name, sloRuleGroups(service.name, service.slos)]));
}

function sloRuleGroups(service: string, slos: readonly Slo[]): SloRuleGroup[] {
  return [
    {
      name: sloRuleGroupName(service),
      interval: undefined,
      recordingRules: [...localTimeRules(service, slos), ...slos.flatMap(sliRecordingRules)],
      alerts: slos.flatMap(sloAlerts),
    },
    { name: sloPeriodRuleGroupName(service), interval: SLO_PERIOD_INTERVAL, recordingRules: slos.flatMap(periodRecordingRules), alerts: [] },
  ];
}

function recording(slo: Slo, record: string, expr: string, extraLabels?: Readonly<Record<string, string>>): RecordingRule {
  const labels = recordingLabels(slo);
  return {
    record,
    service: slo.service,
    expr: { text: flat(expr), origin: slo.origin },
    labels: extraLabels ? { ...labels, ...extraLabels } : labels,
    origin: slo.origin,
  };
}

/**
 * The labels on every series an SLO records: its own labels (recording rules do not expand
 * templates), the service and the SLO. One object for all its recordings, assigned one by one
 * (spreads with computed keys take V8's slow path).
 */
function recordingLabels(slo: Slo): Readonly<Record<string, string>> {
  let labels = RECORDING_LABELS.get(slo);
  if (!labels) {
    const made: Record<string, string> = Object.assign({}, slo.labels);
    made[LABEL.service] = slo.service;
    made[LABEL.slo] = slo.id;
    labels = made;
    RECORDING_LABELS.set(slo, labels);
  }
  return labels;
}

const RECORDING_LABELS = new WeakMap<Slo, Readonly<Record<string, string>>>();

function sliRecordingRules(slo: Slo): RecordingRule[] {
  const events = sliKindOf(slo.sli).events(slo, slo.sli);
  return [
    // The total first: the errors rule falls back to 0 × this evaluation's total. An objective
    // that reads another's recordings records only its objective.
    ...(slo.recordedBy === undefined ? [recording(slo, sliSeries(slo.step).total, events.total), recording(slo, sliSeries(slo.step).errors, events.errors)] : []),
    recording(slo, SLO_SERIES.objective, `vector(${tidy(slo.objective / 100)})`, { [LABEL.window]: windowLabel(slo) }),
    ...calendarRecordingRules(slo),
  ];
}

/** The window as the objective series' label says it: 30d, or calendar-month. */
function windowLabel(slo: Slo): string {
  return slo.calendar ? `calendar-${slo.calendar.period}` : slo.window;
}

/** The local time of each zone the service's calendar SLOs use, first: their index rules read it. */
function localTimeRules(service: string, slos: readonly Slo[]): RecordingRule[] {
  const firstOfZone = new Map<string, Slo>();
  for (const slo of slos) if (slo.calendar && !firstOfZone.has(slo.calendar.timezone)) firstOfZone.set(slo.calendar.timezone, slo);
  return [...firstOfZone].map(([zone, slo]) => ({
    record: SLO_SERIES.calendarLocalTime,
    service,
    expr: { text: localTimeExpr(zone), origin: slo.origin },
    labels: { [LABEL.service]: service, [LABEL.timezone]: zone },
    origin: slo.origin,
  }));
}

/**
 * A calendar SLO's period index and phased copies of its SLI recordings, after them in the
 * same group: rules of a group run in order at one timestamp, so the copies read this
 * evaluation's recordings and index.
 */
function calendarRecordingRules(slo: Slo): RecordingRule[] {
  if (!slo.calendar) return [];
  const names = sliSeries(slo.step);
  return [
    recording(slo, SLO_SERIES.calendarIndex, periodIndexExpr(slo.calendar.period, localTimeSeries(slo, slo.calendar.timezone))),
    recording(slo, calendarSeries(names.total), phasedCopy(slo, sliSeriesOf(slo, names.total), SLO_SERIES.calendarIndex)),
    recording(slo, calendarSeries(names.errors), phasedCopy(slo, sliSeriesOf(slo, names.errors), SLO_SERIES.calendarIndex)),
  ];
}

/** The error ratio since the start of the period (calendar), or over the rolling window. */
function periodErrorRatio(slo: Slo): string {
  if (!slo.calendar) return errorRatio(slo, slo.window);
  const names = sliSeries(slo.step);
  const since = (series: string) => sinceStart(slo, calendarSeries(series), SLO_SERIES.calendarIndex, slo.calendar?.period ?? 'month');
  return [since(names.errors), '/', '(', since(names.total).replace(/^/gm, '  '), '  > 0', ')'].join('\n');
}

function periodRecordingRules(slo: Slo): RecordingRule[] {
  return [
    recording(slo, SLO_SERIES.periodErrorRatio, periodErrorRatio(slo)),
    recording(slo, SLO_SERIES.budgetRemaining, `1 - ${sloSeries(slo, SLO_SERIES.periodErrorRatio)} / ${errorBudget(slo.objective)}`),
  ];
}

/** The error ratio over a window, from the step recordings; absent (not NaN) without traffic. */
export function errorRatio(slo: Slo, window: string): string {
  const errors = sliSeriesOf(slo, sliSeries(slo.step).errors);
  const total = sliSeriesOf(slo, sliSeries(slo.step).total);
  if (window === slo.step) return `${errors} / (${total} > 0)`;
  const range = edgeFreeRange(slo, window);
  return `sum_over_time(${errors}[${range}]) / (sum_over_time(${total}[${range}]) > 0)`;
}

/**
 * One tier's condition, valued at the long window's burn rate: both windows burn faster than
 * the factor, and the long window saw at least the traffic floor. The floor reads the average
 * 5m total, which does not depend on the evaluation interval: events = avg × window / 5m.
 */
export function tierCondition(slo: Slo, tier: CompleteTier): string {
  const budget = errorBudget(slo.objective);
  const burn = (window: string) => `${errorRatio(slo, window)} / ${budget} > ${tier.factor}`;
  const perStep = tidy((trafficFloor(slo, tier) * seconds(slo.step)) / seconds(tier.longWindow));
  return [
    `label_replace(`,
    `    ${burn(tier.longWindow)}`,
    `  and`,
    `    ${burn(tier.shortWindow)}`,
    `  and`,
    `    avg_over_time(${sliSeriesOf(slo, sliSeries(slo.step).total)}[${edgeFreeRange(slo, tier.longWindow)}]) >= ${perStep},`,
    `  "${LABEL.tier}", "${tier.name}", "", ""`,
    `)`,
  ].join('\n');
}

/** What a tier means, in words: the burn rate humanized. */
export function describeTier(slo: Slo, tier: CompleteTier): string {
  return (
    `${+tier.budgetPercent.toPrecision(3)}% of the ${slo.window} error budget burned within ${tier.longWindow} ` +
    `(burn rate above ${tier.factor} over ${tier.longWindow} and ${tier.shortWindow}; ` +
    `at that rate the whole budget lasts ${humanDuration(budgetLasts(slo.window, tier.factor))})`
  );
}

export function sloTitle(slo: Slo): string {
  return `${slo.service} ${slo.name} SLO (${slo.objective}% over ${slo.window})`;
}

/** What fills a burn alert's annotations: Go template actions in the rule, their results in tests. */
export interface BurnAnnotationParts {
  /** A label of the firing series. */
  label(name: string): string;
  /** describeTier() of the firing tier. */
  readonly tierDescription: string;
  /** The alert value (long-window burn rate) with one decimal. */
  readonly value: string;
  /** Text of the definition, as the reader sees it. */
  literal(text: string): string;
}

export function burnAnnotations(slo: Slo, parts: BurnAnnotationParts): { summary: string; description: string } {
  const groups = slo.groupBy.map((label) => ` ${parts.label(label)}`).join('');
  return {
    summary: flat(`${sloTitle(slo)}${groups}: error budget burn (${parts.label(LABEL.tier)})`),
    description: flat(
      `${slo.description ? `${parts.literal(slo.description)} ` : ''}The error budget burns too fast: ${parts.tierDescription}. ` +
        `Now burning at ${parts.value}× the rate that would spend exactly the budget in ${slo.window}.`,
    ),
  };
}

/**
 * The parts as Go template actions. An SLO's labels and description are text, not templates
 * (recording rules, docs and dashboards show them as written), so `{{` in them stays literal.
 */
function templateParts(slo: Slo, tiers: readonly CompleteTier[]): BurnAnnotationParts {
  const branches = tiers.map((tier, i) => `{{ ${i === 0 ? 'if' : 'else if'} eq $labels.${LABEL.tier} "${tier.name}" }}${describeTier(slo, tier)}`);
  return {
    label: (name) => `{{ $labels.${name} }}`,
    tierDescription: `${branches.join('')}{{ end }}`,
    value: '{{ $value | printf "%.1f" }}',
    literal: literalTemplateText,
  };
}

function sloAlerts(slo: Slo): Alert[] {
  // One labels, annotations and dashboard value for all the SLO's alerts: they are the same for each.
  const shared = { labels: { [LABEL.slo]: slo.id, ...literalTemplateValues(slo.labels) }, annotations: {}, dashboard: sloDashboardId(slo.service) };
  const burn = burnAlerts(slo).map((alert) =>
    sloAlert(slo, shared, alert.name, alert.tiers.map((tier) => tierCondition(slo, tier)).join('\nor\n'), alert.for, alert.severity, burnAnnotations(slo, templateParts(slo, alert.tiers))),
  );
  const noData = slo.noData;
  if (!noData) return burn;
  return [...burn, sloAlert(slo, shared, noData.name, `absent(${sliSeriesOf(slo, sliSeries(slo.step).total)})`, noData.for, noData.severity, noDataAnnotations(slo, noData))];
}

/**
 * One alert of an SLO, a literal of every field in the order build-model.ts's toAlert writes
 * them: all alerts then share one shape. Spread from a common base, each was built on V8's
 * slow path and read through polymorphic code after.
 */
function sloAlert(
  slo: Slo,
  shared: Pick<Alert, 'labels' | 'annotations' | 'dashboard'>,
  name: string,
  expr: string,
  pending: string | undefined,
  severity: string,
  text: { readonly summary: string; readonly description: string },
): Alert {
  return {
    name,
    service: slo.service,
    expr: { text: flat(expr), origin: slo.origin },
    for: pending,
    keepFiringFor: undefined,
    severity,
    summary: text.summary,
    description: text.description,
    runbook: slo.runbook,
    runbookText: slo.runbookText,
    labels: shared.labels,
    annotations: shared.annotations,
    dashboard: shared.dashboard,
    origin: slo.origin,
  };
}

/** The no-data alert's summary and description; the same text in the rule and in the tests. */
export function noDataAnnotations(slo: Slo, noData: NoDataAlert): { summary: string; description: string } {
  return {
    summary: flat(`${sloTitle(slo)}: no SLI data`),
    description: flat(`The SLI of the ${sloTitle(slo)} has had no data for ${noData.for}: its metrics are missing, so no burn-rate alert can fire. Check that the targets are scraped and expose the SLI metrics.`),
  };
}
