import type { CheckMeta } from './check.ts';

/** Reported by the rule-file loader (src/rules/), as promtool's rulefmt does. */
export const rulefmtRecordingRuleField: CheckMeta = {
  id: 'rulefmt/recording-rule-field',
  summary: 'A recording rule sets for, keep_firing_for or annotations, which only alerts have.',
  defaultSeverity: 'error',
};
