/**
 * define*() calls register what they define here, tagged with the call site, so the TS
 * loader finds every definition whether or not a module exports it. The registry lives on
 * globalThis because the definitions bundle and monc itself may load separate copies of
 * this module.
 */

export type DefinitionKind = 'metric' | 'service' | 'alert' | 'recordingRule';

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
/** Marks objects made by define*(), pointing at their registration. */
export const REGISTRATION = Symbol.for('monc.definitions.registration');

type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: Registration[] };

export function registrations(): Registration[] {
  const global = globalThis as GlobalWithRegistry;
  return (global[REGISTRY_KEY] ??= []);
}

/** Empties the registry and returns what it held. */
export function drainRegistrations(): Registration[] {
  return registrations().splice(0);
}

export function register<T extends object>(kind: DefinitionKind, value: T, callee: Function): T {
  const registration: Registration = { kind, value, site: captureCallSite(callee) };
  Object.defineProperty(value, REGISTRATION, { value: registration, enumerable: false });
  registrations().push(registration);
  return value;
}

export function registrationOf(value: unknown): Registration | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [REGISTRATION]?: Registration })[REGISTRATION];
}

/** V8's stack API, typed here so definitions type-check without Node's types. */
const V8Error = Error as ErrorConstructor & {
  stackTraceLimit: number;
  captureStackTrace(target: object, callee?: Function): void;
};

/** The caller of `callee`, read from a (source-mapped) stack trace. */
function captureCallSite(callee: Function): CallSite | undefined {
  const holder: { stack?: string } = {};
  const previousLimit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 1;
  V8Error.captureStackTrace(holder, callee);
  V8Error.stackTraceLimit = previousLimit;
  const frame = holder.stack?.split('\n')[1] ?? '';
  const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(frame);
  if (!match) return undefined;
  return { file: match[1] ?? '', line: Number(match[2]), column: Number(match[3]) };
}
