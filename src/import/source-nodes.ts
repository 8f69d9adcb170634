/**
 * The nodes of an imported YAML document, as the importers read them: aliases resolved, each
 * with its span in the source file for findings; and the keys of a map an importer has read,
 * so the ones it has not can be reported.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../diagnostic.ts';
import { scalarText } from '../load/formats/rule-files/rule-file.ts';
import type { SourceDocument } from './importer.ts';

export class SourceNodes {
  constructor(private readonly document: SourceDocument) {}

  /** The node a value of the document stands for, an alias resolved. */
  node(value: unknown): Node | null {
    if (isAlias(value)) return (value.resolve(this.document.doc) as Node | undefined) ?? null;
    return (value as Node | null | undefined) ?? null;
  }

  span(node: Node | null | undefined): Span {
    const range = node?.range ?? [0, 0, 0];
    return { file: this.document.source.file, start: range[0], end: Math.max(range[0], range[1]) };
  }

  /** The entries of a map: each key's text and node, and its value. */
  pairs(map: YAMLMap): { key: string; keyNode: Node; value: Node | null }[] {
    return map.items.flatMap((item) => {
      if (!isPair(item)) return [];
      const keyNode = this.node(item.key);
      return keyNode ? [{ key: scalarText(keyNode) ?? '', keyNode, value: this.node(item.value) }] : [];
    });
  }
}

/** The keys of one map of the source: those read are imported, the rest are reported as losses. */
export class Fields {
  readonly #read = new Set<string>();

  constructor(
    private readonly nodes: SourceNodes,
    readonly map: YAMLMap,
  ) {}

  node(key: string): Node | null {
    this.#read.add(key);
    return this.nodes.node(this.map.get(key, true));
  }

  text(key: string): string | undefined {
    const text = scalarText(this.node(key));
    return text === '' ? undefined : text;
  }

  bool(key: string): boolean | undefined {
    const node = this.node(key);
    return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
  }

  integer(key: string): number | undefined {
    const node = this.node(key);
    return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
  }

  items(key: string): Node[] {
    const node = this.node(key);
    return isSeq(node) ? node.items.flatMap((item) => this.nodes.node(item) ?? []) : [];
  }

  strings(key: string): string[] | undefined {
    const node = this.node(key);
    if (!isSeq(node)) return undefined;
    return node.items.flatMap((item) => scalarText(this.nodes.node(item)) ?? []);
  }

  /** The value of a key, or the map, for findings about the key. */
  at(key: string): Span {
    return this.nodes.span(this.nodes.node(this.map.get(key, true)) ?? this.map);
  }

  /** The keys not read that say something (a value that is not empty), with their key nodes and values. */
  unread(): { key: string; at: Node; value: Node }[] {
    return this.nodes.pairs(this.map).flatMap(({ key, keyNode, value }) => (this.#read.has(key) || value === null || isEmpty(value) ? [] : [{ key, at: keyNode, value }]));
  }
}

export function isEmpty(node: Node | null): boolean {
  if (node === null) return true;
  if (isScalar(node)) return node.value === null || node.value === '';
  return (isSeq(node) || isMap(node)) && node.items.length === 0;
}
