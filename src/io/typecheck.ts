/**
 * Type-checks TS definitions with ts-morph. Runs in a worker thread when monc runs from
 * dist/ (so loading TypeScript overlaps the rest of the build), in-process otherwise; see
 * typecheck-runner.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TsMorph from 'ts-morph';

export interface TypeCheckRequest {
  readonly cwd: string;
  /** The authoring API's TS entry, which `import … from 'monc'` resolves to. */
  readonly api: string;
  readonly files: readonly { readonly file: string; readonly text: string }[];
}

export interface TypeError {
  readonly file: string;
  readonly start: number;
  readonly length: number;
  readonly message: string;
}

let tsMorph: typeof TsMorph | undefined;

/** Loads ts-morph (and the TypeScript it bundles): a third of a second, so a worker does it early. */
export function loadTsMorph(): typeof TsMorph {
  // require, not import(): an ESM import of this CommonJS package scans all of its 9 MB for exports.
  tsMorph ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return tsMorph;
}

export function typeCheckFiles(request: TypeCheckRequest): TypeError[] {
  const { Project, ts } = loadTsMorph();
  const project = new Project({
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Preserve,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      paths: { monc: [request.api] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  const sourceFiles = request.files.map(({ file, text }) => ({
    file,
    node: project.createSourceFile(path.resolve(request.cwd, file), text, { overwrite: true }).compilerNode,
  }));
  // Only the definitions' own diagnostics: the authoring API is checked by monc's own build.
  const program = project.getProgram().compilerObject;
  const errors: TypeError[] = [];
  for (const { file, node } of sourceFiles) {
    for (const diagnostic of [...program.getSyntacticDiagnostics(node), ...program.getSemanticDiagnostics(node)]) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      errors.push({ file, start: diagnostic.start ?? 0, length: diagnostic.length ?? 0, message: `${message} (TS${diagnostic.code})` });
    }
  }
  return errors;
}
