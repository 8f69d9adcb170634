/**
 * Runs in the worker thread that evaluates TS definitions (io/ts-definitions.ts bundles it
 * with them). It says which file it loads before loading it (so a definition stuck in an
 * endless loop is named), waits until the event loop is empty (definitions may register after
 * awaiting something), and sends the registrations back once, as plain data. Whatever a
 * definition does — throw, reject a promise, throw later in a timer, call process.exit,
 * print, define getters that throw, proxies or cycles — ends as one message, never as output
 * or an exit code of monc's.
 */
import { parentPort } from 'node:worker_threads';
import { drainRegistrations, V8Error, type CallSite, type DefinitionKind, type V8CallSite } from '../api/registry.ts';

export interface PlainRegistration {
  readonly kind: DefinitionKind;
  readonly value: unknown;
  /** In the bundle; the parent maps it back to the source. */
  readonly site: CallSite | undefined;
}

export type HarnessResult =
  | { readonly kind: 'done'; readonly registrations: readonly PlainRegistration[] }
  | { readonly kind: 'loading'; readonly file: string }
  | { readonly kind: 'failed'; readonly message: string; readonly frames: readonly CallSite[]; readonly site?: CallSite | undefined };

class DefinitionExit extends Error {}

let reported = false;

function send(result: HarnessResult): void {
  if (reported) return;
  reported = true;
  parentPort?.postMessage(result);
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

function framesOf(error: unknown): CallSite[] {
  try {
    const stack = error instanceof Error ? (error.stack as unknown) : undefined;
    if (!Array.isArray(stack)) return [];
    return (stack as V8CallSite[]).flatMap((site) => {
      const file = site.getFileName();
      return file ? [{ file, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1 }] : [];
    });
  } catch {
    return [];
  }
}

function fail(error: unknown): void {
  const message = error instanceof DefinitionExit ? error.message : `threw while loading: ${describe(error)}`;
  send({ kind: 'failed', message, frames: framesOf(error) });
}

/** A copy with only own enumerable data; shared objects stay shared, so a metric listed in a service is the one it defined. */
function toPlain(value: unknown, copies: Map<object, unknown>, ancestors: Set<object>, path: string): unknown {
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return `[function ${value.name}]`;
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' || typeof value === 'symbol' ? String(value) : value;
  if (ancestors.has(value)) throw new Error(`it refers to itself at ${path || 'its root'}`);
  const known = copies.get(value);
  if (known !== undefined) return known;
  ancestors.add(value);
  let copy: unknown;
  if (Array.isArray(value)) copy = value.map((item, i) => toPlain(item, copies, ancestors, `${path}[${i}]`));
  else copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item, copies, ancestors, path ? `${path}.${key}` : key)]));
  ancestors.delete(value);
  copies.set(value, copy);
  return copy;
}

function finish(): void {
  const registrations = drainRegistrations();
  const copies = new Map<object, unknown>();
  const plain: PlainRegistration[] = [];
  for (const registration of registrations) {
    try {
      plain.push({ kind: registration.kind, value: toPlain(registration.value, copies, new Set(), ''), site: registration.site });
    } catch (error) {
      send({ kind: 'failed', message: `the ${registration.kind} defined here cannot be read: ${describe(error)}`, frames: [], site: registration.site });
      return;
    }
  }
  send({ kind: 'done', registrations: plain });
}

/** Loads the definitions files in order; `files` pairs each file with the function that requires it. */
export function load(files: readonly (readonly [file: string, require: () => unknown])[]): void {
  // Structured frames for anything thrown, however stack strings would be formatted.
  V8Error.prepareStackTrace = (_error, sites) => sites;
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.exit = ((code?: number | string) => {
    throw new DefinitionExit(`called process.exit(${code ?? ''}) while loading; definitions must not end the process`);
  }) as typeof process.exit;
  try {
    for (const [file, require] of files) {
      parentPort?.postMessage({ kind: 'loading', file } satisfies HarnessResult);
      require();
    }
  } catch (error) {
    fail(error);
    return;
  }
  process.once('beforeExit', () => {
    if (!reported) finish();
  });
}
