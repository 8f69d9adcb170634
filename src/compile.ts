/**
 * The pure pipeline: sources in, diagnostics and artifacts out. File access and TS evaluation
 * come in through `CompileInput` (see io/), so this module never touches the disk.
 */
import { ConfigSchema } from './api/schema.ts';
import type { ConfigSpec } from './api/types.gen.ts';
import type { Registration } from './api/registry.ts';
import { applyCheckSettings } from './checks/check-settings.ts';
import { CHECKS } from './checks/registry.ts';
import { isModelCheck, loadFinding, type CheckInput, type Report } from './checks/check.ts';
import { loadNoDefinitions } from './checks/load-no-definitions.ts';
import { loadYaml } from './checks/load-yaml.ts';
import { tsTypeError } from './checks/ts-type-error.ts';
import { compareDiagnostics, compareText, type Diagnostic, type Finding, type Span } from './diagnostic.ts';
import type { Artifact } from './emit/artifact.ts';
import { manifestArtifact } from './emit/manifest.ts';
import { EMITTERS } from './emit/registry.ts';
import { decodeSource } from './load/decode.ts';
import { createOrigin, type RawDocument } from './load/origin.ts';
import { validateAgainstSchema } from './load/schema-validation.ts';
import { SourceText } from './load/source-text.ts';
import { sourceOffsetOfValueIndex } from './load/value-offsets.ts';
import { firstSyntaxError, loadYamlDefinitions, toJs, yamlLocator } from './load/yaml-loader.ts';
import { buildModel, resolveCardinalitySettings, resolveGrafanaSettings, resolvePrometheusSettings } from './model/build-model.ts';
import type { Model } from './model/model.ts';
import { parseDocument } from 'yaml';

export interface SourceInput {
  /** Posix path relative to the working directory. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface TsEvaluation {
  /** Registrations whose call sites are relative to the working directory. */
  readonly registrations: readonly Registration[];
  /** ts/type-error and ts/load-error findings. */
  readonly findings: readonly Finding[];
}

export type TsEvaluator = (files: readonly SourceText[]) => Promise<TsEvaluation>;

export interface CompileInput {
  /** The definitions folder, for the diagnostic when it is empty. */
  readonly definitionsDir: string;
  readonly sources: readonly SourceInput[];
  /** monc.config.yaml, if the project has one. */
  readonly config?: SourceInput | undefined;
  readonly evaluateTs: TsEvaluator;
}

export interface CompileResult {
  /** Sorted; resolved to lines and columns. */
  readonly diagnostics: readonly Diagnostic[];
  /** Empty when any diagnostic is an error: nothing half-right is ever written. */
  readonly artifacts: readonly Artifact[];
  /** Every text a diagnostic may point into, for code frames. */
  readonly sources: ReadonlyMap<string, SourceText>;
  readonly model: Model;
}

export async function compile(input: CompileInput): Promise<CompileResult> {
  const texts = new Map<string, SourceText>();
  const findings: Finding[] = [];
  const decode = (file: SourceInput): SourceText | undefined => {
    const { source, finding } = decodeSource(file.path, file.bytes);
    texts.set(file.path, source);
    if (finding) findings.push(finding);
    return finding ? undefined : source;
  };

  const config = input.config ? loadConfig(decode(input.config), findings) : {};
  const sources = [...input.sources]
    .sort((a, b) => compareText(a.path, b.path))
    .map(decode)
    .filter((source): source is SourceText => source !== undefined);
  if (input.sources.length === 0) {
    findings.push(
      loadFinding(loadNoDefinitions, { file: input.definitionsDir, start: 0, end: 0 }, `no definitions found in ${input.definitionsDir}/: add a *.ts or *.yaml file`),
    );
  }

  const documents: RawDocument[] = [];
  for (const source of sources.filter((s) => !isTypeScript(s.file))) {
    const loaded = loadYamlDefinitions(source);
    documents.push(...loaded.documents);
    findings.push(...loaded.findings);
  }
  const tsSources = sources.filter((s) => isTypeScript(s.file));
  if (tsSources.length > 0) {
    const evaluation = await input.evaluateTs(tsSources);
    const { loadTsRegistrations } = await import('./load/ts-loader.ts');
    const loaded = loadTsRegistrations(sortBySite(evaluation.registrations), texts);
    documents.push(...loaded.documents);
    findings.push(...evaluation.findings, ...withoutEchoesOfTypeErrors(loaded.findings, evaluation.findings));
  }

  const model = buildModel(documents, resolvePrometheusSettings(config), resolveCardinalitySettings(config), resolveGrafanaSettings(config), config.runbooks?.url.replace(/\/+$/, ''));
  findings.push(...runChecks(model, texts, 'definitions'));

  const configSource = input.config && texts.get(input.config.path);
  const settled = applyCheckSettings(findings, { sources, settings: config.checks, configSource });
  const diagnostics = settled.map((finding) => resolve(finding, texts)).sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const artifacts = failed ? [] : withManifest(EMITTERS.flatMap((emitter) => emitter.emit(model)));
  return { diagnostics, artifacts, sources: texts, model };
}

function isTypeScript(file: string): boolean {
  return file.endsWith('.ts');
}

function loadConfig(source: SourceText | undefined, findings: Finding[]): ConfigSpec {
  if (!source) return {};
  const doc = parseDocument(source.text, { uniqueKeys: true, prettyErrors: false });
  const syntaxError = firstSyntaxError(source.file, doc);
  if (syntaxError) {
    findings.push(syntaxError);
    return {};
  }
  const value = toJs(doc) ?? {};
  if (value instanceof Error) {
    findings.push(loadFinding(loadYaml, { file: source.file, start: 0, end: 0 }, value.message));
    return {};
  }
  const errors = validateAgainstSchema(ConfigSchema, value, createOrigin(source.file, yamlLocator(source.file, doc)));
  findings.push(...errors);
  return errors.length > 0 ? {} : (value as ConfigSpec);
}

/** Registrations in source order, whatever order the modules were evaluated in. */
function sortBySite(registrations: readonly Registration[]): Registration[] {
  return [...registrations].sort(
    (a, b) => compareText(a.site?.file ?? '', b.site?.file ?? '') || (a.site?.line ?? 0) - (b.site?.line ?? 0) || (a.site?.column ?? 0) - (b.site?.column ?? 0),
  );
}

/** A file with type errors already says what is wrong; its schema errors would say it twice. */
function withoutEchoesOfTypeErrors(schemaFindings: readonly Finding[], tsFindings: readonly Finding[]): Finding[] {
  const filesWithTypeErrors = new Set(tsFindings.filter((f) => f.check === tsTypeError.id).map((f) => f.at.file));
  return schemaFindings.filter((f) => !filesWithTypeErrors.has(f.at.file));
}

/** Runs every check that understands `input` over the model. */
export function runChecks(model: Model, texts: ReadonlyMap<string, SourceText>, input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  for (const check of CHECKS.filter(isModelCheck).filter((c) => c.inputs.includes(input))) {
    const report = ({ at, message, related }: Report) =>
      findings.push({ check: check.id, severity: check.defaultSeverity, message, at, ...(related && { related }) });
    check.run(model, {
      report,
      spanInExpr(expr, from, to) {
        const at = expr.origin.at();
        const raw = texts.get(at.file)?.text.slice(at.start, at.end) ?? '';
        const start = at.start + sourceOffsetOfValueIndex(raw, expr.text, from);
        const end = at.start + sourceOffsetOfValueIndex(raw, expr.text, Math.max(to, from + 1));
        return { file: at.file, start, end: Math.max(end, start) };
      },
    });
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
