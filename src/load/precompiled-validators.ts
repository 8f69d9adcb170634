/**
 * Validators compiled at bundle time. Run from its sources monc has none (ajv compiles each
 * schema on first use, see schema-validation.ts); scripts/bundle.mjs replaces this module with
 * ajv's standalone code for every schema in validated-schemas.ts, so a bundled monc compiles
 * none. Imported only by loadValidators(), so the bundle keeps it in a chunk of its own.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** The bundle's validator of each schema; none when monc runs from its sources. */
export function precompiledValidators(): ((schema: object) => ValidateFunction) | undefined {
  return undefined;
}
