/** rulefmt/duration: for, keep_firing_for and a group's interval are Prometheus durations. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/duration';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;
/** A PrometheusRule object whose spec.groups is `groups` (indented as items of spec.groups). */
const prometheusRule = (groups: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\n  labels: { prometheus: k8s }\nspec:\n  groups:\n${groups}`;

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

const CASES: readonly Case[] = [
  {
    name: '1h30m, 1w, 500ms and 0 pass.',
    files: { [F]: `groups:\n  - name: g\n    interval: 500ms\n    rules:\n${alert('        for: 1h30m\n        keep_firing_for: 1w\n')}      - alert: B\n        expr: up\n        for: 0\n` },
    expected: () => [],
  },
  { name: 'Every unit once, largest first, passes.', files: { [F]: group(alert('        for: 1y2w3d4h5m6s7ms\n')) }, expected: () => [] },
  { name: 'for: 0s on a recording rule is a valid duration.', files: { [F]: group(record('        for: 0s\n')) }, expected: () => [] },
  { name: 'for: 5x is flagged at the value.', files: { [F]: group(alert('        for: 5x\n')) }, expected: (f) => [inFile(f, '5x')] },
  { name: 'A duration without a unit is flagged.', files: { [F]: group(alert('        keep_firing_for: 10\n')) }, expected: (f) => [inFile(f, '10')] },
  { name: 'A duration over Go\'s 292 years (for: 300000y) is flagged at the value.', files: { [F]: group(alert('        for: 300000y\n')) }, expected: (f) => [inFile(f, '300000y')] },
  { name: 'The largest duration Go holds (292y) passes.', files: { [F]: group(alert('        for: 292y\n')) }, expected: () => [] },
  { name: 'Units out of order (5m1h) are flagged.', files: { [F]: group(alert('        for: 5m1h\n')) }, expected: (f) => [inFile(f, '5m1h')] },
  { name: 'A fractional group interval is flagged.', files: { [F]: 'groups:\n  - name: g\n    interval: 1.5m\n' }, expected: (f) => [inFile(f, '1.5m')] },
  { name: 'Units out of order are flagged.', files: { [F]: group(alert('        for: 30s1m\n')) }, expected: (f) => [inFile(f, '30s1m')] },
  { name: 'A unit used twice is flagged.', files: { [F]: group(alert('        for: 5m5m\n')) }, expected: (f) => [inFile(f, '5m5m')] },
  { name: 'An empty string is flagged at the value.', files: { [F]: group(alert('        for: ""\n')) }, expected: (f) => [inFile(f, '""')] },
  {
    name: 'A bad for inside a PrometheusRule spec points into the object.',
    files: { [F]: prometheusRule('    - name: g\n      rules:\n        - alert: A\n          expr: rate(up[5m)\n          for: 5x\n') },
    expected: (f) => [inFile(f, '5x')],
  },
  {
    name: 'Several rule files are linted in one run, each finding naming its file.',
    files: { 'a.yml': group(record('', '"a b"')), 'b.yml': group(alert('        for: 1x\n')) },
    expected: (f) => [inFile(f, '1x', 1, 'b.yml')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the field and hints at how to write a duration', async () => {
    const messages = async (text: string) => (await lint({ [F]: text }, { family: 'rule-files' })).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(group(alert('        for: 5x\n')))).toEqual([
      '"5x" is not a valid duration for the "for" of the rule; write e.g. 30s, 5m, 1h30m, 1d (units y, w, d, h, m, s, ms, largest first)',
    ]);
    expect(await messages(group(alert('        keep_firing_for: 10\n')))).toEqual(['"10" is not a valid duration for the "keep_firing_for" of the rule; a duration needs a unit, e.g. 5m']);
    expect(await messages('groups:\n  - name: g\n    interval: 1.5m\n')).toEqual([
      '"1.5m" is not a valid duration for the interval of the group; write e.g. 30s, 5m, 1h30m, 1d (units y, w, d, h, m, s, ms, largest first)',
    ]);
  });
});
