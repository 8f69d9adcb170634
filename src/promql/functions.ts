/**
 * The PromQL function and aggregation tables, per Prometheus major version, for the type checker.
 *
 * Sources (argument types, Variadic and return types are copied from Prometheus' own
 * `promql/parser/functions.go`, not from the docs):
 * - version 2 = Prometheus 2.42 (Debian's promtool): the 2.40–2.46 table, read from
 *   grafana/loki `vendor/github.com/prometheus/prometheus/promql/parser/functions.go` @ 1d397605
 *   (holt_winters + histogram_count/sum/fraction, no histogram_stddev, which came in 2.47), and
 *   checked function by function against /usr/bin/promtool 2.42 (test/promql/functions.test.ts).
 * - version 3 = Prometheus 3.15 (the release of the pinned @prometheus-io/lezer-promql 0.315.0):
 *   prometheus/prometheus `promql/parser/functions.go` @ 032c05357abf (3.12-era main), plus the
 *   3.13–3.15 CHANGELOG entries shipped in lezer-promql 0.315.0: min_of/max_of (3.13, #18687),
 *   start_timestamp (3.14, #19089), first_over_time promoted to stable (3.14, #19093).
 */

export type ValueType = 'scalar' | 'string' | 'vector' | 'matrix';

export interface FunctionSignature {
  readonly name: string;
  /** Declared argument types, in order. */
  readonly args: readonly ValueType[];
  /**
   * Like Prometheus' parser.Function.Variadic: 0 = exactly args.length; n > 0 = the last n args
   * are optional; -1 = the last arg repeats any number of times (≥ args.length - 1 args).
   *
   * Prometheus' own rule for n > 0 is "between ArgTypes.length - 1 and ArgTypes.length - 1 + n
   * args, extra ones typed like the last". That equals "the last n of args are optional" when
   * n = 1, which is every function but histogram_quantiles (Variadic 9 over 4 ArgTypes upstream);
   * its `args` here are spelled out to all 12 positions so both readings agree. Use {@link arity}.
   */
  readonly variadic: number;
  readonly returns: ValueType;
  /** Needs --enable-feature=promql-experimental-functions in Prometheus. */
  readonly experimental: boolean;
}

export type PrometheusVersion = 2 | 3;

export interface AggregationSignature {
  readonly param: ValueType | undefined;
  readonly experimental: boolean;
}

const S = 'scalar';
const STR = 'string';
const V = 'vector';
const M = 'matrix';

type Row = readonly [name: string, args: readonly ValueType[], variadic: number, returns: ValueType];

/** Functions whose signature is the same in 2.42 and 3.x. */
const COMMON: readonly Row[] = [
  ['abs', [V], 0, V],
  ['absent', [V], 0, V],
  ['absent_over_time', [M], 0, V],
  ['acos', [V], 0, V],
  ['acosh', [V], 0, V],
  ['asin', [V], 0, V],
  ['asinh', [V], 0, V],
  ['atan', [V], 0, V],
  ['atanh', [V], 0, V],
  ['avg_over_time', [M], 0, V],
  ['ceil', [V], 0, V],
  ['changes', [M], 0, V],
  ['clamp', [V, S, S], 0, V],
  ['clamp_max', [V, S], 0, V],
  ['clamp_min', [V, S], 0, V],
  ['cos', [V], 0, V],
  ['cosh', [V], 0, V],
  ['count_over_time', [M], 0, V],
  ['days_in_month', [V], 1, V],
  ['day_of_month', [V], 1, V],
  ['day_of_week', [V], 1, V],
  ['day_of_year', [V], 1, V],
  ['deg', [V], 0, V],
  ['delta', [M], 0, V],
  ['deriv', [M], 0, V],
  ['exp', [V], 0, V],
  ['floor', [V], 0, V],
  ['histogram_count', [V], 0, V],
  ['histogram_sum', [V], 0, V],
  ['histogram_fraction', [S, S, V], 0, V],
  ['histogram_quantile', [S, V], 0, V],
  ['hour', [V], 1, V],
  ['idelta', [M], 0, V],
  ['increase', [M], 0, V],
  ['irate', [M], 0, V],
  ['label_replace', [V, STR, STR, STR, STR], 0, V],
  ['label_join', [V, STR, STR, STR], -1, V],
  ['last_over_time', [M], 0, V],
  ['ln', [V], 0, V],
  ['log10', [V], 0, V],
  ['log2', [V], 0, V],
  ['max_over_time', [M], 0, V],
  ['min_over_time', [M], 0, V],
  ['minute', [V], 1, V],
  ['month', [V], 1, V],
  ['pi', [], 0, S],
  ['predict_linear', [M, S], 0, V],
  ['present_over_time', [M], 0, V],
  ['quantile_over_time', [S, M], 0, V],
  ['rad', [V], 0, V],
  ['rate', [M], 0, V],
  ['resets', [M], 0, V],
  ['round', [V, S], 1, V],
  ['scalar', [V], 0, S],
  ['sgn', [V], 0, V],
  ['sin', [V], 0, V],
  ['sinh', [V], 0, V],
  ['sort', [V], 0, V],
  ['sort_desc', [V], 0, V],
  ['sqrt', [V], 0, V],
  ['stddev_over_time', [M], 0, V],
  ['stdvar_over_time', [M], 0, V],
  ['sum_over_time', [M], 0, V],
  ['tan', [V], 0, V],
  ['tanh', [V], 0, V],
  ['time', [], 0, S],
  ['timestamp', [V], 0, V],
  ['vector', [S], 0, V],
  ['year', [V], 1, V],
];

