import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS, budgetLasts, budgetPercentFor, errorBudget, factorFor, formatDuration, humanDuration } from '../../src/slo/math.ts';

/**
 * The SRE Workbook's table of multi-window burn-rate alerts (chapter 5, "Alerting on SLOs",
 * table 5-8), for a 30-day window: the budget consumed within the long window, and the burn
 * rate ("factor") that consumes it.
 */
const WORKBOOK_30D = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', budgetConsumed: 2, factor: 14.4 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', budgetConsumed: 5, factor: 6 },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', budgetConsumed: 10, factor: 3 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetConsumed: 10, factor: 1 },
];

describe('the default tiers reproduce the Workbook table', () => {
  it.each(WORKBOOK_30D.map((row, i) => [i, row] as const))('tier %i: %o', (i, row) => {
    const tier = DEFAULT_TIERS[i];
    expect(tier).toMatchObject({ severity: row.severity, longWindow: row.longWindow, shortWindow: row.shortWindow, budgetPercent: row.budgetConsumed });
    expect(factorFor(row.budgetConsumed, '30d', row.longWindow)).toBe(row.factor);
    expect(budgetPercentFor(row.factor, '30d', row.longWindow)).toBe(row.budgetConsumed);
  });

  it('rescales the factors by budget share for a 28-day window: 13.44, 5.6, 2.8 and 0.933', () => {
    const factors = DEFAULT_TIERS.map((tier) => factorFor(tier.budgetPercent, '28d', tier.longWindow));
    expect(factors.map((f) => Number(f.toFixed(3)))).toEqual([13.44, 5.6, 2.8, 0.933]);
  });

  it('keeps the budget consumed per tier the same for any window (4w, 7d, 90d)', () => {
    for (const window of ['4w', '7d', '90d']) {
      for (const tier of DEFAULT_TIERS) {
        expect(budgetPercentFor(factorFor(tier.budgetPercent, window, tier.longWindow), window, tier.longWindow)).toBeCloseTo(tier.budgetPercent, 9);
      }
    }
  });
});

describe('budget arithmetic', () => {
  it.each([
    [99.9, 0.001],
    [99.95, 0.0005],
    [95, 0.05],
    [99.999, 0.00001],
  ])('the error budget of %s%% is %s, without float noise', (objective, budget) => {
    expect(errorBudget(objective)).toBe(budget);
  });

  it('a 14.4× burn spends a 30d budget in 2d 2h, a 1× burn in exactly the window', () => {
    expect(humanDuration(budgetLasts('30d', 14.4))).toBe('2d 2h');
    expect(budgetLasts('30d', 1)).toBe(30 * 86_400);
  });

  it.each([
    [90, '1m30s'],
    [172_800, '2d'],
    [3_600 * 25, '1d1h'],
    [0, '0s'],
  ])('formats %s seconds as the Prometheus duration %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
