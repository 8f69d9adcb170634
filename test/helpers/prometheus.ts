/**
 * A real Prometheus (Debian's 2.42 at /usr/bin) on loopback, for tests.
 *
 *   const data = openMetrics([{ name: 'x_total', labels: { job: 'a' }, value: (t) => t - start }],
 *                            { start: now - 7200, end: now, step: 15 });
 *   await withPrometheus({ ruleFiles: { 'rules.yml': yamlText }, data }, async (prom) => {
 *     const rows = await prom.waitFor(async () => nonEmpty(await prom.query('my:rule')));
 *   });
 *
 * Each server gets a fresh temporary directory holding prometheus.yml, the rule files next to
 * it (so `rule_files` are plain names and group `interval:` overrides keep working) and the
 * TSDB. `data` (OpenMetrics text) is backfilled with `promtool tsdb create-blocks-from
 * openmetrics` right before the start. Prometheus listens on 127.0.0.1:0; the real port is read
 * from its stderr. `stop()` sends SIGTERM to its pid, waits for the exit and removes the
 * directory; `withPrometheus` always stops, and a process `exit` hook kills anything left.
 * The process handling (start, readiness, errors with the stderr tail, stop) is ./server.ts.
 *
 * Things that bite (see ../../../shared/research/real-tools.md §3 and slo-rule-cost.md):
 * - The server only evaluates at wall-clock "now", with a 5m lookback: data that ends more than
 *   ~5 minutes before the start gives no `rate(x[5m])`. Generate data ending at now, right
 *   before starting.
 * - Never backfill past now: the head then refuses samples older than the newest block, so
 *   recording-rule output is dropped. `startPrometheus` rejects such data.
 * - More than 2h of data is cut into 54h blocks (`maxBlockDuration`), so promtool does not
 *   re-read the whole input once per 2h window. Prometheus' first compaction runs 1 min after
 *   the start and may rewrite blocks; a test that measures timing should finish before it.
 * - `/api/v1/alerts` shows a `for: 0s` alert at the first evaluation; the `ALERTS` series only
 *   appears from about the third evaluation. Poll with `waitFor`, never sleep.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, isMap, isSeq } from 'yaml';
import { startServer, tail } from './server.ts';

const PROMETHEUS = process.env['MONC_TEST_PROMETHEUS'] ?? 'prometheus';
const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

// ---------------------------------------------------------------- OpenMetrics data

export interface SeriesSpec {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Default: `counter` when the name ends in `_total`, otherwise `gauge`. */
  readonly type?: 'counter' | 'gauge';
  /** The sample value at `tSeconds` (Unix seconds). */
  readonly value: (tSeconds: number) => number;
}

