/**
 * monc and promtool agree on which PromQL is valid: generated expressions (printed trees,
 * trees with a typing mistake, the grammar's corners), each a recording rule in one rule
 * file, get the same verdict from `promtool check rules` as from monc on a Prometheus 2
 * target. bench/promql-differential.ts runs the same comparison over 50,000 and more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promqlTextArbitrary } from '../helpers/promql-arbitraries.ts';
import { deliberatelyStricter, differential, promtoolRejections } from '../helpers/promql-differential.ts';
import { PROMTOOL_ACCEPTS, PROMTOOL_REJECTS } from './fuzz-reproducers.ts';

describe('monc and promtool agree on PromQL', () => {
  it('gives promtool\'s verdict on 3,000 generated expressions', () => {
    const texts = fc.sample(promqlTextArbitrary, { seed: 20261206, numRuns: 3000 });
    const { compared, acceptedInvalid, rejectedValid } = differential(texts);
    expect(compared).toBeGreaterThan(2900);
    expect(acceptedInvalid).toEqual([]);
    expect(rejectedValid.filter(({ reason }) => deliberatelyStricter(reason) === undefined)).toEqual([]);
  });

  it('sees promtool reject what the fuzzing pass found monc accepting, and accept what it found monc rejecting', () => {
    const texts = [...PROMTOOL_REJECTS.map((c) => c.expr), ...PROMTOOL_ACCEPTS.map((c) => c.expr)];
    const rejected = promtoolRejections(texts);
    expect(texts.filter((_, i) => rejected.has(i))).toEqual(PROMTOOL_REJECTS.map((c) => c.expr));
  });
});
