import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtRecordName: CheckMeta = {
  id: 'rulefmt/record-name',
  summary: "A recording rule's name is not a valid metric name.",
  defaultSeverity: 'error',
};
