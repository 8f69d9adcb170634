import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const loadNoDefinitions: CheckMeta = {
  id: 'load/no-definitions',
  summary: 'The definitions folder holds no definitions.',
  defaultSeverity: 'error',
};
