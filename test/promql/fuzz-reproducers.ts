/**
 * The PromQL reproducers of the fuzzing pass (issue 13): expressions monc accepted and
 * promtool rejected (F2), and valid ones monc rejected (F4/F5). Shared by the in-process
 * test, which asserts monc's verdict, and the promtool test, which asserts promtool's.
 */

/** A `sum` of n copies of `term` written out with `op`. */
export const chain = (terms: number, term: string, op: string) => Array.from({ length: terms }, () => term).join(op);

export interface Rejected {
  readonly name: string;
  readonly expr: string;
  /** The check that reports it when the target is Prometheus 2. */
  readonly check: string;
}

export const PROMTOOL_REJECTS: readonly Rejected[] = [
  { name: 'An unknown escape in a double-quoted string is a syntax error.', expr: '{code=~"5\\d\\d"}', check: 'promql/syntax' },
  { name: 'A regex that only compiles inside an anchoring wrapper is invalid.', expr: 'up{code=~"5)(0"}', check: 'promql/regex' },
  { name: 'A second offset is an error.', expr: 'up offset 5m offset 1m', check: 'promql/type' },
  { name: 'A range on a parenthesised selector is an error.', expr: 'rate((up)[5m])', check: 'promql/type' },
  { name: 'An offset of 0s needs Prometheus 3.', expr: 'up offset 0s', check: 'promql/version' },
  { name: 'A number out of float64 range is a syntax error.', expr: '1e309', check: 'promql/syntax' },
  { name: 'A number with digit separators is a syntax error.', expr: '1_000', check: 'promql/syntax' },
  { name: 'A selector whose only matcher matches the empty name is an error.', expr: "{__name__=''}", check: 'promql/type' },
  { name: 'The keyword without is not a grouping label.', expr: 'sum by (without) (up)', check: 'promql/syntax' },
  { name: 'A bare duration is a number only in Prometheus 3.', expr: '1d', check: 'promql/version' },
  { name: 'A raw replacement character in a string reads as invalid UTF-8.', expr: 'up{job="a\ufffd"}', check: 'promql/syntax' },
  { name: 'A comment right after [ is a syntax error.', expr: 'up[# comment\n5m]', check: 'promql/syntax' },
];

export const PROMTOOL_ACCEPTS: readonly { readonly name: string; readonly expr: string }[] = [
  { name: 'A 552-term sum of up parses.', expr: chain(552, 'up', ' + ') },
  { name: 'A 172-term or-chain of label_replace parses.', expr: chain(172, 'label_replace(up, "a", "$1", "job", "(.*)")', ' or ') },
  { name: 'A 3000-deep nesting of abs() parses.', expr: `${'abs('.repeat(3000)}up${')'.repeat(3000)}` },
  { name: 'A number with a trailing dot parses.', expr: '5.' },
  { name: 'offset is a metric name where an expression starts.', expr: 'offset' },
  { name: 'An offset binds tighter than unary minus.', expr: '-up offset 5m' },
  { name: '@ start() before a range parses.', expr: 'max_over_time(up @ start()[5m])' },
  { name: 'An empty ignoring() with group_left against a scalar parses.', expr: '0.5 > ignoring() group_left up' },
];
