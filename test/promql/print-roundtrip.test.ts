/**
 * The printer and the parser agree: every tree prints to a text that parses back to the same
 * tree, and printing is stable (print(parse(print(t))) = print(t)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromql } from '../../src/promql/parse.ts';
import { printExpr } from '../../src/promql/print.ts';
import { promqlTreeArbitrary, wellTypedTreeArbitrary, withoutPositions } from '../helpers/promql-arbitraries.ts';

const RUNS = { seed: 20261206, numRuns: 3000 };

describe('PromQL text round trips through the printer', () => {
  it('parses every printed tree back to the same tree', () => {
    fc.assert(
      fc.property(fc.oneof(promqlTreeArbitrary, wellTypedTreeArbitrary), (tree) => {
        const text = printExpr(tree);
        const parsed = parsePromql(text);
        expect(parsed.error, text).toBeUndefined();
        expect(withoutPositions(parsed.ast), text).toEqual(withoutPositions(tree));
      }),
      RUNS,
    );
  });

  it('prints a parsed text the same way again', () => {
    fc.assert(
      fc.property(fc.oneof(promqlTreeArbitrary, wellTypedTreeArbitrary), (tree) => {
        const text = printExpr(tree);
        const ast = parsePromql(text).ast;
        expect(ast && printExpr(ast)).toBe(text);
      }),
      RUNS,
    );
  });
});
