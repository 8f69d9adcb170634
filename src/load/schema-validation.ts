/**
 * JSON Schema validation (ajv, draft 2020-12) with errors turned into positioned load
 * problems, and what survives them: one mistake rejects the smallest part that holds it, so
 * the rest of the definition still declares its metrics, alerts and receivers.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import { createOrigin, type Origin, type Path, type PathSegment } from '../model/origin.ts';
import { DURATION_PATTERN, GROUP_BY_PATTERN, LABEL_NAME_PATTERN, NONZERO_DURATION_PATTERN, TIME_OF_DAY_PATTERN } from '../api/schema.ts';
import { GO_DURATION } from '../go-limits.ts';
import { closest } from '../suggest.ts';
import { appendTo } from '../collections.ts';

let validatorOf: ((schema: object) => ValidateFunction) | undefined;

/**
 * Loads what validates definitions and the config: in the bundle, the validators compiled at
 * bundle time (a megabyte of ajv's standalone code, in a chunk of its own); from the sources,
 * ajv, which compiles each schema on first use (a fifth of a second for the service schema).
 * `lint --rules` validates nothing against a schema and loads neither. compile() awaits this
 * before it loads a config or definitions.
 */
export async function loadValidators(): Promise<void> {
  if (validatorOf) return;
  const { precompiledValidators } = await import('./precompiled-validators.ts');
  validatorOf = precompiledValidators() ?? (await runtimeValidators());
}

async function runtimeValidators(): Promise<(schema: object) => ValidateFunction> {
  const [{ Ajv2020 }, { SCHEMA_FORMATS }, { AJV_OPTIONS }] = await Promise.all([import('ajv/dist/2020.js'), import('./schema-formats.ts'), import('./validated-schemas.ts')]);
  const ajv = new Ajv2020({ ...AJV_OPTIONS, formats: SCHEMA_FORMATS });
  const compiled = new WeakMap<object, ValidateFunction>();
  return (schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);
      compiled.set(schema, validate);
    }
    return validate;
  };
}

function validator(schema: object): ValidateFunction {
  if (!validatorOf) throw new Error('the schema validators are not loaded: compile() loads them before the definitions');
  return validatorOf(schema);
}

/** Schema errors, and strings that no file Prometheus or Alertmanager reads can hold. */
function errorsOf(validate: ValidateFunction, value: unknown): ErrorObject[] {
  // Pointers are built only for a value that holds one: almost none do.
  const unencodable = holdsUnpairedSurrogate(value) ? unencodableStrings(value) : [];
  if (validate(value) && unencodable.length === 0) return [];
  return [...simplify(validate.errors ?? []), ...unencodable];
}

/**
 * Strings (keys and values) with an unpaired surrogate, as from a "\ud800" escape: UTF-8
 * cannot encode one, and Go's YAML reader rejects its escape.
 */
function unencodableStrings(value: unknown, pointer = ''): ErrorObject[] {
  const error = (instancePath: string, text: string, property?: string): ErrorObject => ({
    instancePath,
    keyword: UNENCODABLE,
    schemaPath: '',
    params: property === undefined ? { text } : { text, property },
  });
  if (typeof value === 'string') return UNPAIRED_SURROGATE.test(value) ? [error(pointer, value)] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const itemPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [...(UNPAIRED_SURROGATE.test(key) ? [error(pointer, key, key)] : []), ...unencodableStrings(item, itemPointer)];
  });
}

function holdsUnpairedSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return UNPAIRED_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsUnpairedSurrogate);
  // Own keys only, as unencodableStrings reads them.
  return Object.keys(value).some((key) => UNPAIRED_SURROGATE.test(key) || holdsUnpairedSurrogate((value as Record<string, unknown>)[key]));
}

const UNENCODABLE = 'unencodable';
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/**
 * How much a mistake rejects. `definition`: the item of the first list below the document
 * that holds it (one alert, one metric, one receiver); a mistake outside any list rejects the
 * whole document. Half a definition (an alert without the summary it misspelt) would only
 * bring findings of its own. `setting`: only the setting itself, which then takes its
 * default (a list of settings as a whole), or an unknown key alone.
 */
export type SalvageMode = 'definition' | 'setting';

export interface Salvaged {
  /** What is still valid, or undefined when nothing is. */
  readonly value: unknown;
  /** Points into the original document for paths of the salvaged value. */
  readonly origin: Origin;
  readonly problems: readonly LoadProblem[];
  /** The rejected parts, for the names they would have declared. */
  readonly rejected: readonly unknown[];
}

