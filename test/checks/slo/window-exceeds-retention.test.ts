/** slo/window-exceeds-retention: every SLO window fits in prometheus.retention (15d unless the config says otherwise). */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, project, service, slo } from './fixtures.ts';

const ID = 'slo/window-exceeds-retention';

const retention = (value: string) => `prometheus:\n  retention: ${value}\n`;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A 14d window fits the default 15d retention and passes.', files: project(service(slo({ window: '14d' })), null), expected: () => [] },
  { name: 'A 15d window, exactly the default retention, passes.', files: project(service(slo({ window: '15d' })), null), expected: () => [] },
  { name: 'The default 30d window passes with a configured 30d retention.', files: project(service(slo()), retention('30d')), expected: () => [] },
  { name: 'A 4w window passes with a 28d retention: the units do not matter.', files: project(service(slo({ window: '4w' })), retention('28d')), expected: () => [] },
  {
    name: 'The default 30d window over the default 15d retention is flagged at the SLO name, since no window is written.',
    files: project(service(slo()), null),
    expected: (f) => [atIn(ID, f, 'availability')],
    messages: [
      'the 30d window is longer than the 15d retention, so the error budget would only count the last 15d; set prometheus.retention in monc.config.yaml to what --storage.tsdb.retention.time says (at least 30d), or shorten the window',
    ],
  },
  {
    name: 'A written window over the configured retention is flagged at the window.',
    files: project(service(slo({ window: '4w' })), retention('21d')),
    expected: (f) => [atIn(ID, f, '4w')],
    messages: [
      'the 4w window is longer than the 21d retention, so the error budget would only count the last 21d; set prometheus.retention in monc.config.yaml to what --storage.tsdb.retention.time says (at least 4w), or shorten the window',
    ],
  },
  {
    name: 'A written 30d window, the same as the default, is flagged at the window rather than the name.',
    files: project(service(slo({ window: '30d' })), null),
    expected: (f) => [atIn(ID, f, '30d')],
  },
  {
    name: 'With no config, an SLO with the default window and one with a 4w window are both flagged, at the name and at the window.',
    files: project(service(slo() + slo({ name: 'no-throttling', objective: '99.5', window: '4w' })), null),
    expected: (f) => [atIn(ID, f, 'availability'), atIn(ID, f, '4w')],
  },
  {
    name: 'Of two SLOs under a 28d retention only the 30d one is flagged.',
    files: project(service(slo({ name: 'availability', window: '4w' }) + slo({ name: 'throughput' })), retention('28d')),
    expected: (f) => [atIn(ID, f, 'throughput')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
