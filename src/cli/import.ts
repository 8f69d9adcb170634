/**
 * `monc import <kind> FILE...`: reads the files, runs the pure import (src/import/) and writes
 * what it returns into the definitions folder, never over a file that exists. The findings go
 * to stdout in lint's formats (--report), the files written to stderr.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKS } from '../checks/registry.ts';
import { compareDiagnostics, type Finding } from '../diagnostic.ts';
import { resolve } from '../compile.ts';
import { decodeSource } from '../load/decode.ts';
import type { SourceText } from '../load/source-text.ts';
import { toFinding } from '../check-descriptors.ts';
import { globFiles } from '../io/glob.ts';
import { toPosix } from '../io/sources.ts';
import { IMPORT_CHECKS, importFinding } from '../import/findings.ts';
import type { ServicePer } from '../import/importer.ts';
import { recordingKey, runImport, type ExistingDefinitions, type ImportFormat } from '../import/import.ts';
import { formatGithub } from '../report/github.ts';
import { formatJson } from '../report/json.ts';
import { formatPretty } from '../report/pretty.ts';
import { formatSarif } from '../report/sarif.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import type { Format } from './lint-args.ts';
import { compileFoundProject, findProject, type ProjectOptions } from './project.ts';

export const IMPORT_FORMATS = ['yaml', 'ts'] as const satisfies readonly ImportFormat[];
export const SERVICE_PER = ['file', 'group'] as const;

export interface ImportOptions extends Pick<ProjectOptions, 'config'> {
  readonly kind: string;
  readonly files: readonly string[];
  /** --into DIR: where the definitions go (default: the project's definitions folder). */
  readonly into?: string | undefined;
  readonly servicePer: ServicePer;
  readonly team?: string | undefined;
  /** --format: the definitions as YAML or TypeScript. */
  readonly format: ImportFormat;
  /** --report: the format of the findings, as lint's --format. */
  readonly report: Format;
}

export async function importCommand(io: CliIo, options: ImportOptions): Promise<number> {
  const project = await findProject(io, { definitions: options.into, config: options.config });
  const into = project.definitionsDir;
  const { sources, findings: unreadable } = await readSources(io, options.files);
  const existing = await existingDefinitions(io, project);
  const output = runImport({
    kind: options.kind,
    sources,
    servicePer: options.servicePer,
    team: options.team,
    existing,
    into: project.shown(into),
    taken: new Set(existsSync(into) ? await readdir(into) : []),
    format: options.format,
    schemaDir: toPosix(path.relative(into, schemasFolder(project.root))),
    files: (pattern, source) =>
      globFiles(pattern, path.dirname(path.resolve(io.cwd, source))).map((file) => ({ path: toPosix(path.relative(io.cwd, file)), content: readFileSync(file, 'utf8') })),
  });

  const written: string[] = [];
  if (output.files.length > 0) await mkdir(into, { recursive: true });
  for (const file of output.files) {
    // wx: should a file appear since the folder was listed, it is still not overwritten.
    await writeFile(path.resolve(io.cwd, file.path), file.text, { flag: 'wx' });
    written.push(file.path);
    io.stderr.write(`monc: wrote ${file.path} (${file.summary})\n`);
  }

  const texts = new Map(sources.map((source) => [source.file, source]));
  const diagnostics = [...unreadable, ...output.findings].map((finding) => resolve(finding, texts)).sort(compareDiagnostics);
  switch (options.report) {
    case 'json':
      io.stdout.write(formatJson(diagnostics, { written }));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(diagnostics, [...CHECKS, ...Object.values(IMPORT_CHECKS)]));
      break;
    case 'github':
      io.stdout.write(formatGithub(diagnostics));
      break;
    case 'pretty':
      io.stdout.write(formatPretty(diagnostics, texts, useColor(io, io.stdout)));
      break;
  }
  if (written.length === 0) {
    io.stderr.write('monc: nothing was imported\n');
    return EXIT.failed;
  }
  io.stderr.write(`monc: imported into ${project.shown(into)}/; run monc lint to see what to confirm\n`);
  return EXIT.ok;
}

/** The files as texts; one that cannot be read or decoded is a finding at its first line. */
async function readSources(io: CliIo, files: readonly string[]): Promise<{ sources: SourceText[]; findings: Finding[] }> {
  const sources: SourceText[] = [];
  const findings: Finding[] = [];
  for (const file of [...new Set(files)]) {
    const absolute = path.resolve(io.cwd, file);
    const shown = toPosix(path.relative(io.cwd, absolute)) || file;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder; name the files in it' : (error as Error).message;
      findings.push(importFinding(IMPORT_CHECKS.unreadable, { file: shown, start: 0, end: 0 }, `cannot read ${shown}: ${reason}`));
      continue;
    }
    const { source, problem } = decodeSource(shown, bytes);
    if (problem) findings.push(toFinding(problem));
    else sources.push(source);
  }
  return { sources, findings };
}

/** What the definitions folder already declares: its services, alerts, series (with the built-in ones), routing and dashboards. */
async function existingDefinitions(io: CliIo, project: Awaited<ReturnType<typeof findProject>>): Promise<ExistingDefinitions> {
  const { result } = await compileFoundProject(io, project, { emit: false });
  return {
    services: new Set(result.model.services.map((service) => service.name)),
    alerts: new Set(result.model.alerts.map((alert) => alert.name)),
    recordings: new Set(result.model.recordingRules.map((rule) => recordingKey(rule.record, rule.labels))),
    known: (series) => result.expanded.catalog.get(series),
    routing: result.model.routing?.origin.file,
    retention: result.model.prometheus.retention,
    features: result.model.prometheus.features,
    dashboards: new Set(result.model.dashboards.map((dashboard) => dashboard.id)),
  };
}

/** The JSON Schemas for the modeline: the installed package's, or the repository's own. */
export function schemasFolder(root: string): string {
  const installed = path.join(root, 'node_modules/monc-compiler/schemas');
  const own = path.join(root, 'schemas');
  return !existsSync(installed) && existsSync(path.join(own, 'service.schema.json')) ? own : installed;
}
