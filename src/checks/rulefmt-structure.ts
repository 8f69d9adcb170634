import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtStructure: CheckMeta = {
  id: 'rulefmt/structure',
  summary: 'A rule file does not have the shape of a Prometheus rule file.',
  defaultSeverity: 'error',
};
