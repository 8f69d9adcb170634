/**
 * A read-only client for Prometheus' and Alertmanager's HTTP APIs: GET only, each request
 * bounded by a time limit (so a slow server can never hang monc), at most `concurrency`
 * requests in flight, credentials read from files, TLS through node:https.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { OnlineServer } from '../model/model.ts';
import type { EndpointFailure } from '../online/snapshot.ts';

export type ApiResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly failure: EndpointFailure };

export interface ApiClient {
  /** GET `endpoint` with `params`; the body's JSON (for Prometheus' envelope, its `data`). */
  get<T>(endpoint: string, params?: Readonly<Record<string, string | readonly string[]>>): Promise<ApiResult<T>>;
}

export interface ClientOptions {
  readonly url: string;
  readonly server: OnlineServer;
  /** Where the config's credential and certificate files are relative to. */
  readonly root: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

/** A client; a credential or certificate file that cannot be read is a failure of every request. */
export function apiClient(options: ClientOptions): ApiClient {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const run = limit(options.concurrency);
  let setup: { headers: Record<string, string>; tls: https.RequestOptions } | EndpointFailure;
  try {
    setup = requestSetup(options.server, options.root);
  } catch (error) {
    setup = { endpoint: '', kind: 'error', message: (error as Error).message };
  }
  return {
    get: <T>(endpoint: string, params: Readonly<Record<string, string | readonly string[]>> = {}) =>
      run(async (): Promise<ApiResult<T>> => {
        if ('kind' in setup) return { ok: false, failure: { ...setup, endpoint } };
        const url = new URL(endpoint.replace(/^\//, ''), base);
        for (const [key, value] of Object.entries(params)) for (const v of typeof value === 'string' ? [value] : value) url.searchParams.append(key, v);
        const fail = (kind: EndpointFailure['kind'], message: string): ApiResult<T> => ({ ok: false, failure: { endpoint, kind, message } });
        let response: { status: number; body: string };
        try {
          response = await getText(url, setup.headers, setup.tls, options.timeoutMs);
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          if (e.name === 'TimeoutError' || e.name === 'AbortError') return fail('timeout', `no answer from ${base.origin} within ${options.timeoutMs} ms`);
          return fail('unreachable', `cannot reach ${base.origin}: ${connectionProblem(e)}`);
        }
        if (response.status === 404) return fail('missing', `${base.origin} does not serve ${endpoint} (HTTP 404)`);
        if (response.status === 401 || response.status === 403) {
          const sent = setup.headers['Authorization'] === undefined ? 'monc sent no credentials; set bearerTokenFile or basicAuth' : 'the credentials monc sent (bearerTokenFile or basicAuth) were refused';
          return fail('error', `${endpoint} answered HTTP ${response.status} (${response.status === 401 ? 'Unauthorized' : 'Forbidden'}): ${sent}`);
        }
        let body: unknown;
        try {
          body = JSON.parse(response.body);
        } catch {
          return fail(response.status >= 400 ? 'error' : 'missing', `${endpoint} answered HTTP ${response.status} with something that is not JSON`);
        }
        const envelope = body as { status?: unknown; data?: unknown; error?: unknown };
        if (response.status >= 400 || envelope.status === 'error') return fail('error', `${endpoint} answered HTTP ${response.status}: ${String(envelope.error ?? response.body.slice(0, 200))}`);
        return { ok: true, data: (envelope.status === 'success' ? envelope.data : body) as T };
      }),
  };
}

function requestSetup(server: OnlineServer, root: string): { headers: Record<string, string>; tls: https.RequestOptions } {
  const read = (setting: string, file: string) => {
    try {
      return readFileSync(path.resolve(root, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(`its ${setting} "${file}" cannot be read: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
    }
  };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (server.bearerTokenFile !== undefined) headers['Authorization'] = `Bearer ${read('bearerTokenFile', server.bearerTokenFile).toString('utf8').trim()}`;
  if (server.basicAuth !== undefined) {
    const password = read('basicAuth.passwordFile', server.basicAuth.passwordFile).toString('utf8').trim();
    headers['Authorization'] = `Basic ${Buffer.from(`${server.basicAuth.username}:${password}`).toString('base64')}`;
  }
  const tls = server.tls ?? {};
  return {
    headers,
    tls: {
      ...(tls.caFile !== undefined && { ca: read('tls.caFile', tls.caFile) }),
      ...(tls.certFile !== undefined && { cert: read('tls.certFile', tls.certFile) }),
      ...(tls.keyFile !== undefined && { key: read('tls.keyFile', tls.keyFile) }),
      ...(tls.insecureSkipVerify === true && { rejectUnauthorized: false }),
    },
  };
}

/** The status and body of a GET; rejects with a TimeoutError when the whole exchange takes longer than `timeoutMs`. */
function getText(url: URL, headers: Record<string, string>, tls: https.RequestOptions, timeoutMs: number): Promise<{ status: number; body: string }> {
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    const request = (url.protocol === 'https:' ? https : http).get(url, { headers, signal, ...(url.protocol === 'https:' && tls) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        done();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        done();
        reject(signal.aborted ? signal.reason : error);
      });
    });
    request.on('error', (error) => {
      done();
      reject(signal.aborted ? signal.reason : error);
    });
  });
}

/** A failed connection in words, with what to set where the fix is in the config. */
function connectionProblem(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  // OpenSSL's messages carry its source location; its `reason` is the words.
  const words = (error as { reason?: string }).reason ?? error.message.split('\n')[0] ?? '';
  const detail = code === '' ? words : `${words.replace(/\.$/, '')} (${code})`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code) && !code.includes('CERTIFICATE_REQUIRED')) {
    return `its TLS certificate is not trusted: ${detail}; set tls.caFile to the CA that signed it (or tls.insecureSkipVerify)`;
  }
  if (code.includes('CERTIFICATE_REQUIRED') || code.includes('HANDSHAKE_FAILURE')) return `it refused the TLS handshake: ${detail}; it may want a client certificate (tls.certFile and tls.keyFile)`;
  return code === '' ? error.message : code;
}

/** Runs at most `n` of the given tasks at once, in the order they come. */
function limit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finished task hands its slot straight to the next waiting one.
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
