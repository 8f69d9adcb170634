/**
 * The validated model: what the definitions mean, independent of YAML or TS. Every node keeps
 * its Origin so checks can point back into the user's file. Collections keep every
 * declaration, duplicates included (model/duplicate reports them); the by-name indexes hold
 * the first declaration.
 */
import type { LabelMatcher } from '../routing/matchers.ts';
import type { Sli } from '../slo/sli/registry.ts';
import type { Origin, PathSegment } from './origin.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';

/** A PromQL expression as written, with the origin of the string that holds it. */
export interface PromqlText {
  readonly text: string;
  readonly origin: Origin;
}

export interface Label {
  readonly name: string;
  readonly description: string | undefined;
  readonly values: readonly string[] | undefined;
  readonly maxValues: number | undefined;
  readonly pattern: string | undefined;
}

export interface Metric {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string | undefined;
  readonly labels: readonly Label[];
  readonly buckets: readonly number[] | undefined;
  /** Exposed as a native histogram (the bare name); with buckets too, both ways. */
  readonly native: boolean;
  /** The third-party exporter whose naming this is; undefined for the team's own metrics. */
  readonly exporter: string | undefined;
  /** The service exposing it; undefined for shared catalog metrics. */
  readonly service: string | undefined;
  readonly origin: Origin;
}

export interface Alert {
  readonly name: string;
  readonly service: string;
  readonly expr: PromqlText;
  readonly for: string | undefined;
  readonly keepFiringFor: string | undefined;
  readonly severity: string | undefined;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly runbook: string | undefined;
  /** The runbook page's Markdown, published under out/docs/runbooks/. */
  readonly runbookText: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The id of the dashboard its dashboard_url opens. */
  readonly dashboard: string | undefined;
  readonly origin: Origin;
}

export interface RecordingRule {
  readonly record: string;
  readonly service: string;
  readonly expr: PromqlText;
  readonly labels: Readonly<Record<string, string>>;
  /** For the docs. */
  readonly description?: string | undefined;
  readonly origin: Origin;
}

/**
 * A service level indicator as written: PromQL texts keep the user's own text (a selector, or
 * an expression with the {{window}} placeholder), so checks point into the definition. Each
 * kind's model is its module's (src/slo/sli/).
 */
export type { Sli };

export type TierSeverity = 'page' | 'ticket';

/** A multi-window burn-rate tier, resolved: it fires when the burn rate exceeds `factor` in both windows. */
export interface SloTier {
  readonly name: string;
  readonly severity: TierSeverity;
  /** Durations as written (5m, 1h); undefined when a new tier leaves one out (slo/tier reports it). */
  readonly longWindow: string | undefined;
  readonly shortWindow: string | undefined;
  /** The burn rate threshold. */
  readonly factor: number | undefined;
  /** The share of the whole window's budget that burns within the long window at `factor`. */
  readonly budgetPercent: number | undefined;
  /** Both budgetPercent and factor were written (slo/tier reports it). */
  readonly overdetermined: boolean;
  /** Written in the SLO's alerting.tiers (changed or added), not a default left as it is. */
  readonly written: boolean;
  /** The alert the tier fires: tiers with the same name, severity and `for` share one rule. */
  readonly alertName: string;
  /** Its severity label. */
  readonly alertSeverity: string;
  /** How long the condition must hold; undefined fires at once. */
  readonly for: string | undefined;
}

/** The alert that fires when the SLI has no data. */
export interface NoDataAlert {
  readonly name: string;
  readonly for: string;
  readonly severity: string;
}

export type CalendarPeriod = 'week' | 'month' | 'quarter';

