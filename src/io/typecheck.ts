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
  return new TypeCheckSession().check(request);
}

/**
 * A type check that stays loaded between checks (monc build --watch): a file whose text did
 * not change, and that imports nothing that changed, keeps its diagnostics; TypeScript
 * reuses what it built for the rest.
 */
export class TypeCheckSession {
  #project: TsMorph.Project | undefined;
  #api: string | undefined;
  readonly #texts = new Map<string, string>();
  readonly #errors = new Map<string, TypeError[]>();

  check(request: TypeCheckRequest): TypeError[] {
    const { ts } = loadTsMorph();
    if (this.#api !== request.api) {
      this.#project = newProject(request.api);
      this.#api = request.api;
      this.#texts.clear();
      this.#errors.clear();
    }
    const project = this.#project ?? newProject(request.api);
    this.#project = project;
    const absolute = (file: string) => path.resolve(request.cwd, file);
    const current = new Set(request.files.map((f) => f.file));
    for (const file of [...this.#texts.keys()].filter((f) => !current.has(f))) {
      const gone = project.getSourceFile(absolute(file));
      if (gone) project.removeSourceFile(gone);
      this.#texts.delete(file);
      this.#errors.delete(file);
    }
    const changed = new Set<TsMorph.SourceFile>();
    for (const { file, text } of request.files) {
      if (this.#texts.get(file) === text && this.#errors.has(file)) continue;
      changed.add(project.createSourceFile(absolute(file), text, { overwrite: true }));
      this.#texts.set(file, text);
    }
    // What imports a changed file may break with it.
    const affected = new Set(changed);
    for (const sourceFile of affected) for (const referrer of sourceFile.getReferencingSourceFiles()) affected.add(referrer);
    const byPath = new Map(request.files.map((f) => [absolute(f.file), f.file]));
    // Only the definitions' own diagnostics: the authoring API is checked by monc's own build.
    const program = project.getProgram().compilerObject;
    for (const sourceFile of affected) {
      const file = byPath.get(sourceFile.getFilePath());
      if (file === undefined) continue;
      const node = sourceFile.compilerNode;
      this.#errors.set(
        file,
        [...program.getSyntacticDiagnostics(node), ...program.getSemanticDiagnostics(node)].map((diagnostic) => ({
          file,
          start: diagnostic.start ?? 0,
          length: diagnostic.length ?? 0,
          message: `${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')} (TS${diagnostic.code})`,
        })),
      );
    }
    return request.files.flatMap((f) => this.#errors.get(f.file) ?? []);
  }
}

function newProject(api: string): TsMorph.Project {
  const { Project, ts } = loadTsMorph();
  return new Project({
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
      paths: { monc: [api] },
    },
    skipAddingFilesFromTsConfig: true,
  });
}
