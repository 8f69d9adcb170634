/**
 * A latency SLI on a NATIVE histogram, written with `histogram_fraction`, in a real Prometheus
 * 2.42 (Debian's, at /usr/bin) on 127.0.0.1.
 *
 * ../helpers/prometheus.ts has no scrape jobs and no feature flags, so this file starts the
 * binary itself through ../helpers/server.ts (same process handling: kill by pid, temp dir
 * removed) with `--enable-feature=native-histograms` (without it 2.42 neither asks for protobuf
 * nor stores native histograms) and one scrape job at 1 s pointing at a protobuf target from
 * ../helpers/native-histograms.ts.
 *
 * Every scrape of the target first adds one batch of 1000 requests to a cumulative schema-3
 * histogram, so any rate or increase over any window has the batch's exact composition:
 *
 *   http_request_duration_seconds{handler="api"}, per batch:
 *     500 × 0.05 s, 300 × 0.1 s, 170 × 0.25 s   → 970 good (≤ 0.3 s)
 *      20 × 0.5 s,   10 × 1.5 s                 →  30 bad
 *
 * Why the expected 0.97 is exact although 0.3 is not a bucket boundary: schema 3 splits each
 * power of two into 8 buckets with boundaries 2^(k/8); 0.3 lies inside bucket -13,
 * (2^(-14/8), 2^(-13/8)] = (0.2973, 0.3242]. histogram_fraction interpolates linearly inside
 * that bucket only, and no observation falls into it, so the interpolation adds nothing. The
 * second histogram, `straddling_duration_seconds`, has observations inside that bucket and
 * shows the estimate 2.42 then gives instead of the true fraction.
 *
 * Prometheus' service discovery hands targets to the scraper after about 5 s, so with three
 * scrapes at 1 s the whole file takes ~9 s.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bucketBounds,
  bucketIndex,
  encodeMetricFamily,
  encodeScrape,
  NativeHistogramAccumulator,
  nativeHistogram,
  nativeHistogramFromObservations,
  ProtoWriter,
  startNativeHistogramTarget,
  type NativeHistogramTarget,
} from '../helpers/native-histograms.ts';
import { compileFiles } from '../helpers/lint.ts';
import { startServer, type Server } from '../helpers/server.ts';

const PROMETHEUS = process.env['MONC_TEST_PROMETHEUS'] ?? 'prometheus';

const SCHEMA = 3;
const THRESHOLD = 0.3;
/** One scrape's worth of requests: [seconds, how many]. */
const API_BATCH: readonly (readonly [number, number])[] = [
  [0.05, 500],
  [0.1, 300],
  [0.25, 170],
  [0.5, 20],
  [1.5, 10],
];
const BATCH_SIZE = API_BATCH.reduce((n, [, k]) => n + k, 0);
const GOOD_RATIO = API_BATCH.filter(([v]) => v <= THRESHOLD).reduce((n, [, k]) => n + k, 0) / BATCH_SIZE; // 0.97
/** 900 fast requests, 100 at 0.31 s: inside the bucket (0.2973, 0.3242] that holds 0.3, and bad. */
const STRADDLE_BATCH: readonly (readonly [number, number])[] = [
  [0.1, 900],
  [0.31, 100],
];

/** The SLI of the brief: good/total over a rate of the summed native histogram. */
const SLI_RATE = `histogram_fraction(0, ${THRESHOLD}, sum(rate(http_request_duration_seconds[30s])))`;
/** The ratio-of-increases form a rule compiler would emit (it sums over series before dividing). */
const SLI_INCREASE =
  `sum(histogram_fraction(0, ${THRESHOLD}, increase(http_request_duration_seconds[5m])) * histogram_count(increase(http_request_duration_seconds[5m])))` +
  ` / sum(histogram_count(increase(http_request_duration_seconds[5m])))`;

/** A service with a native-histogram latency SLO over the served histogram: monc's rules go into the Prometheus below. */
const NATIVE_SLO_SERVICE = `kind: Service
name: api
team: core
metrics:
  - name: http_request_duration_seconds
    type: histogram
    native: true
    help: Request latency.
    unit: seconds
    labels:
      handler: { values: [api] }
slos:
  - name: latency
    objective: 95
    window: 14d
    sli:
      latency: { histogram: 'http_request_duration_seconds{handler="api"}', threshold: ${THRESHOLD}, native: true }
`;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
/** A length-delimited field (short body): tag byte, one-byte length, body — all as hex. */
const len = (tag: string, body: string): string => `${tag}${(body.length / 2).toString(16).padStart(2, '0')}${body}`;

