/** routing/time-interval: every time interval is one Alertmanager reads (amtool check-config agrees: test/routing/time-intervals.tools.test.ts). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, routing } from './fixture.ts';

const ID = 'routing/time-interval';

/** The fixture's routing with a route muted by time interval "m", which has `interval` (a YAML flow mapping) as its one range. */
const withInterval = (interval: string) =>
  routing(
    '  receiver: default\n  routes:\n    - { severity: critical, receiver: pager, muteTimeIntervals: [m] }\n',
    `timeIntervals:\n  - name: m\n    intervals:\n      - ${interval}\n`,
  );

const CASES: readonly Case[] = [
  {
    name: 'Weekday, day, month and year ranges in order, a time zone, and a span to 24:00 pass.',
    routing: withInterval("{ weekdays: ['monday:friday', saturday], daysOfMonth: ['1:7', '-3:-1', '-1'], months: ['january:march', '12'], years: ['2026:2027'], times: [{ start: '22:00', end: '24:00' }], location: Europe/Berlin }"),
    expected: () => [],
  },
  { name: 'Local and UTC are time zones Alertmanager knows.', routing: withInterval('{ weekdays: [monday], location: Local }'), expected: () => [] },
  { name: 'An unknown time zone is flagged at the location.', routing: withInterval('{ weekdays: [monday], location: Mars/Olympus_Mons }'), expected: (r) => [at(ID, R, r, 'Mars/')] },
  { name: 'A misspelt weekday is flagged at the value.', routing: withInterval('{ weekdays: [funday] }'), expected: (r) => [at(ID, R, r, 'funday')] },
  { name: 'A weekday range that runs backwards is flagged.', routing: withInterval("{ weekdays: ['friday:monday'] }"), expected: (r) => [at(ID, R, r, "'friday")] },
  { name: 'A misspelt month is flagged.', routing: withInterval('{ months: [smarch] }'), expected: (r) => [at(ID, R, r, 'smarch')] },
  { name: 'Month 13 is flagged.', routing: withInterval("{ months: ['13'] }"), expected: (r) => [at(ID, R, r, "'13'")] },
  { name: 'Day 99 is flagged.', routing: withInterval("{ daysOfMonth: ['99'] }"), expected: (r) => [at(ID, R, r, "'99'")] },
  { name: 'Day 0 and day -32 are flagged.', routing: withInterval("{ daysOfMonth: ['0', '-32'] }"), expected: (r) => [at(ID, R, r, "'0'"), at(ID, R, r, "'-32'")] },
  { name: 'A day range 5:1 is flagged.', routing: withInterval("{ daysOfMonth: ['5:1'] }"), expected: (r) => [at(ID, R, r, "'5:1'")] },
  { name: 'A year range 2030:2020 is flagged.', routing: withInterval("{ years: ['2030:2020'] }"), expected: (r) => [at(ID, R, r, "'2030:2020'")] },
  { name: 'A time span that ends before it starts is flagged at the span.', routing: withInterval("{ times: [{ start: '10:00', end: '09:00' }] }"), expected: (r) => [at(ID, R, r, "{ start: '10:00'")] },
  { name: 'A time span of no length is flagged.', routing: withInterval("{ times: [{ start: '10:00', end: '10:00' }] }"), expected: (r) => [at(ID, R, r, "{ start: '10:00'")] },
];

describe(ID, () => {
  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.routing, ''));
  });

  it('says what is wrong and suggests the name meant', async () => {
    const messages = async (interval: string) => (await lint(files({ routing: withInterval(interval) }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('{ weekdays: [funday] }')).toEqual(['time interval "m": "funday" is not a weekday; did you mean "sunday"?']);
    expect(await messages('{ weekdays: [monday], location: Europe/Berln }')).toEqual(['time interval "m": unknown time zone "Europe/Berln"; use an IANA name such as Europe/Berlin (did you mean "Europe/Berlin"?)']);
    expect(await messages("{ times: [{ start: '22:00', end: '02:00' }] }")).toEqual(['time interval "m": the time span 22:00–02:00 ends before it starts; Alertmanager needs start < end (split a span across midnight in two)']);
  });
});
