/**
 * What the promql/* check tests share. In definitions: a service declaring a counter, a gauge
 * and a histogram with a `queue` label, whose one recording rule records the expression under
 * test, written as a YAML block scalar on line 11 from column 7; `exprAt()` turns a fragment of
 * the expression into its position in the file. In rule files (`monc lint --rules`): a file
 * with one group "g".
 */
import { fragmentAt, type Expected } from '../../helpers/fragments.ts';
import { CONFIG } from '../../helpers/lint.ts';

export const F = 'definitions/app.yaml';
const EXPR_LINE = 11;
const EXPR_COLUMN = 7;

export const METRICS = [
  '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_queue_depth, type: gauge, help: Depth., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1], labels: { queue: { values: [fast, slow] } } }',
].join('\n');

/** A service whose one recording rule records `expr` (line 11, column 7). */
export const withRule = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${METRICS}\nrecordingRules:\n  - record: job:app_jobs:test\n    expr: |\n      ${expr}\n`;

/** `check@file:line:column` of a fragment of the expression `withRule(expr)` records. */
export function exprAt(expr: string, expected: Expected): string {
  return fragmentAt(F, EXPR_LINE, EXPR_COLUMN, expr, expected);
}

/** monc.config.yaml for a Prometheus 3 target. */
export const V3 = 'prometheus: { version: 3 }\n';

/** The files of a definitions case: the service, and the config when given. */
export function ruleFiles(expr: string, config?: string): Record<string, string> {
  return { [F]: withRule(expr), ...(config !== undefined && { [CONFIG]: config }) };
}

/** A definitions case: one recording rule's expression, and where the check under test reports. */
export interface Case {
  readonly name: string;
  readonly expr: string;
  /** The findings of the check under test, as fragments of `expr`. */
  readonly expected: readonly Expected[];
  /** monc.config.yaml, when the case needs one. */
  readonly config?: string;
}

/** The rule file of the rule-file cases. */
export const RF = 'rules.yml';

/** A rule file with one group "g" holding `rules` (each already indented as a list item). */
export const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;

/** A rule file with one recording rule over `expr` (line 5, from column 15). */
export const recordIn = (expr: string) => group(`      - record: job:up:test\n        expr: ${expr}\n`);

/** A rule-file case: the file, and the findings of the check under test (`check@file:line:column`). */
export interface RuleFileCase {
  readonly name: string;
  readonly file: string;
  readonly expected: (file: string) => readonly string[];
}
