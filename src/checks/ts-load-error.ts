import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const tsLoadError: CheckMeta = {
  id: 'ts/load-error',
  summary: 'A TypeScript definition fails to bundle or throws while it loads.',
  defaultSeverity: 'error',
};
