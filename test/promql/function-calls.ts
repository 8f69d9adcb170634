/** Calls of PromQL functions with arguments of the right, or the wrong, type. */
import { argumentType, type FunctionSignature, type ValueType } from '../../src/promql/functions.ts';

/** An expression of each type, valid wherever that type is expected. */
export const SAMPLE: Readonly<Record<ValueType, string>> = { scalar: '1', string: '"a"', vector: 'up', matrix: 'up[5m]' };
/** An expression of another type, for each expected type. */
export const WRONG: Readonly<Record<ValueType, string>> = { scalar: '"a"', string: '1', vector: '1', matrix: 'up' };

export function call(signature: FunctionSignature, count: number, replace?: { index: number; with: string }): string {
  const args = Array.from({ length: count }, (_, i) => {
    if (replace?.index === i) return replace.with;
    // A function without arguments gets an instant vector as its one too many.
    return SAMPLE[argumentType(signature, i) ?? 'vector'];
  });
  return `${signature.name}(${args.join(', ')})`;
}

