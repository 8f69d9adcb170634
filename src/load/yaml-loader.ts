/** YAML definitions: parse with node ranges, pick the schema by `kind`, validate, locate. */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Finding, Span } from '../diagnostic.ts';
import { DashboardFileSchema, MetricsFileSchema, RoutingFileSchema, ServiceFileSchema } from '../api/schema.ts';
import type { DashboardSpec, MetricSpec, RoutingSpec, ServiceSpec } from '../api/types.gen.ts';
import { loadFinding } from '../checks/check.ts';
import { loadSchema } from '../checks/load-schema.ts';
import { loadYaml } from '../checks/load-yaml.ts';
import { createOrigin, type Origin, type Path, type RawDocument } from './origin.ts';
import { validateAgainstSchema } from './schema-validation.ts';
import type { SourceText } from './source-text.ts';

export interface LoadResult {
  readonly documents: RawDocument[];
  readonly findings: Finding[];
}

const KINDS = ['Service', 'Metrics', 'Routing', 'Dashboard'] as const;

export function loadYamlDefinitions(source: SourceText): LoadResult {
  const documents: RawDocument[] = [];
  const findings: Finding[] = [];
  for (const doc of parseAllDocuments(source.text, { uniqueKeys: true, prettyErrors: false })) {
    const syntaxError = firstSyntaxError(source.file, doc);
    if (syntaxError) {
      findings.push(syntaxError);
      continue;
    }
    const origin = createOrigin(source.file, yamlLocator(source.file, doc));
    const value = toJs(doc);
    if (value instanceof Error) {
      findings.push(loadFinding(loadYaml, origin.at(), value.message));
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document, e.g. after a final ---
    const kind = isRecord(value) ? value['kind'] : undefined;
    if (kind === 'Service') {
      const errors = validateAgainstSchema(ServiceFileSchema, value, origin);
      if (errors.length > 0) findings.push(...errors);
      else documents.push({ kind: 'service', spec: withoutKind(value as Record<string, unknown>) as unknown as ServiceSpec, origin });
    } else if (kind === 'Metrics') {
      const errors = validateAgainstSchema(MetricsFileSchema, value, origin);
      if (errors.length > 0) findings.push(...errors);
      else {
        const metrics = (value as { metrics: MetricSpec[] }).metrics;
        metrics.forEach((spec, index) => documents.push({ kind: 'metric', spec, origin: origin.child('metrics', index) }));
      }
    } else if (kind === 'Dashboard') {
      const errors = validateAgainstSchema(DashboardFileSchema, value, origin);
      if (errors.length > 0) findings.push(...errors);
      else documents.push({ kind: 'dashboard', spec: withoutKind(value as Record<string, unknown>) as unknown as DashboardSpec, origin });
    } else if (kind === 'Routing') {
      const errors = validateAgainstSchema(RoutingFileSchema, value, origin);
      if (errors.length > 0) findings.push(...errors);
      else documents.push({ kind: 'routing', spec: withoutKind(value as Record<string, unknown>) as unknown as RoutingSpec, origin });
    } else {
      const message = isRecord(value)
        ? `kind must be one of ${KINDS.map((k) => JSON.stringify(k)).join(', ')}${kind === undefined ? '; add e.g. "kind: Service"' : ''}`
        : 'a definitions document must be a mapping with a kind';
      findings.push(loadFinding(loadSchema, kind === undefined ? origin.at() : origin.at('kind'), message));
    }
  }
  return { documents, findings };
}

/** The document's data, or the error the yaml package raises for e.g. an alias bomb. */
export function toJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function withoutKind(value: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, ...rest } = value;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One syntax error at a time: the parser's later errors tend to be echoes of the first. */
export function firstSyntaxError(file: string, doc: Document): Finding | undefined {
  const error = doc.errors[0];
  return error && loadFinding(loadYaml, spanOf(file, error.pos), yamlMessage(error.message));
}

function spanOf(file: string, [start, end]: readonly [number, number]): Span {
  return { file, start, end: Math.max(start, end) };
}

function yamlMessage(message: string): string {
  // The yaml package appends "at line L, column C" and a code frame; we print our own.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Finds the node at a path; when the path leaves the document, the deepest node on it. */
export function yamlLocator(file: string, doc: Document) {
  return (path: Path, key: boolean): Span => {
    let node: Node | null | undefined = doc.contents;
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

export type { Origin };
