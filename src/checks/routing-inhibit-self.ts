import { narrowerOrEqual } from '../routing/matchers.ts';
import { modelCheck } from './check.ts';

/**
 * Alertmanager never lets an alert that matches both sides of a rule be muted by another that
 * matches both. So with no `equal` labels, a rule whose sides select the same alerts mutes
 * nothing, and one whose sides overlap mutes, in every service, each target that is not also
 * a source whenever any source fires: both are almost never what was meant.
 */
export const routingInhibitSelf = modelCheck({
  id: 'routing/inhibit-self',
  summary: "An inhibit rule's source and target select the same alerts, so it mutes nothing, or overlap with no equal labels, so it mutes across every service.",
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const rule of model.routing?.inhibitRules ?? []) {
      const targetsAreSources = narrowerOrEqual(rule.target, rule.source);
      const sourcesAreTargets = narrowerOrEqual(rule.source, rule.target);
      // Equal labels do not help sides that select the same alerts: such a rule never mutes anything.
      if (!targetsAreSources && !sourcesAreTargets) continue;
      if (rule.equal.length > 0 && !(targetsAreSources && sourcesAreTargets)) continue;
      const message =
        targetsAreSources && sourcesAreTargets
          ? 'the source and target matchers select the same alerts, and Alertmanager never lets an alert that matches both sides mute another one that does, so this rule mutes nothing; make the sides select different alerts'
          : targetsAreSources
            ? 'every target alert is also a source alert, and Alertmanager never lets an alert that matches both sides be muted by another that does, so only sources outside the targets ever mute anything; check the matchers'
            : 'every source alert is also a target, and no labels must be equal: whenever any source fires, every other target alert is muted, in every service; add equal labels (e.g. [service]) so a source only mutes its own, or make the sides disjoint';
      ctx.report({ at: rule.origin.at('targetMatchers'), message });
    }
  },
});
