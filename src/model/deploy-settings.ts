/** Scrape, auth and Kubernetes settings from their specs: defaults filled in, origins kept for the checks. */
import type { AuthorizationSpec, BasicAuthSpec, LabelSelectorSpec, RelabelSpec, RulerSpec, ScrapeSpec, TlsSpec } from '../api/types.gen.ts';
import type { Authorization, BasicAuth, LabelSelector, Relabel, Ruler, Scrape, Tls } from './model.ts';
import type { Origin } from './origin.ts';

export function toBasicAuth(spec: BasicAuthSpec): BasicAuth {
  return { username: spec.username, usernameSecret: spec.usernameSecret, passwordFile: spec.passwordFile, passwordSecret: spec.passwordSecret };
}

export function toAuthorization(spec: AuthorizationSpec): Authorization {
  return { type: spec.type ?? 'Bearer', credentialsFile: spec.credentialsFile, credentialsSecret: spec.credentialsSecret };
}

export function toTls(spec: TlsSpec): Tls {
  return {
    caFile: spec.caFile,
    certFile: spec.certFile,
    keyFile: spec.keyFile,
    caSecret: spec.caSecret,
    certSecret: spec.certSecret,
    keySecret: spec.keySecret,
    serverName: spec.serverName,
    insecureSkipVerify: spec.insecureSkipVerify,
  };
}

export function toRelabel(spec: RelabelSpec, origin: Origin): Relabel {
  return {
    action: spec.action ?? 'replace',
    sourceLabels: spec.sourceLabels,
    separator: spec.separator,
    regex: spec.regex,
    targetLabel: spec.targetLabel,
    replacement: spec.replacement,
    modulus: spec.modulus,
    origin,
  };
}

export function toLabelSelector(spec: LabelSelectorSpec, origin: Origin): LabelSelector {
  return {
    matchLabels: spec.matchLabels ?? {},
    matchExpressions: (spec.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
    origin,
  };
}

export function toScrape(spec: ScrapeSpec, service: string, origin: Origin): Scrape {
  const k = spec.kubernetes;
  return {
    job: spec.job ?? service,
    targets: spec.targets ?? [],
    fileSd: spec.fileSd && { files: spec.fileSd.files, refreshInterval: spec.fileSd.refreshInterval, labels: spec.fileSd.labels },
    dnsSd: spec.dnsSd && { names: spec.dnsSd.names, type: spec.dnsSd.type, port: spec.dnsSd.port, refreshInterval: spec.dnsSd.refreshInterval },
    kubernetes: k && {
      role: k.role ?? 'endpoints',
      namespaces: k.namespaces ?? [],
      selector: k.selector && toLabelSelector(k.selector, origin.child('kubernetes', 'selector')),
      port: k.port,
      monitor: k.monitor ?? 'service',
      origin: origin.child('kubernetes'),
    },
    metricsPath: spec.metricsPath,
    interval: spec.interval,
    timeout: spec.timeout,
    scheme: spec.scheme,
    honorLabels: spec.honorLabels,
    sampleLimit: spec.sampleLimit,
    labelLimit: spec.labelLimit,
    relabel: (spec.relabel ?? []).map((r, i) => toRelabel(r, origin.child('relabel', i))),
    metricRelabel: (spec.metricRelabel ?? []).map((r, i) => toRelabel(r, origin.child('metricRelabel', i))),
    basicAuth: spec.basicAuth && toBasicAuth(spec.basicAuth),
    authorization: spec.authorization && toAuthorization(spec.authorization),
    tls: spec.tls && toTls(spec.tls),
    origin,
  };
}

export function toRuler(spec: RulerSpec | undefined): Ruler {
  return {
    sourceTenants: spec?.sourceTenants ?? [],
    queryOffset: spec?.queryOffset,
    evaluationDelay: spec?.evaluationDelay,
    partialResponseStrategy: spec?.partialResponseStrategy,
  };
}
