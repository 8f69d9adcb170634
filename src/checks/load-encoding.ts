import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const loadEncoding: CheckMeta = {
  id: 'load/encoding',
  summary: 'A definitions file is not UTF-8 text.',
  defaultSeverity: 'error',
};
