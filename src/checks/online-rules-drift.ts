import { groupDrift, ruleName } from '../online/rules-drift.ts';
import { reachablePrometheus } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';

/**
 * The rules a live Prometheus has loaded against the rules monc generates: a generated rule
 * it lacks or has changed (at the alert, recording rule or SLO that generates it), and a rule
 * it has that monc does not generate, in a group monc owns (at the service: the rule has no
 * definition). monc owns the groups whose names it generates for the services defined;
 * groups of any other name are someone else's and are not compared.
 */
export const onlineRulesDrift = modelCheck({
  id: 'online/rules-drift',
  summary: 'The rules loaded in the live Prometheus differ from the generated ones: a rule missing, changed, or extra in a group monc writes.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ expanded, online }, ctx) {
    const reachable = reachablePrometheus(online);
    const rules = reachable?.prometheus.rules;
    if (!reachable || !rules) return;
    const { server } = reachable;
    for (const { service, groups } of expanded.ruleGroups) {
      for (const group of groups) {
        const loaded = rules.filter((g) => g.name === group.name);
        if (loaded.length === 0) {
          ctx.report({ at: service.origin.at('name'), message: `${server} has no rule group "${group.name}": none of its ${group.rules.length} generated rules is loaded; deploy the rule file` });
          continue;
        }
        for (const drift of groupDrift(group, loaded)) {
          if (drift.kind === 'extra') {
            const files = [...new Set(loaded.map((g) => g.file))].join(', ');
            ctx.report({
              at: service.origin.at('name'),
              message: `${server} has ${drift.loaded.kind === 'alert' ? 'alert' : 'recording rule'} "${drift.loaded.name}" in group "${group.name}" (${files}), which monc does not generate: the next deploy drops it; define it, or move it to a group of its own`,
            });
            continue;
          }
          const what = `${drift.rule.kind === 'alert' ? 'alert' : 'recording rule'} "${ruleName(drift.rule)}" of group "${group.name}"`;
          ctx.report({
            at: drift.rule.origin.at(drift.rule.kind === 'alert' ? 'name' : 'record'),
            message:
              drift.kind === 'missing'
                ? `${what} is not loaded in ${server}; deploy the generated rule file`
                : `${what} is not what ${server} has loaded: ${drift.differences.join('; ')}`,
          });
        }
      }
    }
  },
});