describe('the native histogram protobuf encoder', () => {
  it('writes varints, ZigZag, doubles and strings as protobuf does', () => {
    expect(hex(new ProtoWriter().uint(1, 150).finish())).toBe('089601'); // the protobuf docs' example
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    expect(hex(new ProtoWriter().sint(1, 0).sint(1, -1).sint(1, 1).sint(1, -2).finish())).toBe('0800080108020803');
    expect(hex(new ProtoWriter().sint(1, -2147483648).finish())).toBe('08ffffffff0f');
    expect(hex(new ProtoWriter().int(6, -1).finish())).toBe('30ffffffffffffffffff01');
    expect(hex(new ProtoWriter().double(2, 1).finish())).toBe('11000000000000f03f');
    expect(hex(new ProtoWriter().uint(1, 2 ** 40).finish())).toBe('08808080808020'); // beyond 32 bits
    expect(hex(new ProtoWriter().rawVarint(2 ** 35).finish())).toBe('808080808001');
  });

  it('puts values into exponential buckets, upper bounds inclusive', () => {
    expect([1, 1.5, 2, 0.25, 0.3].map((v) => bucketIndex(v, 0))).toEqual([0, 1, 1, -2, -1]);
    expect(bucketIndex(0.3, 3)).toBe(-13);
    expect(bucketIndex(0.25, 3)).toBe(-16);
    const { lower, upper } = bucketBounds(-13, 3);
    expect(lower).toBeCloseTo(0.2973, 4);
    expect(upper).toBeCloseTo(0.3242, 4);
    expect(API_BATCH.some(([v]) => bucketIndex(v, SCHEMA) === -13)).toBe(false);
    expect(STRADDLE_BATCH.some(([v]) => bucketIndex(v, SCHEMA) === -13)).toBe(true);
  });

  it('lays buckets out as spans and deltas', () => {
    const h = nativeHistogramFromObservations([1, 2, 2, 4, 4, 4, 32, -1, 0], { schema: 0 });
    expect(h).toMatchObject({
      count: 9,
      sum: 48,
      zeroCount: 1,
      positiveSpans: [
        { offset: 0, length: 3 },
        { offset: 2, length: 1 },
      ],
      positiveDeltas: [1, 1, 1, -2],
      negativeSpans: [{ offset: 0, length: 1 }],
      negativeDeltas: [1],
    });
    expect(nativeHistogram({ schema: 0, positive: { 0: 1, 1: 2, 2: 3, 5: 1 }, sum: 48, zeroCount: 1, negative: { 0: 1 } })).toEqual(h);
  });

  it('encodes a MetricFamily with the field numbers of 2.42 metrics.proto', () => {
    const h = nativeHistogram({ schema: 0, zeroThreshold: 0.5, positive: { 0: 2 }, sum: 2 });
    const family = encodeMetricFamily({ name: 'h', help: 'x', type: 'histogram', metrics: [{ labels: { a: 'b' }, histogram: h }] });
    const histogram = [
      '0802', // sample_count = 1: 2
      '110000000000000040', // sample_sum = 2: 2.0
      '2800', // schema = 5 (sint32): 0
      '31000000000000e03f', // zero_threshold = 6: 0.5
      '3800', // zero_count = 7: 0
      len('62', '08001001'), // positive_span = 12: { offset = 1: 0, length = 2: 1 }
      len('6a', '04'), // positive_delta = 13, packed sint64: [2] (ZigZag 2 → 4)
    ].join('');
    const metric = `${len('0a', '0a0161120162')}${len('3a', histogram)}`; // label = 1 {a="b"}, histogram = 7
    const expected = `${len('0a', '68')}${len('12', '78')}1804${len('22', metric)}`; // name = 1, help = 2, type = 3 (HISTOGRAM = 4), metric = 4
    expect(hex(family)).toBe(expected);
    // Delimited: each MetricFamily preceded by its length as a varint.
    const other = { name: 'up2', type: 'gauge', metrics: [{ value: 1 }] } as const;
    expect(hex(encodeScrape([{ name: 'h', help: 'x', type: 'histogram', metrics: [{ labels: { a: 'b' }, histogram: h }] }, other]))).toBe(
      `${len('', expected)}${len('', hex(encodeMetricFamily(other)))}`,
    );
    expect(hex(encodeMetricFamily(other))).toBe(`${len('0a', hex(Buffer.from('up2')))}1801${len('22', len('12', '09000000000000f03f'))}`); // gauge = 2 { value = 1 }
  });
});

