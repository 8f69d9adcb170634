import type { CheckMeta } from './check.ts';

/** Reported by check-settings.ts, so that stale suppression comments do not pile up. */
export const configUnusedSuppression: CheckMeta = {
  id: 'config/unused-suppression',
  summary: 'A suppression comment suppresses nothing.',
  defaultSeverity: 'warning',
};
