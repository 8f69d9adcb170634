import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtDuplicateRule: CheckMeta = {
  id: 'rulefmt/duplicate-rule',
  summary: 'Two rules in one file have the same name and labels.',
  defaultSeverity: 'warning',
};
