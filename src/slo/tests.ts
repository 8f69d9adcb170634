/**
 * Generated promtool tests for every SLO: healthy traffic fires nothing; a full outage fires
 * the fast page within the minutes the math says; a slow burn just over a ticket tier fires
 * the ticket and no page; zero traffic fires nothing and writes no NaN; missing SLI data fires
 * the no-data alert. The expected alerts come from scenarios.ts, a model of the rules, so
 * promtool checks the rules against the math rather than against themselves.
 */
import type { Model, RuleTest, Slo } from '../model/model.ts';
import { ANNOTATION, dashboardUrl, LABEL, runbookUrl, SLO_SERIES, sloDashboardUid } from '../model/conventions.ts';
import { firstBoundary } from './calendar.ts';
import { alertingTiers, burnAlerts, errorBudget, formatDuration, seconds, secondsToFireAtFullOutage, type CompleteTier } from './math.ts';
import { burnAnnotations, describeTier, noDataAnnotations } from './rules.ts';
import {
  availabilitySamples,
  counterSteps,
  cumulative,
  evaluatedEvery,
  firingAt,
  type Firing,
  recordAvailability,
  recordCounters,
  type Recorded,
  samplesPerStep,
} from './scenarios.ts';
import type { SliContext } from './sli/kind.ts';
import { sloSeries } from './sli/promql.ts';
import { sliKindOf } from './sli/registry.ts';
import { expandingNotation, seriesText, type Feed, type Labels } from './test-series.ts';
import { flat } from '../flat.ts';

type AlertTest = RuleTest['alertRuleTests'][number];
type ExpectedAlert = AlertTest['expAlerts'][number];

/**
 * Go's printf "%.1f": the exact decimal value rounded, an exact tie to even. toFixed rounds
 * the exact value too, but a tie up; ties at one decimal are x.25 and x.75, the only x.x5
 * values a double holds exactly (1.25 → "1.2", where toFixed gives "1.3").
 */
export function goFixed1(value: number): string {
  const tie = Number.isInteger(value * 4) && !Number.isInteger(value * 2);
  if (!tie) return value.toFixed(1);
  const down = Math.floor(value * 10);
  return ((down % 2 === 0 ? down : down + 1) / 10).toFixed(1);
}

/** A phase of traffic: steps of 5m with a share of bad events; `none` stops the series (no data). */
interface Phase {
  readonly steps: number;
  readonly badShare: number | 'none' | 'flat';
}

/** Steps of the SLO's recording in an hour. */
function hourSteps(slo: Slo): number {
  return Math.round(3600 / seconds(slo.step));
}

/** Steps of the SLO's recording that cover a duration, rounded up. */
function stepsIn(slo: Slo, duration: string | undefined): number {
  return Math.ceil(seconds(duration ?? '0s') / seconds(slo.step));
}

/** An SLO's generated tests, or why it gets none (slo/untested reports it). */
export interface SloTestPlan {
  readonly slo: Slo;
  /**
   * Made each time they are read, and not kept: the plans of 5,000 SLOs held tens of MB from
   * the checks until the test files were written. Read them once where you can.
   */
  readonly tests: readonly RuleTest[];
  /** The evaluation intervals of its tests (evaluationInterval, else the SLO's step), in order: one test file each. */
  readonly intervals: readonly string[];
  /** Why it has no tests; undefined when it has them, or when its SLI is invalid (slo/sli reports that). */
  readonly untested: string | undefined;
}

export function generateSloTests(model: Model, sliContext: SliContext): SloTestPlan[] {
  return model.slos.map((slo) => sloTestPlan(slo, model, sliContext));
}

function sloTestPlan(slo: Slo, model: Model, sliContext: SliContext): SloTestPlan {
  if (alertingTiers(slo).length === 0) return untested(slo, 'none of its alert tiers is complete and can fire (slo/tier and slo/unreachable-tier say why)');
  const feed = sliKindOf(slo.sli).feed(slo, slo.sli, sliContext);
  if ('untested' in feed) return untested(slo, feed.untested);
  const calendar = calendarEvaluation(slo);
  return new TestedPlan(slo, [...new Set([slo.step, ...(calendar ? [calendar.interval] : [])])], model, feed);
}

function untested(slo: Slo, why: string | undefined): SloTestPlan {
  return { slo, tests: [], intervals: [], untested: why };
}

