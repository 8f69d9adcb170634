import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS, budgetLasts, budgetPercentFor, errorBudget, factorFor, formatDuration, humanDuration, pyrraTiers, sliStep } from '../../src/slo/math.ts';
import { goFixed1 } from '../../src/slo/tests.ts';

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

  it('rescales the factors by budget share for a 28-day window: 13.44, 5.6, 2.8 and 0.933 (which the model raises to 1)', () => {
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

describe("Pyrra's default tiers, scaled from 28d", () => {
  it('are the 28d table itself at 4w: 1h/5m, 6h/30m, 1d/2h, 4d/6h, for 2m, 15m, 1h, 3h, burn rates 14, 7, 2, 1', () => {
    expect(pyrraTiers('4w')).toEqual([
      { name: 'page-1h', severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14, for: '2m' },
      { name: 'page-6h', severity: 'page', longWindow: '6h', shortWindow: '30m', factor: 7, for: '15m' },
      { name: 'ticket-1d', severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 2, for: '1h' },
      { name: 'ticket-4d', severity: 'ticket', longWindow: '4d', shortWindow: '6h', factor: 1, for: '3h' },
    ]);
  });

  it("halve at 2w, rounded to the minute half away from zero as Go's Duration.Round does (2m30s → 3m, 7m30s → 8m)", () => {
    expect(pyrraTiers('2w').map((t) => [t.name, t.longWindow, t.shortWindow, t.for, t.factor])).toEqual([
      ['page-30m', '30m', '3m', '1m', 14],
      ['page-3h', '3h', '15m', '8m', 7],
      ['ticket-12h', '12h', '1h', '30m', 2],
      ['ticket-2d', '2d', '3h', '1h30m', 1],
    ]);
  });
});

describe('the SLI recording step', () => {
  it.each([
    ['the Workbook tiers on 30d', ['30d', '1h', '5m', '6h', '30m', '1d', '2h', '3d', '6h'], '30s', '5m'],
    ["Pyrra's tiers on 2w (a 3m short window)", ['2w', '30m', '3m', '3h', '15m', '12h', '1h', '2d', '3h'], '30s', '3m'],
    ['a 90s window', ['30d', '90s', '1h'], '30s', '1m30s'],
    ['a 45s window with a 1m evaluation interval: none', ['30d', '45s', '1h'], '1m', undefined],
    ['a 2m window', ['7d', '2m', '1h'], '15s', '2m'],
  ] as const)('is the longest step that divides every window, for %s', (_name, windows, evaluation, step) => {
    expect(sliStep(windows, evaluation)).toBe(step);
  });
});

describe("the burn value in an alert's description, as Go's printf \"%.1f\" writes it", () => {
  it.each([
    ['an exact tie rounds to even', 1.25, '1.2'],
    ['an exact tie rounds to even, upwards', 1.75, '1.8'],
    ['a value just under a tie rounds down, though ×10 would round it to the tie', 3035 / 10000 / 0.01, '30.3'],
    ['0.35, a double just under 0.35, rounds down', 0.35, '0.3'],
    ['0.45, a double just over 0.45, rounds up', 0.45, '0.5'],
    ['a whole number keeps one decimal', 1000, '1000.0'],
  ])('%s: %d → %s', (_, value, text) => {
    expect(goFixed1(value)).toBe(text);
  });
});
