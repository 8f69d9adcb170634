/**
 * Validators compiled at bundle time, by schema. Run from its sources monc has none and ajv
 * compiles each schema on first use; scripts/bundle.mjs replaces this module with ajv's
 * standalone code for every schema in validated-schemas.ts, so a bundled monc compiles none.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** The bundle's validator of `schema`; none when monc runs from its sources. */
export function precompiledValidator(_schema: object): ValidateFunction | undefined {
  return undefined;
}
