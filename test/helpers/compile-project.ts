/** compile() over a project folder on disk, without vitest: for tests and for bench scripts. */
import path from 'node:path';
import { compile, type CompileResult } from '../../src/compile.ts';
import { readConfig, readDefinitions } from '../../src/io/sources.ts';
import { typeScriptEvaluator } from '../../src/io/ts-definitions.ts';

/** The repo root, for tests that read committed files. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** compile() over a project folder, as `monc build` reads it: definitions/ and monc.config.yaml. */
export async function compileProject(dir: string): Promise<CompileResult> {
  const sources = await readDefinitions(dir, 'definitions');
  return compile({ definitionsDir: 'definitions', sources, config: await readConfig(dir), evaluateTs: typeScriptEvaluator(dir, sources) });
}