/** A class, so that `tests` is a getter on the prototype: an object literal with one is a dictionary. */
class TestedPlan implements SloTestPlan {
  readonly untested = undefined;
  readonly #model: Model;
  readonly #feed: Feed;

  constructor(
    readonly slo: Slo,
    readonly intervals: readonly string[],
    model: Model,
    feed: Feed,
  ) {
    this.#model = model;
    this.#feed = feed;
  }

  get tests(): RuleTest[] {
    const slo = this.slo;
    const context: Context = { slo, model: this.#model, feed: this.#feed, alertLabels: new Map() };
    const tiers = alertingTiers(slo);
    const budget = errorBudget(slo.objective);
    const lowest = Math.min(...tiers.map((t) => t.factor));
    const healthy = 0.5 * lowest * budget;
    return [healthyTraffic(context, healthy), ...fullOutage(context, healthy), ...slowBurn(context), zeroTraffic(context, healthy), ...noData(context), ...calendarReset(context)];
  }
}

interface Context {
  readonly slo: Slo;
  readonly model: Model;
  readonly feed: Feed;
  /** alertLabels' objects, by severity and tier. */
  readonly alertLabels: Map<string, Labels>;
}

function at(slo: Slo, steps: number): string {
  return formatDuration(steps * seconds(slo.step));
}

/** A duration in milliseconds, in Prometheus' notation (1m30s500ms). */
function formatMilliseconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = Math.round(ms - whole * 1000);
  if (rest === 0) return formatDuration(whole);
  return whole === 0 ? `${rest}ms` : `${formatDuration(whole)}${rest}ms`;
}

/**
 * When the test looks at evaluation k. On a version 3 target, a moment after it (half the
 * evaluation interval, at most 30s): promtool compares alerts with the last evaluation at or
 * before that time and queries read the last recording, so moving it a second either way
 * changes nothing, and no query starts or ends on a sample's time.
 */
function evalTime(context: Context, k: number, evaluationSeconds = seconds(context.slo.step)): string {
  const { slo } = context;
  const offset = slo.prometheusVersion === 3 ? Math.min(evaluationSeconds / 2, 30) : 0;
  return formatMilliseconds((k * seconds(slo.step) + offset) * 1000);
}

/** The input series' sample interval: the step, or a fifth of it (scenarios.ts samplesPerStep). */
function sampleInterval(slo: Slo): string {
  return formatMilliseconds((seconds(slo.step) * 1000) / samplesPerStep(slo));
}

/** Input series and what the recording rules make of them, evaluated every `every` steps. */
function run(context: Context, phases: readonly Phase[], every: number): { inputSeries: RuleTest['inputSeries']; recorded: Recorded } {
  const { feed, slo } = context;
  const perStep = samplesPerStep(slo);
  if (feed.kind === 'counters') {
    const steps = counterSteps(phases, perStep);
    const counted = recordCounters(steps, perStep);
    return {
      inputSeries: feed.series.map(({ series, count }) => ({ series: seriesText(series), values: expandingNotation(cumulative(steps, count, perStep)) })),
      recorded: evaluatedEvery(feed.record ? feed.record(counted) : counted, every),
    };
  }
  const samples = availabilitySamples(
    phases.map((p) => ({ steps: p.steps, downShare: p.badShare === 'flat' ? 0 : p.badShare })),
    feed.series.length,
    perStep,
  );
  return {
    inputSeries: feed.series.map((series, i) => ({ series: seriesText(series), values: expandingNotation(samples[i] ?? []) })),
    recorded: evaluatedEvery(recordAvailability(samples, perStep, slo.prometheusVersion === 3), every),
  };
}

/**
 * The labels of the SLO's alert of `severity`, and of `tier` for a burn alert. One object for
 * each, shared by every expected alert: a large build expects hundreds of thousands.
 */
function alertLabels(context: Context, severity: string, tier: string | undefined): Labels {
  const key = `${severity}\u0000${tier ?? ''}`;
  let labels = context.alertLabels.get(key);
  if (!labels) {
    const { slo, feed } = context;
    // Assigned one by one: spreads and computed keys in one literal take V8's slow path, ~2 µs each.
    const made: Record<string, string> = {};
    if (tier !== undefined) {
      Object.assign(made, feed.groupLabels);
      made[LABEL.tier] = tier;
    }
    made[LABEL.service] = slo.service;
    made[LABEL.team] = slo.team;
    made[LABEL.slo] = slo.id;
    Object.assign(made, slo.labels);
    made[LABEL.severity] = severity;
    labels = made;
    context.alertLabels.set(key, labels);
  }
  return labels;
}

