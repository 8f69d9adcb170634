/**
 * The module that replaces src/load/precompiled-validators.ts in the bundle: ajv's standalone
 * code for every schema of src/load/validated-schemas.ts, compiled with the options and
 * formats monc uses at run time, and a map from each schema object to its validator.
 * scripts/bundle.mjs builds and runs this file; its output is never committed.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SCHEMA_FORMATS } from '../src/load/schema-formats.ts';
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
