/**
 * TS definitions after evaluation: registrations (values + call sites) become RawDocuments,
 * schema-checked like YAML. Positions come from the TS syntax tree: a path into a definition
 * is followed from its define*() call through object and array literals, local constants and
 * other define*() calls (a metric handle listed in a service points at its own defineMetric).
 * TypeScript is loaded only when a position is asked for: clean definitions never pay for it.
 */
import { createRequire } from 'node:module';
import type { ts as Ts } from 'ts-morph';
import type { Registration } from '../../../api/registry.ts';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../../../check-descriptors.ts';
import type { Span } from '../../../diagnostic.ts';
import { createOrigin, type Path } from '../../../model/origin.ts';
import { DEFINITION_KINDS } from '../../kinds.ts';
import type { RawDocument } from '../../raw.ts';
import { namesIn } from '../../lost.ts';
import { salvage } from '../../schema-validation.ts';
import type { SourceText } from '../../source-text.ts';
import type { LoadResult } from '../format.ts';

/** Registrations with call sites already relative to the working directory. */
export function loadTsRegistrations(registrations: readonly Registration[], sources: ReadonlyMap<string, SourceText>): LoadResult {
  const trees = new SyntaxTrees(sources, new Map(registrations.map((r) => [r.value, r])));
  const documents: RawDocument[] = [];
  const problems: LoadProblem[] = [];
  const lost = new Set<string>();
  // Metrics, alerts and rules listed in a service are part of it, not definitions of their own.
  const listed = new Set<object>();
  for (const registration of registrations) {
    if (registration.kind !== 'service') continue;
    for (const key of ['metrics', 'alerts', 'recordingRules'] as const) {
      const items = (registration.value as Record<string, unknown>)[key];
      if (Array.isArray(items)) for (const item of items) if (typeof item === 'object' && item) listed.add(item);
    }
  }
  for (const registration of registrations) {
    if (listed.has(registration.value)) continue;
    const origin = createOrigin(registration.site?.file ?? '', (path, key) => trees.locate(registration, path, key));
    const kind = DEFINITION_KINDS.find((k) => k.tsKind === registration.kind);
    if (!kind) {
      const what = registration.kind === 'alert' ? 'alerts' : 'recordingRules';
      problems.push(loadProblem(LOAD_CHECKS.schema, origin.at(), `this ${registration.kind} belongs to no service; list it in a service's ${what}`));
      continue;
    }
    const salvaged = salvage(kind.schema, toPlain(registration.value), origin, 'definition');
    problems.push(...salvaged.problems);
    for (const rejected of salvaged.rejected) namesIn(rejected, lost);
    if (salvaged.value !== undefined) documents.push(kind.fromTs(salvaged.value, salvaged.origin));
  }
  return { documents, problems, lost: { names: lost } };
}

/** A deep copy with only own enumerable data, so metric handles validate as plain specs. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof RegExp || typeof value === 'function') return String(value);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

type TypeScript = typeof Ts;
let typescript: TypeScript | undefined;
function loadTypeScript(): TypeScript {
  typescript ??= (createRequire(import.meta.url)('ts-morph') as { ts: TypeScript }).ts;
  return typescript;
}

class SyntaxTrees {
  readonly #trees = new Map<string, Ts.SourceFile>();
  constructor(
    private readonly sources: ReadonlyMap<string, SourceText>,
    /** A value made by define*() → its registration, so a nested handle leads to its own call. */
    private readonly registered: ReadonlyMap<object, Registration>,
  ) {}

  locate(registration: Registration, path: Path, key: boolean): Span {
    let current = registration;
    let node = this.argumentOf(current);
    let keyNode: Ts.Node | undefined;
    let value: unknown = current.value;
    for (const segment of path) {
      value = isIndexable(value) ? value[segment as keyof typeof value] : undefined;
      const nested = typeof value === 'object' && value !== null ? this.registered.get(value) : undefined;
      if (nested && nested !== current && nested.site) {
        current = nested;
        node = this.argumentOf(current);
        keyNode = undefined;
        continue;
      }
      const step = node && this.child(node, segment);
      if (!step) break;
      ({ node, keyNode } = step);
    }
    const file = current.site?.file ?? '';
    const target = key && keyNode ? keyNode : node;
    const tree = this.tree(file);
    if (!target || !tree) return { file, start: 0, end: 0 };
    return { file, start: target.getStart(tree), end: target.getEnd() };
  }

  private tree(file: string): Ts.SourceFile | undefined {
    const ts = loadTypeScript();
    let tree = this.#trees.get(file);
    const source = this.sources.get(file);
    if (!tree && source) {
      tree = ts.createSourceFile(file, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      this.#trees.set(file, tree);
    }
    return tree;
  }

  /** The first argument of the define*() call made at the registration's call site. */
  private argumentOf(registration: Registration): Ts.Node | undefined {
    const ts = loadTypeScript();
    const site = registration.site;
    const tree = site && this.tree(site.file);
    const source = site && this.sources.get(site.file);
    if (!site || !tree || !source) return undefined;
    const offset = source.offset({ line: site.line, column: site.column });
    let call: Ts.CallExpression | undefined;
    const visit = (node: Ts.Node): void => {
      if (node.getStart(tree) > offset || node.getEnd() < offset) return;
      if (ts.isCallExpression(node) && /define\w*$/.test(node.expression.getText(tree))) call = node;
      ts.forEachChild(node, visit);
    };
    visit(tree);
    return call?.arguments[0];
  }

  private child(from: Ts.Node, segment: string | number): { node: Ts.Node; keyNode: Ts.Node } | undefined {
    const ts = loadTypeScript();
    const node = this.unwrap(from);
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name)) ? property.name.text : undefined;
        if (name !== String(segment)) continue;
        if (ts.isPropertyAssignment(property)) return { node: property.initializer, keyNode: property.name };
        if (ts.isShorthandPropertyAssignment(property)) return { node: property.name, keyNode: property.name };
        return { node: property, keyNode: property.name ?? property };
      }
    }
    if (ts.isArrayLiteralExpression(node) && typeof segment === 'number') {
      const elements = node.elements;
      const spread = elements.findIndex((element) => ts.isSpreadElement(element));
      const element = elements[segment];
      if (element && (spread < 0 || spread > segment)) return { node: element, keyNode: element };
    }
    return undefined;
  }

  /** Looks through parentheses, `as`/`satisfies`, local constants and nested define*() calls. */
  private unwrap(start: Ts.Node): Ts.Node {
    const ts = loadTypeScript();
    let node = start;
    for (let depth = 0; depth < 20; depth++) {
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
        node = node.expression;
      } else if (ts.isCallExpression(node) && /define\w*$/.test(node.expression.getText()) && node.arguments[0]) {
        node = node.arguments[0];
      } else if (ts.isIdentifier(node)) {
        const initializer = localInitializer(node);
        if (!initializer) return node;
        node = initializer;
      } else return node;
    }
    return node;
  }
}

function localInitializer(identifier: Ts.Identifier): Ts.Expression | undefined {
  const ts = loadTypeScript();
  const file = identifier.getSourceFile();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text) return declaration.initializer;
    }
  }
  return undefined;
}

function isIndexable(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}