export interface Slo {
  readonly name: string;
  /** `<service>-<name>`: the slo label. */
  readonly id: string;
  readonly service: string;
  readonly team: string;
  readonly description: string | undefined;
  /** Percent, e.g. 99.9. */
  readonly objective: number;
  /** The rolling window, or a calendar period's nominal length (month: 30d), for factors and docs. */
  readonly window: string;
  /** A calendar-aligned window: the budget counts events since the period's start in the zone. */
  readonly calendar: { readonly period: CalendarPeriod; readonly timezone: string } | undefined;
  /**
   * The SLI recording step: increases over it are recorded every evaluation, and every window
   * is summed from them. The longest that divides all windows (sliStep); when none does,
   * MAX_SLI_STEP with `stepFits` false, and slo/tier reports the windows.
   */
  readonly step: string;
  readonly stepFits: boolean;
  /**
   * The target Prometheus major version. On 3, ranges are open at their start, so the rules
   * write their ranges over monc's own recordings to hold the same samples on 2 and 3
   * (slo/math.ts edgeFreeRange), and the generated tests hold on both.
   */
  readonly prometheusVersion: 2 | 3;
  /**
   * Another objective of the same SLO definition whose SLI this one is (an entry of
   * `objectives`): checks of the SLI report on that one only. With `recordedBy`, the id whose
   * SLI recordings it reads instead of recording its own (the same SLI, the same step).
   */
  readonly objectiveOf: string | undefined;
  readonly recordedBy: string | undefined;
  readonly sli: Sli;
  readonly groupBy: readonly string[];
  /** The table of default tiers the SLO's tier changes apply to. */
  readonly tierTable: 'workbook' | 'pyrra';
  /** Enabled tiers, in the default tiers' order, then new ones by name. */
  readonly tiers: readonly SloTier[];
  readonly minEvents: number | undefined;
  readonly pageSeverity: string;
  readonly ticketSeverity: string;
  /** Undefined when switched off. */
  readonly noData: NoDataAlert | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly runbook: string | undefined;
  readonly runbookText: string | undefined;
  /** Expected events per second, for the docs. */
  readonly traffic: number | undefined;
  readonly origin: Origin;
}

/** A promtool unit test group the user wrote, in promtool's own shape. */
export interface RuleTest {
  readonly name: string;
  readonly interval: string;
  /** The rule evaluation interval it needs, when not its file's usual one (generated tests: the SLO's step). */
  readonly evaluationInterval?: string;
  readonly inputSeries: readonly { readonly series: string; readonly values: string }[];
  readonly alertRuleTests: readonly {
    readonly evalTime: string;
    readonly alertname: string;
    readonly expAlerts: readonly { readonly expLabels: Readonly<Record<string, string>>; readonly expAnnotations: Readonly<Record<string, string>> }[];
  }[];
  readonly promqlExprTests: readonly {
    readonly expr: string;
    readonly evalTime: string;
    readonly expSamples: readonly { readonly labels: string; readonly value: number }[];
  }[];
  readonly origin: Origin;
}

/** An Alertmanager matcher as written, parsed, with where it was written. */
export interface Matcher extends LabelMatcher {
  readonly origin: Origin;
  /** Path of the matcher in `origin`, for positions: e.g. ['matchers', 0] or ['severity']. */
  readonly path: readonly PathSegment[];
}

/** An Alertmanager inhibit rule: alerts matching `source` mute those matching `target` with equal `equal` labels. */
export interface InhibitRule {
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
  /** Why it exists, for docs. */
  readonly description: string | undefined;
  /** Generated from an SLO, or written in the routing definitions. */
  readonly generated: boolean;
  readonly origin: Origin;
}

/** The integrations a receiver can have. */
export const RECEIVER_KINDS = ['pagerduty', 'slack', 'email', 'webhook', 'opsgenie'] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

/**
 * Secret fields written inline (routingKey, password, …): the model keeps their names, never
 * their values, so routing/inline-secret can name them and nothing can emit them.
 */
interface WithInlineSecrets {
  readonly inlineSecrets: readonly string[];
}

export interface PagerdutyIntegration extends WithInlineSecrets {
  readonly routingKeyFile: string | undefined;
  readonly serviceKeyFile: string | undefined;
  readonly severity: string | undefined;
  readonly description: string | undefined;
  readonly sendResolved: boolean | undefined;
}

export interface SlackIntegration extends WithInlineSecrets {
  readonly apiUrlFile: string | undefined;
  readonly channel: string;
  readonly title: string | undefined;
  readonly text: string | undefined;
  readonly sendResolved: boolean | undefined;
}

