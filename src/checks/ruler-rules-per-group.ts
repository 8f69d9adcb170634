import { ruleGroupName } from '../model/conventions.ts';
import { modelCheck } from './check.ts';

/**
 * Mimir refuses a rule group with more rules than the tenant's ruler_max_rules_per_rule_group
 * (20 unless raised): `mimirtool rules sync` fails with "per-user rules per rule group limit
 * exceeded". A service's SLOs share one group, so a few SLOs reach it.
 */
export const rulerRulesPerGroup = modelCheck({
  id: 'ruler/rules-per-group',
  summary: "A rule group the mimir target writes has more rules than the tenant's ruler_max_rules_per_rule_group (mimir.maxRulesPerGroup, 20 by default).",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const limit = model.mimir.maxRulesPerGroup;
    if (!model.targets.includes('mimir') || limit === 0) return;
    for (const { service, groups } of expanded.ruleGroups) {
      for (const group of groups) {
        if (group.rules.length <= limit) continue;
        // The service's own group holds its recording rules and alerts; the other groups are its SLOs'.
        const source = group.name !== ruleGroupName(service.name) ? 'slos' : service.recordingRules.length > 0 ? 'recordingRules' : 'alerts';
        ctx.report({
          at: service.origin.keyAt(source),
          message: `rule group "${group.name}" has ${group.rules.length} rules, more than the ${limit} Mimir takes in one group (mimir.maxRulesPerGroup), so mimirtool rules sync fails for its namespace; raise the tenant's ruler_max_rules_per_rule_group and set mimir.maxRulesPerGroup to it (0: no limit)`,
        });
      }
    }
  },
});
