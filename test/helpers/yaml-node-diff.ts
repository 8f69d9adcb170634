/**
 * Where two YAML trees differ, as monc reads them: scalar values, types and sources, and every
 * node's range up to its value's end (what a span uses; a collection's is its last item's full
 * end). Used to hold the fast block-YAML reader to the `yaml` package.
 */
import { isDeepStrictEqual } from 'node:util';
import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';

export function yamlTreeDifference(ours: Node | null | undefined, theirs: Node | null | undefined, where = '$'): string | undefined {
  if (isScalar(ours) && isScalar(theirs)) {
    if (!Object.is(ours.value, theirs.value)) return `${where}: value ${JSON.stringify(ours.value)}, yaml ${JSON.stringify(theirs.value)}`;
    if (ours.type !== theirs.type) return `${where}: type ${ours.type}, yaml ${theirs.type}`;
    if (ours.source !== theirs.source) return `${where}: source ${JSON.stringify(ours.source)}, yaml ${JSON.stringify(theirs.source)}`;
    if (!isDeepStrictEqual(ours.range?.slice(0, 2), theirs.range?.slice(0, 2))) return `${where}: range ${JSON.stringify(ours.range)}, yaml ${JSON.stringify(theirs.range)}`;
    return undefined;
  }
  if (ours?.anchor !== theirs?.anchor) return `${where}: anchor ${ours?.anchor}, yaml ${theirs?.anchor}`;
  if (isAlias(ours) && isAlias(theirs)) {
    if (ours.source !== theirs.source || !isDeepStrictEqual(ours.range?.slice(0, 2), theirs.range?.slice(0, 2))) return `${where}: alias *${ours.source} ${JSON.stringify(ours.range)}, yaml *${theirs.source} ${JSON.stringify(theirs.range)}`;
    return undefined;
  }
  const collection = (isMap(ours) && isMap(theirs)) || (isSeq(ours) && isSeq(theirs));
  if (!collection) return `${where}: ${ours?.constructor.name ?? String(ours)}, yaml ${theirs?.constructor.name ?? String(theirs)}`;
  if (!isDeepStrictEqual(ours.range?.slice(0, 2), theirs.range?.slice(0, 2))) return `${where}: range ${JSON.stringify(ours.range)}, yaml ${JSON.stringify(theirs.range)}`;
  if (ours.items.length !== theirs.items.length) return `${where}: ${ours.items.length} items, yaml ${theirs.items.length}`;
  for (let i = 0; i < ours.items.length; i++) {
    const a = ours.items[i] as unknown;
    const b = theirs.items[i] as unknown;
    const difference = isMap(ours)
      ? (yamlTreeDifference((a as { key: Node }).key, (b as { key: Node }).key, `${where}.key(${i})`) ??
        yamlTreeDifference((a as { value: Node }).value, (b as { value: Node }).value, `${where}.${String(((a as { key: { value?: unknown } }).key).value)}`))
      : yamlTreeDifference(a as Node, b as Node, `${where}[${i}]`);
    if (difference) return difference;
  }
  return undefined;
}

/** Where two readings of a stream differ: the number of documents, their trees or their data. */
export function yamlDocumentsDifference(ours: readonly Document[], theirs: readonly Document[]): string | undefined {
  if (theirs.some((doc) => doc.errors.length > 0)) return `read, where yaml reports ${theirs.find((doc) => doc.errors.length > 0)?.errors[0]?.message.split('\n')[0]}`;
  if (ours.length !== theirs.length) return `${ours.length} documents, yaml ${theirs.length}`;
  for (let i = 0; i < ours.length; i++) {
    const difference = yamlTreeDifference(ours[i]?.contents as Node, theirs[i]?.contents as Node, `document ${i}`);
    if (difference) return difference;
    if (!isDeepStrictEqual(ours[i]?.toJS(), theirs[i]?.toJS())) return `document ${i}: toJS() differs`;
  }
  return undefined;
}
