/**
 * SLO test plans make their tests when read (a large build keeps none of them between the
 * checks and the test files), and say up front which evaluation intervals, so which test
 * files, those tests need: a calendar SLO's boundary test evaluates at its own interval.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.ts';

const slo = (name: string, window: string) => `  - name: ${name}
    objective: 99.9
    window: ${window}
    sli:
      ratio:
        errors: app_requests_total{code="500"}
        total: app_requests_total
`;

const SERVICE = `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels:
      code: { values: ['200', '500'] }
slos:
${slo('rolling', '30d')}${slo('monthly', '{ calendar: month, timezone: Europe/Berlin }')}${slo('weekly', "{ calendar: week, timezone: '+05:30' }")}${slo('quarterly', '{ calendar: quarter, timezone: America/New_York }')}`;

const encode = (text: string) => new TextEncoder().encode(text);

describe('SLO test plans', async () => {
  const result = await compile({
    definitionsDir: 'definitions',
    sources: [{ path: 'definitions/app.yaml', bytes: encode(SERVICE) }],
    config: { path: 'monc.config.yaml', bytes: encode('prometheus:\n  retention: 100d\n') },
    emit: false,
  });
  const plans = result.expanded.sloTests;

  it('compile the project without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plans.map((plan) => plan.slo.name).sort()).toEqual(['monthly', 'quarterly', 'rolling', 'weekly']);
  });

  it.each(['rolling', 'monthly', 'weekly', 'quarterly'])('name, for the %s SLO, exactly the intervals its tests evaluate at, in order', (name) => {
    const plan = plans.find((p) => p.slo.name === name);
    const used = [...new Set(plan?.tests.map((test) => test.evaluationInterval ?? plan.slo.step))];
    expect(plan?.intervals).toEqual(used);
    expect(used.length).toBe(name === 'monthly' || name === 'weekly' ? 2 : 1);
  });

  it('make the same tests on every read, and keep none', () => {
    const plan = plans.find((p) => p.slo.name === 'monthly');
    const first = plan?.tests;
    const second = plan?.tests;
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
