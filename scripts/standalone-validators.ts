/**
 * Modules made at bundle time. precompiledValidatorsModule() replaces
 * src/load/precompiled-validators.ts: ajv's standalone code for every schema of
 * src/load/validated-schemas.ts, compiled with the options and formats monc uses at run time,
 * and a map from each schema object to its validator. schemaDataModule() replaces
 * src/api/schema.ts: its exports as plain data. scripts/bundle.mjs builds and runs this file;
 * its output is never committed.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SCHEMA_FORMATS } from '../src/load/schema-formats.ts';
import { isDeepStrictEqual } from 'node:util';
import * as schemaExports from '../src/api/schema.ts';
import { AJV_OPTIONS, VALIDATED_SCHEMAS } from '../src/load/validated-schemas.ts';

export function precompiledValidatorsModule(): string {
  // The generated code reads each format from `schemaFormats`, which the module imports. It is
  // CommonJS-shaped (`exports.name = …`), so it sits inside the function that loadValidators()
  // calls.
  const ajv = new Ajv2020({ ...AJV_OPTIONS, formats: SCHEMA_FORMATS, code: { source: true, formats: _`schemaFormats` } });
  const names = Object.keys(VALIDATED_SCHEMAS);
  for (const name of names) ajv.addSchema(JSON.parse(JSON.stringify(VALIDATED_SCHEMAS[name])) as object, name);
  const generate = standaloneCode as unknown as (instance: Ajv2020, refs: Record<string, string>) => string;
  const validators = generate(ajv, Object.fromEntries(names.map((name) => [name, name])));
  return [
    "import { SCHEMA_FORMATS as schemaFormats } from './schema-formats.ts';",
    "import { VALIDATED_SCHEMAS } from './validated-schemas.ts';",
    'export function precompiledValidators() {',
    '  const compiled = validators();',
    '  return (schema) => {',
    '    const validate = compiled.get(schema);',
    "    if (!validate) throw new Error('the bundle has no validator of this schema: add it to src/load/validated-schemas.ts');",
    '    return validate;',
    '  };',
    '}',
    'function validators() {',
    '  const exports = {};',
    validators,
    `  return new Map([${names.map((name) => `[VALIDATED_SCHEMAS[${JSON.stringify(name)}], exports[${JSON.stringify(name)}]]`).join(', ')}]);`,
    '}',
    '',
  ].join('\n');
}

/**
 * src/api/schema.ts as data: each export as the JSON it is. At run time the schemas are
 * opaque (the precompiled validators are keyed by them), so a bundled monc loads no TypeBox and
 * builds no schema, ~14 ms of every start. A value that JSON would change fails the bundle.
 */
export function schemaDataModule(): string {
  return Object.entries(schemaExports)
    .map(([name, value]) => {
      const json = JSON.stringify(value);
      if (json === undefined || !isDeepStrictEqual(JSON.parse(json), withoutSymbols(value))) throw new Error(`src/api/schema.ts: ${name} is not JSON data, so the bundle cannot carry it as such`);
      return `export const ${name} = ${json};`;
    })
    .join('\n');
}

/** TypeBox marks its schemas with symbol keys, which JSON leaves out and nothing at run time reads. */
function withoutSymbols(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSymbols);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutSymbols(item)]));
}
