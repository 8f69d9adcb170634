/**
 * Native (sparse, exponential-bucket) histograms for tests: build them, encode them in the
 * Prometheus protobuf exposition format, and serve them to a real Prometheus.
 *
 *   const acc = new NativeHistogramAccumulator({ schema: 3 });
 *   const target = await startNativeHistogramTarget({
 *     families: () => {
 *       acc.observe(0.1, 970);
 *       acc.observe(0.5, 30);
 *       return [{ name: 'http_request_duration_seconds', type: 'histogram', metrics: [{ histogram: acc.snapshot() }] }];
 *     },
 *   });
 *   // scrape_configs: - static_configs: [{ targets: [target.address] }]
 *   await target.close();
 *
 * Prometheus 2.42 only scrapes native histograms over protobuf, and only with
 * `--enable-feature=native-histograms` (which makes the scraper send
 * `Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,…`).
 * The payload is a sequence of MetricFamily messages, each preceded by its length as a varint.
 *
 * Field numbers: Prometheus 2.42's own copy of client_model's metrics.proto,
 * `prompb/io/prometheus/client/metrics.proto` at tag v2.42.0 (proto3, decoded by gogo-protobuf,
 * which accepts packed and unpacked repeated scalars alike):
 *
 *   MetricFamily { string name = 1; string help = 2; MetricType type = 3; repeated Metric metric = 4; }
 *   MetricType   { COUNTER = 0; GAUGE = 1; SUMMARY = 2; UNTYPED = 3; HISTOGRAM = 4; GAUGE_HISTOGRAM = 5; }
 *   Metric       { repeated LabelPair label = 1; Gauge gauge = 2; Counter counter = 3; Summary summary = 4;
 *                  Untyped untyped = 5; Histogram histogram = 7; int64 timestamp_ms = 6; }
 *   LabelPair    { string name = 1; string value = 2; }
 *   Gauge / Counter / Untyped { double value = 1; }
 *   Histogram    { uint64 sample_count = 1; double sample_count_float = 4; double sample_sum = 2;
 *                  repeated Bucket bucket = 3;
 *                  sint32 schema = 5; double zero_threshold = 6; uint64 zero_count = 7; double zero_count_float = 8;
 *                  repeated BucketSpan negative_span = 9; repeated sint64 negative_delta = 10; repeated double negative_count = 11;
 *                  repeated BucketSpan positive_span = 12; repeated sint64 positive_delta = 13; repeated double positive_count = 14; }
 *   Bucket       { uint64 cumulative_count = 1; double cumulative_count_float = 4; double upper_bound = 2; Exemplar exemplar = 3; }
 *   BucketSpan   { sint32 offset = 1; uint32 length = 2; }
 *
 * (There is no created_timestamp in this version; it came with later client_model releases.)
 *
 * Things that bite in 2.42 (model/textparse/protobufparse.go):
 * - A family is ingested as native only if its FIRST metric's histogram has a positive or
 *   negative delta, a zero_count > 0 or a zero_threshold > 0 (`isNativeHistogram`). An empty
 *   histogram with zero_threshold 0, or a float histogram sent with `*_count` only, is taken as a
 *   classic one. This module therefore defaults `zeroThreshold` to 2^-128 (client_golang's default)
 *   and only writes integer histograms (deltas).
 * - Native and classic buckets are not both ingested: when native, `bucket` (classic) is ignored.
 *
 * Bucket layout (schema s, -4 ≤ s ≤ 8): positive bucket i holds (2^((i-1)·2^-s), 2^(i·2^-s)]
 * (upper bound inclusive); negative bucket i the mirror image; |v| ≤ zeroThreshold goes to the
 * zero bucket. Every power of two is a boundary in every schema; e.g. schema 0 has boundaries
 * …, 0.25, 0.5, 1, 2, …, schema 3 has eight buckets per power of two.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The content type of the delimited protobuf exposition format. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited';

/** client_golang's DefNativeHistogramZeroThreshold, 2^-128. */
export const DEFAULT_ZERO_THRESHOLD = 2 ** -128;

// ---------------------------------------------------------------- protobuf wire encoding

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

const TWO_64 = 1n << 64n;

