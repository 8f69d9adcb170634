/** Prometheus' own file formats (rulefmt and the config file), as far as monc writes them. */

export interface RuleFileDto {
  readonly groups: readonly RuleGroupDto[];
}

/**
 * Optional fields may hold undefined: the writers leave those out, and a DTO of fixed fields
 * is built with one shape, where conditional spreads made each a slower, different one.
 */
export interface RuleGroupDto {
  readonly name: string;
  readonly interval?: string | undefined;
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
  readonly for?: string | undefined;
  readonly keep_firing_for?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PrometheusConfigDto {
  readonly global: {
    readonly scrape_interval: string;
    readonly evaluation_interval: string;
    readonly external_labels?: Readonly<Record<string, string>>;
  };
  /** rule_files and alerting: not for an agent. */
  readonly rule_files?: readonly string[];
  readonly alerting?: {
    readonly alertmanagers: readonly { readonly static_configs: readonly { readonly targets: readonly string[] }[] }[];
  };
  readonly scrape_configs: readonly ScrapeConfigDto[];
  readonly remote_write?: readonly RemoteWriteDto[];
}

export interface ScrapeConfigDto extends HttpClientDto {
  readonly job_name: string;
  readonly metrics_path?: string;
  readonly scrape_interval?: string;
  readonly scrape_timeout?: string;
  readonly scheme?: string;
  readonly honor_labels?: boolean;
  readonly sample_limit?: number;
  readonly label_limit?: number;
  readonly static_configs?: readonly { readonly targets: readonly string[] }[];
  readonly file_sd_configs?: readonly { readonly files: readonly string[]; readonly refresh_interval?: string }[];
  readonly dns_sd_configs?: readonly { readonly names: readonly string[]; readonly type?: string; readonly port?: number; readonly refresh_interval?: string }[];
  readonly kubernetes_sd_configs?: readonly KubernetesSdConfigDto[];
  readonly relabel_configs?: readonly RelabelConfigDto[];
  readonly metric_relabel_configs?: readonly RelabelConfigDto[];
}

/** The HTTP client settings a scrape job and a remote_write endpoint share; credentials only as files. */
export interface HttpClientDto {
  readonly basic_auth?: { readonly username: string; readonly password_file?: string };
  readonly authorization?: { readonly type: string; readonly credentials_file?: string };
  readonly tls_config?: {
    readonly ca_file?: string;
    readonly cert_file?: string;
    readonly key_file?: string;
    readonly server_name?: string;
    readonly insecure_skip_verify?: boolean;
  };
}

export interface KubernetesSdConfigDto {
  readonly role: string;
  readonly namespaces?: { readonly names: readonly string[] };
  /** `label` in Kubernetes' label-selector syntax: `app=checkout,tier in (web,api)`. */
  readonly selectors?: readonly { readonly role: string; readonly label: string }[];
}

/** A relabel_configs entry; Prometheus' defaults (action replace, separator ;, regex (.*), replacement $1) left out. */
export interface RelabelConfigDto {
  readonly source_labels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly target_label?: string;
  readonly replacement?: string;
  readonly action?: string;
}

export interface RemoteWriteDto extends HttpClientDto {
  readonly url: string;
  readonly name?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly queue_config?: {
    readonly capacity?: number;
    readonly min_shards?: number;
    readonly max_shards?: number;
    readonly max_samples_per_send?: number;
    readonly batch_send_deadline?: string;
  };
  readonly write_relabel_configs?: readonly RelabelConfigDto[];
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
  readonly alert_rule_test?:
    | readonly {
        readonly eval_time: string;
        readonly alertname: string;
        readonly exp_alerts: readonly { readonly exp_labels?: Readonly<Record<string, string>> | undefined; readonly exp_annotations?: Readonly<Record<string, string>> | undefined }[];
      }[]
    | undefined;
  readonly promql_expr_test?:
    | readonly {
        readonly expr: string;
        readonly eval_time: string;
        readonly exp_samples: readonly { readonly labels: string; readonly value: number }[];
      }[]
    | undefined;
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
/**
 * One order for every map of prometheus.yml (a key ranks the same wherever it appears): the
 * order of Prometheus' docs, except that the first keys keep the order monc always wrote.
 */
export const CONFIG_KEY_ORDER = [
  'global',
  'rule_files',
  'alerting',
  'scrape_configs',
  'remote_write',
  'job_name',
  'url',
  'name',
  'scheme',
  'metrics_path',
  'scrape_interval',
  'scrape_timeout',
  'honor_labels',
  'sample_limit',
  'label_limit',
  'headers',
  'basic_auth',
  'authorization',
  'tls_config',
  'queue_config',
  'static_configs',
  'file_sd_configs',
  'dns_sd_configs',
  'kubernetes_sd_configs',
  'relabel_configs',
  'metric_relabel_configs',
  'write_relabel_configs',
  'targets',
  'files',
  'names',
  'role',
  'type',
  'port',
  'namespaces',
  'selectors',
  'label',
  'refresh_interval',
  'username',
  'password_file',
  'credentials_file',
  'ca_file',
  'cert_file',
  'key_file',
  'server_name',
  'insecure_skip_verify',
  'capacity',
  'min_shards',
  'max_shards',
  'max_samples_per_send',
  'batch_send_deadline',
  'source_labels',
  'separator',
  'regex',
  'modulus',
  'target_label',
  'replacement',
  'action',
];
