import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtAlertName: CheckMeta = {
  id: 'rulefmt/alert-name',
  summary: "An alerting rule's name is empty.",
  defaultSeverity: 'error',
};
