/** Alertmanager 0.25's configuration file, as far as monc writes it. */

export interface AlertmanagerConfigDto {
  readonly global?: GlobalDto;
  readonly route: RouteDto;
  readonly inhibit_rules?: readonly InhibitRuleDto[];
  readonly receivers: readonly ReceiverDto[];
  readonly time_intervals?: readonly TimeIntervalDto[];
  readonly templates?: readonly string[];
}

export interface GlobalDto {
  readonly resolve_timeout?: string;
  readonly smtp_smarthost?: string;
  readonly smtp_from?: string;
  readonly smtp_auth_username?: string;
  readonly smtp_auth_password_file?: string;
  readonly smtp_require_tls?: boolean;
  readonly slack_api_url_file?: string;
  readonly opsgenie_api_key_file?: string;
}

export interface RouteDto {
  readonly receiver?: string;
  readonly matchers?: readonly string[];
  readonly group_by?: readonly string[];
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly continue?: boolean;
  readonly mute_time_intervals?: readonly string[];
  readonly active_time_intervals?: readonly string[];
  readonly routes?: readonly RouteDto[];
}

export interface InhibitRuleDto {
  readonly source_matchers: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal?: readonly string[];
}

type Fields = Readonly<Record<string, string | number | boolean | Readonly<Record<string, unknown>>>>;

export interface ReceiverDto {
  readonly name: string;
  readonly pagerduty_configs?: readonly Fields[];
  readonly slack_configs?: readonly Fields[];
  readonly email_configs?: readonly Fields[];
  readonly webhook_configs?: readonly Fields[];
  readonly opsgenie_configs?: readonly Fields[];
}

export interface TimeIntervalDto {
  readonly name: string;
  readonly time_intervals: readonly {
    readonly times?: readonly { readonly start_time: string; readonly end_time: string }[];
    readonly weekdays?: readonly string[];
    readonly days_of_month?: readonly string[];
    readonly months?: readonly string[];
    readonly years?: readonly string[];
    readonly location?: string;
  }[];
}

/** Keys in the order Alertmanager's docs use. */
export const ALERTMANAGER_KEY_ORDER = [
  'name',
  'global',
  'resolve_timeout',
  'smtp_smarthost',
  'smtp_from',
  'smtp_auth_username',
  'smtp_auth_password_file',
  'smtp_require_tls',
  'slack_api_url_file',
  'opsgenie_api_key_file',
  'templates',
  'route',
  'inhibit_rules',
  'receivers',
  'time_intervals',
  'receiver',
  'matchers',
  'source_matchers',
  'target_matchers',
  'equal',
  'group_by',
  'group_wait',
  'group_interval',
  'repeat_interval',
  'continue',
  'mute_time_intervals',
  'active_time_intervals',
  'routes',
  'pagerduty_configs',
  'slack_configs',
  'email_configs',
  'webhook_configs',
  'opsgenie_configs',
  'to',
  'from',
  'smarthost',
  'auth_username',
  'auth_password_file',
  'require_tls',
  'url',
  'routing_key_file',
  'service_key_file',
  'api_url_file',
  'api_key_file',
  'channel',
  'title',
  'text',
  'severity',
  'priority',
  'message',
  'description',
  'max_alerts',
  'http_config',
  'send_resolved',
  'times',
  'start_time',
  'end_time',
  'weekdays',
  'days_of_month',
  'months',
  'years',
  'location',
];
