import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtRecordOrAlert: CheckMeta = {
  id: 'rulefmt/record-or-alert',
  summary: 'A rule sets both record and alert, or neither.',
  defaultSeverity: 'error',
};
