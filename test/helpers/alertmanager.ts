/**
 * A real Alertmanager (Debian's `prometheus-alertmanager` 0.25) on loopback, and an HTTP sink
 * for its webhook notifications, for tests.
 *
 *   await withWebhookSink(async (sink) => {
 *     const config = `route: { receiver: r, group_wait: 0s }\nreceivers:\n- name: r\n  webhook_configs: [{ url: ${sink.url('r')} }]\n`;
 *     await withAlertmanager({ config }, async (am) => {
 *       await am.postAlerts([{ labels: { alertname: 'A', severity: 'critical' } }]);
 *       const { message } = await sink.waitForAlert('r', { alertname: 'A' });
 *     });
 *   });
 *
 * Each Alertmanager gets a fresh temporary directory holding alertmanager.yml, `templates/`
 * next to it (so a generated `templates: [templates/*.tmpl]` works unchanged) and its storage.
 * Clustering is off (`--cluster.listen-address=`), so it binds nothing but its HTTP port on
 * 127.0.0.1. The port is reserved beforehand so that `--web.external-url` can be its own URL
 * (webhook bodies then carry `externalURL: am.url`); a start that loses the port to another
 * process is retried. Process handling (readiness, stop, errors with the stderr tail) is
 * ./server.ts.
 *
 * Things that bite (see ../../../shared/research/real-tools.md §4):
 * - A notification goes out `group_wait` after the first alert of a group (30 s in a
 *   production config); set it to 0s or 1s in tests. Later changes wait for `group_interval`.
 * - An alert posted without `endsAt` fires for `resolve_timeout` (default 5m); one server per
 *   test keeps alerts from leaking into the next.
 * - Inhibition and time muting happen when a group is flushed: an inhibited alert is dropped
 *   from the notification, a fully muted group sends nothing. `GET /api/v2/alerts` reports
 *   inhibition (`status.inhibitedBy`) but not time muting (0.25).
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer, type Server } from './server.ts';

const ALERTMANAGER = process.env['MONC_TEST_ALERTMANAGER'] ?? 'prometheus-alertmanager';

// ---------------------------------------------------------------- Alertmanager

export interface AlertmanagerOptions {
  /** alertmanager.yml (YAML text). Relative paths in it resolve against its directory. */
  readonly config: string;
  /** File name (no directories) -> content; written to `templates/` next to the config. */
  readonly templates?: Readonly<Record<string, string>>;
  /** `--log.level`; default 'info' (the port is read from an info line, so not higher). */
  readonly logLevel?: 'debug' | 'info';
  /** How long to wait for `/-/ready`; default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface PostableAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** ISO time; default now. */
  readonly startsAt?: string;
  /** ISO time; default: none, so the alert fires for `resolve_timeout`. */
  readonly endsAt?: string;
  readonly generatorURL?: string;
}

/** An alert as `GET /api/v2/alerts` returns it. */
export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  generatorURL?: string;
  receivers: { name: string }[];
  status: { state: 'unprocessed' | 'active' | 'suppressed'; inhibitedBy: string[]; silencedBy: string[] };
}

export interface Alertmanager {
  /** `http://127.0.0.1:PORT`, also its `--web.external-url`. */
  readonly url: string;
  readonly pid: number;
  /** Its temporary directory (alertmanager.yml, templates/, data/); removed by `stop`. */
  readonly dir: string;
  /** `POST /api/v2/alerts`; `startsAt` defaults to now. Throws on a non-2xx answer. */
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  /** `GET /api/v2/alerts`: every alert it holds, with receivers and inhibition state. */
  alerts(): Promise<GettableAlert[]>;
  /** `GET /api/v2/status` (config, cluster, uptime, versionInfo). */
  status(): Promise<any>;
  /**
   * How often the aggregation groups whose group labels include `groupLabels` have been flushed
   * so far (summed over routes), from the `msg=flushing` debug log lines; needs
   * `logLevel: 'debug'`. A group's flushes run one after another, each through the whole
   * notification pipeline (inhibition, time muting, the webhook call), so once a group has
   * flushed twice its first notification has been sent or dropped. Counts what the last 64 KiB
   * of stderr hold, plenty for a test of a few seconds.
   */
  flushes(groupLabels: Readonly<Record<string, string>>): number;
  /** See `Server.waitFor` (polls every 50 ms; default timeout 15 s). */
  waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** The captured stderr (last 64 KiB). */
  stderr(): string;
  /** SIGTERM by pid, wait for the exit, remove the directory. Idempotent. */
  stop(): Promise<void>;
}

