/** Generated inhibit rules: a page of an SLO mutes its tickets, since the slow burn is already part of the fast one. */
import { LABEL, sloPageAlertName, sloTicketAlertName } from '../model/conventions.ts';
import type { InhibitRule, Matcher, Model, Slo } from '../model/model.ts';

export function generateSloInhibitRules(model: Model): InhibitRule[] {
  return model.slos.map(pageMutesTickets);
}

function pageMutesTickets(slo: Slo): InhibitRule {
  const equals = (alertname: string): Matcher[] =>
    [
      { label: 'alertname', op: '=' as const, value: alertname },
      { label: LABEL.slo, op: '=' as const, value: slo.id },
    ].map((m) => ({ ...m, origin: slo.origin, path: ['name'] }));
  return {
    source: equals(sloPageAlertName(slo.service, slo.name)),
    target: equals(sloTicketAlertName(slo.service, slo.name)),
    equal: [LABEL.slo, ...slo.groupBy],
    description: `A page for SLO ${slo.id} mutes its tickets.`,
    generated: true,
    origin: slo.origin,
  };
}
