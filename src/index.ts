/**
 * The library API, for tools that embed monc: `compile()` is pure (sources in, diagnostics
 * and artifacts out); the io helpers read a project from disk and evaluate TS definitions.
 */
export { compile, type CompileInput, type CompileResult, type SourceInput, type TsEvaluation, type TsEvaluator } from './compile.ts';
export type { Diagnostic, Severity } from './diagnostic.ts';
export type { Artifact } from './emit/artifact.ts';
export { readConfig, readDefinitions } from './io/sources.ts';
export { typeScriptEvaluator } from './io/ts-definitions.ts';
export { CHECKS } from './checks/registry.ts';
