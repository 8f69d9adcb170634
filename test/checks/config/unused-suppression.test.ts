/** config/unused-suppression: every check id in a suppression comment suppresses a finding on the lines the comment covers (a warning). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint, type LintOptions } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { alertWithoutFor, service, tsMultiLine, tsService } from '../../helpers/suppression-fixtures.ts';

const ID = 'config/unused-suppression';
const F = 'definitions/app.yaml';
const T = 'definitions/app.ts';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

/** An alert with `for` whose expression is a three-line block scalar, with `comment` above `expr:`. */
const blockAlert = (comment: string) =>
  `  - name: A\n    for: 5m\n    ${comment}\n    expr: |\n      sum(rate(app_jobs_total[5m]))\n        / sum(rate(app_tasks_total[5m])) > 1\n    severity: warning\n    summary: s\n    runbook: https://runbooks.example/jobs\n`;

const R = 'rules.yml';
/** A rule file with the same recording rule twice (rulefmt/duplicate-rule at the second); the comments go above the second and the first. */
const ruleFile = (aboveSecond: string, aboveFirst = '') =>
  `groups:\n  - name: g\n    rules:\n${aboveFirst}      - record: job:up:sum\n        expr: sum by (job) (up)\n${aboveSecond}      - record: job:up:sum\n        expr: sum by (job) (up)\n`;