/** An expected alert's annotations: summary, description, and those every alert of the SLO has, as the emitter writes them. */
function expectedAnnotations(context: Context, alertname: string, summary: string, description: string): Record<string, string> {
  const { slo, model } = context;
  // Assigned one by one: spreads with computed keys take V8's slow path (see alertLabels).
  const annotations: Record<string, string> = {};
  annotations[ANNOTATION.summary] = summary;
  annotations[ANNOTATION.description] = description;
  const runbook = runbookUrl({ name: alertname, runbook: slo.runbook, runbookText: slo.runbookText }, model.runbooksUrl);
  if (runbook !== undefined) annotations[ANNOTATION.runbook] = runbook;
  if (model.grafana.url !== undefined) annotations[ANNOTATION.dashboard] = dashboardUrl(model.grafana.url, sloDashboardUid(slo.service));
  return annotations;
}

/**
 * The tiers whose alert fires at step k: the condition holds at k and, for a tier with `for`,
 * at every evaluation (one per `every` steps) back to the first at least `for` before k;
 * Prometheus' pending alert needs each.
 */
function firingWithFor(slo: Slo, recorded: Recorded, k: number, every: number): Firing[] {
  // Each earlier evaluation is judged once, for all the tiers that ask about it.
  const judged = new Map<number, Firing[]>();
  const firingAtStep = (j: number) => {
    let firing = judged.get(j);
    if (!firing) {
      firing = firingAt(slo, recorded, j);
      judged.set(j, firing);
    }
    return firing;
  };
  const holds = (tier: CompleteTier, j: number) => j >= 0 && firingAtStep(j).some((f) => f.tier.name === tier.name);
  return firingAt(slo, recorded, k).filter(({ tier }) => {
    const pending = Math.ceil(stepsIn(slo, tier.for) / every) * every;
    for (let j = k - pending; j < k; j += every) if (!holds(tier, j)) return false;
    return true;
  });
}

/** The burn alerts promtool must see at step k: per alert name, every firing tier with its rendered annotations. */
function burnAlertTests(context: Context, recorded: Recorded, k: number, every = 1): AlertTest[] {
  const { slo } = context;
  const firing = firingWithFor(slo, recorded, k, every);
  const names = [...new Set(burnAlerts(slo).map((alert) => alert.name))];
  return names.map((alertname) => ({
    evalTime: evalTime(context, k, every * seconds(slo.step)),
    alertname,
    expAlerts: firing
      .filter((f) => f.tier.alertName === alertname)
      .map((f): ExpectedAlert => {
        const labels = alertLabels(context, f.tier.alertSeverity, f.tier.name);
        const text = burnAnnotations(slo, { label: (name) => labels[name] ?? '', tierDescription: describeTier(slo, f.tier), value: goFixed1(f.value), literal: (text) => text });
        return { expLabels: labels, expAnnotations: expectedAnnotations(context, alertname, text.summary, text.description) };
      }),
  }));
}

/** The no-data alert at step k, firing or not; nothing when the SLO switched it off. */
function noDataTest(context: Context, k: number, fires: boolean): AlertTest[] {
  const { slo } = context;
  const noData = slo.noData;
  if (!noData) return [];
  const text = fires ? noDataAnnotations(slo, noData) : undefined;
  const expAlerts: ExpectedAlert[] = text
    ? [{ expLabels: alertLabels(context, noData.severity, undefined), expAnnotations: expectedAnnotations(context, noData.name, text.summary, text.description) }]
    : [];
  return [{ evalTime: evalTime(context, k), alertname: noData.name, expAlerts }];
}

/** A test of `phases`; `every` > 1 when promtool evaluates the rules only every so many steps (the test sets its evaluation interval). */
function test(
  context: Context,
  name: string,
  phases: readonly Phase[],
  checks: (recorded: Recorded) => Pick<RuleTest, 'alertRuleTests' | 'promqlExprTests'>,
  every = 1,
): RuleTest {
  const { inputSeries, recorded } = run(context, phases, every);
  return { name: flat(`${context.slo.id}: ${name}`), interval: sampleInterval(context.slo), inputSeries, ...checks(recorded), origin: context.slo.origin };
}

