/** Every schema monc validates definitions and the config against while it runs, by name: scripts/bundle.mjs compiles each into the bundle. */
import { ConfigSchema } from '../api/schema.ts';
import { DEFINITION_KINDS } from './kinds.ts';

export const VALIDATED_SCHEMAS: Readonly<Record<string, object>> = Object.fromEntries([
  ['config', ConfigSchema],
  ...DEFINITION_KINDS.flatMap((kind) => [[kind.tsKind, kind.schema], ...(kind.yamlSchema === kind.schema ? [] : [[`${kind.tsKind}Yaml`, kind.yamlSchema]])]),
]);

/** How ajv compiles them, at run time and at bundle time alike. */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;
