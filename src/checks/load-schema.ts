import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const loadSchema: CheckMeta = {
  id: 'load/schema',
  summary: 'A definition does not match the definitions schema.',
  defaultSeverity: 'error',
};
