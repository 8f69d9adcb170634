/**
 * SLO test plans make their tests when read (a large build keeps none of them between the
 * checks and the test files), and say up front which evaluation intervals, so which test
 * files, those tests need: a calendar SLO's boundary test evaluates at its own interval.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.ts';
import { CALENDAR_CONFIG, CALENDAR_SERVICE, slo } from './calendar-fixture.ts';

/** The calendar tests' service, with a quarter as well (which gets no boundary test). */
const SERVICE = `${CALENDAR_SERVICE}${slo('quarterly', '{ calendar: quarter, timezone: America/New_York }')}`;

const encode = (text: string) => new TextEncoder().encode(text);

describe('SLO test plans', async () => {
  const result = await compile({
    definitionsDir: 'definitions',
    sources: [{ path: 'definitions/app.yaml', bytes: encode(SERVICE) }],
    config: { path: 'monc.config.yaml', bytes: encode(CALENDAR_CONFIG) },
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
