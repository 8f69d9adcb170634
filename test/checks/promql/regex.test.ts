/** promql/regex: the regexes of label matchers are valid RE2, as the target Prometheus compiles them. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, exprAt, recordIn, RF, type RuleFileCase, ruleFiles, V3 } from './fixture.ts';

const ID = 'promql/regex';

const CASES: readonly Case[] = [
  { name: 'An alternation of declared values is a valid RE2 regex.', expr: 'app_queue_depth{queue=~"fast|slow"}', expected: [] },
  { name: 'A case-insensitive flag is valid RE2.', expr: 'app_queue_depth{job!~"(?i)API.*"}', expected: [] },
  { name: 'An unclosed group is flagged at the regex string.', expr: 'app_queue_depth{queue=~"fa(st"}', expected: [[ID, '"fa(st"']] },
  { name: 'A lookahead, valid in JavaScript but not in RE2, is flagged at the regex string.', expr: 'app_queue_depth{job=~"(?=api).*"}', expected: [[ID, '"(?=api).*"']] },
  { name: 'A backreference, which RE2 does not support, is flagged in a !~ matcher too.', expr: 'app_queue_depth{job!~"(a)\\\\1"}', expected: [[ID, '"(a)']] },
  {
    name: 'A lookahead on a label with declared values is reported once, by promql/regex, not also as a value outside the domain.',
    expr: 'app_queue_depth{queue=~"(?=fast)"}',
    expected: [[ID, '"(?=fast)"']],
  },
  { name: 'A Python-style named group (?P<name>) is valid RE2 on every version.', expr: 'app_queue_depth{queue=~"(?P<q>fast)"}', expected: [] },
  {
    name: 'A named group written (?<name>) is flagged on Prometheus 2, whose Go does not know it.',
    expr: 'app_queue_depth{queue=~"(?<q>fast)"}',
    expected: [[ID, '"(?<q>fast)"']],
  },
  { name: 'A named group written (?<name>) is accepted on Prometheus 3.', expr: 'app_queue_depth{queue=~"(?<q>fast)"}', config: V3, expected: [] },
  { name: 'An invalid regex in a matcher inside a function argument is flagged.', expr: 'rate(app_jobs_total{queue!~"*fast"}[5m])', expected: [[ID, '"*fast"']] },
];

const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'A valid regex in a rule file passes.', file: recordIn('sum(up{job=~"api|web"})'), expected: () => [] },
  { name: 'A case-insensitive regex in a rule file passes.', file: recordIn('sum(up{job=~"(?i)API"})'), expected: () => [] },
  { name: 'An unclosed group in a rule file is flagged at the regex string.', file: recordIn('up{job=~"(a"}'), expected: (f) => [at(ID, RF, f, '"(a"')] },
  { name: 'A lookahead in a rule file is flagged at the regex string.', file: recordIn('up{job!~"(?!api).*"}'), expected: (f) => [at(ID, RF, f, '"(?!api)')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ expr, expected, config }) => {
    const diagnostics = await lint(ruleFiles(expr, config));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected.map((e) => exprAt(expr, e)));
  });

  it.each(RULE_FILE_CASES)('In a rule file: $name', async ({ file, expected }) => {
    const diagnostics = await lint({ [RF]: file }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(file));
  });

  it('reports a lookahead on a label with declared values once, not also as a value outside the domain', async () => {
    const expr = 'app_queue_depth{queue=~"(?=fast)"}';
    expect((await lint(ruleFiles(expr))).map(where)).toEqual([exprAt(expr, [ID, '"(?=fast)"'])]);
  });

  it("quotes the regex and Go's message", async () => {
    const messages = async (expr: string) => (await lint(ruleFiles(expr))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('app_queue_depth{job=~"(?=api).*"}')).toEqual(['invalid regular expression "(?=api).*": error parsing regexp: invalid or unsupported Perl syntax: `(?=`']);
    expect(await messages('app_queue_depth{queue=~"(?<q>fast)"}')).toEqual(['invalid regular expression "(?<q>fast)": error parsing regexp: invalid or unsupported Perl syntax: `(?<`']);
  });
});
