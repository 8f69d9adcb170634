/**
 * YAML merge keys (`<<: *defaults`), applied as Go's yaml applies them. Prometheus, Alertmanager
 * and Kubernetes merge them (rule files share labels that way); the `yaml` package reads `<<` as
 * a plain key (YAML 1.2 dropped merge keys), which made a rule's `<<` a label named "<<".
 *
 * A mapping's `<<` pairs are replaced, where they stand, by the pairs of the mappings they name
 * that it does not set itself: its own keys win, and of a list of mappings the earlier one. The
 * merged pairs are the named mapping's own nodes, so a finding in one points where it is
 * written. A `<<` whose value is not a mapping or a list of mappings stays as it is (Go's yaml
 * rejects it), for the checks to report.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Pair, type YAMLMap } from 'yaml';

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

const keyOf = (pair: Pair): unknown => (isScalar(pair.key) ? pair.key.value : pair.key);

function mergeInto(map: YAMLMap, document: Document.Parsed): void {
  const seen = new Set(map.items.filter((pair) => !isMergePair(pair)).map(keyOf));
  map.items = map.items.flatMap((pair) => {
    if (!isMergePair(pair)) return [pair];
    const sources = mappingsNamed(pair.value, document);
    if (!sources) return [pair];
    const merged: Pair[] = [];
    for (const source of sources) {
      for (const item of source.items as Pair[]) {
        const key = keyOf(item);
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(item);
      }
    }
    return merged;
  });
}

/** The mappings a merge key's value names: one, or a list of them; undefined for anything else. */
function mappingsNamed(value: unknown, document: Document.Parsed): YAMLMap[] | undefined {
  const resolved = isAlias(value) ? value.resolve(document) : value;
  if (isMap(resolved)) return [resolved];
  if (!isSeq(resolved)) return undefined;
  const maps = resolved.items.map((item) => (isAlias(item) ? item.resolve(document) : item));
  return maps.every((item) => isMap(item)) ? (maps as YAMLMap[]) : undefined;
}
