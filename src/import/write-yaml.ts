/**
 * Imported definitions as YAML a person would write: `kind` first, then the keys in the order
 * docs/definitions.md uses, block style (label domains and value lists inline, as in the
 * seed definitions; both from written-definition.ts), multi-line expressions as literal blocks, strings that every YAML reader
 * takes for strings, the schema modeline on top and comments saying where each part came from.
 * The same definitions always give the same bytes.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { inWrittenOrder, isInline, type WrittenDefinition, type WrittenKind } from './written-definition.ts';

export const SCHEMA_FILES: Readonly<Record<WrittenKind, string>> = {
  Service: 'service.schema.json',
  Metrics: 'metrics.schema.json',
  Routing: 'routing.schema.json',
  Dashboard: 'dashboard.schema.json',
};

/** One YAML file: the modeline (schemas relative to the file), the header comment lines, the definition. */
export function writeYaml(definition: WrittenDefinition, options: { readonly schemaDir: string; readonly header: readonly string[] }): string {
  const ordered = inWrittenOrder({ kind: definition.kind, ...definition.spec });
  // YAML 1.1 quoting, so on, yes and no stay strings for every reader (the editor's too).
  const doc = new Document(ordered, { version: '1.1' });
  decorate(doc.contents, [], definition.comments);
  const body = doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true, flowCollectionPadding: true });
  const modeline = `# yaml-language-server: $schema=${options.schemaDir}/${SCHEMA_FILES[definition.kind]}`;
  const header = [modeline, ...(options.header.length > 0 ? ['#', ...options.header.map((line) => (line === '' ? '#' : `# ${line}`))] : [])];
  return `${header.join('\n')}\n${body}`;
}

/** Sets the comments and the inline style on the nodes of the document. */
function decorate(node: unknown, path: readonly string[], comments: ReadonlyMap<string, readonly string[]>): void {
  if (isSeq(node)) {
    if (isInline(path)) node.flow = true;
    node.items.forEach((item, i) => {
      const itemPath = [...path, String(i)];
      comment(item as Node, comments.get(itemPath.join('.')));
      decorate(item, itemPath, comments);
    });
  } else if (isMap(node)) {
    if (isInline(path)) node.flow = true;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const pairPath = [...path, String(pair.key.value)];
      comment(pair.key, comments.get(pairPath.join('.')));
      decorate(pair.value, pairPath, comments);
    }
  }
}

function comment(node: Node, lines: readonly string[] | undefined): void {
  if (lines && lines.length > 0) node.commentBefore = lines.map((line) => ` ${line}`).join('\n');
}
