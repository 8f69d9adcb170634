import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtDuplicateGroup: CheckMeta = {
  id: 'rulefmt/duplicate-group',
  summary: 'Two rule groups in one file share a name.',
  defaultSeverity: 'error',
};
