import { SEVERITY_RANK, type Severity } from '../diagnostic.ts';
import { CHECKS } from '../checks/registry.ts';
import { formatGithub } from '../report/github.ts';
import { formatJson } from '../report/json.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { formatSarif } from '../report/sarif.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { compileProject } from './project.ts';

export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning'] as const;

export interface LintOptions {
  readonly format: Format;
  readonly failOn: Extract<Severity, 'error' | 'warning'>;
  readonly definitions?: string;
}

/** `monc lint`: diagnostics only; the exit code follows --fail-on. */
export async function lintCommand(io: CliIo, options: LintOptions): Promise<number> {
  const { result } = await compileProject(io, options.definitions !== undefined ? { definitions: options.definitions } : {});
  const diagnostics = result.diagnostics;
  switch (options.format) {
    case 'json':
      io.stdout.write(formatJson(diagnostics));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(diagnostics, CHECKS));
      break;
    case 'github':
      io.stdout.write(formatGithub(diagnostics));
      break;
    case 'pretty':
      io.stdout.write(diagnostics.length > 0 ? formatPretty(diagnostics, result.sources, useColor(io, io.stdout)) : `no problems (${summary(diagnostics)})\n`);
      break;
  }
  const threshold = SEVERITY_RANK[options.failOn];
  return diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold) ? EXIT.failed : EXIT.ok;
}
