/**
 * A real server binary (Prometheus, Alertmanager, …) on loopback, for tests: the process part
 * shared by ./prometheus.ts and ./alertmanager.ts.
 *
 *   const server = await startServer({
 *     name: 'Prometheus', binary: 'prometheus', dir,
 *     args: [`--config.file=${dir}/prometheus.yml`, '--web.listen-address=127.0.0.1:0', '--log.level=info'],
 *   });
 *   try { ... await server.waitFor(async () => ...) ... } finally { await server.stop(); }
 *
 * The binary must log `msg="Listening on" address=HOST:PORT` on stderr (Prometheus and
 * Alertmanager do at `--log.level=info`); that address becomes `url`, and the server counts as
 * started once `GET url + readyPath` answers 200. `stop()` sends SIGTERM to its pid, waits for
 * the exit (SIGKILL after 10 s) and removes `dir`; a process `exit` hook SIGKILLs anything left.
 * Errors name the server, say whether it is still running, and end with its stderr tail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface ServerOptions {
  /** For messages, e.g. 'Prometheus'. */
  readonly name: string;
  /** Executable, looked up on PATH. */
  readonly binary: string;
  readonly args: readonly string[];
  /** The server's own directory: its working directory, removed by `stop()`. */
  readonly dir: string;
  /** Polled until it answers 200; default '/-/ready'. */
  readonly readyPath?: string;
  /** How long to wait for the "Listening on" line and readiness; default 30 s. */
  readonly startTimeoutMs?: number;
  /** Appended to the message when the binary cannot be run, e.g. "install Debian's prometheus". */
  readonly installHint?: string;
}

export interface Server {
  /** `http://HOST:PORT`, from the "Listening on" log line. */
  readonly url: string;
  readonly pid: number;
  readonly dir: string;
  /** The captured stderr (last 64 KiB). */
  stderr(): string;
  /**
   * An Error saying `what`, whether the server still runs, its error/warning log lines and the
   * tail of its stderr.
   */
  error(what: string): Error;
  /**
   * Calls `fn` every 50 ms until it returns something other than `undefined`, and returns that.
   * A throw from `fn` counts as "not yet"; after `timeoutMs` (default 15 s), or when the server
   * exits, it throws with the last error and the tail of the server's stderr.
   */
  waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** SIGTERM by pid, wait for the exit (SIGKILL after 10 s), remove `dir`. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test process exits without stopping its servers.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

const STDERR_KEEP = 64 * 1024;
const LISTENING = /msg="Listening on" address=(\S+)/;

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts `binary` and resolves once it listens and `readyPath` answers 200. On any failure the
 * process is stopped, `dir` removed, and the error carries the server's stderr tail.
 */
export async function startServer(options: ServerOptions): Promise<Server> {
  const { name, binary, dir } = options;
  installExitHook();
  const child = spawn(binary, [...options.args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);

  let stderr = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  let onListen: ((address: string) => void) | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      running.delete(child);
      resolve();
    });
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
    const match = LISTENING.exec(stderr);
    if (match?.[1] !== undefined && onListen !== undefined) onListen(match[1]);
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (!stopped) {
      stopped = true;
      if (exited === undefined && spawnError === undefined && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitPromise;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const error = (what: string): Error => {
    const hint = options.installHint === undefined ? '' : ` (${options.installHint})`;
    const status =
      spawnError !== undefined
        ? `could not run ${binary}: ${spawnError.message}${hint}`
        : exited !== undefined
          ? `${binary} exited (code ${exited.code}, signal ${exited.signal})`
          : `${binary} pid ${child.pid} still running`;
    const errors = stderr.split('\n').filter((line) => /level=(error|warn)/.test(line));
    const shown = errors.length > 0 ? `--- ${name} errors ---\n${errors.slice(-10).join('\n')}\n` : '';
    return new Error(`${what}: ${status}\n${shown}--- ${name} stderr (tail) ---\n${tail(stderr, 15)}`);
  };

  try {
    const startTimeout = options.startTimeoutMs ?? 30_000;
    const deadline = Date.now() + startTimeout;
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(error(`no "Listening on" line within ${startTimeout} ms`)), startTimeout);
      const done = (value: string | Error): void => {
        clearTimeout(timer);
        onListen = undefined;
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      onListen = (addr) => done(addr);
      const early = LISTENING.exec(stderr);
      if (early?.[1] !== undefined) done(early[1]);
      void exitPromise.then(() => done(error(`${name} did not start`)));
    });
    const url = `http://${address}`;
    const readyPath = options.readyPath ?? '/-/ready';
    for (;;) {
      if (exited !== undefined || spawnError !== undefined) throw error(`${name} stopped before it was ready`);
      try {
        const response = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw error(`not ready within ${startTimeout} ms`);
      await sleep(20);
    }

    return {
      url,
      pid: child.pid ?? -1,
      dir,
      stderr: () => stderr,
      error,
      async waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
        const until = Date.now() + timeoutMs;
        let lastError: unknown;
        for (;;) {
          try {
            const value = await fn();
            if (value !== undefined) return value;
          } catch (e) {
            lastError = e;
          }
          if (exited !== undefined) throw error(`${name} stopped while waiting`);
          if (Date.now() > until) {
            const why = lastError === undefined ? 'the condition stayed unmet' : `last error: ${String(lastError)}`;
            throw error(`waitFor timed out after ${timeoutMs} ms (${why})`);
          }
          await sleep(50);
        }
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