export async function startAlertmanager(options: AlertmanagerOptions): Promise<Alertmanager> {
  const templates = options.templates ?? {};
  for (const name of Object.keys(templates)) {
    if (name !== path.basename(name) || name === '.' || name === '..') {
      throw new Error(`startAlertmanager: template name must be a plain file name, not ${JSON.stringify(name)}`);
    }
  }
  // The reserved port can be taken by someone else before Alertmanager binds it; retry then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-am-'));
    try {
      writeFileSync(path.join(dir, 'alertmanager.yml'), options.config);
      mkdirSync(path.join(dir, 'templates'));
      for (const [name, content] of Object.entries(templates)) writeFileSync(path.join(dir, 'templates', name), content);
      const url = `http://127.0.0.1:${port}`;
      const server = await startServer({
        name: 'Alertmanager',
        binary: ALERTMANAGER,
        args: [
          `--config.file=${path.join(dir, 'alertmanager.yml')}`,
          `--storage.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          `--web.external-url=${url}`,
          '--cluster.listen-address=',
          `--log.level=${options.logLevel ?? 'info'}`,
        ],
        dir,
        readyPath: '/-/ready',
        installHint: "install Debian's prometheus-alertmanager",
        ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
      });
      return alertmanagerClient(server, options.logLevel ?? 'info');
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      if (attempt < 5 && /address already in use/.test(String(error))) continue;
      throw error;
    }
  }
}

/** Starts Alertmanager, runs `fn`, and stops it whether `fn` succeeds or throws. */
export async function withAlertmanager<T>(options: AlertmanagerOptions, fn: (am: Alertmanager) => Promise<T>): Promise<T> {
  const am = await startAlertmanager(options);
  try {
    return await fn(am);
  } finally {
    await am.stop();
  }
}

function alertmanagerClient(server: Server, logLevel: 'debug' | 'info'): Alertmanager {
  const request = async (method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<any> => {
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${server.url}${apiPath}`, {
        method,
        signal: AbortSignal.timeout(10_000),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw server.error(`${method} ${apiPath} failed: ${String(error)}`);
    }
    if (status < 200 || status > 299) throw new Error(`${method} ${apiPath}: HTTP ${status}: ${text.trim()}`);
    return text === '' ? undefined : JSON.parse(text);
  };

  return {
    url: server.url,
    pid: server.pid,
    dir: server.dir,
    async postAlerts(alerts) {
      const now = new Date().toISOString();
      await request(
        'POST',
        '/api/v2/alerts',
        alerts.map((a) => ({
          labels: a.labels,
          annotations: a.annotations ?? {},
          startsAt: a.startsAt ?? now,
          ...(a.endsAt === undefined ? {} : { endsAt: a.endsAt }),
          ...(a.generatorURL === undefined ? {} : { generatorURL: a.generatorURL }),
        })),
      );
    },
    alerts: async () => (await request('GET', '/api/v2/alerts')) as GettableAlert[],
    status: () => request('GET', '/api/v2/status'),
    flushes(groupLabels) {
      if (logLevel !== 'debug') throw new Error("flushes() reads debug log lines: start Alertmanager with logLevel: 'debug'");
      const wanted = Object.entries(groupLabels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      let count = 0;
      for (const line of server.stderr().split('\n')) {
        if (!line.includes('msg=flushing')) continue;
        // aggrGroup="{}/{severity=\"warning\"}:{alertname=\"W\", severity=\"warning\"}": route key, then the group labels.
        const quoted = /aggrGroup="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
        if (quoted === undefined) continue;
        const key = quoted.replace(/\\(.)/g, '$1');
        const labels = key.slice(key.lastIndexOf(':{') + 1);
        if (wanted.every((pair) => labels.includes(`{${pair}`) || labels.includes(` ${pair}`))) count++;
      }
      return count;
    },
    waitFor: (fn, timeoutMs) => server.waitFor(fn, timeoutMs),
    stderr: () => server.stderr(),
    stop: () => server.stop(),
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('freePort: no port'))));
    });
  });
}

// ---------------------------------------------------------------- webhook sink

/** An alert inside a webhook notification. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Alertmanager's webhook body (version 4). Not validated: whatever JSON arrived. */
export interface WebhookMessage {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: string;
  groupKey: string;
  truncatedAlerts: number;
}

