/**
 * out/docs/routing.md: the routing tree as a Mermaid diagram, where every alert goes (from
 * monc's routing evaluator, the same one the checks use), the inhibitions and the time
 * intervals. GitHub renders Mermaid blocks.
 */
import type { Expanded } from '../../expand/expand.ts';
import type { InhibitRule, Model, Route, Routing } from '../../model/model.ts';
import { DOCS_PATHS, LABEL, generatedHeader } from '../../model/conventions.ts';
import type { RoutedAlert } from '../../routing/alerts.ts';
import { allRoutes } from '../../routing/evaluate.ts';
import { formatMatcher } from '../../routing/matchers.ts';
import { compareText } from '../../diagnostic.ts';
import type { Artifact } from '../artifact.ts';
import { code, codeBlock, table, text } from './markdown.ts';

export function routingDoc(model: Model, expanded: Expanded): Artifact[] {
  const routing = model.routing;
  if (!routing) return [];
  const sections = [
    `${generatedHeader([routing.origin.file], 'markdown')}# Alert routing`,
    'How Alertmanager routes the alerts monc generates (`out/alertmanager/alertmanager.yml`). A route takes an alert when all its matchers match; siblings are tried top to bottom, and the first match ends the search unless it says *continue*. An alert no child route takes stays with its parent.',
    `## Routing tree\n\n${mermaid(routing)}`,
    `## Where each alert goes\n\n${alertTable(expanded.alerts)}`,
    `## Inhibitions\n\nWhile a source alert fires, matching target alerts are not sent.\n\n${inhibitionTable(expanded.inhibitRules)}`,
    `## Time intervals\n\n${intervalTable(routing)}`,
  ];
  return [{ path: DOCS_PATHS.routing, content: `${sections.join('\n\n')}\n` }];
}

function settings(route: Route): string[] {
  const timing = [route.groupWait, route.groupInterval, route.repeatInterval];
  return [
    ...(route.groupBy ? [`group by ${route.groupBy.join(', ')}`] : []),
    ...(timing.some((t) => t !== undefined) ? [`wait ${timing.map((t) => t ?? '-').join(' / ')}`] : []),
    ...(route.muteTimeIntervals.length > 0 ? [`muted: ${route.muteTimeIntervals.join(', ')}`] : []),
    ...(route.activeTimeIntervals.length > 0 ? [`active: ${route.activeTimeIntervals.join(', ')}`] : []),
  ];
}

/** Mermaid needs labels quoted, with " written as #quot;; it renders labels as HTML, so <, > and & are entity codes too. */
function label(lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/["<>&]/g, (ch) => MERMAID_ENTITIES[ch] ?? ch)).join('<br/>')}"`;
}

const MERMAID_ENTITIES: Readonly<Record<string, string>> = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };

function mermaid(routing: Routing): string {
  const ids = new Map<Route, string>();
  const lines = ['flowchart LR'];
  for (const { route, parent } of allRoutes(routing.route)) {
    const id = `r${ids.size}`;
    ids.set(route, id);
    const head = parent ? route.matchers.map(formatMatcher).join(', ') || 'everything' : 'every alert';
    const receiver = route.receiver === undefined ? [] : [`→ ${route.receiver}`];
    lines.push(`  ${id}[${label([head, ...receiver, ...settings(route), ...(route.continue ? ['continue'] : [])])}]`);
    if (parent) lines.push(`  ${ids.get(parent) ?? ''} --> ${id}`);
  }
  return codeBlock(lines.join('\n'), 'mermaid');
}

function alertTable(alerts: readonly RoutedAlert[]): string {
  const rows = alerts
    .map((a) => [a.alert.name, a.labels[LABEL.severity] ?? '', a.alert.service, a.routes.map((m) => m.receiver).join(', ')])
    .sort((a, b) => compareText(a.join('\u0000'), b.join('\u0000')));
  const unique = rows.filter((row, i) => i === 0 || row.join('|') !== rows[i - 1]?.join('|'));
  return table(['alert', 'severity', 'service', 'receivers'], unique.map(([name = '', severity = '', ...rest]) => [code(name), text(severity), ...rest]));
}

function inhibitionTable(rules: readonly InhibitRule[]): string {
  if (rules.length === 0) return 'None.';
  const matchers = (list: InhibitRule['source']) => list.map((m) => code(formatMatcher(m))).join(', ');
  return table(
    ['source', 'mutes', 'when equal', 'why'],
    rules.map((r) => [matchers(r.source), matchers(r.target), r.equal.join(', ') || '(always)', text(r.description ?? '')]),
  );
}

function intervalTable(routing: Routing): string {
  if (routing.timeIntervals.length === 0) return 'None.';
  const usedBy = (name: string) =>
    [...allRoutes(routing.route)]
      .filter(({ route }) => route.muteTimeIntervals.includes(name) || route.activeTimeIntervals.includes(name))
      .map(({ route }) => `${route.muteTimeIntervals.includes(name) ? 'mutes' : 'activates'} ${route.matchers.map((m) => code(formatMatcher(m))).join(', ') || 'the root route'}`)
      .join('; ');
  return table(
    ['interval', 'when', 'routes'],
    routing.timeIntervals.map((t) => [
      t.name,
      t.ranges
        .map((i) =>
          [
            i.weekdays?.join(', '),
            i.times?.map((x) => `${x.start}–${x.end}`).join(', '),
            i.daysOfMonth && `days ${i.daysOfMonth.join(', ')}`,
            i.months?.join(', '),
            i.years?.join(', '),
            text(i.location ?? 'UTC'),
          ]
            .filter((part) => part !== undefined)
            .join(' '),
        )
        .join('; '),
      usedBy(t.name) || 'none',
    ]),
  );
}