export interface EmailIntegration extends WithInlineSecrets {
  readonly to: string;
  readonly from: string | undefined;
  readonly smarthost: string | undefined;
  readonly authUsername: string | undefined;
  readonly authPasswordFile: string | undefined;
  readonly requireTls: boolean | undefined;
  readonly sendResolved: boolean | undefined;
}

export interface WebhookIntegration extends WithInlineSecrets {
  readonly url: string;
  readonly username: string | undefined;
  readonly passwordFile: string | undefined;
  readonly maxAlerts: number | undefined;
  readonly sendResolved: boolean | undefined;
}

export interface OpsgenieIntegration extends WithInlineSecrets {
  readonly apiKeyFile: string | undefined;
  readonly priority: string | undefined;
  readonly message: string | undefined;
  readonly sendResolved: boolean | undefined;
}

export interface Receiver {
  readonly name: string;
  readonly pagerduty: readonly PagerdutyIntegration[];
  readonly slack: readonly SlackIntegration[];
  readonly email: readonly EmailIntegration[];
  readonly webhook: readonly WebhookIntegration[];
  readonly opsgenie: readonly OpsgenieIntegration[];
  /** Paths below `origin` are the definition's: [kind, index, field]. */
  readonly origin: Origin;
}

/** Defaults shared by the receivers. */
export interface RoutingGlobal extends WithInlineSecrets {
  readonly resolveTimeout: string | undefined;
  readonly smtp: (WithInlineSecrets & {
    readonly smarthost: string;
    readonly from: string;
    readonly authUsername: string | undefined;
    readonly authPasswordFile: string | undefined;
    readonly requireTls: boolean | undefined;
  }) | undefined;
  readonly slackApiUrlFile: string | undefined;
  readonly opsgenieApiKeyFile: string | undefined;
}

export interface Route {
  /** Undefined: the parent's receiver. */
  readonly receiver: string | undefined;
  readonly matchers: readonly Matcher[];
  readonly groupBy: readonly string[] | undefined;
  readonly groupWait: string | undefined;
  readonly groupInterval: string | undefined;
  readonly repeatInterval: string | undefined;
  readonly continue: boolean;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly routes: readonly Route[];
  readonly origin: Origin;
}

/** When a time interval is active: every field that is set must match (Alertmanager's time_intervals entry). */
export interface TimeRange {
  readonly times: readonly { readonly start: string; readonly end: string }[] | undefined;
  readonly weekdays: readonly string[] | undefined;
  readonly daysOfMonth: readonly string[] | undefined;
  readonly months: readonly string[] | undefined;
  readonly years: readonly string[] | undefined;
  readonly location: string | undefined;
}

export interface TimeInterval {
  readonly name: string;
  /** Active when any range matches. */
  readonly ranges: readonly TimeRange[];
  readonly origin: Origin;
}

/** The project's alert routing (one `kind: Routing` or defineRouting()). */
export interface Routing {
  /** Undefined when the definitions set no global settings. */
  readonly global: RoutingGlobal | undefined;
  readonly route: Route;
  readonly receivers: readonly Receiver[];
  /** The user's; the expansion adds the generated ones. */
  readonly inhibitRules: readonly InhibitRule[];
  readonly timeIntervals: readonly TimeInterval[];
  readonly templates: readonly { readonly name: string; readonly content: string }[];
  readonly origin: Origin;
}

export type PanelType = 'timeseries' | 'stat' | 'gauge' | 'table' | 'heatmap' | 'bargauge' | 'piechart' | 'state-timeline' | 'histogram' | 'text';

export interface PanelQuery {
  /** The expression as written, Grafana variables and all. */
  readonly expr: PromqlText;
  readonly legend: string | undefined;
  readonly instant: boolean;
  readonly datasource: string | undefined;
}

