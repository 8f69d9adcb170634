import { LABEL } from '../model/conventions.ts';
import { PHASE_LABEL } from '../slo/calendar.ts';
import type { Slo } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** What monc writes into each label it generates on an SLO's rules and alerts, for the message. */
const GENERATED: Readonly<Record<string, (slo: Slo) => string>> = {
  [LABEL.service]: (slo) => `the service name (${slo.service})`,
  [LABEL.team]: (slo) => `the service's team (${slo.team})`,
  [LABEL.slo]: (slo) => `the SLO id (${slo.id})`,
  [LABEL.severity]: () => 'the alert severity (set it with alerting.pageSeverity and ticketSeverity)',
  [LABEL.tier]: (slo) => `the burn-rate tier of each alert (${slo.tiers.map((t) => t.name).join(', ') || 'page-1h, …'})`,
  [LABEL.window]: (slo) => `the SLO window on the objective series (${slo.window})`,
  alertname: () => "the alert's name",
  [PHASE_LABEL]: () => "a calendar SLO's period phase on its recordings",
};

/** The labels monc generates on an SLO's rules and alerts (besides its groupBy labels). */
export const SLO_GENERATED_LABELS: readonly string[] = Object.keys(GENERATED);

/**
 * A label the user sets on an SLO would overwrite one monc generates: two tiers firing at once
 * would then be one labelset, which Prometheus refuses ("vector contains metrics with the same
 * labelset") and the generated tests expect otherwise.
 */
export const sloReservedLabel = modelCheck({
  id: 'slo/reserved-label',
  summary: 'An SLO sets a label that monc generates on its rules and alerts (service, team, slo, severity, tier, window, alertname, or a groupBy label).',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  // A clash breaks the generated rules, so it cannot be silenced.
  suppressible: false,
  run({ model }, ctx) {
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      if (slo.calendar && slo.groupBy.includes(PHASE_LABEL)) {
        ctx.report({ at: slo.origin.at('groupBy', slo.groupBy.indexOf(PHASE_LABEL)), message: `groupBy "${PHASE_LABEL}" is the label monc puts on a calendar SLO's recordings; it cannot group the SLO` });
      }
      for (const name of Object.keys(slo.labels)) {
        const generated = GENERATED[name]?.(slo) ?? (slo.groupBy.includes(name) ? `the ${name} of each series, from groupBy` : undefined);
        if (generated === undefined) continue;
        ctx.report({
          at: slo.origin.keyAt('labels', name),
          message: `label "${name}" is generated on the SLO's rules and alerts, where it holds ${generated}; rename it, e.g. "slo_${name}"`,
        });
      }
    }
  },
});
