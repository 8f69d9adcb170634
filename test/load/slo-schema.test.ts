import { describe, expect, it } from 'vitest';
import { lintJson } from '../helpers/project.ts';

const F = 'definitions/a.yaml';
const head = 'kind: Service\nname: a\nteam: t\nmetrics:\n  - { name: a_requests_total, type: counter, help: R. }\nslos:\n';
const ratio = '      ratio: { errors: a_requests_total, total: a_requests_total }\n';

describe('SLO definitions that do not match the schema', () => {
  it.each([
    ['an SLI with two kinds names the four to choose from', `  - name: one\n    objective: 99\n    sli:\n${ratio}      availability: { up: up }\n`, '10:7', 'slos.0.sli: give exactly one of ratio, latency, availability, timeslice'],
    ['an empty SLI names the four to choose from', '  - name: one\n    objective: 99\n    sli: {}\n', '9:10', 'slos.0.sli: give exactly one of ratio, latency, availability, timeslice'],
    ['a tier that is neither false nor a mapping gets one error naming both', `  - name: one\n    objective: 99\n    sli:\n${ratio}    alerting:\n      tiers:\n        page-1h: true\n`, '13:18', 'slos.0.alerting.tiers.page-1h: must be false or a mapping'],
    ['a zero window is not a compliance period', `  - name: one\n    objective: 99\n    window: 0d\n    sli:\n${ratio}`, '9:13', 'slos.0.window: must not be zero'],
    ['an objective written as a string', `  - name: one\n    objective: "99.9"\n    sli:\n${ratio}`, '8:16', 'slos.0.objective: must be number'],
  ])('%s', async (_name, slos, position, message) => {
    const { diagnostics } = await lintJson({ [F]: head + slos, 'monc.config.yaml': 'prometheus:\n  retention: 30d\n' });
    expect(diagnostics.map((d) => `${d.check}@${d.line}:${d.column} ${d.message}`)).toEqual([`load/schema@${position} ${message}`]);
  });
});
