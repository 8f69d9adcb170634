/**
 * The step between finding problems and reporting them: suppression comments in the
 * definitions drop the findings they cover, and monc.config.yaml's `checks` turns a check
 * off or gives its findings another severity. Pure: findings and texts in, findings out.
 *
 * Checks that are not suppressible (they reject input: load/*, ts/*, promql/syntax, and
 * config/unknown-check itself) stay as they are: what they reject cannot be compiled, so they
 * can be neither suppressed nor configured, and naming one is a config/unknown-check error.
 */
import { LOAD_CHECKS, loadProblem, toFinding } from './check-descriptors.ts';
import { CHECKS, findCheck } from './checks/registry.ts';
import type { Finding, Severity, Span } from './diagnostic.ts';
import type { SourceText } from './load/source-text.ts';
import { scanSuppressions, type NamedCheck, type Suppression } from './load/suppression-comments.ts';
import { readYamlDocument, yamlLocator } from './load/yaml.ts';
import { closest } from './suggest.ts';

export type CheckSetting = Severity | 'off';

export interface CheckSettingsInput {
  /** The definitions files; suppression comments in them apply to findings in them. */
  readonly sources: readonly SourceText[];
  /** monc.config.yaml's `checks`, already valid against the config schema. */
  readonly settings?: Readonly<Record<string, CheckSetting>> | undefined;
  /** The config file, to point at a key that names an unknown check. */
  readonly configSource?: SourceText | undefined;
}

/** Whether a check's findings stay as they are, whatever comments and config say. */
export function isFixedCheck(id: string): boolean {
  return findCheck(id)?.suppressible === false;
}

export function applyCheckSettings(findings: readonly Finding[], input: CheckSettingsInput): Finding[] {
  const problems: Finding[] = [];
  const settings = validSettings(input, problems);

  const byFile = new Map<string, { source: SourceText; suppressions: Suppression[] }>();
  for (const source of input.sources) {
    const scan = scanSuppressions(source);
    for (const malformed of scan.malformed) problems.push(toFinding(loadProblem(LOAD_CHECKS.configUnknownCheck, malformed.at, malformed.message)));
    const suppressions = scan.suppressions.map((suppression) => ({
      ...suppression,
      ids: suppression.ids.filter((named) => {
        const problem = idProblem(named.id, 'suppressed');
        if (problem) problems.push(toFinding(loadProblem(LOAD_CHECKS.configUnknownCheck, named.at, problem)));
        return !problem;
      }),
    }));
    if (suppressions.length > 0) byFile.set(source.file, { source, suppressions });
  }

  const used = new Set<NamedCheck>();
  const kept = findings.filter((finding) => {
    const file = byFile.get(finding.at.file);
    if (!file || isFixedCheck(finding.check)) return true;
    const line = file.source.position(finding.at.start).line;
    let suppressed = false;
    for (const { lines, ids } of file.suppressions) {
      if (!lines || line < lines.first || line > lines.last) continue;
      for (const named of ids) {
        if (named.id !== finding.check) continue;
        used.add(named);
        suppressed = true;
      }
    }
    return !suppressed;
  });

  const unchecked = filesNotFullyChecked(findings);
  for (const [file, { suppressions }] of byFile) {
    if (unchecked(file)) continue;
    for (const { lines, ids } of suppressions) {
      for (const named of ids.filter((n) => !used.has(n))) problems.push(toFinding(loadProblem(LOAD_CHECKS.configUnusedSuppression, named.at, unusedMessage(named.id, lines))));
    }
  }

  return [...kept, ...problems].flatMap((finding) => {
    const setting = settings.get(finding.check);
    if (setting === undefined || setting === finding.severity) return [finding];
    return setting === 'off' ? [] : [{ ...finding, severity: setting }];
  });
}

/** The config's settings for real, changeable checks; the others become findings. */
function validSettings(input: CheckSettingsInput, problems: Finding[]): Map<string, CheckSetting> {
  const valid = new Map<string, CheckSetting>();
  const entries = Object.entries(input.settings ?? {});
  if (entries.length === 0) return valid;
  const config = input.configSource;
  const locate = config ? yamlLocator(config.file, readYamlDocument(config.text)) : undefined;
  for (const [id, setting] of entries) {
    const problem = idProblem(id, 'configured');
    if (!problem) valid.set(id, setting);
    else {
      const at: Span = locate?.(['checks', id], true) ?? { file: config?.file ?? 'monc.config.yaml', start: 0, end: 0 };
      problems.push(toFinding(loadProblem(LOAD_CHECKS.configUnknownCheck, at, problem)));
    }
  }
  return valid;
}

function idProblem(id: string, what: 'suppressed' | 'configured'): string | undefined {
  if (!findCheck(id)) {
    const suggestion = closestCheck(id);
    return `unknown check "${id}"${suggestion ? `; did you mean "${suggestion}"?` : `; "monc explain ${id}" lists the checks`}`;
  }
  if (isFixedCheck(id)) return `"${id}" cannot be ${what}: monc cannot compile what it rejects, so fix the problem instead`;
  return undefined;
}

/**
 * Files whose checks may not all have run: a file with a load, ts or promql/syntax finding is
 * partly unloaded, and one TS file that fails to load unloads them all. A suppression there
 * may look unused only because its check never saw the line.
 */
function filesNotFullyChecked(findings: readonly Finding[]): (file: string) => boolean {
  const files = new Set(findings.filter((f) => isFixedCheck(f.check)).map((f) => f.at.file));
  const tsUnloaded = findings.some((f) => f.check === LOAD_CHECKS.tsLoadError.id);
  return (file) => files.has(file) || (tsUnloaded && file.endsWith('.ts'));
}

function unusedMessage(id: string, lines: Suppression['lines']): string {
  if (!lines) return `no line follows, so "${id}" suppresses nothing here; remove it`;
  const where = lines.first === lines.last ? `line ${lines.first}` : `lines ${lines.first}-${lines.last}`;
  return `"${id}" reports nothing on ${where}, so this suppression is not needed; remove it`;
}

/** The id meant by a typo, or by a check name written without its group. */
function closestCheck(id: string): string | undefined {
  const ids = CHECKS.map((check) => check.id).filter((candidate) => !isFixedCheck(candidate));
  const sameName = ids.filter((candidate) => candidate.endsWith(`/${id}`));
  if (sameName.length === 1) return sameName[0];
  return closest(id, ids, Math.max(2, Math.floor(id.length / 4)));
}