export function salvage(schema: object, value: unknown, origin: Origin, mode: SalvageMode): Salvaged {
  const validate = validator(schema);
  const errors = errorsOf(validate, value);
  if (errors.length === 0) return { value, origin, problems: [], rejected: [] };
  const problems = errors.map((error) => toProblem(error, origin));
  const cuts = uniquePaths(errors.map((error) => cutFor(error, mode)));
  if (cuts.some((cut) => cut.length === 0)) return { value: undefined, origin, problems, rejected: [value] };
  const copy = structuredClone(value);
  const rejected = cuts.map((cut) => valueAt(copy, cut));
  const removed = removeAll(copy, cuts);
  // What remains must be valid on its own; if a cut left a required part missing, nothing is.
  if (errorsOf(validate, copy).length > 0) return { value: undefined, origin, problems, rejected: [value] };
  return { value: copy, origin: renumbered(origin, removed), problems, rejected };
}

/** The path of what an error rejects. */
function cutFor(error: ErrorObject, mode: SalvageMode): Path {
  const path = pointerToPath(error.instancePath);
  const firstIndex = path.findIndex((segment) => typeof segment === 'number');
  if (mode === 'definition') return firstIndex < 0 ? [] : path.slice(0, firstIndex + 1);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return [...path, String(params['additionalProperty'])];
  if (error.keyword === UNENCODABLE) return typeof params['property'] === 'string' ? [...path, params['property']] : path;
  return firstIndex < 0 ? path : path.slice(0, firstIndex);
}

