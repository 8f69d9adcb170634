/**
 * Canonical form for every generated file: object keys sorted, except for a per-format list
 * of leading keys that readers expect first (`alert` before `expr`); undefined dropped.
 * Call sites never think about key order.
 */
import { compareText } from '../diagnostic.ts';

export function canonicalize(value: unknown, leadingKeys: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, leadingKeys));
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`cannot serialize ${Object.prototype.toString.call(value)}`);
  const rank = (key: string) => {
    const index = leadingKeys.indexOf(key);
    return index < 0 ? leadingKeys.length : index;
  };
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonicalize(v, leadingKeys)]));
}
