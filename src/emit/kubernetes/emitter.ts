/**
 * The prometheus-operator target: Kubernetes objects under out/kubernetes/<namespace>/ —
 * PrometheusRules (one per service or team, split under the operator's size limit), a
 * ServiceMonitor or PodMonitor per service discovered in Kubernetes, the routing as the
 * Alertmanager's configuration Secret or an AlertmanagerConfig, and a ConfigMap per dashboard
 * for the Grafana sidecar. One multi-document file per kind, or one file per object.
 */
import type { Expanded } from '../../expand/expand.ts';
import type { KubernetesSettings, Model, Service } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { dashboardConfigMapKey, dashboardConfigMapName, generatedHeader, kubernetesKindPath, kubernetesLabels, kubernetesObjectPath } from '../../model/conventions.ts';
import { toJson } from '../../serialize/json.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, TargetEmitter } from '../artifact.ts';
import { toDashboardJson } from '../grafana/emitter.ts';
import { alertmanagerConfigObjects, alertmanagerSecret } from './alertmanager.ts';
import { monitorObject } from './monitors.ts';
import { appendTo } from '../../collections.ts';
import { KUBERNETES_KEY_ORDER, type ConfigMapDto, type KubernetesObjectDto, type ObjectMetaDto, type PrometheusRuleDto } from './types.ts';

export const prometheusOperatorTarget: TargetEmitter = {
  emit(model, expanded) {
    return writeFiles(model, kubernetesObjects(model, expanded));
  },
};

/** An object, the definition it comes from (for findings about it) and the files of its file's header. */
export interface SourcedObject {
  readonly object: KubernetesObjectDto;
  readonly origin: Origin;
  readonly sources: readonly string[];
}

type Metadata = Omit<ObjectMetaDto, 'name'>;

/** The namespace, and the configured labels and annotations with an object's own. */
function metadata(k8s: KubernetesSettings, labels: Readonly<Record<string, string>> = {}, annotations: Readonly<Record<string, string>> = {}): Metadata {
  const allLabels = { ...kubernetesLabels(k8s.labels), ...labels };
  const allAnnotations = { ...k8s.annotations, ...annotations };
  return { namespace: k8s.namespace, labels: allLabels, ...(Object.keys(allAnnotations).length > 0 && { annotations: allAnnotations }) };
}

/** Every object, kind by kind. */
function kubernetesObjects(model: Model, expanded: Expanded): SourcedObject[] {
  return [...prometheusRules(model, expanded), ...monitors(model), ...alertmanagerObjects(model, expanded), ...dashboardConfigMaps(model, expanded)];
}

function prometheusRules(model: Model, expanded: Expanded): SourcedObject[] {
  return expanded.ruleObjects.objects.map((rule) => {
    const object: PrometheusRuleDto = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { ...metadata(model.kubernetes), name: rule.name }, spec: { groups: rule.groups } };
    return { object, origin: (rule.services[0] as Service).origin, sources: [...new Set(rule.services.map((s) => s.origin.file))] };
  });
}

function monitors(model: Model): SourcedObject[] {
  return model.services.flatMap((service): SourcedObject[] => {
    const discovery = service.scrape?.kubernetes;
    if (!service.scrape || !discovery) return [];
    return [{ object: monitorObject(service.scrape, discovery, metadata(model.kubernetes), service.name), origin: discovery.origin, sources: [service.origin.file] }];
  });
}

/** The routing as the configuration Secret, or an AlertmanagerConfig (and its templates), by the config's alertmanager.config. */
export function alertmanagerObjects(model: Model, expanded: Expanded): SourcedObject[] {
  const routing = model.routing;
  if (!routing) return [];
  const { name, config } = model.kubernetes.alertmanager;
  const objects =
    config === 'secret'
      ? [alertmanagerSecret(routing, expanded.inhibitRules, name, metadata(model.kubernetes))]
      : alertmanagerConfigObjects(routing, expanded.inhibitRules, name, metadata(model.kubernetes));
  return objects.map((object) => ({ object, origin: routing.origin, sources: [routing.origin.file] }));
}

/** Per compile: k8s/object-size measures the ConfigMaps this target writes, and the dashboards' JSON is the costly part. */
const configMapsOf = new WeakMap<Expanded, SourcedObject[]>();

/** A ConfigMap per dashboard, labelled for the Grafana sidecar and annotated with its folder. */
/** The objects the k8s/ checks measure, rendered as this target writes them. */
export interface KubernetesRendering {
  alertmanagerObjects(model: Model, expanded: Expanded): SourcedObject[];
  dashboardConfigMaps(model: Model, expanded: Expanded): SourcedObject[];
}

export const kubernetesRendering: KubernetesRendering = { alertmanagerObjects, dashboardConfigMaps };

export function dashboardConfigMaps(model: Model, expanded: Expanded): SourcedObject[] {
  const cached = configMapsOf.get(expanded);
  if (cached) return cached;
  const { labels, folderAnnotation } = model.kubernetes.dashboards;
  const configMaps = expanded.dashboards.map((d): SourcedObject => {
    const object: ConfigMapDto = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...metadata(model.kubernetes, labels, { [folderAnnotation]: d.folder }), name: dashboardConfigMapName(d.uid) },
      data: { [dashboardConfigMapKey(d.uid)]: toJson(toDashboardJson(d)) },
    };
    return { object, origin: d.origin, sources: [d.origin.file] };
  });
  configMapsOf.set(expanded, configMaps);
  return configMaps;
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
  for (const o of objects) appendTo(byKind, plural(o.object), o);
  return [...byKind].map(([kind, ofKind]) => ({
    path: kubernetesKindPath(namespace, kind),
    content: `${generatedHeader([...new Set(ofKind.flatMap((o) => o.sources))].sort())}${ofKind.map(document).join('---\n')}`,
  }));
}
