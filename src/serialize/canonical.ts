/**
 * Canonical form for every generated file: object keys sorted, except for a per-format list
 * of leading keys that readers expect first (`alert` before `expr`); undefined dropped.
 * Call sites never think about key order.
 */
import { compareText } from '../diagnostic.ts';

export function canonicalize(value: unknown, leadingKeys: readonly string[] = []): unknown {
  const ranks = new Map(leadingKeys.map((key, i) => [key, i]));
  const rank = (key: string) => ranks.get(key) ?? leadingKeys.length;
  const byKey = (a: string, b: string) => rank(a) - rank(b) || compareText(a, b);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`cannot serialize ${Object.prototype.toString.call(node)}`);
    const record = node as Record<string, unknown>;
    // Keys, not entries: one array per object instead of one per property.
    const keys = Object.keys(record).filter((key) => record[key] !== undefined);
    if (keys.length > 1) keys.sort(byKey);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = visit(record[key]);
      // A key named __proto__ (a label may be) stays a key instead of setting the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  };
  return visit(value);
}
