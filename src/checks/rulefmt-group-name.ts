import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtGroupName: CheckMeta = {
  id: 'rulefmt/group-name',
  summary: 'A rule group has no name.',
  defaultSeverity: 'error',
};