export interface Panel {
  /** Empty for a panel without a title. */
  readonly title: string;
  readonly description: string | undefined;
  readonly type: PanelType;
  /** None for a text panel. */
  readonly queries: readonly PanelQuery[];
  /** A text panel's content, and how Grafana renders it. */
  readonly content: string | undefined;
  readonly mode: 'markdown' | 'html' | undefined;
  readonly unit: string | undefined;
  readonly decimals: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly thresholds: readonly { readonly value: number; readonly color: string }[];
  readonly width: number;
  readonly height: number;
  /** Where the panel is placed in its row (y below the row's top); undefined: it follows the previous one. */
  readonly x: number | undefined;
  readonly y: number | undefined;
  readonly datasource: string | undefined;
  readonly origin: Origin;
}

export interface DashboardVariable {
  readonly name: string;
  readonly label: string | undefined;
  readonly kind: 'query' | 'custom' | 'interval';
  readonly query: string | undefined;
  readonly values: readonly string[];
  readonly multi: boolean;
  readonly includeAll: boolean;
}

export interface Dashboard {
  readonly id: string;
  /** Grafana uid, derived from the id by the conventions module. */
  readonly uid: string;
  readonly title: string;
  readonly description: string | undefined;
  readonly folder: string;
  readonly service: string | undefined;
  readonly tags: readonly string[];
  readonly time: { readonly from: string; readonly to: string };
  readonly refresh: string;
  readonly variables: readonly DashboardVariable[];
  readonly links: readonly { readonly title: string; readonly url: string }[];
  readonly annotations: readonly { readonly name: string; readonly expr: PromqlText; readonly color: string }[];
  /** The panels above the first row come first, as a row without a title (no header, never collapsed). */
  readonly rows: readonly { readonly title: string | undefined; readonly collapsed: boolean; readonly panels: readonly Panel[] }[];
  /** Built by monc (SLO and fleet dashboards), not written in the definitions. */
  readonly generated: boolean;
  readonly origin: Origin;
}

/** A key of a Kubernetes Secret, in the namespace of the object that reads it. */
export interface SecretKey {
  readonly name: string;
  readonly key: string;
}

/** Credentials come from a file (prometheus.yml) or a Secret key (Kubernetes objects), never inline. */
export interface BasicAuth {
  readonly username: string;
  /** The same user name in a Secret, for Kubernetes objects, which read it from there only. */
  readonly usernameSecret: SecretKey | undefined;
  readonly passwordFile: string | undefined;
  readonly passwordSecret: SecretKey | undefined;
}

export interface Authorization {
  /** The header's scheme: Bearer unless set. */
  readonly type: string;
  readonly credentialsFile: string | undefined;
  readonly credentialsSecret: SecretKey | undefined;
}

export interface Tls {
  readonly caFile: string | undefined;
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
  readonly caSecret: SecretKey | undefined;
  readonly certSecret: SecretKey | undefined;
  readonly keySecret: SecretKey | undefined;
  readonly serverName: string | undefined;
  readonly insecureSkipVerify: boolean | undefined;
}

export type RelabelAction = 'replace' | 'keep' | 'drop' | 'keepequal' | 'dropequal' | 'hashmod' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'lowercase' | 'uppercase';

/** A relabelling rule; unset fields take Prometheus' defaults where it applies them. */
export interface Relabel {
  readonly action: RelabelAction;
  readonly sourceLabels: readonly string[] | undefined;
  readonly separator: string | undefined;
  readonly regex: string | undefined;
  readonly targetLabel: string | undefined;
  readonly replacement: string | undefined;
  readonly modulus: number | undefined;
  readonly origin: Origin;
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values: readonly string[] }[];
  readonly origin: Origin;
}

export interface KubernetesDiscovery {
  readonly role: 'endpoints' | 'endpointslice' | 'pod' | 'service';
  /** Empty: every namespace. */
  readonly namespaces: readonly string[];
  readonly selector: LabelSelector | undefined;
  readonly port: string | undefined;
  /** What the prometheus-operator target writes for the service. */
  readonly monitor: 'service' | 'pod';
  readonly origin: Origin;
}

