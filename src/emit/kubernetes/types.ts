/**
 * The Kubernetes objects monc writes for the prometheus-operator (v0.93 CRDs: monitoring.coreos.com
 * v1 PrometheusRule, ServiceMonitor, PodMonitor; v1alpha1 AlertmanagerConfig) and the core
 * Secrets and ConfigMaps, as far as monc fills them.
 */
import type { RuleGroupDto } from '../prometheus/types.ts';

export interface ObjectMetaDto {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface PrometheusRuleDto {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PrometheusRule';
  readonly metadata: ObjectMetaDto;
  readonly spec: { readonly groups: readonly RuleGroupDto[] };
}

export interface SecretKeySelectorDto {
  readonly name: string;
  readonly key: string;
}

export interface LabelSelectorDto {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface RelabelConfigDto {
  readonly action: string;
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly targetLabel?: string;
  readonly replacement?: string;
  readonly modulus?: number;
}

export interface SafeTlsConfigDto {
  readonly ca?: { readonly secret: SecretKeySelectorDto };
  readonly cert?: { readonly secret: SecretKeySelectorDto };
  readonly keySecret?: SecretKeySelectorDto;
  readonly serverName?: string;
  readonly insecureSkipVerify?: boolean;
}

/** A ServiceMonitor endpoint or a PodMonitor's podMetricsEndpoint: the fields monc sets are the same. */
export interface EndpointDto {
  readonly port?: string;
  readonly path?: string;
  readonly scheme?: string;
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly honorLabels?: boolean;
  readonly basicAuth?: { readonly username: SecretKeySelectorDto; readonly password?: SecretKeySelectorDto };
  readonly authorization?: { readonly type: string; readonly credentials: SecretKeySelectorDto };
  readonly tlsConfig?: SafeTlsConfigDto;
  readonly relabelings: readonly RelabelConfigDto[];
  readonly metricRelabelings?: readonly RelabelConfigDto[];
}

interface MonitorSpecFields {
  readonly selector: LabelSelectorDto;
  readonly namespaceSelector: { readonly any: true } | { readonly matchNames: readonly string[] };
  readonly sampleLimit?: number;
  readonly labelLimit?: number;
}

export interface ServiceMonitorDto {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'ServiceMonitor';
  readonly metadata: ObjectMetaDto;
  readonly spec: MonitorSpecFields & { readonly endpoints: readonly EndpointDto[]; readonly serviceDiscoveryRole?: 'EndpointSlice' };
}

export interface PodMonitorDto {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PodMonitor';
  readonly metadata: ObjectMetaDto;
  readonly spec: MonitorSpecFields & { readonly podMetricsEndpoints: readonly EndpointDto[] };
}

export interface SecretDto {
  readonly apiVersion: 'v1';
  readonly kind: 'Secret';
  readonly metadata: ObjectMetaDto;
  readonly type: 'Opaque';
  readonly stringData: Readonly<Record<string, string>>;
}

export interface ConfigMapDto {
  readonly apiVersion: 'v1';
  readonly kind: 'ConfigMap';
  readonly metadata: ObjectMetaDto;
  readonly data: Readonly<Record<string, string>>;
}

export interface MatcherDto {
  readonly name: string;
  readonly value: string;
  readonly matchType: string;
}

export interface AmRouteDto {
  readonly receiver?: string;
  readonly matchers?: readonly MatcherDto[];
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue?: boolean;
  readonly muteTimeIntervals?: readonly string[];
  readonly activeTimeIntervals?: readonly string[];
  readonly routes?: readonly AmRouteDto[];
}

type Fields = Readonly<Record<string, string | number | boolean | SecretKeySelectorDto>>;

export interface AmReceiverDto {
  readonly name: string;
  readonly pagerdutyConfigs?: readonly Fields[];
  readonly slackConfigs?: readonly Fields[];
  readonly emailConfigs?: readonly Fields[];
  readonly webhookConfigs?: readonly Fields[];
  readonly opsgenieConfigs?: readonly Fields[];
}

export interface AmTimeIntervalDto {
  readonly name: string;
  readonly timeIntervals: readonly {
    readonly times?: readonly { readonly startTime: string; readonly endTime: string }[];
    readonly weekdays?: readonly string[];
    readonly daysOfMonth?: readonly { readonly start: number; readonly end: number }[];
    readonly months?: readonly string[];
    readonly years?: readonly string[];
  }[];
}

export interface AlertmanagerConfigDto {
  readonly apiVersion: 'monitoring.coreos.com/v1alpha1';
  readonly kind: 'AlertmanagerConfig';
  readonly metadata: ObjectMetaDto;
  readonly spec: {
    readonly route: AmRouteDto;
    readonly receivers: readonly AmReceiverDto[];
    readonly inhibitRules?: readonly { readonly sourceMatch: readonly MatcherDto[]; readonly targetMatch: readonly MatcherDto[]; readonly equal?: readonly string[] }[];
    readonly muteTimeIntervals?: readonly AmTimeIntervalDto[];
  };
}

export type KubernetesObjectDto = PrometheusRuleDto | ServiceMonitorDto | PodMonitorDto | SecretDto | ConfigMapDto | AlertmanagerConfigDto;

/** Keys in the order kubectl users read them; the rules' as in a rule file. Other keys are sorted. */
export const KUBERNETES_KEY_ORDER = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'receiver',
  'interval',
  'rules',
  'record',
  'alert',
  'expr',
  'for',
  'keep_firing_for',
  'labels',
  'annotations',
  'type',
  'spec',
  'data',
  'stringData',
];
