import type { CheckMeta } from './check.ts';

/**
 * Reported while suppression comments and monc.config.yaml's `checks` are applied
 * (check-settings.ts): a setting that names no real check would silently do nothing.
 */
export const configUnknownCheck: CheckMeta = {
  id: 'config/unknown-check',
  summary: 'A suppression comment or the config names a check that does not exist or cannot be changed.',
  defaultSeverity: 'error',
};
