/**
 * Canonical form for every generated file: object keys sorted, except for a per-format list
 * of leading keys that readers expect first (`alert` before `expr`); undefined dropped.
 * Call sites never think about key order.
 */
import { compareText } from '../diagnostic.ts';

export function canonicalize(value: unknown, leadingKeys: readonly string[] = []): unknown {
  const ranks = new Map(leadingKeys.map((key, i) => [key, i]));
  const rank = (key: string) => ranks.get(key) ?? leadingKeys.length;
  const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => rank(a) - rank(b) || compareText(a, b);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`cannot serialize ${Object.prototype.toString.call(node)}`);
    const entries = Object.entries(node).filter(([, v]) => v !== undefined);
    if (entries.length > 1) entries.sort(byKey);
    return Object.fromEntries(entries.map(([k, v]) => [k, visit(v)]));
  };
  return visit(value);
}
