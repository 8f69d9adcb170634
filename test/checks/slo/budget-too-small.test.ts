/** slo/budget-too-small: an SLO's error budget survives at least 10 minutes of full outage. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo } from './fixtures.ts';

const ID = 'slo/budget-too-small';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: '99.9% over the default 30d allows 43 minutes of outage and passes.', files: project(service(slo())), expected: () => [] },
  { name: '99.95% over 14d allows just over 10 minutes and passes.', files: project(service(slo({ objective: '99.95', window: '14d' }))), expected: () => [] },
  { name: 'An objective of 100 is left to slo/objective-range and passes this check.', files: project(service(slo({ objective: '100' }))), expected: () => [] },
  { name: 'A ratio written as 0.9999 is left to slo/objective-range and passes this check.', files: project(service(slo({ objective: '0.9999' }))), expected: () => [] },
  {
    name: '99.999% over 30d allows 26s of outage (25.92s, rounded) and is flagged at the objective.',
    files: project(service(slo({ objective: '99.999' }))),
    expected: (f) => [atIn(ID, f, '99.999')],
    messages: [
      '99.999% over 30d allows 26s of full outage: the budget is gone before anyone can respond to the page; lower the objective or lengthen the window (the budget should survive at least 10m)',
    ],
  },
  {
    name: '99.99% over 14d allows 2m 1s of outage and is flagged at the objective.',
    files: project(service(slo({ objective: '99.99', window: '14d' }))),
    expected: (f) => [atIn(ID, f, '99.99')],
    messages: [
      '99.99% over 14d allows 2m 1s of full outage: the budget is gone before anyone can respond to the page; lower the objective or lengthen the window (the budget should survive at least 10m)',
    ],
  },
  {
    name: '99.95% passes over 14d but is flagged over 7d, where it allows 5m 2s.',
    files: project(service(slo({ objective: '99.95', window: '7d' }))),
    expected: (f) => [atIn(ID, f, '99.95')],
    messages: [
      '99.95% over 7d allows 5m 2s of full outage: the budget is gone before anyone can respond to the page; lower the objective or lengthen the window (the budget should survive at least 10m)',
    ],
  },
  {
    name: 'Of two SLOs only the one with the small budget is flagged.',
    files: project(service(slo({ name: 'availability' }) + slo({ name: 'checkout', objective: '99.99' }))),
    expected: (f) => [atIn(ID, f, '99.99')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