export interface Scrape {
  readonly job: string;
  /** Static targets; empty when the service is discovered. */
  readonly targets: readonly string[];
  /** `labels`: what the target files label their targets with; undefined when the definitions do not say. */
  readonly fileSd: { readonly files: readonly string[]; readonly refreshInterval: string | undefined; readonly labels: readonly string[] | undefined } | undefined;
  readonly dnsSd: { readonly names: readonly string[]; readonly type: 'SRV' | 'A' | 'AAAA' | 'MX' | 'NS' | undefined; readonly port: number | undefined; readonly refreshInterval: string | undefined } | undefined;
  readonly kubernetes: KubernetesDiscovery | undefined;
  readonly metricsPath: string | undefined;
  readonly interval: string | undefined;
  readonly timeout: string | undefined;
  readonly scheme: 'http' | 'https' | undefined;
  readonly honorLabels: boolean | undefined;
  readonly sampleLimit: number | undefined;
  readonly labelLimit: number | undefined;
  readonly relabel: readonly Relabel[];
  readonly metricRelabel: readonly Relabel[];
  readonly basicAuth: BasicAuth | undefined;
  readonly authorization: Authorization | undefined;
  readonly tls: Tls | undefined;
  readonly origin: Origin;
}

/** How a ruler (Mimir, Cortex, Thanos) evaluates a service's rule groups. */
export interface Ruler {
  /** Mimir/Cortex federated rule groups; empty for an ordinary group. */
  readonly sourceTenants: readonly string[];
  readonly queryOffset: string | undefined;
  readonly evaluationDelay: string | undefined;
  readonly partialResponseStrategy: 'warn' | 'abort' | undefined;
}

export interface Service {
  readonly name: string;
  readonly team: string;
  readonly description: string | undefined;
  readonly instances: number;
  readonly scrape: Scrape | undefined;
  readonly ruler: Ruler;
  readonly metrics: readonly Metric[];
  readonly alerts: readonly Alert[];
  readonly recordingRules: readonly RecordingRule[];
  readonly slos: readonly Slo[];
  readonly tests: readonly RuleTest[];
  readonly origin: Origin;
}

export interface PrometheusSettings {
  readonly version: 2 | 3;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly alertmanagers: readonly string[];
  readonly externalLabels: Readonly<Record<string, string>>;
  /** --storage.tsdb.retention.time: SLO windows must fit in it. */
  readonly retention: string;
  /** --enable-feature flags. */
  readonly features: readonly string[];
  readonly remoteWrite: readonly RemoteWrite[];
}

export interface RemoteWrite {
  readonly url: string;
  readonly name: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly basicAuth: BasicAuth | undefined;
  readonly authorization: Authorization | undefined;
  readonly tls: Tls | undefined;
  readonly queue: {
    readonly capacity: number | undefined;
    readonly minShards: number | undefined;
    readonly maxShards: number | undefined;
    readonly maxSamplesPerSend: number | undefined;
    readonly batchSendDeadline: string | undefined;
  } | undefined;
  readonly writeRelabel: readonly Relabel[];
  readonly origin: Origin;
}

/** The prometheus-operator target's settings (monc.config.yaml `kubernetes`). */
export interface KubernetesSettings {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The Prometheus resource's ruleSelector, when the config says what it is. */
  readonly ruleSelector: LabelSelector | undefined;
  readonly ruleObjects: 'service' | 'team';
  readonly files: 'per-kind' | 'per-object';
  readonly alertmanager: { readonly name: string; readonly config: 'secret' | 'alertmanager-config' };
  readonly dashboards: { readonly labels: Readonly<Record<string, string>>; readonly folderAnnotation: string };
  /** The config's `kubernetes` block, for positions. */
  readonly origin: Origin;
}

export interface MimirSettings {
  readonly namespaces: 'service' | 'team';
  /** The tenant's ruler_max_rules_per_rule_group; 0: no limit. */
  readonly maxRulesPerGroup: number;
}

export interface ThanosSettings {
  readonly partialResponseStrategy: 'warn' | 'abort';
}

export interface GrafanaSettings {
  /** Base URL without a trailing slash, for dashboard_url annotations. */
  readonly url: string | undefined;
  /** The Prometheus URL of the provisioned datasource. */
  readonly prometheusUrl: string;
}

