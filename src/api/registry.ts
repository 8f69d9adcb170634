/**
 * define*() calls register what they define here, tagged with the call site, so the TS
 * loader finds every definition whether or not a module exports it. The registry lives on
 * globalThis because the definitions bundle and monc itself may load separate copies of
 * this module.
 */

export type DefinitionKind = 'metric' | 'service' | 'alert' | 'recordingRule' | 'routing' | 'dashboard';

/** Where a define*() call was made: a file URL or path, 1-based line and column. */
export interface CallSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Registration {
  readonly kind: DefinitionKind;
  readonly value: object;
  readonly site: CallSite | undefined;
}

const REGISTRY_KEY = Symbol.for('monc.definitions.registry');

type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: Registration[] };

function registrations(): Registration[] {
  const global = globalThis as GlobalWithRegistry;
  return (global[REGISTRY_KEY] ??= []);
}

/** Empties the registry and returns what it held. */
export function drainRegistrations(): Registration[] {
  return registrations().splice(0);
}

/** Any function: the define*() whose caller is the call site. */
type Callee = (...args: never[]) => unknown;

export function register<T extends object>(kind: DefinitionKind, value: T, callee: Callee): T {
  registrations().push({ kind, value, site: captureCallSite(callee) });
  return value;
}

/** V8's stack API, typed here so definitions type-check without Node's types. */
export interface V8CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}
export const V8Error = Error as ErrorConstructor & {
  stackTraceLimit: number;
  prepareStackTrace?: ((error: Error, sites: V8CallSite[]) => unknown) | undefined;
  captureStackTrace(target: object, callee?: Callee): void;
};

/**
 * The caller of `callee`, as a position in the file that is running (the definitions bundle;
 * the loader maps it back to the source with the bundle's source map). Structured call sites
 * are used because a test runner or a stack-trace library may reformat stack strings.
 */
function captureCallSite(callee: Callee): CallSite | undefined {
  const holder: { stack?: unknown } = {};
  const previous = { limit: V8Error.stackTraceLimit, prepare: V8Error.prepareStackTrace };
  V8Error.stackTraceLimit = 1;
  V8Error.prepareStackTrace = (_error, sites) => sites;
  try {
    V8Error.captureStackTrace(holder, callee);
    const site = (holder.stack as V8CallSite[] | undefined)?.[0];
    const file = site?.getFileName();
    return site && file ? { file, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1 } : undefined;
  } finally {
    V8Error.stackTraceLimit = previous.limit;
    V8Error.prepareStackTrace = previous.prepare;
  }
}
