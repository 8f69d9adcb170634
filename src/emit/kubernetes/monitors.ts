/**
 * A service's ServiceMonitor or PodMonitor from its scrape's Kubernetes discovery, with the
 * credentials read from Secret keys (k8s/secret-source reports a credential that is only in a
 * file) and the job label kept equal to the scrape's job.
 */
import { monitorName } from '../../model/conventions.ts';
import type { Authorization, BasicAuth, KubernetesDiscovery, LabelSelector, Relabel, Scrape, SecretKey, Tls } from '../../model/model.ts';
import type { EndpointDto, LabelSelectorDto, ObjectMetaDto, PodMonitorDto, RelabelConfigDto, SafeTlsConfigDto, SecretKeySelectorDto, ServiceMonitorDto } from './types.ts';

export function monitorObject(scrape: Scrape, discovery: KubernetesDiscovery, metadata: Omit<ObjectMetaDto, 'name'>, service: string): ServiceMonitorDto | PodMonitorDto {
  const meta = { ...metadata, name: monitorName(service) };
  const fields = {
    selector: discovery.selector ? toLabelSelector(discovery.selector) : {},
    // A monitor without a namespaceSelector looks in its own namespace only; no namespaces means all of them.
    namespaceSelector: discovery.namespaces.length === 0 ? ({ any: true } as const) : { matchNames: discovery.namespaces },
    ...(scrape.sampleLimit !== undefined && { sampleLimit: scrape.sampleLimit }),
    ...(scrape.labelLimit !== undefined && { labelLimit: scrape.labelLimit }),
  };
  const endpoints = [toEndpoint(scrape, discovery)];
  if (discovery.monitor === 'pod') {
    return { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: meta, spec: { ...fields, podMetricsEndpoints: endpoints } };
  }
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: meta,
    spec: { ...fields, endpoints, ...(discovery.role === 'endpointslice' && { serviceDiscoveryRole: 'EndpointSlice' as const }) },
  };
}

export function toLabelSelector(selector: LabelSelector): LabelSelectorDto {
  return {
    ...(Object.keys(selector.matchLabels).length > 0 && { matchLabels: selector.matchLabels }),
    ...(selector.matchExpressions.length > 0 && {
      matchExpressions: selector.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values.length > 0 && { values: e.values }) })),
    }),
  };
}

function toEndpoint(scrape: Scrape, discovery: KubernetesDiscovery): EndpointDto {
  const basicAuth = scrape.basicAuth && toBasicAuth(scrape.basicAuth);
  const authorization = scrape.authorization && toAuthorization(scrape.authorization);
  return {
    ...(discovery.port !== undefined && { port: discovery.port }),
    ...(scrape.metricsPath !== undefined && { path: scrape.metricsPath }),
    ...(scrape.scheme !== undefined && { scheme: scrape.scheme }),
    ...(scrape.interval !== undefined && { interval: scrape.interval }),
    ...(scrape.timeout !== undefined && { scrapeTimeout: scrape.timeout }),
    ...(scrape.honorLabels !== undefined && { honorLabels: scrape.honorLabels }),
    ...(basicAuth && { basicAuth }),
    ...(authorization && { authorization }),
    ...(scrape.tls && { tlsConfig: toTlsConfig(scrape.tls) }),
    // The operator names the job after the Service (ServiceMonitor) or namespace/monitor (PodMonitor);
    // prometheus.yml names it after the scrape's job, before relabelling: so does the first relabeling here.
    relabelings: [{ action: 'replace', targetLabel: 'job', replacement: scrape.job }, ...scrape.relabel.map(toRelabelConfig)],
    ...(scrape.metricRelabel.length > 0 && { metricRelabelings: scrape.metricRelabel.map(toRelabelConfig) }),
  };
}

function selector(key: SecretKey): SecretKeySelectorDto {
  return { name: key.name, key: key.key };
}

/** From Secrets, as the CRD wants them; without the user name's there is nothing to write (k8s/secret-source). */
function toBasicAuth(auth: BasicAuth): EndpointDto['basicAuth'] {
  return auth.usernameSecret && { username: selector(auth.usernameSecret), ...(auth.passwordSecret && { password: selector(auth.passwordSecret) }) };
}

function toAuthorization(auth: Authorization): EndpointDto['authorization'] {
  return auth.credentialsSecret && { type: auth.type, credentials: selector(auth.credentialsSecret) };
}

function toTlsConfig(tls: Tls): SafeTlsConfigDto {
  return {
    ...(tls.caSecret && { ca: { secret: selector(tls.caSecret) } }),
    ...(tls.certSecret && { cert: { secret: selector(tls.certSecret) } }),
    ...(tls.keySecret && { keySecret: selector(tls.keySecret) }),
    ...(tls.serverName !== undefined && { serverName: tls.serverName }),
    ...(tls.insecureSkipVerify !== undefined && { insecureSkipVerify: tls.insecureSkipVerify }),
  };
}

function toRelabelConfig(rule: Relabel): RelabelConfigDto {
  return {
    action: rule.action,
    ...(rule.sourceLabels !== undefined && { sourceLabels: rule.sourceLabels }),
    ...(rule.separator !== undefined && { separator: rule.separator }),
    ...(rule.regex !== undefined && { regex: rule.regex }),
    ...(rule.targetLabel !== undefined && { targetLabel: rule.targetLabel }),
    ...(rule.replacement !== undefined && { replacement: rule.replacement }),
    ...(rule.modulus !== undefined && { modulus: rule.modulus }),
  };
}
