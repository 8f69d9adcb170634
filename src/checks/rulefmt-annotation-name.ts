import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtAnnotationName: CheckMeta = {
  id: 'rulefmt/annotation-name',
  summary: "An alert's annotation name is not a valid Prometheus label name.",
  defaultSeverity: 'error',
};
