import { closest } from '../suggest.ts';
import { canonicalTimeZones, isIcuTimeZone } from '../time-zones.ts';
import { modelCheck } from './check.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Alertmanager refuses a config with a time interval it cannot read: an unknown time zone,
 * weekday or month, a day of the month outside ±31, or a range or time span that ends before
 * it starts. monc checks what amtool check-config checks, at the value.
 */
export const routingTimeInterval = modelCheck({
  id: 'routing/time-interval',
  summary: 'A time interval names an unknown time zone, weekday or month, a day of the month outside -31..31, or a range that ends before it starts.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const interval of model.routing?.timeIntervals ?? []) {
      interval.ranges.forEach((range, r) => {
        const report = (path: (string | number)[], message: string) =>
          ctx.report({ at: interval.origin.at('intervals', r, ...path), message: `time interval "${interval.name}": ${message}` });
        if (range.location !== undefined && !knownTimeZone(range.location)) {
          const guess = closest(range.location, [...canonicalTimeZones()]);
          report(['location'], `unknown time zone "${range.location}"; use an IANA name such as Europe/Berlin${guess ? ` (did you mean "${guess}"?)` : ''}`);
        }
        range.times?.forEach((time, i) => {
          if (time.end <= time.start) report(['times', i], `the time span ${time.start}–${time.end} ends before it starts; Alertmanager needs start < end (split a span across midnight in two)`);
        });
        const lists: [string, readonly string[] | undefined, (part: string) => number | string][] = [
          ['weekdays', range.weekdays, (part) => named(part, WEEKDAYS, 'weekday')],
          ['months', range.months, (part) => (/^[0-9]+$/.test(part) ? inRange(Number(part), 1, 12, 'month') : named(part, MONTHS, 'month', 1))],
          ['daysOfMonth', range.daysOfMonth, (part) => dayOfMonth(Number(part))],
          ['years', range.years, (part) => Number(part)],
        ];
        for (const [field, values, parse] of lists) {
          values?.forEach((value, i) => {
            const problem = rangeProblem(value, parse, field === 'daysOfMonth');
            if (problem) report([field, i], problem);
          });
        }
      });
    }
  },
});

/** A value or a start:end range; what is wrong with it, if anything. */
function rangeProblem(value: string, parse: (part: string) => number | string, daysOfMonth: boolean): string | undefined {
  const parts = value.split(':');
  const parsed = parts.map(parse);
  const problem = parsed.find((p): p is string => typeof p === 'string');
  if (problem) return problem;
  const [start, end] = parsed as number[];
  if (start === undefined || end === undefined) return undefined;
  // Days of the month count back from the end when negative: -3:-1 is the last three days.
  const backwards = daysOfMonth ? Math.sign(start) === Math.sign(end) && end < start : end < start;
  return backwards ? `the range ${value} ends before it starts` : undefined;
}

/** The position of a name in `names`, counted from `first`. */
function named(part: string, names: readonly string[], what: string, first = 0): number | string {
  const index = names.indexOf(part.toLowerCase());
  if (index >= 0) return index + first;
  const guess = closest(part.toLowerCase(), names);
  return `"${part}" is not a ${what}${guess ? `; did you mean "${guess}"?` : ''}`;
}

function inRange(value: number, min: number, max: number, what: string): number | string {
  return value >= min && value <= max ? value : `${value} is not a ${what}: ${min} to ${max}`;
}

function dayOfMonth(value: number): number | string {
  return value !== 0 && value >= -31 && value <= 31 ? value : `${value} is not a day of the month: 1 to 31, or -31 to -1 counting from the end`;
}

/** Time zones as Go's time.LoadLocation finds them (the IANA database), plus its Local. */
function knownTimeZone(name: string): boolean {
  // ICU also takes offsets such as +01:00, which Go does not.
  return name === 'Local' || name === 'UTC' || (/^[A-Za-z]/.test(name) && isIcuTimeZone(name));
}
