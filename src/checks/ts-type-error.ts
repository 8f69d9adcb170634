import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const tsTypeError: CheckMeta = {
  id: 'ts/type-error',
  summary: 'A TypeScript definition does not type-check.',
  defaultSeverity: 'error',
};
