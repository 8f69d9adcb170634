/**
 * The nodes of an imported YAML document, as the importers read them: aliases resolved, each
 * with its span in the source file for findings.
 */
import { isAlias, isPair, type Node, type YAMLMap } from 'yaml';
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
