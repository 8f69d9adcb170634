/**
 * compile() in memory, for check tests: files in, diagnostics out as `monc lint --format json`
 * prints them, with no disk and no CLI. Paths are relative to a project root: definitions
 * under `definitions/`, the config as `monc.config.yaml`. TS definitions need a bundle on
 * disk, so a project with .ts files is written to a temporary folder and evaluated there.
 */
import type { InputFamily } from '../../src/check-descriptors.ts';
import { compile, type CompileResult, type SourceInput } from '../../src/compile.ts';
import { fetchSnapshot } from '../../src/io/online-snapshot.ts';
import { typeScriptEvaluator } from '../../src/io/ts-definitions.ts';
import type { OnlineUrls } from '../../src/online/snapshot.ts';
import { makeProject, type Files, type JsonDiagnostic } from './project.ts';

export const CONFIG = 'monc.config.yaml';

export interface LintOptions {
  /** definitions (default), or rule-files: every file is a Prometheus rule file, as `monc lint --rules` reads it. */
  readonly family?: InputFamily;
  /** Online mode, as `monc lint --prometheus URL` runs it (credential files relative to the working directory). */
  readonly online?: OnlineUrls;
}

/** compile() over `files`; artifacts too, when the project compiles. */
export async function compileFiles(files: Files, options: LintOptions = {}): Promise<CompileResult> {
  const encode = (content: string | Uint8Array) => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const config = files[CONFIG];
  // As on disk: a definitions folder is searched for YAML and TS files only.
  const sources: SourceInput[] = Object.entries(files)
    .filter(([file]) => file !== CONFIG && (options.family === 'rule-files' || (/\.(ya?ml|ts)$/.test(file) && !file.endsWith('.d.ts'))))
    .map(([file, content]) => ({ path: file, bytes: encode(content) }));
  const hasTs = sources.some((s) => s.path.endsWith('.ts'));
  return compile({
    ...(options.family !== undefined && { family: options.family }),
    definitionsDir: 'definitions',
    sources,
    config: config === undefined ? undefined : { path: CONFIG, bytes: encode(config) },
    evaluateTs: hasTs ? typeScriptEvaluator(makeProject(files), sources) : undefined,
    online: options.online && { urls: options.online, fetch: (request) => fetchSnapshot(request, process.cwd()) },
  });
}

/** The diagnostics of `files`, as `monc lint --format json` prints them. */
export async function lint(files: Files, options: LintOptions = {}): Promise<JsonDiagnostic[]> {
  const result = await compileFiles(files, options);
  return result.diagnostics.map(({ related: _related, ...d }) => d);
}
