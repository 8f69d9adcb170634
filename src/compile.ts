/**
 * The pure pipeline: load → model → expand → check → emit. Sources in, diagnostics and
 * artifacts out; file access and TS evaluation come in through `CompileInput` (see io/), so
 * this module never touches the disk. `monc lint --rules` is the same pipeline over the
 * rule-file format.
 */
import type { ConfigSpec } from './api/types.gen.ts';
import { applyCheckSettings } from './check-settings.ts';
import { LOAD_CHECKS, loadProblem, toFinding, type InputFamily, type LoadProblem } from './check-descriptors.ts';
import type { CheckContext, CheckSubject, Report } from './checks/check.ts';
import { MODEL_CHECKS } from './checks/registry.ts';
import { compareDiagnostics, compareText, type Diagnostic, type Finding, type Span } from './diagnostic.ts';
import type { Artifact } from './emit/artifact.ts';
import { manifestArtifact } from './emit/manifest.ts';
import { DEFAULT_TARGETS, TARGETS } from './emit/registry.ts';
import { expand, type Expanded } from './expand/expand.ts';
import type { ParseCache } from './promql/parsed-expressions.ts';
import { loadConfig } from './load/config.ts';
import { loadValidators } from './load/schema-validation.ts';
import { combineLost } from './load/lost.ts';
import { decodeSource } from './load/decode.ts';
import type { InputFormat, LoadCache, LoadResult, TsEvaluator } from './load/formats/format.ts';
import { FORMATS } from './load/formats/registry.ts';
import type { RawDocument } from './load/raw.ts';
import type { SourceText } from './load/source-text.ts';
import { sourceOffsetOfValueIndex } from './load/value-offsets.ts';
import { buildModel } from './model/build-model.ts';
import type { Model } from './model/model.ts';
import type { Origin } from './model/origin.ts';
import { DEFAULT_PROMETHEUS, resolveSettings } from './model/settings.ts';
import { snapshotRequest, type OnlineSnapshot, type OnlineUrls, type SnapshotRequest } from './online/snapshot.ts';
import { closest } from './suggest.ts';
import { writesKubernetes } from './checks/k8s-helpers.ts';
import { appendTo } from './collections.ts';

export type { TsEvaluation, TsEvaluator } from './load/formats/format.ts';

/** Kept by a long-running caller across compiles; compile() reads and fills it. */
export interface CompileCache {
  readonly loads: LoadCache;
  readonly parsed: ParseCache;
}

export function newCompileCache(): CompileCache {
  return { loads: new Map(), parsed: { parsed: new Map(), typed: new Map() } };
}

export interface SourceInput {
  /** Posix path relative to the working directory. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface CompileInput {
  /** What the sources are: monc definitions (default), or Prometheus rule files to lint. */
  readonly family?: InputFamily;
  /** The definitions folder, for the diagnostic when it is empty. */
  readonly definitionsDir: string;
  readonly sources: readonly SourceInput[];
  /** monc.config.yaml, if the project has one. */
  readonly config?: SourceInput | undefined;
  /** Runs TS definitions; io/'s typeScriptEvaluator. Not needed for YAML or rule files. */
  readonly evaluateTs?: TsEvaluator | undefined;
  /** What earlier compiles loaded and parsed (monc build --watch): unchanged files and expressions are not read again. */
  readonly cache?: CompileCache | undefined;
  /** False: diagnostics only (monc lint), no artifacts. Default true. */
  readonly emit?: boolean;
  /** Told what the compile is doing, for a progress line. */
  readonly onStage?: (stage: string) => void;
  /** Online mode (monc lint --prometheus): fetches what the online checks read; io/'s fetchSnapshot. */
  readonly online?: OnlineInput | undefined;
}

export interface OnlineInput {
  /** The command line's URLs, over the config's. */
  readonly urls: OnlineUrls;
  fetch(request: SnapshotRequest): Promise<OnlineSnapshot>;
}

export interface CompileResult {
  /** Sorted; resolved to lines and columns. */
  readonly diagnostics: readonly Diagnostic[];
  /** Empty when any diagnostic is an error: nothing half-right is ever written. */
  readonly artifacts: readonly Artifact[];
  /** Every text a diagnostic may point into, for code frames. */
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly model: Model;
  readonly expanded: Expanded;
}

