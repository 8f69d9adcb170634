/** slo/latency-threshold-not-bucket: a latency SLO's threshold is one of its histogram's declared bucket bounds. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, LATENCY_SLI, project, service, slo } from './fixtures.ts';

const ID = 'slo/latency-threshold-not-bucket';

/** A latency SLO named latency at 95% over `histogram` (buckets 0.1, 0.5, 1 for app_request_duration_seconds). */
const latency = (threshold: string, histogram = 'app_request_duration_seconds') =>
  slo({ name: 'latency', objective: '95', sli: `      latency:\n        histogram: ${histogram}\n        threshold: ${threshold}\n` });

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A threshold of 0.5, a bucket bound, passes.', files: project(service(latency('0.5'))), expected: () => [] },
  { name: 'A threshold at the highest bucket bound passes.', files: project(service(slo({ name: 'latency', objective: '95', sli: LATENCY_SLI('1') }))), expected: () => [] },
  { name: 'A ratio SLI has no threshold and passes.', files: project(service(slo())), expected: () => [] },
  { name: 'A latency SLI on a gauge is left to slo/sli and passes this check.', files: project(service(latency('0.3', 'app_queue_depth'))), expected: () => [] },
  { name: 'A latency SLI on an undeclared histogram is left to catalog/unknown-metric and passes this check.', files: project(service(latency('0.3', 'app_rpc_duration_seconds'))), expected: () => [] },
  {
    name: 'A histogram declared without buckets cannot be checked and passes.',
    files: project(service(latency('0.3', 'app_rpc_duration_seconds'), '  - { name: app_rpc_duration_seconds, type: histogram, help: RPC latency., unit: seconds }\n')),
    expected: () => [],
  },
  {
    name: 'A threshold of 0.3, between the 0.1 and 0.5 buckets, is flagged at the threshold with both neighbours suggested.',
    files: project(service(slo({ name: 'latency', objective: '95', sli: LATENCY_SLI('0.3') }))),
    expected: (f) => [atIn(ID, f, '0.3')],
    messages: ["0.3 is not a bucket bound of app_request_duration_seconds (buckets: 0.1, 0.5, 1), so requests under it cannot be counted; use 0.1 or 0.5, or add 0.3 to the metric's buckets"],
  },
  {
    name: 'A threshold written on its own line is flagged at the value on that line.',
    files: project(service(latency('0.25'))),
    expected: (f) => [atIn(ID, f, '0.25')],
  },
  {
    name: 'A threshold above the highest bucket suggests only the highest.',
    files: project(service(latency('2'))),
    expected: (f) => [atIn(ID, f, '2\n')],
    messages: ["2 is not a bucket bound of app_request_duration_seconds (buckets: 0.1, 0.5, 1), so requests under it cannot be counted; use 1, or add 2 to the metric's buckets"],
  },
  {
    name: 'A threshold below the lowest bucket suggests only the lowest.',
    files: project(service(latency('0.05'))),
    expected: (f) => [atIn(ID, f, '0.05')],
    messages: ["0.05 is not a bucket bound of app_request_duration_seconds (buckets: 0.1, 0.5, 1), so requests under it cannot be counted; use 0.1, or add 0.05 to the metric's buckets"],
  },
  {
    name: 'A threshold of 300 written in milliseconds for a seconds histogram is flagged.',
    files: project(service(latency('300'))),
    expected: (f) => [atIn(ID, f, '300')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