const CASES: readonly Case[] = [
  { name: 'A YAML comment on the line above the finding is used.', files: { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`) }, expected: () => [] },
  {
    name: 'Blank lines and other comments between the suppression and its line are skipped.',
    files: { [F]: service(`  # monc-disable-next-line alert/for\n\n  # the watchdog fires at once on purpose\n${alertWithoutFor('A')}`) },
    expected: () => [],
  },
  { name: 'monc-disable-line at the end of the finding line is used.', files: { [F]: service(alertWithoutFor('A # monc-disable-line alert/for')) }, expected: () => [] },
  {
    name: 'Several ids in one comment, with a reason after --, are each used.',
    files: { [F]: service(`  # monc-disable-next-line alert/for, alert/summary -- a watchdog\n  - name: A\n    expr: vector(1)\n    severity: info\n    runbook: https://runbooks.example/jobs\n`) },
    expected: () => [],
  },
  {
    name: 'A suppression used by its check is not unused because another check still reports on that line.',
    files: { [F]: service(`  # monc-disable-next-line alert/summary\n  - name: A\n    expr: vector(1)\n    severity: info\n    runbook: https://runbooks.example/jobs\n`) },
    expected: () => [],
  },
  { name: 'A suppression above expr: | is used by a finding on any line of the block scalar.', files: { [F]: service(blockAlert('# monc-disable-next-line catalog/unknown-metric')) }, expected: () => [] },
  { name: 'A TS line comment on the line above the finding is used.', files: { [T]: tsService('// monc-disable-next-line alert/for') }, expected: () => [] },
  { name: 'A TS monc-disable-line comment on the finding line is used.', files: { [T]: tsService('', `name: 'JobsStalled', // monc-disable-line alert/for`) }, expected: () => [] },
  { name: 'A TS comment above a multi-line template literal is used by findings on all its lines.', files: { [T]: tsMultiLine('// monc-disable-next-line catalog/unknown-metric') }, expected: () => [] },
  {
    name: 'Unused suppressions are not reported in a file that did not load, whose checks did not run.',
    files: { [F]: `${service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`)}taem: core\n` },
    expected: () => [],
  },
  {
    name: 'A TS comment naming a check that reports nothing on the next line is reported at the id.',
    files: { [T]: tsService('// monc-disable-next-line alert/summary') },
    expected: (f) => [inFile(f, 'alert/summary', 1, T)],
  },
  {
    name: 'Unused suppressions are not reported in any TS file while a TS definition fails to load.',
    files: { [T]: tsService('// monc-disable-next-line alert/summary'), 'definitions/broken.ts': "const settings: { team?: { name: string } } = {};\nexport const team = settings.team!.name;\n" },
    expected: () => [],
  },
  {
    name: 'A suppression of a check that the config turns off is not reported as unused.',
    files: { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`), [CONFIG]: 'checks:\n  alert/for: off\n' },
    expected: () => [],
  },
  {
    name: 'The check can be turned off in the config.',
    files: { [F]: service(`  # monc-disable-next-line alert/summary\n${alertWithoutFor('A')}`), [CONFIG]: 'checks:\n  config/unused-suppression: off\n' },
    expected: () => [],
  },
  {
    name: 'A suppression above the wrong line suppresses nothing and is reported at its check id.',
    files: { [F]: service(`  - name: A\n    # monc-disable-next-line alert/for\n    expr: rate(app_jobs_total[5m]) == 0\n    severity: warning\n    summary: s\n    runbook: https://runbooks.example/jobs\n`) },
    expected: (f) => [inFile(f, 'alert/for')],
  },
  {
    name: 'An id that suppresses nothing is reported at that id, while the other ids of the comment still work.',
    files: { [F]: service(`  # monc-disable-next-line alert/for, alert/runbook\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'alert/runbook')],
  },
  {
    name: 'A monc-disable-next-line with no line after it is unused.',
    files: { [F]: `${service(alertWithoutFor('A # monc-disable-line alert/for'))}# monc-disable-next-line alert/summary\n` },
    expected: (f) => [inFile(f, 'alert/summary')],
  },
  { name: 'A suppression above a block scalar that nothing reports on is unused.', files: { [F]: service(blockAlert('# monc-disable-next-line alert/summary')) }, expected: (f) => [inFile(f, 'alert/summary')] },
  {
    name: 'An unused TS monc-disable-line comment is reported at its unused check id.',
    files: { [T]: tsService('', `name: 'JobsStalled', // monc-disable-line alert/summary, alert/for`) },
    expected: (f) => [inFile(f, 'alert/summary', 1, T)],
  },
  {
    name: 'A suppression in a rule file that is used passes.',
    files: { [R]: ruleFile('      # monc-disable-next-line rulefmt/duplicate-rule\n') },
    options: { family: 'rule-files' },
    expected: () => [],
  },
  {
    name: 'A suppression in a rule file that suppresses nothing is reported.',
    files: { [R]: ruleFile('', '      # monc-disable-next-line rulefmt/duplicate-rule\n') },
    options: { family: 'rule-files' },
    expected: (f) => [inFile(f, 'rulefmt/duplicate-rule', 1, R)],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected }) => {
    const diagnostics = await lint(files, options);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('is a warning that names the lines the comment covers', async () => {
    const messages = async (files: Files) => (await lint(files)).filter((d) => d.check === ID).map((d) => `${d.severity} ${d.message}`);
    expect(await messages({ [F]: service(`  # monc-disable-next-line alert/for, alert/runbook\n${alertWithoutFor('A')}`) })).toEqual([
      'warning "alert/runbook" reports nothing on line 8, so this suppression is not needed; remove it',
    ]);
    expect(await messages({ [F]: service(blockAlert('# monc-disable-next-line alert/summary')) })).toEqual([
      'warning "alert/summary" reports nothing on lines 10-12, so this suppression is not needed; remove it',
    ]);
    expect(await messages({ [F]: `${service(alertWithoutFor('A # monc-disable-line alert/for'))}# monc-disable-next-line alert/summary\n` })).toEqual([
      'warning no line follows, so "alert/summary" suppresses nothing here; remove it',
    ]);
  });

  it('can be raised to an error in the config', async () => {
    const diagnostics = await lint({ [F]: service(`  # monc-disable-next-line alert/summary\n${alertWithoutFor('A')}`), [CONFIG]: 'checks:\n  config/unused-suppression: error\n' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => `${where(d)} ${d.severity}`)).toEqual([`${ID}@${F}:7:28 error`]);
  });
});
