/** slo/tier-on-track: a tier whose burn-rate factor is below 1 fires while the SLO is on track; the finding says which window fixes it. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo, tiers } from './fixtures.ts';

const ID = 'slo/tier-on-track';

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly expected: (files: Files) => readonly string[];
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'The default tiers on a 30d window pass: the slowest burns at exactly 1.', files: project(service(slo())), expected: () => [] },
  { name: 'On a 7d window the default tickets stay at a burn rate of 1 and pass.', files: project(service(slo({ objective: '99', window: '7d' }))), expected: () => [] },
  {
    name: 'A budget share written too small for its long window is flagged at the tier, with the window and share that fix it.',
    files: project(service(slo({ objective: '99', window: '7d', more: tiers('ticket-1d: { budgetPercent: 5 }', 'ticket-3d: { budgetPercent: 10 }') }))),
    expected: (f) => [atIn(ID, f, 'ticket-1d'), atIn(ID, f, 'ticket-3d')],
    messages: [
      'tier ticket-1d fires at a burn rate of 0.35, below 1: it alerts while the SLO is on track to meet its objective. With 5% of the 7d budget, use a long window of at most 8h24m, or burn at least 14.3% of it within 1d; or switch the tier off',
      'tier ticket-3d fires at a burn rate of 0.233, below 1: it alerts while the SLO is on track to meet its objective. With 10% of the 7d budget, use a long window of at most 16h48m, or burn at least 42.9% of it within 3d; or switch the tier off',
    ],
  },
  {
    name: 'A tier written with a factor below 1 is flagged at its name.',
    files: project(service(slo({ more: tiers('ticket-slow: { severity: ticket, longWindow: 1d, shortWindow: 2h, factor: 0.5 }') }))),
    expected: (f) => [atIn(ID, f, 'ticket-slow')],
  },
  { name: 'A tier switched off is not flagged.', files: project(service(slo({ objective: '99', window: '7d', more: tiers('ticket-1d: false', 'ticket-3d: false', 'page-6h: { factor: 0.5 }') }))), expected: (f) => [atIn(ID, f, 'page-6h')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const found = (await lint(files)).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(expected(files));
    if (messages) expect(found.map((d) => d.message)).toEqual(messages);
  });
});
