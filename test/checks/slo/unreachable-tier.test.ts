/** slo/unreachable-tier: no SLO alert tier needs an error ratio of 100% or more to fire. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo, tiers } from './fixtures.ts';

const ID = 'slo/unreachable-tier';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A 99.9% SLO with the default tiers passes: its fastest page fires at 1.44% errors.', files: project(service(slo())), expected: () => [] },
  { name: 'A written factor just under one over the budget passes.', files: project(service(slo({ more: tiers('page-1h: { factor: 999 }') }))), expected: () => [] },
  { name: 'A 90% SLO with the 1h page switched off passes: the 6h page fires at 60% errors.', files: project(service(slo({ objective: '90', more: tiers('page-1h: false') }))), expected: () => [] },
  { name: 'An objective of 100 is left to slo/objective-range and passes this check.', files: project(service(slo({ objective: '100' }))), expected: () => [] },
  {
    name: 'At 90% the default 1h page needs 144% errors and is flagged at the objective.',
    files: project(service(slo({ objective: '90' }))),
    expected: (f) => [atIn(ID, f, '90')],
    messages: ['tier page-1h fires at burn rate 14.4, an error ratio of 144% with a 10% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "page-1h: false"'],
  },
  {
    name: 'A tier written with a factor over one over the budget is flagged at the tier.',
    files: project(service(slo({ more: tiers('page-1h: { factor: 2000 }') }))),
    expected: (f) => [atIn(ID, f, 'page-1h: { factor')],
  },
  {
    name: 'A tier written with a budgetPercent too high for its objective is flagged at the tier.',
    files: project(service(slo({ objective: '99', more: tiers('page-1h: { budgetPercent: 100 }') }))),
    expected: (f) => [atIn(ID, f, 'page-1h: { budgetPercent')],
  },
  {
    name: 'A new tier too fast for 99% and a default tier left alone on a 90% SLO are each flagged, at the tier and at the objective.',
    files: project(service(slo({ objective: '99', more: tiers('page-15m: { longWindow: 15m, shortWindow: 5m, budgetPercent: 4 }') }) + slo({ name: 'emails', objective: '90' }))),
    expected: (f) => [atIn(ID, f, 'page-15m'), atIn(ID, f, '90')],
    messages: [
      'tier page-15m fires at burn rate 115.2, an error ratio of 115.2% with a 1% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "page-15m: false"',
      'tier page-1h fires at burn rate 14.4, an error ratio of 144% with a 10% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "page-1h: false"',
    ],
  },
  {
    name: 'At 50% every default tier but the 3-day ticket is unreachable, each flagged at the objective.',
    files: project(service(slo({ objective: '50' }))),
    expected: (f) => [atIn(ID, f, '50'), atIn(ID, f, '50'), atIn(ID, f, '50')],
    messages: [
      'tier page-1h fires at burn rate 14.4, an error ratio of 720% with a 50% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "page-1h: false"',
      'tier page-6h fires at burn rate 6, an error ratio of 300% with a 50% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "page-6h: false"',
      'tier ticket-1d fires at burn rate 3, an error ratio of 150% with a 50% budget: no traffic fails more than 100%, so it never fires; lower its factor (or budgetPercent), or switch it off with "ticket-1d: false"',
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
