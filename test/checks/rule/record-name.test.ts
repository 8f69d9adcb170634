/** rule/record-name: a recording rule is named level:metric:operations, in definitions and in Prometheus rule files. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'rule/record-name';
const F = 'definitions/app.yaml';
const RULES = 'rules/app.rules.yml';

/** A service with one recording rule named `record` (at 7:13). */
const withRecord = (record: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\nrecordingRules:\n  - record: ${record}\n    expr: sum by (job) (rate(app_jobs_total[5m]))\n`;

/** A Prometheus rule file (monc lint --rules) with one recording rule per name in `records`. */
const ruleFile = (...records: readonly string[]) =>
  `groups:\n  - name: app\n    rules:\n${records.map((r) => `      - record: ${r}\n        expr: sum by (job) (rate(app_jobs_total[5m]))\n`).join('')}`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** Rule files, linted as `monc lint --rules` reads them; definitions otherwise. */
  readonly rules?: true;
  /** The findings of this check, as `check@file:line:column` (where()), from the files of the case. */
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'level:metric:operations passes.', files: { [F]: withRecord('job:app_jobs:rate5m') }, expected: () => [] },
  { name: 'More than one operation passes.', files: { [F]: withRecord('job:app_jobs:rate5m:sum') }, expected: () => [] },
  { name: 'An operation that starts with a digit passes.', files: { [F]: withRecord('job:app_jobs:5m') }, expected: () => [] },
  { name: 'A name without colons is reported at the record name.', files: { [F]: withRecord('app_jobs_rate5m') }, expected: () => [`${ID}@${F}:7:13`] },
  { name: 'A name with only level:metric is reported at the record name.', files: { [F]: withRecord('job:app_jobs') }, expected: () => [`${ID}@${F}:7:13`] },
  { name: 'A name with an empty level is reported at the record name.', files: { [F]: withRecord(':app_jobs:rate5m') }, expected: () => [`${ID}@${F}:7:13`] },
  { name: 'A name with an empty metric part is reported at the record name.', files: { [F]: withRecord('job::rate5m') }, expected: () => [`${ID}@${F}:7:13`] },
  {
    name: 'A name that is not a metric name at all is left to the schema.',
    files: { [F]: withRecord('"job:app-jobs:rate5m"') },
    expected: () => [],
  },
  {
    name: 'In a rule file, only the rule not named level:metric:operations is reported, at its record name.',
    files: { [RULES]: ruleFile('app_jobs_rate5m', 'job:app_jobs:rate5m') },
    rules: true,
    expected: (files) => [at(ID, RULES, files[RULES] ?? '', 'app_jobs_rate5m')],
  },
  {
    name: 'In a rule file, a name that is not a metric name is left to rulefmt/record-name.',
    files: { [RULES]: ruleFile('"job:app jobs:rate5m"') },
    rules: true,
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, rules, expected }) => {
    const diagnostics = await lint(files, rules ? { family: 'rule-files' } : {});
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the rule and gives an example of the form', async () => {
    const diagnostics = await lint({ [F]: withRecord('app_jobs_rate5m') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'recording rule "app_jobs_rate5m" is not named level:metric:operations, e.g. job:http_requests:rate5m',
    ]);
  });
});
