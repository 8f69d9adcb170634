/** slo/objective-range: an SLO objective is a percentage from 50 up to, but not including, 100. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo } from './fixtures.ts';

const ID = 'slo/objective-range';

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A 99.9% objective passes.', files: project(service(slo())), expected: () => [] },
  { name: 'An objective of exactly 50, the lowest service level, passes.', files: project(service(slo({ objective: '50' }))), expected: () => [] },
  { name: 'An objective of 99.999 passes this check, however small its budget.', files: project(service(slo({ objective: '99.999' }))), expected: () => [] },
  {
    name: 'An objective of 100 leaves no budget and is flagged at the value.',
    files: project(service(slo({ objective: '100' }))),
    expected: (f) => [atIn(ID, f, '100')],
    messages: ['objective 100% leaves no error budget: every failed event breaks it, and burn rates divide by zero; use e.g. 99.9'],
  },
  {
    name: 'An objective over 100 is flagged at the value like 100 itself.',
    files: project(service(slo({ objective: '120' }))),
    expected: (f) => [atIn(ID, f, '120')],
    messages: ['objective 120% leaves no error budget: every failed event breaks it, and burn rates divide by zero; use e.g. 99.9'],
  },
  {
    name: 'A ratio written as 0.999 is flagged at the value, with the percentage to write instead.',
    files: project(service(slo({ objective: '0.999' }))),
    expected: (f) => [atIn(ID, f, '0.999')],
    messages: ['objective 0.999% is not a service level anyone promises; objectives are percentages: write 99.9 for 0.999'],
  },
  {
    name: 'An objective just under 50 is flagged, without a hint, since it is no ratio.',
    files: project(service(slo({ objective: '49.9' }))),
    expected: (f) => [atIn(ID, f, '49.9')],
    messages: ['objective 49.9% is not a service level anyone promises'],
  },
  {
    name: 'An objective of 0 is flagged at the value.',
    files: project(service(slo({ objective: '0' }))),
    expected: (f) => [atIn(ID, f, '0\n    sli:')],
  },
  {
    name: 'Of two SLOs only the one out of range is flagged, at its own objective.',
    files: project(service(slo({ name: 'availability' }) + slo({ name: 'latency', objective: '0.95' }))),
    expected: (f) => [atIn(ID, f, '0.95')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});

describe('further objectives on one SLI', () => {
  it('flags an objective out of range at its own entry, and reports the shared definition once', async () => {
    const files = project(service(slo({ more: '    labels: { tier: gold }\n    objectives:\n      - { name: strict, objective: 100 }\n      - { name: loose, objective: 99 }\n' })));
    const found = await lint(files);
    expect(found.filter((d) => d.check === ID).map(where)).toEqual([atIn(ID, files, '100')]);
    expect(found.filter((d) => d.check === 'slo/reserved-label').map(where)).toEqual([atIn('slo/reserved-label', files, 'tier: gold')]);
  });
});
