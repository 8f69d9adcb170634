import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtUnknownField: CheckMeta = {
  id: 'rulefmt/unknown-field',
  summary: 'A rule file has a field that Prometheus does not know.',
  defaultSeverity: 'error',
};
