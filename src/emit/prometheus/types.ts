/** Prometheus' own file formats (rulefmt and the config file), as far as monc writes them. */

export interface RuleFileDto {
  readonly groups: readonly RuleGroupDto[];
}

export interface RuleGroupDto {
  readonly name: string;
  readonly interval?: string;
  /** Prometheus 2.53 and later: how far back the group's evaluations look. */
  readonly query_offset?: string;
  readonly rules: readonly RuleDto[];
}

export type RuleDto = RecordingRuleDto | AlertingRuleDto;

export interface RecordingRuleDto {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertingRuleDto {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PrometheusConfigDto {
  readonly global: {
    readonly scrape_interval: string;
    readonly evaluation_interval: string;
    readonly external_labels?: Readonly<Record<string, string>>;
  };
  readonly rule_files: readonly string[];
  readonly alerting: {
    readonly alertmanagers: readonly { readonly static_configs: readonly { readonly targets: readonly string[] }[] }[];
  };
  readonly scrape_configs: readonly ScrapeConfigDto[];
}

export interface ScrapeConfigDto {
  readonly job_name: string;
  readonly metrics_path?: string;
  readonly scrape_interval?: string;
  readonly scheme?: string;
  readonly static_configs: readonly { readonly targets: readonly string[] }[];
}

/** promtool's unit test file (`promtool test rules`). */
export interface TestFileDto {
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  /** Groups run in this order at each evaluation (promtool otherwise picks an order at random). */
  readonly group_eval_order?: readonly string[];
  readonly tests: readonly TestGroupDto[];
}

export interface TestGroupDto {
  readonly name: string;
  readonly interval: string;
  readonly input_series: readonly { readonly series: string; readonly values: string }[];
  readonly alert_rule_test?: readonly {
    readonly eval_time: string;
    readonly alertname: string;
    readonly exp_alerts: readonly { readonly exp_labels?: Readonly<Record<string, string>>; readonly exp_annotations?: Readonly<Record<string, string>> }[];
  }[];
  readonly promql_expr_test?: readonly {
    readonly expr: string;
    readonly eval_time: string;
    readonly exp_samples: readonly { readonly labels: string; readonly value: number }[];
  }[];
}

export const TEST_FILE_KEY_ORDER = [
  'rule_files',
  'evaluation_interval',
  'group_eval_order',
  'tests',
  'name',
  'interval',
  'input_series',
  'series',
  'values',
  'alert_rule_test',
  'promql_expr_test',
  'eval_time',
  'alertname',
  'expr',
  'exp_alerts',
  'exp_samples',
  'exp_labels',
  'exp_annotations',
  'labels',
  'value',
];

/**
 * A rule file's keys in the order Prometheus' docs and most hand-written files use: groups, a
 * group's, a rule's. `groupFields` are the ruler's own group fields, written before the rules.
 */
export function ruleFileKeyOrder(groupFields: readonly string[]): string[] {
  return ['groups', 'name', 'interval', ...groupFields, 'rules', 'record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
}

export const RULE_FILE_KEY_ORDER = ruleFileKeyOrder(['query_offset']);
export const CONFIG_KEY_ORDER = ['global', 'rule_files', 'alerting', 'scrape_configs', 'job_name', 'scheme', 'metrics_path', 'scrape_interval', 'static_configs', 'targets'];
