/** slo/tier: every alert tier of an SLO can be built: both windows and one threshold, on the 5m grid, short under long, within the SLO's window. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo, tiers } from './fixtures.ts';

const ID = 'slo/tier';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'The default tiers on the default 30d window pass.', files: project(service(slo())), expected: () => [] },
  { name: 'A new tier with both windows and a budgetPercent passes.', files: project(service(slo({ more: tiers('page-15m: { longWindow: 15m, shortWindow: 5m, budgetPercent: 0.5 }') }))), expected: () => [] },
  { name: 'A default tier given only a new factor passes: it keeps its windows.', files: project(service(slo({ more: tiers('page-6h: { factor: 6 }') }))), expected: () => [] },
  { name: 'A 7d window still holds every default tier and passes.', files: project(service(slo({ objective: '99', window: '7d' }))), expected: () => [] },
  { name: 'A 2d window with the 3-day ticket switched off passes.', files: project(service(slo({ objective: '99', window: '2d', more: tiers('ticket-3d: false') }))), expected: () => [] },
  {
    name: 'A new tier without windows or threshold is flagged at its name.',
    files: project(service(slo({ more: tiers('page-fast: { severity: page }') }))),
    expected: (f) => [atIn(ID, f, 'page-fast')],
    messages: ['new tier page-fast needs longWindow, shortWindow, budgetPercent (or factor); only the default tiers (page-1h, page-6h, ticket-1d, ticket-3d) fill fields in'],
  },
  {
    name: "With Pyrra's tier table, a new tier without windows names Pyrra's tiers as the ones that fill fields in.",
    files: project(service(slo({ window: '2w', more: '    alerting:\n      tierTable: pyrra\n      tiers:\n        page-fast: { factor: 20 }\n' }))),
    expected: (f) => [atIn(ID, f, 'page-fast')],
    messages: ['new tier page-fast needs longWindow, shortWindow; only the default tiers (page-30m, page-3h, ticket-12h, ticket-2d) fill fields in'],
  },
  {
    name: 'A new tier with a threshold but no windows is flagged at its name, naming only the windows.',
    files: project(service(slo({ more: tiers('page-x: { factor: 3 }') }))),
    expected: (f) => [atIn(ID, f, 'page-x')],
    messages: ['new tier page-x needs longWindow, shortWindow; only the default tiers (page-1h, page-6h, ticket-1d, ticket-3d) fill fields in'],
  },
  {
    name: 'Both budgetPercent and factor are flagged at factor.',
    files: project(service(slo({ more: tiers('page-1h: { budgetPercent: 2, factor: 14.4 }') }))),
    expected: (f) => [atIn(ID, f, '14.4')],
    messages: ['tier page-1h sets both budgetPercent and factor; give one: the other follows from the windows'],
  },
  {
    name: 'A short window as long as the long one is flagged at the short window.',
    files: project(service(slo({ more: tiers('page-1h: { shortWindow: 61m }') }))),
    expected: (f) => [atIn(ID, f, '61m')],
    messages: ['the short window of tier page-1h must be shorter than its long window (1h); a twelfth is usual'],
  },
  {
    name: 'Windows off the 5m grid pass: the SLI is recorded at a step that divides them (62m, 3m: 1m).',
    files: project(service(slo({ more: tiers('page-1h: { longWindow: 62m, shortWindow: 3m }') }))),
    expected: () => [],
  },
  {
    name: 'A window shorter than the evaluation interval is flagged at it.',
    files: project(service(slo({ more: tiers('page-1h: { shortWindow: 10s }') }))),
    expected: (f) => [atIn(ID, f, '10s')],
    messages: ['shortWindow of tier page-1h is shorter than the evaluation interval (30s): no evaluation would see it'],
  },
  {
    name: 'A window that shares no recording step with the others is flagged at it.',
    files: project(service(slo({ more: tiers('page-1h: { shortWindow: 37s }') }))),
    expected: (f) => [atIn(ID, f, '37s')],
    messages: ['shortWindow of tier page-1h is not a multiple of the evaluation interval (30s): windows are summed from the SLI recorded at one step, at least the evaluation interval and at most 5m, that divides every window of the SLO'],
  },
  {
    name: "A long window no longer than the default tier's short window is flagged at the tier, where that short window comes from.",
    files: project(service(slo({ more: tiers('page-1h: { longWindow: 5m }') }))),
    expected: (f) => [atIn(ID, f, 'page-1h')],
    messages: ['the short window of tier page-1h must be shorter than its long window (5m); a twelfth is usual'],
  },
  {
    name: "A 2d window leaves the default 3-day ticket nothing to look back over, flagged at the SLO's window.",
    files: project(service(slo({ objective: '99', window: '2d' }))),
    expected: (f) => [atIn(ID, f, '2d')],
    messages: ['the default tier ticket-3d looks back 3d, longer than the 2d window; switch it off with "ticket-3d: false" under alerting.tiers'],
  },
  {
    name: 'A missing short window, two thresholds, a window under the evaluation interval and a long window over the SLO window are each flagged where they are written.',
    files: project(
      service(
        slo({
          window: '14d',
          more: tiers(
            'page-15m:',
            '  longWindow: 15m',
            '  budgetPercent: 1',
            'page-6h:',
            '  budgetPercent: 5',
            '  factor: 6',
            'ticket-1d:',
            '  shortWindow: 20s',
            'ticket-28d:',
            '  longWindow: 28d',
            '  shortWindow: 2d',
            '  budgetPercent: 100',
          ),
        }),
      ),
    ),
    expected: (f) => [atIn(ID, f, 'page-15m'), atIn(ID, f, '6\n'), atIn(ID, f, '20s'), atIn(ID, f, '28d\n')],
    messages: [
      'new tier page-15m needs shortWindow; only the default tiers (page-1h, page-6h, ticket-1d, ticket-3d) fill fields in',
      'tier page-6h sets both budgetPercent and factor; give one: the other follows from the windows',
      'shortWindow of tier ticket-1d is shorter than the evaluation interval (30s): no evaluation would see it',
      "the long window of tier ticket-28d is longer than the SLO's 14d window",
    ],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
