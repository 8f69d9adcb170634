import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtLabelName: CheckMeta = {
  id: 'rulefmt/label-name',
  summary: "A rule's label name is not a valid Prometheus label name.",
  defaultSeverity: 'error',
};