export interface WebhookSink {
  /** `http://127.0.0.1:PORT/<name>`; `name` may start with '/'. */
  url(name: string): string;
  /** The JSON bodies POSTed to `/<name>` so far, oldest first. */
  received(name: string): WebhookMessage[];
  /** Every body so far with its path (e.g. '/slack'), oldest first. */
  all(): { path: string; message: WebhookMessage }[];
  /**
   * Evaluates `fn` now and after every request the sink receives, until it returns something
   * other than `undefined`, and returns that. A throw from `fn` counts as "not yet". After
   * `timeoutMs` (default 10 s) it throws, listing what arrived.
   */
  waitFor<T>(fn: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Waits until a notification at `/<name>` holds an alert whose labels include `labels`. */
  waitForAlert(
    name: string,
    labels: Readonly<Record<string, string>>,
    timeoutMs?: number,
  ): Promise<{ message: WebhookMessage; alert: WebhookAlert }>;
  /** Stops listening and drops open connections. Idempotent. */
  close(): Promise<void>;
}

/** `alert.labels` includes every pair of `labels`. */
export function hasLabels(alert: { labels: Readonly<Record<string, string>> }, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(labels).every(([k, v]) => alert.labels[k] === v);
}

function normalize(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

/** A node HTTP server on 127.0.0.1:0 that answers every POST with 200 and records its JSON body by path. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const bodies: { path: string; message: WebhookMessage }[] = [];
  const problems: string[] = [];
  const waiters = new Set<() => void>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const pathname = new URL(req.url ?? '/', 'http://sink').pathname;
      const text = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST') {
        problems.push(`${req.method} ${pathname}`);
        res.writeHead(405).end();
        return;
      }
      try {
        bodies.push({ path: pathname, message: JSON.parse(text) as WebhookMessage });
        res.writeHead(200).end();
      } catch {
        problems.push(`POST ${pathname} with a body that is not JSON: ${text.slice(0, 200)}`);
        res.writeHead(400).end();
      }
      for (const waiter of [...waiters]) waiter();
    });
  };

  const http: HttpServer = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (typeof address !== 'object' || address === null) throw new Error('webhook sink: no address');
  const base = `http://127.0.0.1:${address.port}`;

  const summary = (): string => {
    const lines = bodies.map(
      ({ path: p, message }) =>
        `  ${p} receiver=${message.receiver} ${message.status}: ` +
        (message.alerts ?? []).map((a) => JSON.stringify(a.labels)).join(' '),
    );
    return [
      lines.length === 0 ? 'nothing arrived' : `arrived:\n${lines.join('\n')}`,
      ...problems.map((p) => `  bad request: ${p}`),
    ].join('\n');
  };

  let closed = false;
  const sink: WebhookSink = {
    url: (name) => `${base}${normalize(name)}`,
    received: (name) => bodies.filter((b) => b.path === normalize(name)).map((b) => b.message),
    all: () => [...bodies],
    waitFor<T>(fn: () => T | undefined, timeoutMs = 10_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let lastError: unknown;
        const check = (): boolean => {
          try {
            const value = fn();
            if (value !== undefined) {
              resolve(value);
              return true;
            }
          } catch (error) {
            lastError = error;
          }
          return false;
        };
        if (check()) return;
        const waiter = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(waiter);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const why = lastError === undefined ? 'the condition stayed unmet' : `last error: ${String(lastError)}`;
          reject(new Error(`webhook sink: waitFor timed out after ${timeoutMs} ms (${why}); ${summary()}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    waitForAlert(name, labels, timeoutMs) {
      return sink.waitFor(() => {
        for (const message of sink.received(name)) {
          const alert = (message.alerts ?? []).find((a) => hasLabels(a, labels));
          if (alert !== undefined) return { message, alert };
        }
        return undefined;
      }, timeoutMs).catch((error: unknown) => {
        throw new Error(`no alert ${JSON.stringify(labels)} at ${normalize(name)}: ${String(error)}`);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await done;
    },
  };
  return sink;
}

/** Starts a webhook sink, runs `fn`, and closes the sink whether `fn` succeeds or throws. */
export async function withWebhookSink<T>(fn: (sink: WebhookSink) => Promise<T>): Promise<T> {
  const sink = await startWebhookSink();
  try {
    return await fn(sink);
  } finally {
    await sink.close();
  }
}