export async function compile(input: CompileInput): Promise<CompileResult> {
  const family = input.family ?? 'definitions';
  const texts = new Map<string, SourceText>();
  const problems: LoadProblem[] = [];
  // Files that are not UTF-8 are not read: decoded leniently, their text is all that is known of them.
  const undecodable: string[] = [];
  const decode = (file: SourceInput): SourceText | undefined => {
    const { source, problem } = decodeSource(file.path, file.bytes);
    texts.set(file.path, source);
    if (problem) {
      problems.push(problem);
      undecodable.push(new TextDecoder('utf-8').decode(file.bytes));
    }
    return problem ? undefined : source;
  };

  // Definitions and the config are validated against their schemas; rule files are not.
  if (family === 'definitions' || input.config) await loadValidators();
  const configSource = input.config && decode(input.config);
  const { spec: config, origin: configOrigin } = loadConfig(configSource, problems);
  const targets = configuredTargets(config, configOrigin, problems);
  const sources = [...input.sources]
    .sort((a, b) => compareText(a.path, b.path))
    .map(decode)
    .filter((source): source is SourceText => source !== undefined);
  if (family === 'definitions' && input.sources.length === 0) {
    problems.push(loadProblem(LOAD_CHECKS.noDefinitions, { file: input.definitionsDir, start: 0, end: 0 }, `no definitions found in ${input.definitionsDir}/: add a *.ts or *.yaml file`));
  }

  const documents: RawDocument[] = [];
  const lost: NonNullable<LoadResult['lost']>[] = [{ texts: undecodable }];
  for (const [format, files] of byFormat(family, sources)) {
    input.onStage?.(`loading ${files.length} ${format.id} files`);
    const loaded = await format.load(files, { evaluateTs: input.evaluateTs, texts, cache: input.cache?.loads, prometheusVersion: config.prometheus?.version ?? DEFAULT_PROMETHEUS.version });
    documents.push(...loaded.documents);
    problems.push(...loaded.problems);
    if (loaded.lost) lost.push(loaded.lost);
  }

  input.onStage?.('checking');
  const model = buildModel(documents, resolveSettings(config, targets, configOrigin), combineLost(lost));
  const expanded = expand(model, input.cache?.parsed);
  const request = input.online && snapshotRequest(model, expanded, input.online.urls);
  if (request) input.onStage?.('reading the live servers');
  const online = request && (await input.online?.fetch(request));
  const kubernetes = writesKubernetes(model) ? (await import('./emit/kubernetes/emitter.ts')).kubernetesRendering : undefined;
  const findings: Finding[] = [...problems.map(toFinding), ...runChecks({ model, expanded, online, kubernetes }, texts, family)];

  // The checks were the trees' last readers; a long-running caller keeps them for its next compile.
  if (!input.cache) expanded.expressions.forget();
  const settled = applyCheckSettings(findings, { sources, settings: config.checks, configSource });
  const diagnostics = settled.map((finding) => resolve(finding, texts)).sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const emit = input.emit ?? true;
  if (emit && !failed) input.onStage?.('generating files');
  const artifacts = failed || !emit || family !== 'definitions' ? [] : withManifest(await emitTargets(model, expanded));
  return { diagnostics, artifacts, sources: texts, model, expanded };
}

/** The artifacts of every target the model writes, in registry order; each emitter is loaded now. */
async function emitTargets(model: Model, expanded: Expanded): Promise<Artifact[]> {
  const emitters = await Promise.all(TARGETS.filter((t) => model.targets.includes(t.id)).map((t) => t.load()));
  return emitters.flatMap((emitter) => emitter.emit(model, expanded));
}

/** The sources of each format of the family, in registry order; a file goes to the first format that detects it. */
function byFormat(family: InputFamily, sources: readonly SourceText[]): Map<InputFormat, SourceText[]> {
  const formats = FORMATS.filter((f) => f.family === family);
  const groups = new Map<InputFormat, SourceText[]>();
  for (const source of sources) {
    const format = formats.find((f) => f.detect(source));
    if (format) appendTo(groups, format, source);
  }
  return new Map(formats.flatMap((f) => (groups.has(f) ? [[f, groups.get(f) ?? []] as const] : [])));
}

/** The config's `targets`, each a registered target; an unknown one is reported and left out. */
function configuredTargets(config: ConfigSpec, origin: Origin | undefined, problems: LoadProblem[]): readonly string[] {
  if (!config.targets) return DEFAULT_TARGETS;
  const known = TARGETS.map((t) => t.id);
  return config.targets.filter((id, i) => {
    if (known.includes(id)) return true;
    const guess = closest(id, known);
    const at = origin?.at('targets', i) ?? { file: 'monc.config.yaml', start: 0, end: 0 };
    problems.push(loadProblem(LOAD_CHECKS.schema, at, `targets.${i}: unknown target "${id}"${guess ? `; did you mean "${guess}"?` : ''} (targets: ${known.join(', ')})`));
    return false;
  });
}

/** Runs every model check that understands the input family. */
function runChecks(subject: CheckSubject, texts: ReadonlyMap<string, SourceText>, family: InputFamily): Finding[] {
  const findings: Finding[] = [];
  for (const check of MODEL_CHECKS.filter((c) => c.inputs.includes(family))) {
    const ctx: CheckContext = {
      report: ({ at, message, related }: Report) => findings.push({ check: check.id, severity: check.defaultSeverity, message, at, ...(related && { related }) }),
      spanInExpr(expr, from, to) {
        const at = expr.origin.at();
        const raw = texts.get(at.file)?.text.slice(at.start, at.end) ?? '';
        const start = at.start + sourceOffsetOfValueIndex(raw, expr.text, from);
        const end = at.start + sourceOffsetOfValueIndex(raw, expr.text, Math.max(to, from + 1));
        return { file: at.file, start, end: Math.max(end, start) };
      },
    };
    check.run(subject, ctx);
  }
  return findings;
}

/** A finding with its offsets turned into 1-based lines and columns. */
export function resolve(finding: Finding, texts: ReadonlyMap<string, SourceText>): Diagnostic {
  const position = (span: Span, offset: number) => texts.get(span.file)?.position(offset) ?? { line: 1, column: 1 };
  const start = position(finding.at, finding.at.start);
  const end = position(finding.at, finding.at.end);
  const diagnostic: Diagnostic = {
    file: finding.at.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    check: finding.check,
    severity: finding.severity,
    message: finding.message,
  };
  if (!finding.related) return diagnostic;
  return {
    ...diagnostic,
    related: finding.related.map((r) => ({ file: r.at.file, ...position(r.at, r.at.start), message: r.message })),
  };
}

function withManifest(artifacts: readonly Artifact[]): Artifact[] {
  const sorted = [...artifacts].sort((a, b) => compareText(a.path, b.path));
  return [...sorted, manifestArtifact(sorted)];
}