/** Only in 2.x: renamed to double_exponential_smoothing (experimental) in 3.0. */
const ONLY_2: readonly Row[] = [['holt_winters', [M, S, S], 0, V]];

/** Added in 2.43–3.15 without the experimental flag. */
const STABLE_3: readonly Row[] = [
  ['histogram_avg', [V], 0, V], // 2.51
  ['histogram_stddev', [V], 0, V], // 2.47
  ['histogram_stdvar', [V], 0, V], // 2.47
  ['first_over_time', [M], 0, V], // 3.7 experimental, stable since 3.14
];

/** Behind --enable-feature=promql-experimental-functions in 3.x. */
const EXPERIMENTAL_3: readonly Row[] = [
  ['double_exponential_smoothing', [M, S, S], 0, V], // 3.0, the old holt_winters
  ['mad_over_time', [M], 0, V], // 2.49
  ['sort_by_label', [V, STR], -1, V], // 2.49
  ['sort_by_label_desc', [V, STR], -1, V], // 2.49
  ['info', [V, V], 1, V], // 2.55
  ['ts_of_first_over_time', [M], 0, V], // 3.7
  ['ts_of_max_over_time', [M], 0, V], // 3.5
  ['ts_of_min_over_time', [M], 0, V], // 3.5
  ['ts_of_last_over_time', [M], 0, V], // 3.5
  // 3.11: histogram_quantiles(v, "label", q1, …, q10); upstream ArgTypes [V, STR, S, S] + Variadic 9.
  ['histogram_quantiles', [V, STR, S, S, S, S, S, S, S, S, S, S], 9, V],
  ['start', [], 0, S], // 3.12
  ['end', [], 0, S], // 3.12
  ['range', [], 0, S], // 3.12
  ['step', [], 0, S], // 3.12
  ['min_of', [S, S], 0, S], // 3.13 (lezer-promql 0.315 only parses it inside durations)
  ['max_of', [S, S], 0, S], // 3.13 (idem)
  ['start_timestamp', [V], 0, V], // 3.14 (also needs the use-start-timestamps flag)
];

function build(rows: readonly (readonly [Row, boolean])[]): ReadonlyMap<string, FunctionSignature> {
  const table = new Map<string, FunctionSignature>();
  const sorted = [...rows].sort(([a], [b]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [[name, args, variadic, returns], experimental] of sorted) {
    table.set(name, Object.freeze({ name, args: Object.freeze([...args]), variadic, returns, experimental }));
  }
  return table;
}

const FUNCTIONS: Readonly<Record<PrometheusVersion, ReadonlyMap<string, FunctionSignature>>> = {
  2: build([...COMMON, ...ONLY_2].map((row) => [row, false] as const)),
  3: build([
    ...[...COMMON, ...STABLE_3].map((row) => [row, false] as const),
    ...EXPERIMENTAL_3.map((row) => [row, true] as const),
  ]),
};

/** Functions of Prometheus 2.42 (version 2; what Debian's promtool 2.42 accepts) or of current 3.x (version 3). */
export function functionTable(version: PrometheusVersion): ReadonlyMap<string, FunctionSignature> {
  return FUNCTIONS[version];
}

/** How many arguments a call may have, by Prometheus' rule (max is Infinity for -1). */
export function arity(signature: FunctionSignature): { readonly min: number; readonly max: number } {
  const n = signature.args.length;
  if (signature.variadic === 0) return { min: n, max: n };
  if (signature.variadic < 0) return { min: n - 1, max: Infinity };
  return { min: n - signature.variadic, max: n };
}

/** The declared type of argument i (0-based); arguments past the declared ones repeat the last type. */
export function argumentType(signature: FunctionSignature, index: number): ValueType | undefined {
  return signature.args[Math.min(index, signature.args.length - 1)];
}

const AGGREGATIONS_2: readonly (readonly [string, ValueType | undefined])[] = [
  ['avg', undefined],
  ['bottomk', S],
  ['count', undefined],
  ['count_values', STR],
  ['group', undefined],
  ['max', undefined],
  ['min', undefined],
  ['quantile', S],
  ['stddev', undefined],
  ['stdvar', undefined],
  ['sum', undefined],
  ['topk', S],
];

/** 2.54, still behind promql-experimental-functions in 3.x. */
const AGGREGATIONS_3_EXPERIMENTAL: readonly (readonly [string, ValueType | undefined])[] = [
  ['limitk', S],
  ['limit_ratio', S],
];

function buildAggregations(
  rows: readonly (readonly [string, ValueType | undefined, boolean])[],
): ReadonlyMap<string, AggregationSignature> {
  return new Map(rows.map(([name, param, experimental]) => [name, Object.freeze({ param, experimental })]));
}

const AGGREGATIONS: Readonly<Record<PrometheusVersion, ReadonlyMap<string, AggregationSignature>>> = {
  2: buildAggregations(AGGREGATIONS_2.map(([name, param]) => [name, param, false] as const)),
  3: buildAggregations([
    ...AGGREGATIONS_2.map(([name, param]) => [name, param, false] as const),
    ...AGGREGATIONS_3_EXPERIMENTAL.map(([name, param]) => [name, param, true] as const),
  ]),
};

/** Aggregation operators and the type of their parameter, if any (topk/bottomk/limitk/limit_ratio/quantile: scalar; count_values: string), by version. */
export function aggregationTable(version: PrometheusVersion): ReadonlyMap<string, AggregationSignature> {
  return AGGREGATIONS[version];
}
