/**
 * Adds `item` to the list under `key`, in place. Copying the list on every add would be
 * quadratic in its length: the SLO recording rules of 5,000 SLOs share a dozen names.
 */
export function appendTo<K, V>(lists: Map<K, V[]>, key: K, item: V): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}
