/**
 * Canonical form for every generated file: object keys sorted, except for a per-format list
 * of leading keys that readers expect first (`alert` before `expr`); undefined dropped.
 * Call sites never think about key order.
 */
import { compareText } from '../diagnostic.ts';

/** How the keys of one format are ordered. */
export type KeyOrder = (a: string, b: string) => number;

export function keyOrder(leadingKeys: readonly string[]): KeyOrder {
  const ranks = new Map(leadingKeys.map((key, i) => [key, i]));
  const rank = (key: string) => ranks.get(key) ?? leadingKeys.length;
  return (a, b) => rank(a) - rank(b) || compareText(a, b);
}

/**
 * The keys of a plain object in the order they are written: its defined keys sorted, then,
 * as a JS object of them would list them, keys that are array indices first, in numeric order.
 */
export function canonicalKeys(node: object, order: KeyOrder): string[] {
  const prototype = Object.getPrototypeOf(node);
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`cannot serialize ${Object.prototype.toString.call(node)}`);
  const record = node as Record<string, unknown>;
  let keys = Object.keys(record);
  for (const key of keys) {
    if (record[key] === undefined) {
      keys = keys.filter((k) => record[k] !== undefined);
      break;
    }
  }
  if (keys.length < 2) return keys;
  sortKeys(keys, order);
  // Object.keys lists index keys first, numerically: those are the only ones out of order.
  return keys.some(isArrayIndex) ? [...keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !isArrayIndex(key))] : keys;
}

/**
 * Sorts in place. Most objects have a few keys, often in order already: an insertion sort
 * allocates nothing, where Array.prototype.sort copies every list it sorts (hundreds of MB
 * over a large build's objects). Both are stable, so the order is the same.
 */
function sortKeys(keys: string[], order: KeyOrder): void {
  if (keys.length > 16) {
    keys.sort(order);
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && order(keys[j] as string, key) > 0; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  // Almost every key starts with a letter: no regex for those.
  return first >= 48 && first <= 57 && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

/** A copy of `value` with every object's keys in canonical order, for writers that keep insertion order (JSON.stringify). */
export function canonicalize(value: unknown, leadingKeys: readonly string[] = []): unknown {
  const order = keyOrder(leadingKeys);
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of canonicalKeys(record, order)) {
      const value = visit(record[key]);
      // A key named __proto__ (a label may be) stays a key instead of setting the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  };
  return visit(value);
}
