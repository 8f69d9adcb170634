/** groupedDigits writes counts as toLocaleString('en-US') does, without starting ICU. */
import { describe, expect, it } from 'vitest';
import { groupedDigits } from '../src/numbers.ts';

describe('groupedDigits', () => {
  it.each([0, 7, 999, 1000, 12_345, 1_234_567, 100_000_000, -1234, -999, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1.5, 12_345.678])(
    'writes %d as toLocaleString("en-US") does',
    (n) => {
      expect(groupedDigits(n)).toBe(n.toLocaleString('en-US'));
    },
  );
});
