/**
 * `monc lint`. Light at load: the compiler, the check registry and the project loader are
 * imported when a run needs them. A `lint --rules` that the result cache (io/lint-cache.ts)
 * holds is answered by the bin (cached-bin.ts) before this module loads; run through monc.js
 * directly, it is answered here, from the same entry.
 */
import { SEVERITY_RANK } from '../diagnostic.ts';
import type { CompileResult } from '../compile.ts';
import { buildId } from '../io/cache-dir.ts';
import { readLintCache, writeLintCache, type CachedLint } from '../io/lint-cache.ts';
import { formatGithub } from '../report/github.ts';
import { formatJson } from '../report/json.ts';
import { cardinalityJson, formatCardinalityTable } from '../report/cardinality.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { progress } from './progress.ts';
import { outputOptions, type LintOptions } from './lint-args.ts';
import { readRuleFiles, readRuleLintConfig, rulesCacheInputs } from './lint-rules.ts';

/** `monc lint`: diagnostics only; the exit code follows --fail-on. */
export async function lintCommand(io: CliIo, options: LintOptions): Promise<number> {
  const run = options.rules ? await lintRules(io, options, options.rules) : await lintProject(io, options);
  io.stdout.write(run.stdout);
  return run.code;
}

/**
 * The definitions. A project of YAML files, read offline, comes from the result cache when
 * this build of monc printed the same run before; TS definitions can import any file (or
 * package) beside them, and the online checks read a server, so those always run.
 */
async function lintProject(io: CliIo, options: LintOptions): Promise<CachedLint> {
  const { compileFoundProject, findProject, projectSources } = await import('./project.ts');
  const project = await findProject(io, options);
  const online = options.prometheus !== undefined || options.alertmanager !== undefined;
  const build = options.cache === false || online ? undefined : buildId();
  // Read once: for the key, and for the compile on a miss.
  const { sources, cacheable } = await projectSources(project);
  const inputs = build && cacheable ? { build, options: ['lint', project.root, project.definitionsDir, ...outputOptions(io, options)], files: [...(project.config ? [project.config] : []), ...sources] } : undefined;
  const cached = inputs && readLintCache(io.cwd, 'project', inputs);
  if (cached) return cached;
  const shown = progress(io, options.format === 'pretty');
  let result: CompileResult;
  try {
    const onlineUrls = { prometheus: options.prometheus, alertmanager: options.alertmanager };
    result = (await compileFoundProject(io, project, { emit: false, sources, onStage: (stage) => shown.stage(stage), onlineUrls })).result;
  } finally {
    shown.done();
  }
  const run = await render(io, options, result);
  if (inputs) writeLintCache(io.cwd, 'project', inputs, run);
  return run;
}

/** Rule files: from the result cache when this build of monc printed this run before, else compiled and kept there. */
async function lintRules(io: CliIo, options: LintOptions, files: readonly string[]): Promise<CachedLint> {
  const sources = readRuleFiles(io, files);
  const config = readRuleLintConfig(io, options);
  const inputs = rulesCacheInputs(io, options, sources, config);
  const cached = inputs && readLintCache(io.cwd, 'rules', inputs);
  if (cached) return cached;
  const { compile } = await import('../compile.ts');
  const run = await render(io, options, await compile({ family: 'rule-files', definitionsDir: '', sources, config, emit: false }));
  if (inputs) writeLintCache(io.cwd, 'rules', inputs, run);
  return run;
}

/** What lint prints for a result, in the chosen format, and its exit code. */
async function render(io: CliIo, options: LintOptions, result: CompileResult): Promise<CachedLint> {
  const diagnostics = result.diagnostics;
  const cardinality = options.cardinality ? result.expanded.cardinality : undefined;
  let stdout: string;
  switch (options.format) {
    case 'json':
      stdout = formatJson(diagnostics, cardinality && { cardinality: cardinalityJson(cardinality) });
      break;
    case 'sarif': {
      const [{ formatSarif }, { CHECKS }] = await Promise.all([import('../report/sarif.ts'), import('../checks/registry.ts')]);
      stdout = formatSarif(diagnostics, CHECKS);
      break;
    }
    case 'github':
      stdout = formatGithub(diagnostics);
      break;
    case 'pretty':
      stdout = diagnostics.length > 0 ? formatPretty(diagnostics, result.sources, useColor(io, io.stdout)) : `no problems (${summary(diagnostics)})\n`;
      if (cardinality) stdout += `\n${formatCardinalityTable(cardinality)}`;
      break;
  }
  const threshold = SEVERITY_RANK[options.failOn];
  return { stdout, code: diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold) ? EXIT.failed : EXIT.ok };
}