function uniquePaths(paths: readonly Path[]): Path[] {
  const keys = new Set<string>();
  const unique = paths.filter((p) => {
    const key = JSON.stringify(p);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  // A path inside another one goes with it.
  return unique.filter((p) => !unique.some((q) => q !== p && q.length < p.length && q.every((segment, i) => segment === p[i])));
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) node = (node as Record<PathSegment, unknown> | undefined)?.[segment];
  return node;
}

/** Deletes every cut; returns, per list (by its path), the original indices removed from it. */
function removeAll(root: unknown, cuts: readonly Path[]): Map<string, number[]> {
  const removed = new Map<string, number[]>();
  for (const cut of cuts) {
    const last = cut.at(-1);
    const parent = valueAt(root, cut.slice(0, -1));
    if (typeof last === 'number' && Array.isArray(parent)) {
      const key = JSON.stringify(cut.slice(0, -1));
      appendTo(removed, key, last);
    } else if (typeof parent === 'object' && parent !== null && last !== undefined) {
      delete (parent as Record<PathSegment, unknown>)[last];
    }
  }
  for (const [key, indices] of removed) {
    const list = valueAt(root, JSON.parse(key) as Path) as unknown[];
    for (const index of [...indices].sort((a, b) => b - a)) list.splice(index, 1);
  }
  return removed;
}

/** An origin whose list indices are the salvaged value's, pointing at the items' original places. */
function renumbered(origin: Origin, removed: ReadonlyMap<string, readonly number[]>): Origin {
  if (removed.size === 0) return origin;
  const original = (path: readonly PathSegment[]): PathSegment[] => {
    const i = path.findIndex((segment) => typeof segment === 'number');
    const gone = i < 0 ? undefined : removed.get(JSON.stringify(path.slice(0, i)));
    if (!gone) return [...path];
    let index = path[i] as number;
    for (const r of [...gone].sort((a, b) => a - b)) if (r <= index) index++;
    return [...path.slice(0, i), index, ...path.slice(i + 1)];
  };
  return createOrigin(origin.file, (path, key) => (key ? origin.keyAt(...original(path)) : origin.at(...original(path))));
}

/**
 * Drops errors that only restate a more specific one (e.g. anyOf after its branches). A value
 * that fits no branch of an anyOf of simple shapes (`false` or a mapping) gets one error
 * naming the shapes instead of one per branch.
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // Detail errors of a branch the value has the shape of (a pattern on a string, a property of a mapping).
  const detailed = (path: string) =>
    errors.some((b) => b.keyword !== 'anyOf' && ((b.instancePath === path && !SHAPE_KEYWORDS.has(b.keyword)) || b.instancePath.startsWith(`${path}/`)));
  const wholeValueMismatch = new Set(
    [...anyOfPaths].filter((path) => errors.some((b) => b.instancePath === path && SHAPE_KEYWORDS.has(b.keyword)) && !detailed(path)),
  );
  return errors.filter((error) => {
    if (anyOfPaths.has(error.instancePath) && SHAPE_KEYWORDS.has(error.keyword) && (wholeValueMismatch.has(error.instancePath) || detailed(error.instancePath))) return false;
    if (error.keyword === 'anyOf' && wholeValueMismatch.has(error.instancePath)) return true;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Keywords that reject a value's whole shape, not a part of it. */
const SHAPE_KEYWORDS = new Set(['type', 'const', 'enum']);

/** "false", "a mapping", "a string": what a schema branch accepts, in words. */
function shapeOf(schema: Record<string, unknown>): string {
  if ('const' in schema) return JSON.stringify(schema['const']);
  const type = schema['type'];
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : type === 'integer' ? 'a whole number' : `a ${String(type)}`;
}

function toProblem(error: ErrorObject, origin: Origin): LoadProblem {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  switch (error.keyword) {
    case UNENCODABLE: {
      const property = params['property'];
      const at = typeof property === 'string' ? origin.keyAt(...path, property) : origin.at(...path);
      const surrogate = UNPAIRED_SURROGATE.exec(String(params['text']))?.[0] ?? '';
      const escaped = `\\u${surrogate.charCodeAt(0).toString(16)}`;
      return loadProblem(
        LOAD_CHECKS.encoding,
        at,
        `${where}${typeof property === 'string' ? 'the key' : 'the text'} holds an unpaired surrogate (${escaped}), which UTF-8 cannot encode and Prometheus and Alertmanager reject; write the whole character (both halves of its pair) or remove it`,
      );
    }
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      const namePatterns = Object.keys((error.parentSchema?.['patternProperties'] as object | undefined) ?? {});
      const known = Object.keys((error.parentSchema?.['properties'] as object | undefined) ?? {});
      const guess = meant(property, known);
      const message = namePatterns.length > 0
        ? `${where}invalid name "${property}": must match ${namePatterns.join(' or ')}`
        : `${where}unknown property "${property}"${guess ? `; did you mean "${guess}"?` : known.length > 0 ? ` (properties: ${known.join(', ')})` : ''}`;
      return finding(origin.keyAt(...path, property), message);
    }
    case 'required':
      return finding(origin.at(...path), `${where}missing required property "${String(params['missingProperty'])}"`);
    case 'enum':
      return finding(
        origin.at(...path),
        `${where}must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'const':
      return finding(origin.at(...path), `${where}must be ${JSON.stringify(params['allowedValue'])}`);
    case 'propertyNames':
      return finding(origin.keyAt(...path, String(params['propertyName'])), `${where}invalid property name "${String(params['propertyName'])}"`);
    case 'anyOf': {
      const branches = Array.isArray(error.schema) ? (error.schema as Record<string, unknown>[]) : [];
      return finding(origin.at(...path), `${where}must be ${branches.map(shapeOf).join(' or ')}`);
    }
    case 'minProperties':
    case 'maxProperties': {
      const schema = error.parentSchema ?? {};
      const keys = Object.keys((schema['properties'] as object | undefined) ?? {});
      if (schema['minProperties'] === 1 && schema['maxProperties'] === 1 && keys.length > 0) {
        return finding(origin.at(...path), `${where}give exactly one of ${keys.join(', ')}`);
      }
      return finding(origin.at(...path), `${where}${error.message ?? 'is invalid'}`);
    }
    case 'format':
      return finding(origin.at(...path), `${where}${JSON.stringify(error.data)} is out of range: Prometheus and Alertmanager hold durations up to about 292 years`);
    case 'pattern':
      if (params['pattern'] === NONZERO_DURATION_PATTERN && typeof error.data === 'string' && GO_DURATION.test(error.data)) {
        return finding(origin.at(...path), `${where}must not be zero`);
      }
      if (params['pattern'] === TIME_OF_DAY_PATTERN) {
        return finding(origin.at(...path), `${where}${JSON.stringify(error.data)} is not a time of day: HH:MM from 00:00 to 24:00`);
      }
      if (params['pattern'] === LABEL_NAME_PATTERN || params['pattern'] === GROUP_BY_PATTERN) {
        return finding(origin.at(...path), `${where}${JSON.stringify(error.data)} is not a label name: letters, digits and _, not starting with a digit${params['pattern'] === GROUP_BY_PATTERN ? ' (or ... for every label)' : ''}`);
      }
      if (params['pattern'] === DURATION_PATTERN || params['pattern'] === NONZERO_DURATION_PATTERN) {
        return finding(origin.at(...path), `${where}${JSON.stringify(error.data)} is not a Prometheus duration; write e.g. 30s, 5m, 1h30m or 1d (units y, w, d, h, m, s, ms, largest first, each once)`);
      }
      return finding(origin.at(...path), `${where}${JSON.stringify(error.data)} does not match ${String(params['pattern'])}`);
    default:
      return finding(origin.at(...path), `${where}${error.message ?? 'is invalid'}`);
  }
}

/** The property an unknown key was meant to be: its camelCase spelling, or a close one. */
function meant(property: string, known: readonly string[]): string | undefined {
  const camel = property.toLowerCase().replace(/[_-]+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return known.find((k) => k === camel) ?? known.find((k) => k.toLowerCase() === property.replace(/[_-]/g, '').toLowerCase()) ?? closest(property, known);
}

function finding(at: LoadProblem['at'], message: string): LoadProblem {
  return loadProblem(LOAD_CHECKS.schema, at, message);
}

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}
