/** rulefmt/record-name: a recording rule's name is a valid Prometheus metric name. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rulefmt/record-name';
const F = 'rules.yml';

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
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
  { name: 'A level:metric:operation name passes.', files: { [F]: group(record('', 'instance_path:requests:rate5m')) }, expected: () => [] },
  { name: 'With prometheus.version 3, whose names are UTF-8, a name with a dot passes; one with braces is flagged.', files: { [F]: group(`${record('', 'job:http.requests:rate5m')}${record('', 'up{job="a"}')}`), 'monc.config.yaml': 'prometheus:\n  version: 3\n' }, expected: (f) => [inFile(f, 'up{job')] },
  { name: 'A plain metric name without colons passes here (its convention is another check).', files: { [F]: group(record('', 'job_up_sum')) }, expected: () => [] },
  { name: 'An alert name with spaces is not a metric name and passes.', files: { [F]: group('      - alert: Instance is down\n        expr: up == 0\n') }, expected: () => [] },
  { name: 'A record name with a space is flagged at the name.', files: { [F]: group(record('', '"job x rate"')) }, expected: (f) => [inFile(f, '"job x rate"')] },
  { name: 'A record name with a dash is flagged at the name.', files: { [F]: group(record('', 'job-up:sum')) }, expected: (f) => [inFile(f, 'job-up:sum')] },
  { name: 'A record name with a dot is flagged at the name.', files: { [F]: group(record('', 'job.up:sum')) }, expected: (f) => [inFile(f, 'job.up:sum')] },
  { name: 'A record name starting with a digit is flagged at the name.', files: { [F]: group(record('', '5m:up:sum')) }, expected: (f) => [inFile(f, '5m:up:sum')] },
  {
    name: 'A bare spec object (groups at the top) and a PrometheusRule in one file are both read.',
    files: {
      [F]: `groups:\n  - name: a\n    rules:\n      - record: "a b"\n        expr: up\n---\n${prometheusRule('    - name: b\n      rules:\n        - record: "c d"\n          expr: up\n')}`,
    },
    expected: (f) => [inFile(f, '"a b"'), inFile(f, '"c d"')],
  },
  {
    name: 'Several rule files are linted in one run, each finding naming its file.',
    files: { 'a.yml': group(record('', '"a b"')), 'b.yml': group(alert('        for: 1x\n')) },
    expected: (f) => [inFile(f, '"a b"', 1, 'a.yml')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says what a metric name may hold, with an example', async () => {
    const diagnostics = await lint({ [F]: group(record('', 'job-up:sum')) }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      '"job-up:sum" is not a valid metric name, so it cannot be a recording rule\'s name; use letters, digits, "_" and ":", e.g. job:http_requests:rate5m',
    ]);
  });
});