describe('a latency SLI on a native histogram in a real Prometheus 2.42', () => {
  let target: NativeHistogramTarget | undefined;
  let prom: Server | undefined;

  async function api(expr: string): Promise<any> {
    if (prom === undefined) throw new Error('Prometheus is not running');
    const response = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(10_000) });
    return (await response.json()) as any;
  }

  /** The instant-vector result of `expr`; throws on a query error. */
  async function query(expr: string): Promise<any[]> {
    const body = await api(expr);
    if (body.status !== 'success') throw new Error(`${expr}: ${body.errorType}: ${body.error}`);
    expect(body.data.resultType, expr).toBe('vector');
    return body.data.result as any[];
  }

  /** The one float sample of `expr`. */
  async function value(expr: string): Promise<number> {
    const result = await query(expr);
    expect(result, expr).toHaveLength(1);
    expect(result[0].value, `${expr} should give a float, not a histogram`).toBeDefined();
    return Number(result[0].value[1]);
  }

  beforeAll(async () => {
    const latency = new NativeHistogramAccumulator({ schema: SCHEMA });
    const straddle = new NativeHistogramAccumulator({ schema: SCHEMA });
    target = await startNativeHistogramTarget({
      families: () => {
        for (const [v, n] of API_BATCH) latency.observe(v, n);
        for (const [v, n] of STRADDLE_BATCH) straddle.observe(v, n);
        return [
          {
            name: 'http_request_duration_seconds',
            help: 'Request latency.',
            type: 'histogram',
            metrics: [{ labels: { handler: 'api' }, histogram: latency.snapshot() }],
          },
          { name: 'straddling_duration_seconds', type: 'histogram', metrics: [{ histogram: straddle.snapshot() }] },
        ];
      },
    });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-prom-native-'));
    const compiled = await compileFiles({ 'definitions/api.yaml': NATIVE_SLO_SERVICE, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n  features: [native-histograms]\n' });
    expect(compiled.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.check} ${d.message}`)).toEqual([]);
    writeFileSync(path.join(dir, 'api.yml'), compiled.artifacts.find((a) => a.path === 'prometheus/rules/api.yml')?.content ?? '');
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        '  evaluation_interval: 1s',
        `rule_files: ['${path.join(dir, 'api.yml')}']`,
        'scrape_configs:',
        '  - job_name: native',
        `    static_configs: [{ targets: ['${target.address}'] }]`,
        '',
      ].join('\n'),
    );
    prom = await startServer({
      name: 'Prometheus',
      binary: PROMETHEUS,
      dir,
      args: [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        '--web.listen-address=127.0.0.1:0',
        '--enable-feature=native-histograms',
        '--log.level=info',
      ],
      installHint: "install Debian's prometheus",
    });
    // At least three scrapes stored (count_over_time counts native histogram samples in 2.42).
    const server = prom;
    await server.waitFor(async () => {
      const result = await query('count_over_time(http_request_duration_seconds[1m]) >= 3');
      return result.length === 1 ? true : undefined;
    }, 25_000);
  });

  afterAll(async () => {
    await prom?.stop();
    await target?.close();
  });

  it('scrapes over protobuf and stores a native histogram, not classic series', async () => {
    expect(target?.lastAccept()).toMatch(/^application\/vnd\.google\.protobuf;proto=io\.prometheus\.client\.MetricFamily;encoding=delimited/);
    const [sample, ...rest] = await query('http_request_duration_seconds');
    expect(rest).toEqual([]);
    expect(sample.metric).toMatchObject({ handler: 'api', job: 'native' });
    const [, h] = sample.histogram as [number, { count: string; sum: string; buckets: [number, string, string, string][] }];
    const batches = Number(h.count) / BATCH_SIZE;
    expect(Number.isInteger(batches) && batches >= 3, `count ${h.count}`).toBe(true);
    // One bucket per distinct observed value, (lower, upper] (boundary rule 0), counts per batch as served.
    expect(h.buckets.map(([rule, , upper, count]) => [rule, Number(upper), Number(count) / batches])).toEqual(
      API_BATCH.map(([v, n]) => [0, expect.closeTo(bucketBounds(bucketIndex(v, SCHEMA), SCHEMA).upper, 12), n]),
    );
    expect(await query('http_request_duration_seconds_count')).toEqual([]);
    expect(await query('http_request_duration_seconds_bucket')).toEqual([]);
  });

  it(`evaluates ${SLI_RATE} to the good ratio ${GOOD_RATIO}`, async () => {
    const ratio = await value(SLI_RATE);
    expect(Math.abs(ratio - GOOD_RATIO)).toBeLessThan(0.01 * GOOD_RATIO);
    expect(ratio).toBeCloseTo(GOOD_RATIO, 9); // exact up to float rounding: the bucket holding 0.3 is empty
  });

  it('evaluates the ratio of increases a rule compiler would emit to the same good ratio', async () => {
    const ratio = await value(SLI_INCREASE);
    expect(Math.abs(ratio - GOOD_RATIO)).toBeLessThan(0.01 * GOOD_RATIO);
    expect(ratio).toBeCloseTo(GOOD_RATIO, 9);
  });

  it("evaluates monc's generated SLI recordings for a native latency SLO to the bad ratio, within 1%", async () => {
    const badRatio = 1 - GOOD_RATIO;
    const expr = 'sum(slo:sli_errors:increase5m{slo="api-latency"}) / sum(slo:sli_total:increase5m{slo="api-latency"})';
    const server = prom;
    if (!server) throw new Error('Prometheus is not running');
    await server.waitFor(async () => ((await query(expr)).length === 1 ? true : undefined), 15_000);
    const ratio = await value(expr);
    expect(Math.abs(ratio - badRatio)).toBeLessThan(0.01 * badRatio);
  });

  it('interpolates linearly when observations fall into the bucket that holds the threshold', async () => {
    const ratio = await value(`histogram_fraction(0, ${THRESHOLD}, sum(rate(straddling_duration_seconds[30s])))`);
    const { lower, upper } = bucketBounds(bucketIndex(THRESHOLD, SCHEMA), SCHEMA);
    const total = STRADDLE_BATCH.reduce((n, [, k]) => n + k, 0);
    const inBucket = STRADDLE_BATCH.filter(([v]) => bucketIndex(v, SCHEMA) === -13).reduce((n, [, k]) => n + k, 0);
    const below = STRADDLE_BATCH.filter(([v]) => v <= lower).reduce((n, [, k]) => n + k, 0);
    const estimate = (below + (inBucket * (THRESHOLD - lower)) / (upper - lower)) / total; // ≈ 0.9100
    const truth = below / total; // 0.9: every request in that bucket took 0.31 s
    expect(ratio).toBeCloseTo(estimate, 9);
    expect(Math.abs(ratio - truth)).toBeGreaterThan(0.01 * truth);
  });

  it('has histogram_count, histogram_sum, histogram_fraction and histogram_quantile for native histograms', async () => {
    const count = await value('histogram_count(http_request_duration_seconds)');
    expect(count % BATCH_SIZE).toBe(0);
    const mean = API_BATCH.reduce((s, [v, n]) => s + v * n, 0) / BATCH_SIZE; // 0.1225
    expect(await value('histogram_sum(http_request_duration_seconds) / histogram_count(http_request_duration_seconds)')).toBeCloseTo(mean, 9);
    expect(await value(`histogram_fraction(-Inf, ${THRESHOLD}, http_request_duration_seconds)`)).toBeCloseTo(GOOD_RATIO, 9);
    // Rank 0.985 × 1000 = 985 lies 15/20 into the bucket of 0.5 s, (2^(-9/8), 0.5]: linear interpolation.
    const { lower, upper } = bucketBounds(bucketIndex(0.5, SCHEMA), SCHEMA);
    expect(await value('histogram_quantile(0.985, sum(rate(http_request_duration_seconds[30s])))')).toBeCloseTo(lower + ((upper - lower) * 15) / 20, 9);
    // Later additions are unknown to 2.42's parser.
    for (const fn of ['histogram_stddev', 'histogram_stdvar']) {
      const body = await api(`${fn}(http_request_duration_seconds)`);
      expect(body).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(body.error).toContain(`unknown function with name "${fn}"`);
    }
  });

  it('shows what 2.42 silently gets wrong on native histograms', async (ctx) => {
    const build = (await (await fetch(`${prom?.url}/api/v1/status/buildinfo`)).json()) as any;
    if (!String(build?.data?.version).startsWith('2.42.')) ctx.skip();
    const h = 'http_request_duration_seconds';
    // Float-only functions and aggregations read a native histogram sample as 0 instead of failing.
    for (const expr of [`avg(${h})`, `max(${h})`, `irate(${h}[30s])`, `avg_over_time(${h}[1m])`, `abs(${h})`]) {
      expect(await value(expr), expr).toBe(0);
    }
    // Scalar arithmetic leaves the histogram as it is.
    expect(await value(`histogram_count(${h} * 2) / histogram_count(${h})`)).toBe(1);
  });
});