/** A minimal protobuf message writer: fields are appended in call order. */
export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** A base-128 varint of a non-negative integer (up to 2^64 - 1 as a bigint). */
  rawVarint(value: number | bigint): this {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`varint: ${value} is not a non-negative safe integer`);
      }
      let n = value;
      while (n >= 0x80) {
        this.byte((n % 0x80) | 0x80);
        n = Math.floor(n / 0x80);
      }
      this.byte(n);
      return this;
    }
    if (value < 0n || value >= TWO_64) throw new RangeError(`varint: ${value} is outside [0, 2^64)`);
    let n = value;
    while (n >= 0x80n) {
      this.byte(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.byte(Number(n));
    return this;
  }

  rawBytes(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  tag(field: number, wireType: number): this {
    if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) throw new RangeError(`bad field number ${field}`);
    return this.rawVarint(field * 8 + wireType);
  }

  /** uint32 / uint64 / enum (non-negative) / bool. */
  uint(field: number, value: number): this {
    return this.tag(field, WIRE_VARINT).rawVarint(value);
  }

  /** int32 / int64: negative values as 64-bit two's complement (10 bytes). */
  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`int: ${value} is not a safe integer`);
    return this.tag(field, WIRE_VARINT).rawVarint(value >= 0 ? value : BigInt.asUintN(64, BigInt(value)));
  }

  /** sint32 / sint64 (ZigZag). */
  sint(field: number, value: number): this {
    return this.tag(field, WIRE_VARINT).rawVarint(zigzag(value));
  }

  /** 8 bytes, little-endian IEEE 754. */
  rawDouble(value: number): this {
    this.ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 8).setFloat64(0, value, true);
    this.len += 8;
    return this;
  }

  double(field: number, value: number): this {
    return this.tag(field, WIRE_FIXED64).rawDouble(value);
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, WIRE_LEN).rawVarint(value.length).rawBytes(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytes(field, message.finish());
  }

  /** A packed `repeated sint32/sint64`; nothing when empty. */
  packedSint(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(zigzag(v));
    return this.bytes(field, inner.finish());
  }

  /** A packed `repeated double`; nothing when empty. */
  packedDouble(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.rawDouble(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** ZigZag encoding of a safe integer, as a varint payload. */
export function zigzag(value: number): number | bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`zigzag: ${value} is not a safe integer`);
  const z = value >= 0 ? 2 * value : -2 * value - 1;
  return Number.isSafeInteger(z) ? z : BigInt.asUintN(64, (BigInt(value) << 1n) ^ (BigInt(value) >> 63n));
}

/** `message` preceded by its length as a varint (the "delimited" framing). */
export function delimited(message: Uint8Array): Uint8Array {
  return new ProtoWriter().rawVarint(message.length).rawBytes(message).finish();
}

// ---------------------------------------------------------------- native histograms

export interface BucketSpan {
  /** Gap to the previous span's end, or the first bucket's index for the first span. */
  readonly offset: number;
  /** Number of consecutive buckets. */
  readonly length: number;
}

/** An integer native histogram, in the exposition format's span/delta layout. */
export interface NativeHistogram {
  readonly schema: number;
  readonly zeroThreshold: number;
  readonly zeroCount: number;
  /** All observations: zero bucket + positive + negative buckets. */
  readonly count: number;
  readonly sum: number;
  readonly positiveSpans: readonly BucketSpan[];
  /** First bucket's count, then each bucket's count minus the previous one's. */
  readonly positiveDeltas: readonly number[];
  readonly negativeSpans: readonly BucketSpan[];
  readonly negativeDeltas: readonly number[];
}

export interface NativeHistogramOptions {
  /** -4 … 8; each power of two is split into 2^schema buckets. */
  readonly schema: number;
  /** |v| ≤ this counts in the zero bucket; default 2^-128. Keep it > 0 (see the header). */
  readonly zeroThreshold?: number;
}

function checkSchema(schema: number): void {
  if (!Number.isInteger(schema) || schema < -4 || schema > 8) throw new RangeError(`native histogram schema must be an integer in [-4, 8], not ${schema}`);
}

/** Upper bound of bucket `index` (lower bound: that of `index - 1`): 2^(index · 2^-schema). */
export function bucketUpperBound(index: number, schema: number): number {
  checkSchema(schema);
  return 2 ** (index / 2 ** schema);
}

/** The bounds (lower exclusive, upper inclusive) of positive bucket `index`. */
export function bucketBounds(index: number, schema: number): { lower: number; upper: number } {
  return { lower: bucketUpperBound(index - 1, schema), upper: bucketUpperBound(index, schema) };
}

/**
 * The index of the bucket holding |value| > 0: the i with 2^((i-1)·2^-s) < |value| ≤ 2^(i·2^-s).
 * Exact for powers of two; other boundaries are computed with `**`, which may differ from
 * Prometheus' table in the last bit, so do not place observations exactly on them.
 */
export function bucketIndex(value: number, schema: number): number {
  checkSchema(schema);
  const abs = Math.abs(value);
  if (!(abs > 0) || !Number.isFinite(abs)) throw new RangeError(`bucketIndex: need a finite non-zero value, not ${value}`);
  let i = Math.ceil(Math.log2(abs) * 2 ** schema);
  while (bucketUpperBound(i - 1, schema) >= abs) i--;
  while (bucketUpperBound(i, schema) < abs) i++;
  return i;
}

