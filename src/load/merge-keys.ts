/**
 * YAML merge keys (`<<: *defaults`), applied as Go's yaml applies them. Prometheus, Alertmanager
 * and Kubernetes merge them (rule files share labels that way); the `yaml` package reads `<<` as
 * a plain key (YAML 1.2 dropped merge keys), which made a rule's `<<` a label named "<<".
 *
 * A mapping's `<<` pairs are replaced, where they stand, by the pairs of the mappings they name
 * that it does not set itself: its own keys win, and of a list of mappings the earlier one.
 * Pairs merged through an alias are copies placed at the alias (`*base`), so a finding in the
 * merging mapping (a rule that repeats another) points at it, not at the anchor every merge
 * shares; nodes below them keep their own places. A `<<` whose value is not a mapping or a
 * list of mappings stays as it is (Go's yaml rejects it), for the checks to report.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, Pair, visit, type Alias, type Document, type Node, type YAMLMap } from 'yaml';

/** Applies the merge keys of every mapping in the documents, in place. */
export function applyMergeKeys(documents: readonly Document.Parsed[]): void {
  for (const document of documents) {
    // Document order: an anchored mapping's own merges are applied before it is merged elsewhere.
    visit(document, {
      Map(_, map) {
        if (map.items.some(isMergePair)) mergeInto(map, document);
      },
    });
  }
}

const isMergePair = (pair: Pair): boolean => isScalar(pair.key) && pair.key.value === '<<';

/** A pair's key as a mapping compares keys: a scalar's value, else the node. */
export const keyOf = (pair: Pair): unknown => (isScalar(pair.key) ? pair.key.value : pair.key);

function mergeInto(map: YAMLMap, document: Document.Parsed): void {
  const seen = new Set(map.items.filter((pair) => !isMergePair(pair)).map(keyOf));
  map.items = map.items.flatMap((pair) => {
    if (!isMergePair(pair)) return [pair];
    const sources = mappingsNamed(pair.value, document);
    if (!sources) return [pair];
    const merged: Pair[] = [];
    for (const { map: source, alias } of sources) {
      for (const item of source.items as Pair[]) {
        const key = keyOf(item);
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(alias ? placedAt(item, alias) : item);
      }
    }
    return merged;
  });
}

/** A copy of the pair whose key and value are at the alias it was merged through. */
function placedAt(pair: Pair, alias: Alias): Pair {
  const place = (node: unknown): unknown => {
    if (!isNode(node) || !alias.range) return node;
    const copy = node.clone() as Node;
    copy.range = [...alias.range];
    return copy;
  };
  return new Pair(place(pair.key), place(pair.value));
}

/** The mappings a merge key's value names, with the alias each is named by: one, or a list of them; undefined for anything else. */
function mappingsNamed(value: unknown, document: Document.Parsed): { map: YAMLMap; alias?: Alias }[] | undefined {
  const named = (node: unknown) => (isAlias(node) ? { node: node.resolve(document), alias: node } : { node });
  const one = named(value);
  if (isMap(one.node)) return [{ map: one.node, ...(one.alias && { alias: one.alias }) }];
  if (!isSeq(one.node)) return undefined;
  const maps = one.node.items.map(named);
  return maps.every(({ node }) => isMap(node)) ? maps.map(({ node, alias }) => ({ map: node as YAMLMap, ...(alias && { alias }) })) : undefined;
}
