import { sloPageAlertName, sloTicketAlertName } from '../model/conventions.ts';
import type { Alert, Slo } from '../model/model.ts';
import { burnAlerts } from '../slo/math.ts';
import { modelCheck } from './check.ts';
import { appendTo } from '../collections.ts';

/** The alert names an SLO's rules use: its burn alerts' and its no-data alert's. */
function generatedAlertNames(slo: Slo): string[] {
  return [...new Set([...burnAlerts(slo).map((alert) => alert.name), ...(slo.noData ? [slo.noData.name] : [])])];
}

/**
 * The names no other SLO may share: the default ones (two SLOs meeting there is an accident of
 * dashes), and the no-data alert's (another SLO's would fire in this one's generated tests).
 * Burn alert names set by hand may be shared, as Pyrra's ErrorBudgetBurn is: the slo and tier
 * labels tell the alerts apart.
 */
function exclusiveAlertNames(slo: Slo): string[] {
  const defaults = new Set([sloPageAlertName(slo.service, slo.name), sloTicketAlertName(slo.service, slo.name)]);
  return generatedAlertNames(slo).filter((name) => defaults.has(name) || name === slo.noData?.name);
}

/** Two SLOs of one service with one name would record the same slo series; generated alert names must not clash either. */
export const sloDuplicate = modelCheck({
  id: 'slo/duplicate',
  summary: 'Two SLOs of a service share a name, or an SLO generates an alert name that is already taken.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const seen = new Map<string, Slo>();
    const alertNames = new Map<string, Slo>();
    // The written alerts by name, in model order: looked up per SLO, not scanned per SLO.
    const writtenAlerts = new Map<string, Alert[]>();
    for (const alert of model.alerts) appendTo(writtenAlerts, alert.name, alert);
    for (const slo of model.slos) {
      const first = seen.get(slo.id);
      if (first) {
        const message =
          first.service === slo.service
            ? `service ${slo.service} already has an SLO named "${slo.name}"; both would write the slo="${slo.id}" series`
            : `SLO "${slo.name}" of service ${slo.service} and SLO "${first.name}" of service ${first.service} both get the id ${slo.id}, so both would write the slo="${slo.id}" series; rename one`;
        ctx.report({ at: slo.origin.at('name'), message, related: [{ at: first.origin.at('name'), message: 'first defined here' }] });
        continue;
      }
      seen.set(slo.id, slo);
      const generated = generatedAlertNames(slo);
      const exclusive = exclusiveAlertNames(slo);
      // Names drop dashes: api-2/errors and api2/errors both make Api2ErrorsFastBurn.
      const clash = exclusive.map((name) => alertNames.get(name)).find((other) => other !== undefined);
      if (clash) {
        ctx.report({
          at: slo.origin.at('name'),
          message: `SLO ${slo.id} generates the alert names of SLO ${clash.id} (${exclusive.filter((name) => alertNames.get(name) === clash).join(', ')}); rename one so their alerts, runbooks and routing stay apart`,
          related: [{ at: clash.origin.at('name'), message: 'the other SLO' }],
        });
        continue;
      }
      for (const name of exclusive) alertNames.set(name, slo);
      const taken = generated.flatMap((name) => writtenAlerts.get(name) ?? []).sort((a, b) => model.alerts.indexOf(a) - model.alerts.indexOf(b));
      for (const alert of taken) {
        ctx.report({
          at: alert.origin.at('name'),
          message: `alert "${alert.name}" has the name monc generates for SLO ${slo.id}; rename the alert`,
          related: [{ at: slo.origin.at('name'), message: 'the SLO' }],
        });
      }
    }
  },
});