function healthyTraffic(context: Context, share: number): RuleTest {
  const hour = hourSteps(context.slo);
  const steps = 24 * hour;
  const checkpoints = [hour, 6 * hour, steps];
  return test(context, `healthy traffic (${(share * 100).toPrecision(2)}% errors for 1d) fires nothing`, [{ steps, badShare: share }], (recorded) => ({
    alertRuleTests: checkpoints.flatMap((k) => [...burnAlertTests(context, recorded, k), ...noDataTest(context, k, false)]),
    promqlExprTests: [],
  }));
}

/** Empty when custom tiers or floors keep the outage from firing: such a test would prove nothing. */
function fullOutage(context: Context, healthy: number): RuleTest[] {
  const { slo } = context;
  const outageStart = hourSteps(slo);
  const pages = alertingTiers(slo).filter((t) => t.severity === 'page');
  // The first evaluation after the outage whose 5m increase already holds failed events, then the tier's for.
  const stepsToFire = (t: CompleteTier) => Math.max(1, Math.ceil(secondsToFireAtFullOutage(slo, t) / seconds(slo.step))) + stepsIn(slo, t.for);
  const fireStep = outageStart + (pages.length > 0 ? Math.min(...pages.map(stepsToFire)) : 1);
  const name = pages.length > 0 ? `a full outage fires the fast page within ${at(slo, fireStep - outageStart)}` : 'a full outage fires the tickets';
  const outage = test(context, name, [{ steps: outageStart, badShare: healthy }, { steps: hourSteps(slo), badShare: 1 }], (recorded) => ({
    // One step before, nothing pages yet: the tests prove the timing (a `for`, a threshold) both ways.
    alertRuleTests: [outageStart, ...(fireStep - 1 > outageStart ? [fireStep - 1] : []), fireStep].flatMap((k) => burnAlertTests(context, recorded, k)),
    promqlExprTests: [],
  }));
  return fires(context, outage, fireStep, pages.length > 0 ? 'page' : 'ticket') ? [outage] : [];
}

/**
 * A calendar SLO: errors in the last hour before the first period boundary of 1970 (in the
 * SLO's zone) spend budget that is still spent at the evaluation before the boundary and whole
 * again at the boundary, and fire the burn alerts the rolling model predicts for the same
 * traffic: an outage late in a period pages as in a rolling window. promtool evaluates every
 * step from 1970, so this test evaluates hourly (or as often as the boundary needs), in a file
 * of its own, and its model records only at those evaluations. Weeks and months: a quarter's
 * first boundary is 90 days away.
 */
function calendarReset(context: Context): RuleTest[] {
  const { slo } = context;
  const calendar = slo.calendar;
  const timing = calendarEvaluation(slo);
  if (!calendar || !timing) return [];
  const step = seconds(slo.step);
  const { boundarySeconds, evaluation } = timing;
  const every = Math.round(evaluation / step);
  const boundary = Math.round(boundarySeconds / step);
  const hour = hourSteps(slo);
  const remaining = sloSeries(slo, SLO_SERIES.budgetRemaining);
  const count = (condition: string, k: number, groups: number) => ({
    expr: flat(`count(${remaining} ${condition})`),
    evalTime: evalTime(context, k, evaluation),
    expSamples: groups > 0 ? [{ labels: '{}', value: groups }] : [],
  });
  const before = boundary - every;
  // No data until a day before: rules over no data cost promtool nothing.
  const phases: Phase[] = [{ steps: boundary - hour - 24 * hour - 1, badShare: 'none' }, { steps: 24 * hour, badShare: 0 }, { steps: hour, badShare: 1 }, { steps: 3, badShare: 0 }];
  const name = `errors in the last hour of the ${calendar.period} (${calendar.timezone}) fire the burn alerts of a rolling window and spend budget until the ${calendar.period} boundary, and not after`;
  return [
    {
      ...test(
        context,
        name,
        phases,
        (recorded) => ({
          alertRuleTests: [before, boundary].flatMap((k) => burnAlertTests(context, recorded, k, every)),
          promqlExprTests: [count('< 1', before, 1), count('< 1', boundary, 0), count('== 1', boundary, 1)],
        }),
        every,
      ),
      evaluationInterval: timing.interval,
    },
  ];
}

