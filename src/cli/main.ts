/** `run(argv, io)`: parse the command line, dispatch, return the exit code. */
import { parseArgs } from 'node:util';
import { asksForHelp, oneOf, optionalString, parse, PROJECT_OPTIONS } from './args.ts';
import { describeSystemError } from './system-error.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';
import { lintCommand } from './lint.ts';
import { FORMATS, lintOptions } from './lint-args.ts';
import { moncVersion } from './version.ts';
import { IMPORT_KINDS } from '../import/kinds.ts';

export const USAGE = `Usage: monc <command> [options]

Commands:
  init [--force] [DIR]     scaffold a monitoring repo in DIR (default: the current folder):
                           package.json, tsconfig.json, monc.config.yaml, an example
                           definition, a CI workflow; --force overwrites existing ones
  build [--check]          compile definitions/ into out/; --check writes nothing and
                           exits 1 if out/ is stale, missing files, or has extra ones
  build --watch            build, then rebuild on every change to the definitions or the
                           config, one line per rebuild, until Ctrl-C
  lint [--format F] [--fail-on S] [--cardinality] [--no-cache]
                           print diagnostics; F: pretty (default), json, sarif, github;
                           exit 1 when a diagnostic is at or above S (error, warning);
                           --cardinality adds the series estimate (a table, or JSON);
                           YAML definitions linted before print the last run from a cache
  lint --prometheus URL    also run the online checks (online/*) against a live
                           Prometheus: read-only API calls with a time limit
  lint --alertmanager URL  also compare the running Alertmanager's configuration
                           with the generated one (online/alertmanager-drift)
  lint --rules FILE|DIR... [--format F] [--fail-on S] [--no-cache]
                           lint existing Prometheus rule files (groups: files or
                           PrometheusRule objects; a folder: its .yml and .yaml files)
                           instead of the definitions, as the project's monc.config.yaml
                           (prometheus.version, checks) has them read; the same files and
                           options again print the last run from a cache
  import KIND FILE... [--into DIR] [--service-per file|group] [--team TEAM] [--report F]
         [--format yaml|ts]
                           turn existing monitoring files into definitions in DIR (default:
                           the definitions folder), YAML (default) or TypeScript files;
                           KIND: ${IMPORT_KINDS.join(', ')} (auto: per document). Never
                           overwrites a file (a taken name gets -2, -3, …); prints the files
                           it wrote, and its findings (losses, guesses) at the source's
                           lines in F: pretty (default), json, sarif, github; one service
                           per file (default) or per rule group; exit 1 when nothing was
                           written
  catalog --from-prometheus URL [--into DIR] [--format yaml|ts] [--match REGEX]
                           declare the metrics a live Prometheus has that the definitions
                           do not (type, help, unit from its metadata; labels and values
                           from its series) in a new file of DIR (default: the definitions
                           folder), never over a file; REGEX keeps the names it matches
  test                     prove out/ with promtool and amtool: check the rules and
                           configs, run every promtool test, route every alert
  explain CHECK-ID         show the documentation of a check

Options:
  --config FILE            the config, whose folder is the project (default: the nearest
                           monc.config.yaml in this folder or above)
  --definitions DIR        definitions folder (default: definitions, or monc.config.yaml)
  --out DIR                output folder for build (default: out)
  -h, --help               show this help
  -v, --version            print monc's version
`;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`monc: ${error.message}; see monc --help\n`);
      return EXIT.usage;
    }
    const systemError = describeSystemError(error, io.cwd);
    if (systemError === undefined) throw error;
    io.stderr.write(`monc: ${systemError}\n`);
    return EXIT.failed;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-v' || command === '--version' || command === 'version') {
    io.stdout.write(`monc ${moncVersion()}\n`);
    return EXIT.ok;
  }
  if (asksForHelp(argv)) {
    io.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  switch (command) {
    case 'build': {
      const { values } = parse(rest, { check: { type: 'boolean' }, watch: { type: 'boolean' }, ...PROJECT_OPTIONS, out: { type: 'string' } });
      // Each command's modules load when it runs: a lint never loads the importers or the emitters' extras.
      const [{ buildCommand }, { watchCommand }] = await Promise.all([import('./build.ts'), import('./watch.ts')]);
      if (values['watch'] === true) {
        if (values['check'] === true) throw new UsageError('--watch and --check do not go together: --watch writes out/ on every change');
        return watchCommand(io, { ...optionalString('definitions', values['definitions']), ...optionalString('config', values['config']), ...optionalString('out', values['out']) });
      }
      return buildCommand(io, {
        check: values['check'] === true,
        ...optionalString('definitions', values['definitions']),
        ...optionalString('config', values['config']),
        ...optionalString('out', values['out']),
      });
    }
    case 'lint':
      return lintCommand(io, lintOptions(rest));
    case 'init': {
      const { values, positionals } = parse(rest, { force: { type: 'boolean' } }, true);
      if (positionals.length > 1) throw new UsageError(`init takes one folder, not ${positionals.length}`);
      const { initCommand } = await import('./init.ts');
      return initCommand(io, { force: values['force'] === true, ...optionalString('dir', positionals[0]) });
    }
    case 'import': {
      const { values, positionals } = parse(
        rest,
        { into: { type: 'string' }, format: { type: 'string' }, 'service-per': { type: 'string' }, team: { type: 'string' }, report: { type: 'string' }, config: { type: 'string' } },
        true,
      );
      const [kind, ...files] = positionals;
      const { importCommand, IMPORT_FORMATS, SERVICE_PER } = await import('./import.ts');
      if (kind === undefined) throw new UsageError(`import needs a kind and files: monc import rules rules/*.yml (kinds: ${IMPORT_KINDS.join(', ')})`);
      oneOf('import kind', kind, IMPORT_KINDS);
      if (files.length === 0) throw new UsageError(`import ${kind} needs at least one file: monc import ${kind} rules/*.yml`);
      if (typeof values['team'] === 'string' && values['team'] === '') throw new UsageError('--team needs a team name');
      return importCommand(io, {
        kind,
        files,
        servicePer: oneOf('--service-per', values['service-per'] ?? 'file', SERVICE_PER),
        format: oneOf('--format', values['format'] ?? 'yaml', IMPORT_FORMATS),
        report: oneOf('--report', values['report'] ?? 'pretty', FORMATS),
        ...optionalString('into', values['into']),
        ...optionalString('team', values['team']),
        ...optionalString('config', values['config']),
      });
    }
    case 'catalog': {
      const { values, positionals } = parse(rest, { 'from-prometheus': { type: 'string' }, into: { type: 'string' }, format: { type: 'string' }, match: { type: 'string' }, config: { type: 'string' } }, true);
      if (positionals.length > 0) throw new UsageError(`catalog takes no arguments, only options: ${positionals[0]}`);
      const from = values['from-prometheus'];
      if (typeof from !== 'string') throw new UsageError('catalog needs a server: monc catalog --from-prometheus http://localhost:9090');
      if (!/^https?:\/\/[^/]/.test(from)) throw new UsageError(`--from-prometheus ${from}: not an http:// or https:// URL`);
      const [{ catalogCommand }, { IMPORT_FORMATS }] = await Promise.all([import('./catalog.ts'), import('./import.ts')]);
      return catalogCommand(io, {
        fromPrometheus: from,
        format: oneOf('--format', values['format'] ?? 'yaml', IMPORT_FORMATS),
        ...(typeof values['match'] === 'string' && { match: regexOption(values['match']) }),
        ...optionalString('into', values['into']),
        ...optionalString('config', values['config']),
      });
    }
    case 'test': {
      const { values } = parse(rest, { ...PROJECT_OPTIONS, out: { type: 'string' } });
      const { testCommand } = await import('./test.ts');
      return testCommand(io, { ...optionalString('definitions', values['definitions']), ...optionalString('config', values['config']), ...optionalString('out', values['out']) });
    }
    case 'explain': {
      const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: {} });
      const { explainCommand } = await import('./explain.ts');
      return explainCommand(io, positionals[0]);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function regexOption(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new UsageError(`--match ${text}: ${(error as Error).message}`);
  }
}
