/** JSON Schema validation (ajv, draft 2020-12) with errors turned into positioned load problems. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import type { Origin, Path } from '../model/origin.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
const validators = new WeakMap<object, ValidateFunction>();

/** Validates `value` against `schema`; every error points at the offending key or value. */
export function validateAgainstSchema(schema: object, value: unknown, origin: Origin): LoadProblem[] {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);
    validators.set(schema, validate);
  }
  if (validate(value)) return [];
  return simplify(validate.errors ?? []).map((error) => toProblem(error, origin));
}

/**
 * Drops errors that only restate a more specific one (e.g. anyOf after its branches). A value
 * that fits no branch of an anyOf of simple shapes (`false` or a mapping) gets one error
 * naming the shapes instead of one per branch.
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const wholeValueMismatch = new Set(
    errors.filter((e) => e.keyword === 'anyOf' && errors.some((b) => b.instancePath === e.instancePath && SHAPE_KEYWORDS.has(b.keyword))).map((e) => e.instancePath),
  );
  return errors.filter((error) => {
    if (wholeValueMismatch.has(error.instancePath) && SHAPE_KEYWORDS.has(error.keyword)) return false;
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
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      const namePatterns = Object.keys((error.parentSchema?.['patternProperties'] as object | undefined) ?? {});
      const message = namePatterns.length > 0
        ? `${where}invalid name "${property}": must match ${namePatterns.join(' or ')}`
        : `${where}unknown property "${property}"`;
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
    case 'pattern':
      return finding(origin.at(...path), `${where}${JSON.stringify(valueAt(error))} does not match ${String(params['pattern'])}`);
    default:
      return finding(origin.at(...path), `${where}${error.message ?? 'is invalid'}`);
  }
}

function valueAt(error: ErrorObject): unknown {
  return error.data;
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
