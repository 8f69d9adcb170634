import { mimirNamespace } from '../model/conventions.ts';
import type { Service } from '../model/model.ts';
import { modelCheck } from './check.ts';

/**
 * With a Mimir namespace per team, the groups of a team's services share one namespace, and
 * mimirtool rejects a namespace that repeats a group name. A service's groups are named after
 * it (`<service>`, `<service>-slos`, `<service>-slos-period`), so services named `a` and
 * `a-slos` in one team clash.
 */
export const rulerDuplicateGroup = modelCheck({
  id: 'ruler/duplicate-group',
  summary: 'Two services of a team write rule groups of the same name into its Mimir namespace (mimir.namespaces: team).',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    if (!model.targets.includes('mimir') || model.mimir.namespaces !== 'team') return;
    const owners = new Map<string, Service>();
    for (const { service, groups } of expanded.ruleGroups) {
      const namespace = mimirNamespace(service, 'team');
      for (const group of groups) {
        const key = JSON.stringify([namespace, group.name]);
        const first = owners.get(key);
        if (first === undefined) {
          owners.set(key, service);
          continue;
        }
        // Duplicate service names are model/duplicate's.
        if (first.name === service.name) continue;
        ctx.report({
          at: service.origin.at('name'),
          message: `services "${first.name}" and "${service.name}" both write a rule group named "${group.name}" into the Mimir namespace "${namespace}" (mimir.namespaces: team), and mimirtool rejects a namespace that repeats a group name; rename one of the services, or set mimir.namespaces: service`,
          related: [{ at: first.origin.at('name'), message: `service "${first.name}" writes the group "${group.name}" first` }],
        });
      }
    }
  },
});
