/**
 * A small declared catalog for the catalog check tests: a counter, a gauge, a histogram, a
 * summary and an info metric. An expression case is one recording rule whose expression is a
 * YAML block scalar on line 13 from column 7: a finding at offset i of the expression is at
 * 13:(7 + i), computed by fragmentAt() from a fragment of the expression.
 */
import { fragmentAt } from '../../helpers/fragments.ts';

export const F = 'definitions/app.yaml';
const EXPR_LINE = 13;
const EXPR_COLUMN = 7;

export const METRICS = [
  '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_queue_depth, type: gauge, help: Depth., labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_latency_seconds, type: histogram, help: Latency., buckets: [0.1, 1], labels: { queue: { values: [fast, slow] } } }',
  '  - { name: app_rpc_seconds, type: summary, help: RPC time., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 10 } } }',
  '  - { name: app_build_info, type: info, help: Build., labels: { version: { maxValues: 5 } } }',
].join('\n');

/** A service over METRICS whose first recording rule records `expr` (line 13, column 7), then `extraRules` (items of recordingRules). */
export const withRule = (expr: string, extraRules = '') =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${METRICS}\nrecordingRules:\n  - record: job:app_jobs:test\n    expr: |\n      ${expr}\n${extraRules}`;

/** The findings of one check, as `check@file:line:column` (where()), from the files of the case. */
export interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

/** A fragment of the expression a finding points at, or [fragment, nth occurrence from 1]. */
export type Fragment = string | readonly [fragment: string, nth: number];

/** A case of one recording rule over METRICS (see withRule) whose findings of `check` are at `fragments` of `expr`. */
export function ruleCase(check: string, name: string, expr: string, fragments: readonly Fragment[], extraRules = ''): Case {
  return {
    name,
    files: { [F]: withRule(expr, extraRules) },
    expected: () =>
      fragments.map((f) => (typeof f === 'string' ? fragmentAt(F, EXPR_LINE, EXPR_COLUMN, expr, [check, f]) : fragmentAt(F, EXPR_LINE, EXPR_COLUMN, expr, [check, f[0], f[1]]))),
  };
}
