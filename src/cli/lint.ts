import { SEVERITY_RANK, type Severity } from '../diagnostic.ts';
import { CHECKS } from '../checks/registry.ts';
import { formatGithub } from '../report/github.ts';
import { formatJson } from '../report/json.ts';
import { cardinalityJson, formatCardinalityTable } from '../report/cardinality.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { formatSarif } from '../report/sarif.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { progress } from './progress.ts';
import { compileProject, type ProjectOptions } from './project.ts';
import { lintRulesFromDisk } from './lint-rules.ts';

export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning'] as const;

export interface LintOptions extends ProjectOptions {
  readonly format: Format;
  readonly failOn: Extract<Severity, 'error' | 'warning'>;
  /** `--rules`: lint these Prometheus rule files instead of the definitions. */
  readonly rules?: readonly string[];
  /** `--cardinality`: also print the series estimate (a table, or a `cardinality` key in JSON). */
  readonly cardinality?: boolean;
  /** `--prometheus URL`: the live Prometheus the online checks read, over the config's. */
  readonly prometheus?: string;
  /** `--alertmanager URL`: the live Alertmanager online/alertmanager-drift reads, over the config's. */
  readonly alertmanager?: string;
}

/** The definitions' diagnostics, with a progress line on a terminal for the pretty format. */
async function lintProject(io: CliIo, options: LintOptions) {
  const shown = progress(io, options.format === 'pretty');
  try {
    return (await compileProject(io, options, { emit: false, onStage: (stage) => shown.stage(stage), onlineUrls: { prometheus: options.prometheus, alertmanager: options.alertmanager } })).result;
  } finally {
    shown.done();
  }
}

/** `monc lint`: diagnostics only; the exit code follows --fail-on. */
export async function lintCommand(io: CliIo, options: LintOptions): Promise<number> {
  const result = options.rules
    ? await lintRulesFromDisk(io, options.rules)
    : await lintProject(io, options);
  const diagnostics = result.diagnostics;
  const cardinality = options.cardinality ? result.expanded.cardinality : undefined;
  switch (options.format) {
    case 'json':
      io.stdout.write(formatJson(diagnostics, cardinality && { cardinality: cardinalityJson(cardinality) }));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(diagnostics, CHECKS));
      break;
    case 'github':
      io.stdout.write(formatGithub(diagnostics));
      break;
    case 'pretty':
      io.stdout.write(diagnostics.length > 0 ? formatPretty(diagnostics, result.sources, useColor(io, io.stdout)) : `no problems (${summary(diagnostics)})\n`);
      if (cardinality) io.stdout.write(`\n${formatCardinalityTable(cardinality)}`);
      break;
  }
  const threshold = SEVERITY_RANK[options.failOn];
  return diagnostics.some((d) => SEVERITY_RANK[d.severity] >= threshold) ? EXIT.failed : EXIT.ok;
}
