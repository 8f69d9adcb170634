/**
 * Calendar-aligned SLO windows on Prometheus 2 ("phase masking", proven with promtool in
 * shared/research/calendar-slo-windows.md, alternatives rejected there): each SLI recording is copied with a `period_phase` label, the
 * index of its local calendar period mod 3, and the period rules sum only the copies of the
 * current phase over a fixed range W that holds the whole current period. The two previous
 * periods have the other phases; the one three back is outside W (W ≤ the two shortest
 * consecutive periods). No state, no subquery: a gap or a restart never resets the budget.
 *
 * Time zones: year()/month() of time() + offset give the local calendar when the offset is
 * right at that instant; that local time is recorded once per service and zone. A fixed offset is a number; an IANA zone is its offset at the
 * horizon's start plus one step per change within it, from Node's tz database, so the output
 * is the same for the same monc and Node (tz database) versions.
 */
import { promqlString } from '../api/promql-string.ts';
import { LABEL, SLO_SERIES } from '../model/conventions.ts';
import { edgeFreeRange } from './math.ts';
import { isIcuTimeZone } from '../time-zones.ts';
import type { CalendarPeriod, Slo } from '../model/model.ts';

export const PHASE_LABEL = 'period_phase';

/** The range the period rules sum over (the longest period), and the nominal length for burn-rate factors. */
export const CALENDAR_PERIODS: Readonly<Record<CalendarPeriod, { readonly range: string; readonly nominal: string }>> = {
  week: { range: '7d', nominal: '7d' },
  month: { range: '31d', nominal: '30d' },
  quarter: { range: '92d', nominal: '91d' },
};

/** The years whose UTC offset changes an IANA zone's expression spells out; after them the last offset stays. */
export const TIMEZONE_HORIZON = { fromYear: 2025, toYear: 2036 } as const;

const FIXED = /^(?:UTC|Z|GMT|([+-])(\d{2}):(\d{2}))$/;

/** Whether monc can place a period in the zone: a fixed offset, or an IANA name Node knows. */
export function knownTimezone(zone: string): boolean {
  return FIXED.test(zone) || formatters.has(zone) || isIcuTimeZone(zone);
}

