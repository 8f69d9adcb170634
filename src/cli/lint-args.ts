/** The options of `monc lint`, from its arguments: shared by the command and the cached lint. */
import type { Severity } from '../diagnostic.ts';
import { oneOf, optionalString, parse, PROJECT_OPTIONS } from './args.ts';
import { UsageError, useColor, type CliIo } from './io.ts';
import type { ProjectOptions } from './project.ts';

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
  /** `--no-cache` sets it false: lint then runs afresh and leaves the cache as it is. */
  readonly cache?: boolean;
}

/** The arguments after `lint`; a UsageError says what is wrong with them. */
export function lintOptions(args: readonly string[]): LintOptions {
  const { values, positionals } = parse(
    args,
    { format: { type: 'string' }, 'fail-on': { type: 'string' }, ...PROJECT_OPTIONS, rules: { type: 'boolean' }, cardinality: { type: 'boolean' }, prometheus: { type: 'string' }, alertmanager: { type: 'string' }, 'no-cache': { type: 'boolean' } },
    true,
  );
  const format = oneOf('--format', values['format'] ?? 'pretty', FORMATS);
  const failOn = oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON);
  const rules = rulesOption(values['rules'] === true, positionals, values['definitions']);
  if (values['cardinality'] === true && values['rules'] === true) throw new UsageError('--cardinality needs definitions: rule files declare no metrics');
  const prometheus = values['prometheus'];
  const alertmanager = values['alertmanager'];
  for (const [flag, url] of [['--prometheus', prometheus], ['--alertmanager', alertmanager]] as const) {
    if (typeof url !== 'string') continue;
    if (values['rules'] === true) throw new UsageError(`${flag} needs definitions: the online checks compare the server with what they declare`);
    if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`${flag} ${url}: not an http:// or https:// URL`);
  }
  return {
    format,
    failOn,
    cardinality: values['cardinality'] === true,
    cache: values['no-cache'] !== true,
    ...optionalString('prometheus', prometheus),
    ...optionalString('alertmanager', alertmanager),
    ...optionalString('definitions', values['definitions']),
    ...optionalString('config', values['config']),
    ...rules,
  };
}

/**
 * The lint options for `--rules`: the positional arguments are the rule files. Files
 * without `--rules`, `--rules` without files, or with `--definitions`, are usage errors.
 */
function rulesOption(rules: boolean, files: readonly string[], definitions: unknown): { rules?: readonly string[] } {
  if (!rules) {
    if (files.length > 0) throw new UsageError(`unexpected argument "${files[0]}"; to lint rule files, write monc lint --rules ${files.join(' ')}`);
    return {};
  }
  if (files.length === 0) throw new UsageError('--rules needs at least one rule file: monc lint --rules rules/*.yml');
  if (definitions !== undefined) throw new UsageError('--rules lints rule files only; it takes no --definitions');
  return { rules: files };
}

/** The options that shape what lint prints, for the cache key. Only the pretty format has colours (and asks whether stdout is a terminal). */
export const outputOptions = (io: CliIo, options: LintOptions) => [options.format, options.failOn, options.format === 'pretty' && useColor(io, io.stdout) ? 'colour' : 'plain', String(options.cardinality === true)];
