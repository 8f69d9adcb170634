/** Generated inhibit rules: a page of an SLO mutes its tickets, since the slow burn is already part of the fast one. */
import { LABEL } from '../model/conventions.ts';
import type { InhibitRule, Matcher, Model, Slo } from '../model/model.ts';
import { alertingTiers } from './math.ts';

export function generateSloInhibitRules(model: Model): InhibitRule[] {
  return model.slos.flatMap(pageMutesTickets);
}

/**
 * Matched by the tier label, not the alert name: tiers may name their alerts freely, and
 * every burn alert carries its tier. None when the SLO has no page or no ticket tier.
 */
function pageMutesTickets(slo: Slo): InhibitRule[] {
  const tiers = alertingTiers(slo);
  const names = (kind: 'page' | 'ticket') => tiers.filter((t) => t.severity === kind).map((t) => t.name);
  const pages = names('page');
  const tickets = names('ticket');
  if (pages.length === 0 || tickets.length === 0) return [];
  const matchers = (tierNames: readonly string[]): Matcher[] =>
    [
      { label: LABEL.slo, op: '=' as const, value: slo.id },
      tierNames.length === 1 ? { label: LABEL.tier, op: '=' as const, value: tierNames[0] ?? '' } : { label: LABEL.tier, op: '=~' as const, value: tierNames.join('|') },
    ].map((m) => ({ ...m, origin: slo.origin, path: ['name'] }));
  return [
    {
      source: matchers(pages),
      target: matchers(tickets),
      equal: [LABEL.slo, ...slo.groupBy],
      description: `A page for SLO ${slo.id} mutes its tickets.`,
      generated: true,
      origin: slo.origin,
    },
  ];
}