/** Spans and deltas for bucket index → count (zero counts are dropped). */
function spansAndDeltas(buckets: ReadonlyMap<number, number>): { spans: BucketSpan[]; deltas: number[] } {
  const entries = [...buckets].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
  const spans: { offset: number; length: number }[] = [];
  const deltas: number[] = [];
  let previousIndex: number | undefined;
  let previousCount = 0;
  for (const [index, count] of entries) {
    if (!Number.isInteger(index)) throw new RangeError(`bucket index ${index} is not an integer`);
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bucket ${index}: count ${count} is not a non-negative integer`);
    const last = spans[spans.length - 1];
    if (previousIndex === undefined || last === undefined) spans.push({ offset: index, length: 1 });
    else if (index === previousIndex + 1) last.length++;
    else spans.push({ offset: index - previousIndex - 1, length: 1 });
    deltas.push(count - previousCount);
    previousIndex = index;
    previousCount = count;
  }
  return { spans, deltas };
}

function toMap(buckets: ReadonlyMap<number, number> | Readonly<Record<number, number>> | undefined): Map<number, number> {
  if (buckets === undefined) return new Map();
  if (buckets instanceof Map) return new Map(buckets);
  return new Map(Object.entries(buckets).map(([k, v]) => [Number(k), v as number]));
}

export interface BucketCounts extends NativeHistogramOptions {
  /** Positive bucket index → count (not cumulative). */
  readonly positive?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  /** Negative bucket index → count (index of |v|). */
  readonly negative?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  readonly zeroCount?: number;
  /** Sum of the observations; default 0. */
  readonly sum?: number;
}

/** A native histogram from explicit per-bucket counts. */
export function nativeHistogram(counts: BucketCounts): NativeHistogram {
  checkSchema(counts.schema);
  const zeroThreshold = counts.zeroThreshold ?? DEFAULT_ZERO_THRESHOLD;
  const zeroCount = counts.zeroCount ?? 0;
  if (!(zeroThreshold >= 0)) throw new RangeError(`zeroThreshold must be ≥ 0, not ${zeroThreshold}`);
  if (!Number.isSafeInteger(zeroCount) || zeroCount < 0) throw new RangeError(`zeroCount ${zeroCount} is not a non-negative integer`);
  const positive = toMap(counts.positive);
  const negative = toMap(counts.negative);
  const pos = spansAndDeltas(positive);
  const neg = spansAndDeltas(negative);
  let count = zeroCount;
  for (const c of positive.values()) count += c;
  for (const c of negative.values()) count += c;
  return {
    schema: counts.schema,
    zeroThreshold,
    zeroCount,
    count,
    sum: counts.sum ?? 0,
    positiveSpans: pos.spans,
    positiveDeltas: pos.deltas,
    negativeSpans: neg.spans,
    negativeDeltas: neg.deltas,
  };
}

/** A cumulative native histogram that observations are added to, like a client library's. */
export class NativeHistogramAccumulator {
  readonly schema: number;
  readonly zeroThreshold: number;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeroCount = 0;
  private sum = 0;

  constructor(options: NativeHistogramOptions) {
    checkSchema(options.schema);
    this.schema = options.schema;
    this.zeroThreshold = options.zeroThreshold ?? DEFAULT_ZERO_THRESHOLD;
  }

  /** Adds `times` observations of `value`. */
  observe(value: number, times = 1): this {
    if (!Number.isFinite(value)) throw new RangeError(`observe: ${value} is not finite`);
    if (!Number.isSafeInteger(times) || times < 0) throw new RangeError(`observe: times ${times} is not a non-negative integer`);
    if (times === 0) return this;
    this.sum += value * times;
    if (Math.abs(value) <= this.zeroThreshold) this.zeroCount += times;
    else {
      const buckets = value > 0 ? this.positive : this.negative;
      const index = bucketIndex(value, this.schema);
      buckets.set(index, (buckets.get(index) ?? 0) + times);
    }
    return this;
  }

  snapshot(): NativeHistogram {
    return nativeHistogram({
      schema: this.schema,
      zeroThreshold: this.zeroThreshold,
      zeroCount: this.zeroCount,
      sum: this.sum,
      positive: this.positive,
      negative: this.negative,
    });
  }
}

/** A native histogram of `observations` (a one-off `NativeHistogramAccumulator`). */
export function nativeHistogramFromObservations(observations: Iterable<number>, options: NativeHistogramOptions): NativeHistogram {
  const acc = new NativeHistogramAccumulator(options);
  for (const v of observations) acc.observe(v);
  return acc.snapshot();
}

// ---------------------------------------------------------------- metric families

export type MetricType = 'counter' | 'gauge' | 'untyped' | 'histogram' | 'gauge_histogram';

const METRIC_TYPE: Record<MetricType, number> = { counter: 0, gauge: 1, untyped: 3, histogram: 4, gauge_histogram: 5 };

export interface ClassicBucket {
  readonly upperBound: number;
  readonly cumulativeCount: number;
}

export interface Metric {
  readonly labels?: Readonly<Record<string, string>>;
  /** For counter, gauge and untyped families. */
  readonly value?: number;
  /** For histogram and gauge_histogram families. */
  readonly histogram?: NativeHistogram;
  /** Classic buckets sent alongside (2.42 ignores them when the histogram is native). */
  readonly classicBuckets?: readonly ClassicBucket[];
  readonly timestampMs?: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help?: string;
  readonly type: MetricType;
  readonly metrics: readonly Metric[];
}

function encodeSpan(span: BucketSpan): ProtoWriter {
  if (!Number.isSafeInteger(span.length) || span.length < 0) throw new RangeError(`span length ${span.length}`);
  return new ProtoWriter().sint(1, span.offset).uint(2, span.length);
}

/** A `Histogram` message (integer native histogram). */
export function encodeHistogram(h: NativeHistogram, classicBuckets: readonly ClassicBucket[] = []): Uint8Array {
  checkSchema(h.schema);
  const w = new ProtoWriter();
  w.uint(1, h.count); // sample_count
  w.double(2, h.sum); // sample_sum
  for (const b of classicBuckets) w.message(3, new ProtoWriter().uint(1, b.cumulativeCount).double(2, b.upperBound));
  w.sint(5, h.schema); // schema (sint32)
  w.double(6, h.zeroThreshold); // zero_threshold
  w.uint(7, h.zeroCount); // zero_count
  for (const s of h.negativeSpans) w.message(9, encodeSpan(s)); // negative_span
  w.packedSint(10, h.negativeDeltas); // negative_delta (sint64)
  for (const s of h.positiveSpans) w.message(12, encodeSpan(s)); // positive_span
  w.packedSint(13, h.positiveDeltas); // positive_delta (sint64)
  return w.finish();
}

function encodeMetric(type: MetricType, m: Metric): ProtoWriter {
  const w = new ProtoWriter();
  for (const [name, value] of Object.entries(m.labels ?? {})) w.message(1, new ProtoWriter().string(1, name).string(2, value));
  if (type === 'histogram' || type === 'gauge_histogram') {
    if (m.histogram === undefined) throw new Error(`a ${type} metric needs a histogram`);
    w.bytes(7, encodeHistogram(m.histogram, m.classicBuckets));
  } else {
    if (m.value === undefined) throw new Error(`a ${type} metric needs a value`);
    const field = type === 'gauge' ? 2 : type === 'counter' ? 3 : 5;
    w.message(field, new ProtoWriter().double(1, m.value));
  }
  if (m.timestampMs !== undefined) w.int(6, m.timestampMs);
  return w;
}

/** One `MetricFamily` message (without the length prefix). */
export function encodeMetricFamily(family: MetricFamily): Uint8Array {
  const w = new ProtoWriter().string(1, family.name);
  if (family.help !== undefined) w.string(2, family.help);
  w.uint(3, METRIC_TYPE[family.type]);
  for (const m of family.metrics) w.message(4, encodeMetric(family.type, m));
  return w.finish();
}

/** A scrape body: each family as a length-delimited MetricFamily message. */
export function encodeScrape(families: readonly MetricFamily[]): Uint8Array {
  const w = new ProtoWriter();
  for (const f of families) w.rawBytes(delimited(encodeMetricFamily(f)));
  return w.finish();
}

// ---------------------------------------------------------------- the scrape target

export interface NativeHistogramTargetOptions {
  /** Called once per GET /metrics; may change state (e.g. add observations) before returning. */
  readonly families: () => readonly MetricFamily[] | Promise<readonly MetricFamily[]>;
}

export interface NativeHistogramTarget {
  /** `http://127.0.0.1:PORT/metrics` */
  readonly url: string;
  /** `127.0.0.1:PORT`, for `static_configs.targets`. */
  readonly address: string;
  readonly port: number;
  /** GET /metrics requests answered so far. */
  scrapes(): number;
  /** The Accept header of the last /metrics request ('' before the first). */
  lastAccept(): string;
  /** Stops listening and drops open connections. Idempotent. */
  close(): Promise<void>;
}

/** Serves `families()` as delimited protobuf on 127.0.0.1 at a random port. */
export async function startNativeHistogramTarget(options: NativeHistogramTargetOptions): Promise<NativeHistogramTarget> {
  let scrapes = 0;
  let accept = '';
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const body = encodeScrape(await options.families());
      scrapes++;
      accept = req.headers.accept ?? '';
      res.writeHead(200, { 'content-type': PROTOBUF_CONTENT_TYPE, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`);
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    address: `127.0.0.1:${port}`,
    port,
    scrapes: () => scrapes,
    lastAccept: () => accept,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
