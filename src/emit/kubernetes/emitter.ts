/**
 * The prometheus-operator target: Kubernetes objects under out/kubernetes/<namespace>/ —
 * PrometheusRules (one per service or team, split under the operator's size limit), a
 * ServiceMonitor or PodMonitor per service discovered in Kubernetes, the routing as the
 * Alertmanager's configuration Secret or an AlertmanagerConfig, and a ConfigMap per dashboard
 * for the Grafana sidecar. One multi-document file per kind, or one file per object.
 */
import type { Expanded } from '../../expand/expand.ts';
import type { Model } from '../../model/model.ts';
import { KUBERNETES_MANAGED_BY, dashboardConfigMapKey, dashboardConfigMapName, generatedHeader, kubernetesKindPath, kubernetesObjectPath } from '../../model/conventions.ts';
import { toRuleGroup } from '../../rules/rulefmt.ts';
import { toJson } from '../../serialize/json.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, Target } from '../artifact.ts';
import { toDashboardJson } from '../grafana/emitter.ts';
import { alertmanagerConfigObjects, alertmanagerSecret } from './alertmanager.ts';
import { monitorObject } from './monitors.ts';
import { KUBERNETES_KEY_ORDER, type ConfigMapDto, type KubernetesObjectDto, type ObjectMetaDto, type PrometheusRuleDto } from './types.ts';

export const prometheusOperatorTarget: Target = {
  id: 'prometheus-operator',
  default: false,
  emit(model, expanded) {
    return writeFiles(model, kubernetesObjects(model, expanded));
  },
};

/** An object and the definition files it comes from, for its file's header. */
export interface SourcedObject {
  readonly object: KubernetesObjectDto;
  readonly sources: readonly string[];
}

/** Every object, by kind, each kind in a fixed order. */
export function kubernetesObjects(model: Model, expanded: Expanded): SourcedObject[] {
  const k8s = model.kubernetes;
  const metadata = (labels: Readonly<Record<string, string>> = {}, annotations: Readonly<Record<string, string>> = {}): Omit<ObjectMetaDto, 'name'> =>
    withoutEmpty({ namespace: k8s.namespace, labels: { ...KUBERNETES_MANAGED_BY, ...k8s.labels, ...labels }, annotations: { ...k8s.annotations, ...annotations } });
  const rules = expanded.ruleObjects.objects.map(
    (rule): SourcedObject => ({
      object: { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { ...metadata(), name: rule.name }, spec: { groups: rule.groups.map(toRuleGroup) } } satisfies PrometheusRuleDto,
      sources: rule.services.map((s) => s.origin.file),
    }),
  );
  const monitors = model.services.flatMap((service): SourcedObject[] => {
    const discovery = service.scrape?.kubernetes;
    if (!service.scrape || !discovery) return [];
    return [{ object: monitorObject(service.scrape, discovery, metadata(), service.name), sources: [service.origin.file] }];
  });
  const routing = model.routing;
  const alertmanager = !routing
    ? []
    : k8s.alertmanager.config === 'secret'
      ? [alertmanagerSecret(routing, expanded.inhibitRules, k8s.alertmanager.name, metadata())]
      : alertmanagerConfigObjects(routing, expanded.inhibitRules, k8s.alertmanager.name, metadata());
  const dashboards = expanded.dashboards.map(
    (d): SourcedObject => ({
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { ...metadata(k8s.dashboards.labels, { [k8s.dashboards.folderAnnotation]: d.folder }), name: dashboardConfigMapName(d.uid) },
        data: { [dashboardConfigMapKey(d.uid)]: toJson(toDashboardJson(d)) },
      } satisfies ConfigMapDto,
      sources: [d.origin.file],
    }),
  );
  return [...rules, ...monitors, ...alertmanager.map((object) => ({ object, sources: routing ? [routing.origin.file] : [] })), ...dashboards];
}

function withoutEmpty(meta: Omit<ObjectMetaDto, 'name'>): Omit<ObjectMetaDto, 'name'> {
  return {
    namespace: meta.namespace,
    ...(meta.labels && Object.keys(meta.labels).length > 0 && { labels: meta.labels }),
    ...(meta.annotations && Object.keys(meta.annotations).length > 0 && { annotations: meta.annotations }),
  };
}

/** The resource name of a kind: its file (per-kind) or folder (per-object). */
function plural(object: KubernetesObjectDto): string {
  return `${object.kind.toLowerCase()}s`;
}

function writeFiles(model: Model, objects: readonly SourcedObject[]): Artifact[] {
  const namespace = model.kubernetes.namespace;
  const document = ({ object }: SourcedObject) => toYaml(object, '', KUBERNETES_KEY_ORDER);
  if (model.kubernetes.files === 'per-object') {
    return objects.map((o) => ({ path: kubernetesObjectPath(namespace, plural(o.object), o.object.metadata.name), content: `${generatedHeader(o.sources)}${document(o)}` }));
  }
  const byKind = new Map<string, SourcedObject[]>();
  for (const o of objects) {
    const ofKind = byKind.get(plural(o.object)) ?? [];
    ofKind.push(o);
    byKind.set(plural(o.object), ofKind);
  }
  return [...byKind].map(([kind, ofKind]) => ({
    path: kubernetesKindPath(namespace, kind),
    content: `${generatedHeader([...new Set(ofKind.flatMap((o) => o.sources))].sort())}${ofKind.map(document).join('---\n')}`,
  }));
}