export interface Range {
  /** Unix seconds, inclusive. */
  readonly start: number;
  /** Unix seconds, inclusive; must not be in the future. */
  readonly end: number;
  /** Seconds between samples. */
  readonly step: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one `# TYPE` line per
 * metric family, its samples together, timestamps in seconds, ending with `# EOF`.
 *
 * A counter named `x_total` is written as family `x` of type counter, with samples named
 * `x_total`, as OpenMetrics requires. A counter without the `_total` suffix is declared
 * `unknown` (promtool 2.42 accepts any name under any type, but stricter parsers do not), and
 * so is stored under exactly the given name either way.
 */
export function openMetrics(series: readonly SeriesSpec[], range: Range): string {
  const { start, end, step } = range;
  if (!(step > 0) || !Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new Error(`openMetrics: bad range start=${start} end=${end} step=${step}`);
  }
  if (end > Date.now() / 1000 + 1) {
    throw new Error(
      `openMetrics: end ${end} is in the future (now ${Math.floor(Date.now() / 1000)}); ` +
        'Prometheus would then drop every sample older than the newest block, rule output included',
    );
  }
  const times: number[] = [];
  for (let i = 0; ; i++) {
    const t = start + i * step;
    if (t > end + 1e-9) break;
    times.push(Math.round(t * 1000) / 1000);
  }

  // Group by name (a family's samples must be contiguous), in order of first appearance.
  const families = new Map<string, { type: 'counter' | 'gauge'; members: SeriesSpec[] }>();
  for (const s of series) {
    if (!METRIC_NAME.test(s.name)) throw new Error(`openMetrics: bad metric name ${JSON.stringify(s.name)}`);
    for (const label of Object.keys(s.labels)) {
      if (!LABEL_NAME.test(label) || label === '__name__') {
        throw new Error(`openMetrics: bad label name ${JSON.stringify(label)} on ${s.name}`);
      }
    }
    const type = s.type ?? (s.name.endsWith('_total') ? 'counter' : 'gauge');
    const family = families.get(s.name);
    if (family === undefined) families.set(s.name, { type, members: [s] });
    else if (family.type !== type) throw new Error(`openMetrics: ${s.name} is both ${family.type} and ${type}`);
    else family.members.push(s);
  }

  const lines: string[] = [];
  for (const [name, { type, members }] of families) {
    if (type === 'counter' && name.endsWith('_total')) lines.push(`# TYPE ${name.slice(0, -'_total'.length)} counter`);
    else if (type === 'counter') lines.push(`# TYPE ${name} unknown`);
    else lines.push(`# TYPE ${name} gauge`);
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
        .join(',');
      const prefix = labels === '' ? name : `${name}{${labels}}`;
      for (const t of times) lines.push(`${prefix} ${formatValue(s.value(t))} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** First and last sample timestamp (seconds) of OpenMetrics text with timestamps. */
function sampleSpan(text: string): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const t = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(t)) continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return min <= max ? { min, max } : undefined;
}

// ---------------------------------------------------------------- rule files

/**
 * `yamlText` with every rule group's `interval` set to `interval` (e.g. '1s', so a test
 * need not wait for a 1m or 2m30s group). Comments and the rest of the file are kept.
 */
export function setGroupIntervals(yamlText: string, interval: string): string {
  const doc = parseDocument(yamlText);
  const groups = doc.get('groups');
  if (!isSeq(groups)) throw new Error('setGroupIntervals: the file has no `groups` list');
  for (const group of groups.items) {
    if (isMap(group)) group.set('interval', interval);
  }
  return doc.toString();
}

// ---------------------------------------------------------------- the server

export interface PrometheusOptions {
  /** File name (no directories) -> YAML content; written next to prometheus.yml. */
  readonly ruleFiles: Readonly<Record<string, string>>;
  /** prometheus.yml as given (e.g. the one monc wrote), instead of one that loads `ruleFiles`. */
  readonly config?: string;
  /** More files by path relative to prometheus.yml, e.g. the rule and target files `config` names. */
  readonly files?: Readonly<Record<string, string>>;
  /** Agent mode (--enable-feature=agent): scrape and remote-write only, no queries; no `data` or `retention`. */
  readonly agent?: boolean;
  /** More command-line flags, e.g. --web.enable-remote-write-receiver. */
  readonly args?: readonly string[];
  /** OpenMetrics text (see `openMetrics`), backfilled right before the start. */
  readonly data?: string;
  /** Global `evaluation_interval`; groups with their own `interval:` keep it. Default '1s'. */
  readonly evaluationInterval?: string;
  /** `--storage.tsdb.retention.time`; default '40d', so 30 days of backfill stay. */
  readonly retention?: string;
  /** promtool's `--max-block-duration` for the backfill; default: 2h blocks for up to 2h of data, 54h blocks beyond. */
  readonly maxBlockDuration?: string;
  /** How long to wait for `/-/ready`; default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface Prometheus {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number;
  /** Its temporary directory (prometheus.yml, rule files, data/); removed by `stop`. */
  readonly dir: string;
  /** An instant query at now; a scalar result comes back as one sample without labels. */
  query(expr: string): Promise<Sample[]>;
  /** `/api/v1/alerts` → `data.alerts` */
  alerts(): Promise<any[]>;
  /** `/api/v1/rules` → `data.groups` */
  rules(): Promise<any[]>;
  /**
   * Calls `fn` every 50 ms until it returns something other than `undefined`, and returns that.
   * A throw from `fn` counts as "not yet"; after `timeoutMs` (default 15 s) it throws with the
   * last error and the tail of Prometheus' stderr.
   */
  waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** The captured stderr (last 64 KiB). */
  stderr(): string;
  /** SIGTERM by pid, wait for the exit (SIGKILL after 10 s), remove the directory. Idempotent. */
  stop(): Promise<void>;
}

export async function startPrometheus(options: PrometheusOptions): Promise<Prometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-prom-'));
  try {
    return await launch(dir, options);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts Prometheus, runs `fn`, and stops it whether `fn` succeeds or throws. */
export async function withPrometheus<T>(options: PrometheusOptions, fn: (prom: Prometheus) => Promise<T>): Promise<T> {
  const prom = await startPrometheus(options);
  try {
    return await fn(prom);
  } finally {
    await prom.stop();
  }
}

async function launch(dir: string, options: PrometheusOptions): Promise<Prometheus> {
  const names = Object.keys(options.ruleFiles);
  for (const name of names) {
    if (name !== path.basename(name) || name === '.' || name === '..' || name === 'prometheus.yml') {
      throw new Error(`startPrometheus: rule file name must be a plain file name, not ${JSON.stringify(name)}`);
    }
    writeFileSync(path.join(dir, name), options.ruleFiles[name] ?? '');
  }
  for (const [file, content] of Object.entries(options.files ?? {})) {
    const target = path.resolve(dir, file);
    if (!target.startsWith(`${dir}${path.sep}`) || file === 'prometheus.yml') throw new Error(`startPrometheus: ${JSON.stringify(file)} is not a path inside the server's directory`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const ruleFileList = names.length > 0 ? `rule_files:\n${names.map((n) => `  - ${JSON.stringify(n)}\n`).join('')}` : '';
  writeFileSync(path.join(dir, 'prometheus.yml'), options.config ?? `global:\n  evaluation_interval: ${options.evaluationInterval ?? '1s'}\n${ruleFileList}`);

  const dataDir = path.join(dir, 'data');
  if (options.agent && (options.data !== undefined || options.retention !== undefined)) throw new Error('startPrometheus: an agent has no TSDB to backfill or retain');
  if (options.data !== undefined) backfill(dir, dataDir, options.data, options.maxBlockDuration);

  const server = await startServer({
    name: 'Prometheus',
    binary: PROMETHEUS,
    args: [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      // An agent has a WAL of its own and refuses the server's storage flags.
      ...(options.agent
        ? ['--enable-feature=agent', `--storage.agent.path=${dataDir}`]
        : [`--storage.tsdb.path=${dataDir}`, `--storage.tsdb.retention.time=${options.retention ?? '40d'}`]),
      '--web.listen-address=127.0.0.1:0',
      '--log.level=info',
      ...(options.args ?? []),
    ],
    dir,
    readyPath: '/-/ready',
    installHint: "install Debian's prometheus",
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
  });

  const api = async (pathAndQuery: string): Promise<any> => {
    let body: any;
    let status = 0;
    try {
      const response = await fetch(`${server.url}${pathAndQuery}`, { signal: AbortSignal.timeout(30_000) });
      status = response.status;
      body = await response.json();
    } catch (error) {
      throw server.error(`GET ${pathAndQuery} failed (HTTP ${status}): ${String(error)}`);
    }
    if (body?.status !== 'success') {
      throw new Error(`GET ${pathAndQuery}: HTTP ${status} ${body?.errorType ?? ''}: ${body?.error ?? JSON.stringify(body)}`);
    }
    return body.data;
  };

  return {
    url: server.url,
    pid: server.pid,
    dir,
    async query(expr) {
      const data = await api(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      if (data.resultType === 'vector') return data.result as Sample[];
      if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
      throw new Error(`query ${JSON.stringify(expr)}: result type ${data.resultType}, want an instant vector or scalar`);
    },
    async alerts() {
      return (await api('/api/v1/alerts')).alerts as any[];
    },
    async rules() {
      return (await api('/api/v1/rules')).groups as any[];
    },
    waitFor: (fn, timeoutMs) => server.waitFor(fn, timeoutMs),
    stderr: () => server.stderr(),
    stop: () => server.stop(),
  };
}

function backfill(dir: string, dataDir: string, data: string, maxBlockDuration: string | undefined): void {
  const span = sampleSpan(data);
  const now = Date.now() / 1000;
  if (span !== undefined && span.max > now + 1) {
    throw new Error(
      `startPrometheus: the data ends at ${span.max}, after now (${Math.floor(now)}); ` +
        'Prometheus would drop every sample older than the newest block, rule output included',
    );
  }
  const blocks = maxBlockDuration ?? (span !== undefined && span.max - span.min > 2 * 3600 ? '54h' : undefined);
  const file = path.join(dir, 'data.om');
  writeFileSync(file, data);
  const args = ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet'];
  if (blocks !== undefined) args.push(`--max-block-duration=${blocks}`);
  args.push(file, dataDir);
  const result = spawnSync(PROMTOOL, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  rmSync(file, { force: true });
  if (result.error !== undefined || result.status !== 0) {
    const why = result.error !== undefined ? result.error.message : `exit ${result.status}`;
    throw new Error(`${PROMTOOL} ${args.join(' ')} failed (${why}):\n${tail(result.stderr ?? '')}${tail(result.stdout ?? '')}`);
  }
}
