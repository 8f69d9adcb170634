/** promql/syntax: every PromQL expression (rules, alerts, dashboard queries, rule files) parses; the first error is reported at its character. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, group, recordIn, RF, type RuleFileCase, withRule } from './fixture.ts';

const ID = 'promql/syntax';

/** Where an error at the end of `expr`, recorded by withRule() (line 11, column 7), is reported: just after its last character. */
const endOf = (expr: string) => `${ID}@${F}:11:${7 + expr.length}`;

/** A service with one alert over `expr`, written as a single-quoted flow scalar on line 5. */
const withAlert = (expr: string, before = '') =>
  `kind: Service\nname: app\nteam: core\nalerts:\n${before}  - { name: AppQueueDeep, expr: '${expr}', for: 5m, severity: info, summary: s, runbook: 'https://runbooks.example.com/x' }\nmetrics:\n  - { name: app_queue_depth, type: gauge, help: Depth. }\n`;

const D = 'definitions/dashboard.yaml';

/** A dashboard with one panel over `expr`. */
const withPanel = (expr: string) =>
  `kind: Dashboard\nid: app\ntitle: App\nrows:\n  - title: Queue\n    panels:\n      - { title: Depth, description: Depth., type: timeseries, queries: [{ expr: '${expr}' }] }\n`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

const text = (files: Readonly<Record<string, string>>, file: string) => files[file] ?? '';

const CASES: readonly Case[] = [
  { name: 'A well-formed aggregation of a rate parses.', files: { [F]: withRule('sum by (queue) (rate(app_jobs_total[5m]))') }, expected: () => [] },
  {
    name: 'holt_winters parses on every target (promql/version decides whether the target has it).',
    files: { [F]: withRule('holt_winters(app_queue_depth[1h], 0.5, 0.5)') },
    expected: () => [],
  },
  { name: 'A dashboard query with Grafana variables parses once they are filled in.', files: { [D]: withPanel('max(app_queue_depth) > $threshold offset $shift') }, expected: () => [] },
  {
    name: 'An unknown function is flagged at its name.',
    files: { [F]: withRule('sum by (queue) (rat(app_jobs_total[5m]))') },
    expected: (f) => [at(ID, F, text(f, F), 'rat(app_jobs_total')],
  },
  {
    name: 'Grouping labels without parentheses are flagged at the label.',
    files: { [F]: withRule('sum by queue (app_queue_depth)') },
    expected: (f) => [at(ID, F, text(f, F), 'queue (')],
  },
  {
    name: 'A range selector closed with a parenthesis is flagged at the parenthesis.',
    files: { [F]: withRule('rate(app_jobs_total[5m)') },
    expected: (f) => [at(ID, F, text(f, F), ')')],
  },
  {
    name: 'An unclosed parenthesis is flagged just after the end of the expression.',
    files: { [F]: withRule('sum(app_queue_depth') },
    expected: () => [endOf('sum(app_queue_depth')],
  },
  {
    name: 'offset without a duration is flagged at what follows it.',
    files: { [F]: withRule('rate(app_jobs_total[5m]) offset foo') },
    expected: (f) => [at(ID, F, text(f, F), 'foo')],
  },
  {
    name: 'An alert expression that stops after an operator is flagged at its end.',
    files: { [F]: withAlert('app_queue_depth >') },
    expected: (f) => [at(ID, F, text(f, F), "', for")],
  },
  {
    name: 'An alert expression of only spaces is flagged as empty.',
    files: { [F]: withAlert('   ') },
    expected: (f) => [at(ID, F, text(f, F), "   '")],
  },
  {
    name: 'A syntax error in a dashboard query is flagged where it is written, variables and all.',
    files: { [D]: withPanel('max(app_queue_depth) offset $shift)') },
    expected: (f) => [at(ID, D, text(f, D), ")' }")],
  },
  {
    name: 'A suppression comment does not silence a syntax error, which cannot be compiled.',
    files: { [F]: withAlert('app_queue_depth >', '  # monc-disable-next-line promql/syntax\n') },
    expected: (f) => [at(ID, F, text(f, F), "', for")],
  },
];

const RULE_FILE_CASES: readonly RuleFileCase[] = [
  { name: 'A rule file whose expressions parse passes.', file: recordIn('sum by (job) (rate(up[5m]))'), expected: () => [] },
  { name: 'A rule file alert over a comparison passes.', file: group('      - alert: A\n        expr: up == 0\n'), expected: () => [] },
  {
    name: 'An error in a multi-line expr points at the line and column in the rule file.',
    file: group('      - alert: A\n        expr: |\n          sum by (job) (\n            rat(up[5m])\n          ) > 0\n'),
    expected: () => [`${ID}@${RF}:7:13`],
  },
  { name: 'Grouping labels without parentheses are flagged in a recording rule.', file: group('      - record: job:up:sum\n        expr: sum by job (up)\n'), expected: () => [`${ID}@${RF}:5:22`] },
  {
    name: 'A problem inside a PrometheusRule spec points into the object.',
    file: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\n  labels: { prometheus: k8s }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: rate(up[5m)\n          for: 5x\n',
    expected: () => [`${ID}@${RF}:11:27`],
  },
  { name: 'An empty expression in quotes is flagged inside the quotes.', file: recordIn('"  "'), expected: (f) => [at(ID, RF, f, '  "')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(c.files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.files));
  });

  it.each(RULE_FILE_CASES)('In a rule file: $name', async ({ file, expected }) => {
    const diagnostics = await lint({ [RF]: file }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(file));
  });

  it('says what is wrong, and where in the grammar', async () => {
    const messages = async (expr: string) => (await lint({ [F]: withRule(expr) })).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages('rat(app_jobs_total[5m])')).toEqual(['unknown function "rat"']);
    expect(await messages('sum(app_queue_depth')).toEqual(['unclosed left parenthesis: the expression ends before it is closed']);
    expect(await messages('app_queue_depth{queue="fast"')).toEqual(['unclosed left brace: the expression ends before it is closed']);
    expect(await messages('rate(app_jobs_total[5m)')).toEqual(['unexpected ")" in the range selector']);
    expect(await messages('app_queue_depth offset')).toEqual(['unexpected end of expression after offset, which needs a duration']);
    expect(await messages('app_queue_depth +')).toEqual(['unexpected end of expression']);
    expect((await lint({ [F]: withAlert('   ') })).filter((d) => d.check === ID).map((d) => d.message)).toEqual(['the expression is empty']);
  });

  it('reports only the first error of an expression', async () => {
    const diagnostics = await lint({ [F]: withRule('sum(rat(app_jobs_total[5m) offset') });
    expect(diagnostics.filter((d) => d.check === ID)).toHaveLength(1);
  });
});
