/** Shared by build and lint: find the project's paths, read it, compile it. */
import path from 'node:path';
import { parse } from 'yaml';
import { compile, type CompileResult } from '../compile.ts';
import { readConfig, readDefinitions } from '../io/sources.ts';
import { typeScriptEvaluator } from '../io/ts-definitions.ts';
import type { CliIo } from './io.ts';

export interface ProjectPaths {
  readonly definitions: string;
  readonly out: string;
}

export interface CompiledProject {
  readonly paths: ProjectPaths;
  readonly result: CompileResult;
}

export async function compileProject(io: CliIo, overrides: Partial<ProjectPaths>, options: { readonly emit?: boolean } = {}): Promise<CompiledProject> {
  const config = await readConfig(io.cwd);
  const configured = config ? configuredPaths(new TextDecoder().decode(config.bytes)) : {};
  const paths: ProjectPaths = {
    definitions: overrides.definitions ?? configured.definitions ?? 'definitions',
    out: overrides.out ?? configured.out ?? 'out',
  };
  const sources = await readDefinitions(io.cwd, paths.definitions);
  const result = await compile({
    definitionsDir: path.posix.normalize(paths.definitions.split(path.sep).join('/')).replace(/\/$/, ''),
    sources,
    config,
    evaluateTs: typeScriptEvaluator(io.cwd, sources),
    ...options,
  });
  return { paths, result };
}

/** The two paths the CLI needs before compiling; compile() validates the whole file. */
function configuredPaths(text: string): Partial<ProjectPaths> {
  try {
    const value = parse(text) as Record<string, unknown> | null;
    const pick = (key: string) => (typeof value?.[key] === 'string' ? (value[key] as string) : undefined);
    const definitions = pick('definitions');
    const out = pick('out');
    return { ...(definitions && { definitions }), ...(out && { out }) };
  } catch {
    return {};
  }
}
