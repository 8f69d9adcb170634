import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtDuration: CheckMeta = {
  id: 'rulefmt/duration',
  summary: 'A for, keep_firing_for or interval is not a Prometheus duration.',
  defaultSeverity: 'error',
};
