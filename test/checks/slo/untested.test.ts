/** slo/untested: monc can generate promtool tests for every SLO; an SLO it cannot feed with synthetic series is reported at its sli key (info). */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { atIn, type Files, LATENCY_SLI, project, service, slo, tiers } from './fixtures.ts';

const ID = 'slo/untested';

const ratio = (lines: string) => `      ratio:\n${lines}`;
const untested = (reason: string) => `SLO app-availability gets no generated promtool tests: ${reason}; write tests for its alerts by hand, in the service's tests`;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A ratio SLI of two selectors that a label value tells apart gets tests and passes.', files: project(service(slo())), expected: () => [] },
  {
    name: 'Expressions over {{window}} with one selector inside each get tests and pass.',
    files: project(service(slo({ sli: ratio('        errors: sum(increase(app_requests_total{code=~"5.."}[{{window}}]))\n        total: sum(increase(app_requests_total[{{window}}]))\n') }))),
    expected: () => [],
  },
  { name: 'A ratio SLO grouped by a label the selectors do not split on gets tests and passes.', files: project(service(slo({ more: '    groupBy: [route]\n' }))), expected: () => [] },
  { name: 'A latency SLI on a histogram with a matcher gets tests and passes.', files: project(service(slo({ objective: '99', sli: LATENCY_SLI('0.5').replace('app_request_duration_seconds', '\'app_request_duration_seconds{route="checkout"}\'') }))), expected: () => [] },
  { name: 'An availability SLI on an up selector gets tests and passes.', files: project(service(slo({ sli: "      availability: { up: 'up{job=\"app\"}' }\n" }))), expected: () => [] },
  { name: 'An SLO with all but one default tier switched off still gets tests and passes.', files: project(service(slo({ more: tiers('page-1h: false', 'page-6h: false', 'ticket-1d: false') }))), expected: () => [] },
  {
    name: 'Errors counted from two counters are flagged at the sli key: monc cannot tell which series to feed.',
    files: project(
      service(slo({ sli: ratio('        errors: sum(increase(app_requests_total{code=~"5.."}[{{window}}])) + sum(increase(app_queue_depth[{{window}}]))\n        total: app_requests_total\n') })),
    ),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('its queries are not each one series selector, so monc cannot tell which input series to feed')],
  },
  {
    name: 'Errors and total selecting the same series are flagged: no label value tells them apart.',
    files: project(service(slo({ sli: ratio('        errors: app_requests_total\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('monc found no label values that the errors selector and the total selector tell apart')],
  },
  {
    name: 'Grouping by the label that splits errors from total leaves no group with both, and is flagged.',
    files: project(service(slo({ more: '    groupBy: [route, code]\n' }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('monc found no label values that the errors selector and the total selector tell apart')],
  },
  {
    name: 'An SLO with every tier switched off is flagged: no alert can fire.',
    files: project(service(slo({ more: tiers('page-1h: false', 'page-6h: false', 'ticket-1d: false', 'ticket-3d: false') }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('none of its alert tiers is complete and can fire (slo/tier and slo/unreachable-tier say why)')],
  },
  {
    name: 'A latency histogram written as an expression is flagged.',
    files: project(service(slo({ objective: '99', sli: '      latency:\n        histogram: sum(app_request_duration_seconds)\n        threshold: 0.5\n' }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('its histogram is not a name with matchers, so monc cannot tell which input series to feed')],
  },
  {
    name: 'A latency histogram whose matchers contradict each other is flagged.',
    files: project(service(slo({ objective: '99', sli: LATENCY_SLI('0.5').replace('app_request_duration_seconds', '\'app_request_duration_seconds{route="a", route="b"}\'') }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested("monc found no label values that satisfy the histogram's matchers")],
  },
  {
    name: 'An availability selector whose matchers contradict each other is flagged.',
    files: project(service(slo({ sli: "      availability: { up: 'up{job=\"a\", job=\"b\"}' }\n" }))),
    expected: (f) => [atIn(ID, f, 'sli:')],
    messages: [untested('its query is not one series selector whose matchers monc can satisfy')],
  },
  {
    name: 'A ratio with only total is an slo/sli error and nothing else: one mistake, one finding.',
    files: project(service(slo({ sli: ratio('        total: app_requests_total\n') }))),
    expected: () => [],
    messages: [],
  },
  {
    name: 'Of two SLOs only the untestable one is flagged, at its own sli key.',
    files: project(service(slo({ name: 'latency', objective: '99', sli: LATENCY_SLI('0.5') }) + slo({ sli: ratio('        errors: app_requests_total\n        total: app_requests_total\n') }))),
    expected: (f) => [atIn(ID, f, 'sli:', 2)],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });

  it('reports with severity info by default', async () => {
    const files = project(service(slo({ sli: ratio('        errors: app_requests_total\n        total: app_requests_total\n') })));
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map((d) => d.severity)).toEqual(['info']);
  });
});
