/** slo/timezone: a calendar SLO's time zone is UTC, a fixed offset or an IANA zone Node knows. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, project, service, slo } from './fixtures.ts';

const ID = 'slo/timezone';
const calendar = (window: string) => project(service(slo({ window })), 'prometheus:\n  retention: 100d\n');

describe(ID, () => {
  it.each([
    ['UTC', '{ calendar: month }'],
    ['a fixed offset', "{ calendar: week, timezone: '-05:30' }"],
    ['an IANA zone', '{ calendar: quarter, timezone: Europe/Berlin }'],
  ])('passes %s', async (_name, window) => {
    expect((await lint(calendar(window))).filter((d) => d.check === ID)).toEqual([]);
  });

  it('flags a misspelt zone at the time zone, saying what to write', async () => {
    const files = calendar('{ calendar: month, timezone: Europe/Berlinn }');
    const found = (await lint(files)).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual([atIn(ID, files, 'Europe/Berlinn')]);
    expect(found.map((d) => d.message)).toEqual([
      'unknown time zone "Europe/Berlinn": write UTC, a fixed offset such as +02:00 or -05:30, or an IANA zone such as Europe/Berlin or America/New_York',
    ]);
  });

  it('is the only finding of a calendar SLO, which needs its longest period in the retention', async () => {
    const files = project(service(slo({ window: '{ calendar: month, timezone: Europe/Berlin }' })), 'prometheus:\n  retention: 30d\n');
    const found = (await lint(files)).filter((d) => d.severity !== 'info');
    expect(found.map((d) => `${d.check} ${d.message}`)).toEqual([
      'slo/window-exceeds-retention the calendar month (read over 31d) is longer than the 30d retention, so the error budget would only count the last 30d; set prometheus.retention in monc.config.yaml to what --storage.tsdb.retention.time says (at least 31d), or shorten the window',
    ]);
  });
});
