import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtMissingExpr: CheckMeta = {
  id: 'rulefmt/missing-expr',
  summary: 'A rule has no expression.',
  defaultSeverity: 'error',
};