/** How calendarReset evaluates a calendar SLO: the first period boundary, and the evaluation interval it divides; none for a quarter. */
function calendarEvaluation(slo: Slo): { boundarySeconds: number; evaluation: number; interval: string } | undefined {
  const calendar = slo.calendar;
  if (!calendar || calendar.period === 'quarter') return undefined;
  const step = seconds(slo.step);
  const boundarySeconds = firstBoundary(calendar.period, calendar.timezone);
  const evaluation = [3600, 1800, 900, 300].find((c) => c % step === 0 && boundarySeconds % c === 0) ?? step;
  return { boundarySeconds, evaluation, interval: formatDuration(evaluation) };
}

/** A burn just over the fastest ticket tier that stays under every page tier; none if the tiers leave no room. */
function slowBurn(context: Context): RuleTest[] {
  const { slo } = context;
  const tiers = alertingTiers(slo);
  const lowestPage = Math.min(...tiers.filter((t) => t.severity === 'page').map((t) => t.factor));
  const ticket = tiers
    .filter((t) => t.severity === 'ticket' && t.factor * 1.25 < lowestPage && t.factor * 1.25 * errorBudget(slo.objective) < 1)
    .sort((a, b) => b.factor - a.factor)[0];
  if (!ticket) return [];
  const burn = ticket.factor * 1.25;
  const hour = hourSteps(slo);
  const steps = Math.max(6 * hour, stepsIn(slo, ticket.shortWindow) + hour) + stepsIn(slo, ticket.for);
  const name = `a slow burn (${burn}× for ${at(slo, steps)}, just over ${ticket.name}) fires the ticket and no page`;
  const slow = test(context, name, [{ steps, badShare: burn * errorBudget(slo.objective) }], (recorded) => ({
    alertRuleTests: burnAlertTests(context, recorded, steps),
    promqlExprTests: [],
  }));
  return fires(context, slow, steps, 'ticket') && !fires(context, slow, steps, 'page') ? [slow] : [];
}

function zeroTraffic(context: Context, healthy: number): RuleTest {
  const { slo, feed } = context;
  // Counters stay flat; availability series vanish (no scrapes), which is no data, not zero traffic.
  const silent: Phase['badShare'] = feed.kind === 'availability' ? 'none' : 'flat';
  const hour = hourSteps(slo);
  const end = 3 * hour;
  const noNaN = (series: string) => ({ expr: flat(`${sloSeries(slo, series)} != ${sloSeries(slo, series)}`), evalTime: evalTime(context, end), expSamples: [] });
  return test(context, 'zero traffic after 1h fires nothing and writes no NaN', [{ steps: hour, badShare: healthy }, { steps: end - hour, badShare: silent }], (recorded) => ({
    alertRuleTests: [...burnAlertTests(context, recorded, end), ...noDataTest(context, end, feed.kind === 'availability')],
    promqlExprTests: [
      noNaN(SLO_SERIES.periodErrorRatio),
      noNaN(SLO_SERIES.budgetRemaining),
      // The period still has the first hour's traffic: its ratio is a number.
      { expr: flat(`count(${sloSeries(slo, SLO_SERIES.periodErrorRatio)} == ${sloSeries(slo, SLO_SERIES.periodErrorRatio)})`), evalTime: evalTime(context, end), expSamples: [{ labels: '{}', value: 1 }] },
    ],
  }));
}

/** None when the SLO switched the no-data alert off. */
function noData(context: Context): RuleTest[] {
  const { slo } = context;
  if (!slo.noData) return [];
  const fireStep = stepsIn(slo, slo.noData.for) + 1;
  return [
    {
      name: `${slo.id}: missing SLI metrics fire the no-data alert after ${slo.noData.for}`,
      interval: slo.step,
      // promtool needs some input; this series is none of the SLI's.
      inputSeries: [{ series: 'monc_test_unrelated', values: `0+0x${fireStep}` }],
      // Pending, not firing, one step in: only when the no-data for is longer than a step.
      alertRuleTests: [...(fireStep > 2 ? noDataTest(context, 1, false) : []), ...noDataTest(context, fireStep, true)],
      promqlExprTests: [],
      origin: slo.origin,
    },
  ];
}

/** Whether a generated test expects an alert of a `kind` tier at step k: a scenario must show what its name says. */
function fires(context: Context, test: RuleTest, k: number, kind: CompleteTier['severity']): boolean {
  const tiers = alertingTiers(context.slo);
  const ofKind = new Set(tiers.filter((t) => t.severity === kind).map((t) => t.name));
  return test.alertRuleTests.some((t) => t.evalTime === evalTime(context, k) && t.expAlerts.some((a) => ofKind.has(a.expLabels[LABEL.tier] ?? '')));
}
