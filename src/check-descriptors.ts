/**
 * Check identity, below every layer that reports problems: what a check is called, how bad its
 * findings are by default, at which stage it reports, whether suppression comments and the
 * config may change it, and where its docs page is. Loaders and io/ report typed load problems
 * with the ids below and never import a check; `toFinding` is the one adapter that gives them
 * a severity. Checks that run over the model carry their own descriptor in src/checks/.
 */
import type { Finding, RelatedSpan, Severity, Span } from './diagnostic.ts';

/**
 * load: a loader or io/ rejects input; settings: reported while suppressions and the config's
 * `checks` are applied; model: a check in src/checks/ that runs over the compiled definitions.
 */
export type CheckStage = 'load' | 'settings' | 'model';

/**
 * What a compile reads: monc's definitions (YAML and TS), or Prometheus rule files for
 * `monc lint --rules`. Checks name the families they understand.
 */
export type InputFamily = 'definitions' | 'rule-files';

export interface CheckDescriptor {
  /** `group/name`; the docs page is docs/checks/<group>/<name>.md. */
  readonly id: string;
  readonly summary: string;
  readonly defaultSeverity: Severity;
  readonly stage: CheckStage;
  /**
   * Whether suppression comments and the config's `checks` may silence it or change its
   * severity. Checks that reject input cannot be: monc cannot compile what they reject.
   */
  readonly suppressible: boolean;
  /** The docs page, relative to the package root. */
  readonly docs: string;
}

export function describeCheck(fields: Omit<CheckDescriptor, 'docs' | 'suppressible'> & { readonly suppressible?: boolean }): CheckDescriptor {
  return { ...fields, suppressible: fields.suppressible ?? true, docs: `docs/checks/${fields.id}.md` };
}

const load = (id: string, summary: string, defaultSeverity: Severity = 'error', suppressible = false) =>
  describeCheck({ id, summary, defaultSeverity, stage: 'load', suppressible });

/** The checks whose findings loaders, io/ and the settings step report. */
export const LOAD_CHECKS = {
  encoding: load('load/encoding', 'A definitions file is not UTF-8 text, or holds text that UTF-8 cannot encode.'),
  noDefinitions: load('load/no-definitions', 'The definitions folder holds no definitions.'),
  yaml: load('load/yaml', 'The file is not valid YAML.'),
  schema: load('load/schema', 'A definition does not match the definitions schema.'),
  tsTypeError: load('ts/type-error', 'A TypeScript definition does not type-check.'),
  tsLoadError: load('ts/load-error', 'A TypeScript definition fails to bundle or throws while it loads.'),
  configUnknownCheck: describeCheck({
    id: 'config/unknown-check',
    summary: 'A suppression comment or the config names a check that does not exist or cannot be changed.',
    defaultSeverity: 'error',
    stage: 'settings',
    suppressible: false,
  }),
  configUnusedSuppression: describeCheck({ id: 'config/unused-suppression', summary: 'A suppression comment suppresses nothing.', defaultSeverity: 'warning', stage: 'settings' }),
  // Prometheus rule files, as promtool's rulefmt checks them (src/load/formats/rule-files/).
  rulefmtStructure: load('rulefmt/structure', 'A rule file does not have the shape of a Prometheus rule file.', 'error', true),
  rulefmtUnknownField: load('rulefmt/unknown-field', 'A rule file has a field that Prometheus does not know.', 'error', true),
  rulefmtGroupName: load('rulefmt/group-name', 'A rule group has no name.', 'error', true),
  rulefmtDuplicateGroup: load('rulefmt/duplicate-group', 'Two rule groups in one file share a name.', 'error', true),
  rulefmtRecordOrAlert: load('rulefmt/record-or-alert', 'A rule sets both record and alert, or neither.', 'error', true),
  rulefmtMissingExpr: load('rulefmt/missing-expr', 'A rule has no expression.', 'error', true),
  rulefmtRecordName: load('rulefmt/record-name', "A recording rule's name is not a valid metric name.", 'error', true),
  rulefmtAlertName: load('rulefmt/alert-name', "An alerting rule's name is empty.", 'error', true),
  rulefmtRecordingRuleField: load('rulefmt/recording-rule-field', 'A recording rule sets for, keep_firing_for or annotations, which only alerts have.', 'error', true),
  rulefmtLabelName: load('rulefmt/label-name', "A rule's label name is not a valid Prometheus label name.", 'error', true),
  rulefmtAnnotationName: load('rulefmt/annotation-name', "An alert's annotation name is not a valid Prometheus label name.", 'error', true),
  rulefmtDuration: load('rulefmt/duration', 'A for, keep_firing_for or interval is not a Prometheus duration.', 'error', true),
  rulefmtDuplicateRule: load('rulefmt/duplicate-rule', 'Two rules in one file have the same name and labels.', 'warning', true),
  rulefmtLaterDocument: load('rulefmt/later-document', 'A rule file has groups after its first YAML document, which Prometheus never loads.', 'warning', true),
} as const satisfies Record<string, CheckDescriptor>;

export type LoadCheck = (typeof LOAD_CHECKS)[keyof typeof LOAD_CHECKS];

/** A problem a loader, io/ or the settings step found: a finding still without its severity. */
export interface LoadProblem {
  readonly check: LoadCheck['id'];
  readonly at: Span;
  readonly message: string;
  readonly related?: readonly RelatedSpan[];
}

export function loadProblem(check: LoadCheck, at: Span, message: string, related?: readonly RelatedSpan[]): LoadProblem {
  return related ? { check: check.id, at, message, related } : { check: check.id, at, message };
}

const LOAD_SEVERITY: ReadonlyMap<string, Severity> = new Map(Object.values(LOAD_CHECKS).map((d) => [d.id, d.defaultSeverity]));

/** The one adapter from load problems to findings: the descriptor gives the severity. */
export function toFinding(problem: LoadProblem): Finding {
  return { ...problem, severity: LOAD_SEVERITY.get(problem.check) ?? 'error' };
}
