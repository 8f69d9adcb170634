/**
 * `monc catalog --from-prometheus URL`: declares the metrics a live Prometheus has that the
 * definitions do not, from its metadata and series (src/io/observed-catalog.ts), in one new
 * file of the definitions folder, never over a file that exists. A server that is down, slow
 * or not a Prometheus is one line on stderr and exit 1.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { apiClient } from '../io/http-api.ts';
import { fetchObservedCatalog } from '../io/observed-catalog.ts';
import { toPosix } from '../io/sources.ts';
import { FreeFileNames, type DefinitionFormat } from '../import/free-names.ts';
import { writeTs } from '../import/write-ts.ts';
import { writeYaml } from '../import/write-yaml.ts';
import type { WrittenDefinition } from '../import/written-definition.ts';
import { TARGET_LABELS } from '../model/conventions.ts';
import type { ObservedMetric } from '../online/observed-catalog.ts';
import { schemasFolder } from './import.ts';
import { EXIT, type CliIo } from './io.ts';
import { compileFoundProject, findProject, type ProjectOptions } from './project.ts';

export interface CatalogOptions extends Pick<ProjectOptions, 'config'> {
  readonly fromPrometheus: string;
  /** --into DIR: where the file goes, and whose definitions count as declared (default: the definitions folder). */
  readonly into?: string | undefined;
  readonly format: DefinitionFormat;
  /** --match REGEX: only the metrics whose names it matches. */
  readonly match?: RegExp | undefined;
}

export async function catalogCommand(io: CliIo, options: CatalogOptions): Promise<number> {
  const project = await findProject(io, { definitions: options.into, config: options.config });
  const { result } = await compileFoundProject(io, project, { emit: false });
  const { catalog } = result.expanded;
  const url = options.fromPrometheus.replace(/\/+$/, '');
  const online = result.model.online;
  const api = apiClient({ url, server: online.prometheus, root: project.root, timeoutMs: online.timeoutMs, concurrency: online.concurrency });
  // `up` carries what the scrape adds to every series: job, instance and the jobs' relabelings.
  const up = catalog.get('up')?.labels;
  const targetLabels = new Set(up === undefined || up === 'unknown' ? TARGET_LABELS : [...up].filter((label) => label !== '__name__'));
  const time = Date.now();
  const observed = await fetchObservedCatalog(api, online.concurrency, { known: (series) => catalog.get(series) !== undefined, match: options.match }, { url, time, targetLabels });
  if (!observed.ok) {
    io.stderr.write(`monc: ${observed.failure.message}\n`);
    return EXIT.failed;
  }
  for (const note of observed.notes) io.stderr.write(`monc: ${note}\n`);
  const into = project.definitionsDir;
  const which = options.match ? ` matching ${options.match.source}` : '';
  if (observed.metrics.length === 0) {
    io.stderr.write(`monc: every metric on ${url}${which} is declared already: nothing written\n`);
    return EXIT.ok;
  }
  const file = new FreeFileNames(existsSync(into) ? await readdir(into) : [], options.format).file('observed-metrics');
  const text = metricsFile(observed.metrics, { url, time, format: options.format, schemaDir: toPosix(path.relative(into, schemasFolder(project.root))) });
  await mkdir(into, { recursive: true });
  // wx: should the file appear since the folder was listed, it is still not overwritten.
  await writeFile(path.join(into, file), text, { flag: 'wx' });
  const count = `${observed.metrics.length} metric${observed.metrics.length === 1 ? '' : 's'}`;
  io.stderr.write(`monc: wrote ${project.shown(path.join(into, file))} (${count} observed on ${url}${which})\n`);
  return EXIT.ok;
}

function metricsFile(metrics: readonly ObservedMetric[], context: { url: string; time: number; format: DefinitionFormat; schemaDir: string }): string {
  const comments = new Map<string, readonly string[]>();
  metrics.forEach(({ comments: own }, i) => {
    for (const [at, lines] of own) comments.set(at === '' ? `metrics.${i}` : `metrics.${i}.${at}`, lines);
  });
  const definition: WrittenDefinition = { kind: 'Metrics', spec: { metrics: metrics.map((metric) => metric.spec) }, comments };
  const header = [
    `Metrics observed on ${context.url} at ${new Date(context.time).toISOString()} that no definition declared,`,
    'written by monc catalog --from-prometheus. Types, help texts and units are the server\'s',
    'metadata; labels and their values are those of the series of the hour before. A value',
    'list holds only the values seen: add the others a label takes.',
  ];
  return context.format === 'ts' ? writeTs(definition, { header }) : writeYaml(definition, { schemaDir: context.schemaDir, header });
}