function fixedOffsetSeconds(zone: string): number | undefined {
  const m = FIXED.exec(zone);
  if (!m) return undefined;
  if (m[1] === undefined) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60;
  return m[1] === '-' ? -seconds : seconds;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset (seconds) of a zone at an instant, from Node's tz database. */
export function utcOffsetAt(zone: string, epochSeconds: number): number {
  const fixed = fixedOffsetSeconds(zone);
  if (fixed !== undefined) return fixed;
  // An unknown zone reads as UTC: slo/timezone reports it, and nothing is written.
  if (!knownTimezone(zone)) return 0;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, format);
  }
  const name = format.formatToParts(new Date(epochSeconds * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /^GMT([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!m) return 0; // "GMT"
  const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

interface Transition {
  /** First instant (epoch seconds) with the new offset. */
  readonly at: number;
  readonly delta: number;
}

/** A zone's offset changes within the horizon, found by scanning six-hourly and bisecting to the second. */
function transitions(zone: string): Transition[] {
  if (FIXED.test(zone)) return [];
  const end = Date.UTC(TIMEZONE_HORIZON.toYear + 1, 0, 1) / 1000;
  const found: Transition[] = [];
  let t = Date.UTC(TIMEZONE_HORIZON.fromYear, 0, 1) / 1000;
  let offset = utcOffsetAt(zone, t);
  while (t < end) {
    const next = Math.min(t + 6 * 3600, end);
    const nextOffset = utcOffsetAt(zone, next);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (utcOffsetAt(zone, mid) === offset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, delta: nextOffset - offset });
      offset = nextOffset;
    }
    t = next;
  }
  return found;
}

/** The zone's offset as the rules compute it at an instant: the horizon's first offset plus the changes before it. */
export function ruleOffsetAt(zone: string, epochSeconds: number): number {
  const base = utcOffsetAt(zone, Date.UTC(TIMEZONE_HORIZON.fromYear, 0, 1) / 1000);
  return transitions(zone).reduce((offset, change) => (epochSeconds >= change.at ? offset + change.delta : offset), base);
}

/** The zone's UTC offset at time(), as a PromQL scalar expression. */
function utcOffsetExpr(zone: string): string {
  const base = utcOffsetAt(zone, Date.UTC(TIMEZONE_HORIZON.fromYear, 0, 1) / 1000);
  const steps = transitions(zone);
  if (steps.length === 0) return String(base);
  return `(${base} ${steps.map((s) => `${s.delta < 0 ? '-' : '+'} ${Math.abs(s.delta)} * (time() >= bool ${s.at})`).join(' ')})`;
}

/**
 * The local time in a zone, as seconds since the epoch of the zone's wall clock. It is the
 * costly part (one comparison per offset change), so each service records it once per zone.
 */
export function localTimeExpr(zone: string): string {
  const offset = utcOffsetExpr(zone);
  if (offset === '0') return 'vector(time())';
  return `vector(${offset.startsWith('-') ? `time() - ${offset.slice(1)}` : `time() + ${offset}`})`;
}

/** The recorded local time of an SLO's zone, as its period index reads it. */
export function localTimeSeries(slo: Slo, zone: string): string {
  return `${SLO_SERIES.calendarLocalTime}{${LABEL.service}=${promqlString(slo.service)}, ${LABEL.timezone}=${promqlString(zone)}}`;
}

/** The local calendar period's index from the recorded local time; consecutive periods differ by 1. */
export function periodIndexExpr(period: CalendarPeriod, localTime: string): string {
  switch (period) {
    case 'month':
      return `year(${localTime}) * 12 + month(${localTime})`;
    case 'quarter':
      return `year(${localTime}) * 4 + floor((month(${localTime}) - 1) / 3)`;
    case 'week':
      // 1969-12-29T00:00:00Z (−259200) is a Monday: ISO weeks start there, and the index stays ≥ 0.
      return `floor((${localTime} + 259200) / 604800)`;
  }
}

/** The current period's phase: one series whose period_phase label is the index mod 3. */
export function currentPhase(slo: Slo, indexSeries: string): string {
  const index = `${indexSeries}{${LABEL.slo}="${slo.id}"}`;
  return [0, 1, 2].map((k) => `label_replace(${index} % 3 == ${k}, "${PHASE_LABEL}", "${k}", "", "")`).join('\nor\n');
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** A recorded SLI series with the current phase as a label (its samples keep the phase they were recorded in). */
export function phasedCopy(slo: Slo, series: string, indexSeries: string): string {
  return [series, `+ on () group_left (${PHASE_LABEL})`, '0 * (', indent(currentPhase(slo, indexSeries), '  '), ')'].join('\n');
}

/** The sum of a phased series since the start of the current period. */
export function sinceStart(slo: Slo, phasedSeries: string, indexSeries: string, period: CalendarPeriod): string {
  return [
    `sum without (${PHASE_LABEL}) (`,
    `  sum_over_time(${phasedSeries}{${LABEL.slo}="${slo.id}"}[${edgeFreeRange(slo, CALENDAR_PERIODS[period].range)}])`,
    `  and on (${LABEL.service}, ${LABEL.slo}, ${PHASE_LABEL})`,
    '  (',
    indent(currentPhase(slo, indexSeries), '    '),
    '  )',
    ')',
  ].join('\n');
}

/** The first period boundary after 1970-01-01 in the zone (epoch seconds): where generated tests put one. */
export function firstBoundary(period: CalendarPeriod, zone: string): number {
  // Local midnights: Monday 1970-01-05, February 1, April 1.
  const local = { week: 4, month: 31, quarter: 90 }[period] * 86400;
  return local - ruleOffsetAt(zone, local);
}
