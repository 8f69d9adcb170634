/** YAML reading shared by the formats and the config: syntax errors, values, node positions. */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import type { Span } from '../diagnostic.ts';
import type { Locate, Path } from '../model/origin.ts';
import { readBlockYaml } from './block-yaml.ts';
import { parseYamlDocuments, refuseControlCharacters } from './go-yaml.ts';
import { applyMergeKeys } from './merge-keys.ts';
import type { SourceText } from './source-text.ts';

export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;

/**
 * The documents of a YAML stream: block YAML by monc's fast reader, anything else (and every
 * error) by the yaml package; where Go's yaml (Prometheus, Alertmanager) reads YAML otherwise,
 * as Go reads it: quoted scalars over shallow lines, merge keys, control characters refused.
 */
export function readYamlDocuments(text: string): readonly Document.Parsed[] {
  return asGoReadsIt(text, readBlockYaml(text, YAML_OPTIONS) ?? parseYamlDocuments(text, YAML_OPTIONS));
}

/**
 * The documents and their comments, all read by the yaml package (the fast reader drops
 * comments), as Go reads them; `repeatedKeys` keeps a mapping's repeated keys instead of
 * reporting them (JSON readers keep the last one).
 */
export function readYamlDocumentsWithComments(text: string, repeatedKeys = false): readonly Document.Parsed[] {
  return asGoReadsIt(text, parseYamlDocuments(text, repeatedKeys ? { ...YAML_OPTIONS, uniqueKeys: false } : YAML_OPTIONS));
}

function asGoReadsIt(text: string, documents: Document.Parsed[]): Document.Parsed[] {
  if (text.includes('<<')) applyMergeKeys(documents);
  refuseControlCharacters(text, documents);
  return documents;
}

/** A file of one YAML document (monc.config.yaml), read as readYamlDocuments reads streams; errors (and a second document) by the yaml package. */
export function readYamlDocument(text: string): Document.Parsed {
  const documents = readYamlDocuments(text);
  return documents.length === 1 && documents[0] ? documents[0] : parseDocument(text, YAML_OPTIONS);
}

/** The document's data, or the error the yaml package raises for e.g. an alias bomb. */
export function toJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** One syntax error at a time: the parser's later errors tend to be echoes of the first. */
export function firstSyntaxError(file: string, doc: Document): LoadProblem | undefined {
  const error = doc.errors[0];
  return error && loadProblem(LOAD_CHECKS.yaml, spanOf(file, error.pos), yamlMessage(error.message));
}

function spanOf(file: string, [start, end]: readonly [number, number]): Span {
  return { file, start, end: Math.max(start, end) };
}

function yamlMessage(message: string): string {
  // The yaml package appends "at line L, column C" and a code frame; we print our own.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * yamlLocator for document `index` of `source`, which reads the file again when it is first
 * asked (and keeps that reading while the source lives). A definitions file's syntax tree
 * is several times its text, and a build that finds nothing never asks where anything is:
 * kept for every file, the trees were a fifth of a large build's heap.
 */
export function rereadingYamlLocator(source: SourceText, index: number): Locate {
  let locate: Locate | undefined;
  return (path, key) => {
    locate ??= yamlLocator(source.file, reread(source)[index]);
    return locate(path, key);
  };
}

const rereadDocuments = new WeakMap<SourceText, readonly Document.Parsed[]>();

function reread(source: SourceText): readonly Document.Parsed[] {
  let documents = rereadDocuments.get(source);
  if (!documents) {
    documents = readYamlDocuments(source.text);
    rereadDocuments.set(source, documents);
  }
  return documents;
}

/** Finds the node at a path; when the path leaves the document, the deepest node on it. */
export function yamlLocator(file: string, doc: Document | undefined): Locate {
  return (path: Path, key: boolean): Span => {
    let node: Node | null | undefined = doc?.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
        if (!node) {
          node = keyNode;
          break;
        }
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment] as Node;
        keyNode = node;
      } else break;
    }
    const target = key && keyNode ? keyNode : node;
    const range = target?.range ?? [0, 0, 0];
    return { file, start: range[0], end: range[1] };
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
