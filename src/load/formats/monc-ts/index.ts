/** monc's TS definitions: evaluated together (io/ bundles and runs them), then read from their define*() calls. */
import type { Registration } from '../../../api/registry.ts';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../../../check-descriptors.ts';
import { compareText } from '../../../diagnostic.ts';
import type { InputFormat } from '../format.ts';
import { loadTsRegistrations } from './registrations.ts';

export const moncTsFormat: InputFormat = {
  id: 'monc-ts',
  family: 'definitions',
  detect: (source) => source.file.endsWith('.ts'),
  async load(sources, env) {
    if (!env.evaluateTs) {
      return { documents: [], problems: sources.map((s) => loadProblem(LOAD_CHECKS.tsLoadError, { file: s.file, start: 0, end: 0 }, 'TypeScript definitions need an evaluator: compile() was called without evaluateTs')) };
    }
    const evaluation = await env.evaluateTs(sources);
    const loaded = loadTsRegistrations(sortBySite(evaluation.registrations), env.texts);
    // Definitions that failed to load declared nothing we can see: their text is all we have.
    const failed = evaluation.problems.some((p) => p.check === LOAD_CHECKS.tsLoadError.id);
    return {
      documents: loaded.documents,
      problems: [...evaluation.problems, ...withoutEchoesOfTypeErrors(loaded.problems, evaluation.problems)],
      lost: { names: loaded.lost?.names ?? [], texts: failed ? sources.map((s) => s.text) : [] },
    };
  },
};

/** Registrations in source order, whatever order the modules were evaluated in. */
function sortBySite(registrations: readonly Registration[]): Registration[] {
  return [...registrations].sort(
    (a, b) => compareText(a.site?.file ?? '', b.site?.file ?? '') || (a.site?.line ?? 0) - (b.site?.line ?? 0) || (a.site?.column ?? 0) - (b.site?.column ?? 0),
  );
}

/** A file with type errors already says what is wrong; its schema errors would say it twice. */
function withoutEchoesOfTypeErrors(schemaProblems: readonly LoadProblem[], tsProblems: readonly LoadProblem[]): LoadProblem[] {
  const filesWithTypeErrors = new Set(tsProblems.filter((p) => p.check === LOAD_CHECKS.tsTypeError.id).map((p) => p.at.file));
  return schemaProblems.filter((p) => !filesWithTypeErrors.has(p.at.file));
}