/** Limits for the cardinality checks (monc.config.yaml `cardinality`). */
export interface CardinalitySettings {
  /** The most values a label should take (the seed's rule: under 100). */
  readonly maxLabelValues: number;
  readonly seriesPerMetric: number;
  readonly seriesPerService: number;
  readonly seriesTotal: number;
}

/** What failed to load (see load/lost.ts): a name found here may be declared there. */
export interface LostDefinitions {
  /** Names (metric, alert, record, receiver, dashboard id, …) in definitions that were rejected. */
  readonly names: ReadonlySet<string>;
  /** The text of documents and files that could not be read at all. */
  readonly texts: readonly string[];
  /** Whether a recording rule was rejected: the series it records has a name no one can read any more. */
  readonly recordingRules: boolean;
  /** Whether anything at all was lost. */
  readonly any: boolean;
}

/** Whether a definition that failed to load may declare `name`: checks then do not report it as unknown. */
export function mightBeDeclared(lost: LostDefinitions, name: string): boolean {
  if (!lost.any) return false;
  // Recorded series are named level:metric:operations.
  if (lost.recordingRules && name.includes(':')) return true;
  const names = [name, name.replace(/_(bucket|sum|count)$/, '')];
  return names.some((n) => lost.names.has(n) || lost.texts.some((text) => containsWord(text, n)));
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[\w:]/.test(before) && !/[\w:]/.test(after)) return true;
  }
  return false;
}

export interface Model {
  /** Sorted by name; a duplicate follows the declaration it repeats. */
  readonly services: readonly Service[];
  /** Every metric declaration, owned and shared, sorted by name. */
  readonly metrics: readonly Metric[];
  readonly alerts: readonly Alert[];
  readonly recordingRules: readonly RecordingRule[];
  readonly slos: readonly Slo[];
  /** Written dashboards, sorted by id (generated ones are built by src/dashboards/). */
  readonly dashboards: readonly Dashboard[];
  /** The routing definitions; undefined when the project has none (no Alertmanager config is written). */
  readonly routing: Routing | undefined;
  /** Every routing definition, duplicates included (model/duplicate reports a second one). */
  readonly routings: readonly Routing[];
  readonly metricsByName: ReadonlyMap<string, Metric>;
  readonly prometheus: PrometheusSettings;
  readonly grafana: GrafanaSettings;
  /** Where out/docs/runbooks is published (runbooks.url), for runbook_url of alerts with runbookText. */
  readonly runbooksUrl: string | undefined;
  readonly cardinality: CardinalitySettings;
  /** The output targets `monc build` writes, in registry order. */
  readonly targets: readonly string[];
  readonly kubernetes: KubernetesSettings;
  readonly mimir: MimirSettings;
  readonly thanos: ThanosSettings;
  readonly online: OnlineSettings;
  /** What the definitions meant to declare but failed to load. */
  readonly lost: LostDefinitions;
}

/** What monc.config.yaml sets, resolved with every default. */
export interface Settings {
  readonly prometheus: PrometheusSettings;
  readonly grafana: GrafanaSettings;
  readonly cardinality: CardinalitySettings;
  readonly runbooksUrl: string | undefined;
  readonly targets: readonly string[];
  readonly kubernetes: KubernetesSettings;
  readonly mimir: MimirSettings;
  readonly thanos: ThanosSettings;
  readonly online: OnlineSettings;
}

/** A live server `monc lint` reads; the files are relative to the project folder. */
export interface OnlineServer {
  readonly url: string | undefined;
  readonly bearerTokenFile: string | undefined;
  readonly basicAuth: { readonly username: string; readonly passwordFile: string } | undefined;
  readonly tls: { readonly caFile?: string | undefined; readonly certFile?: string | undefined; readonly keyFile?: string | undefined; readonly insecureSkipVerify?: boolean | undefined } | undefined;
  /** Where the config sets it: online findings about the server point there. */
  readonly origin: Origin;
}

export interface OnlineSettings {
  readonly prometheus: OnlineServer;
  readonly alertmanager: OnlineServer;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly lookbackMs: number;
  /** What one evaluation of a rule may cost (online/query-cost). */
  readonly queryCostBudget: { readonly samples: number; readonly series: number };
}
