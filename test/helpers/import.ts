/** monc import in memory, as the importers' tests run it: files in, the written files parsed and the findings resolved out. */
import { parse } from 'yaml';
import { resolve } from '../../src/compile.ts';
import { compareDiagnostics, type Diagnostic } from '../../src/diagnostic.ts';
import { runImport, type ImportInput, type ImportOutput } from '../../src/import/import.ts';
import { SourceText } from '../../src/load/source-text.ts';

export interface InMemoryImport {
  readonly output: ImportOutput;
  /** Every definition written but the inferred metrics, parsed. */
  readonly definitions: Record<string, unknown>[];
  /** The findings at their line and column, in lint's order. */
  readonly diagnostics: Diagnostic[];
}

/** Imports the files (path → text) together into an empty project's `definitions/`. */
export function importFiles(kind: string, files: Readonly<Record<string, string>>, options: Partial<ImportInput> = {}): InMemoryImport {
  const sources = Object.entries(files).map(([file, text]) => new SourceText(file, text));
  const output = runImport({
    kind,
    sources,
    servicePer: 'file',
    existing: { services: new Set(), alerts: new Set(), recordings: new Set(), known: () => undefined },
    into: 'definitions',
    taken: new Set(),
    schemaDir: '../schemas',
    ...options,
  });
  const texts = new Map(sources.map((source) => [source.file, source]));
  return {
    output,
    definitions: output.files.filter((f) => !f.path.endsWith('-metrics.yaml')).map((f) => parse(f.text) as Record<string, unknown>),
    diagnostics: output.findings.map((f) => resolve(f, texts)).sort(compareDiagnostics),
  };
}
