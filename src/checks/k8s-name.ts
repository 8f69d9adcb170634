import type { Span } from '../diagnostic.ts';
import { dashboardConfigMapName, monitorName } from '../model/conventions.ts';
import { modelCheck, type CheckContext } from './check.ts';
import { labelKeyProblem, labelValueProblem, objectNameProblem, writesKubernetes } from './k8s-helpers.ts';

interface Named {
  readonly kind: string;
  readonly name: string;
  /** What it is named after, for the message: `team "Search"`. */
  readonly after: string;
  readonly at: Span;
}

/**
 * monc names objects after services, teams and dashboards (conventions.ts: lowercase, other
 * characters as '-'), and labels them with the config's labels: a name that comes out empty
 * or too long, two objects of a kind with one name (the second overwrites the first), or a
 * label or annotation the API server refuses.
 */
export const k8sName = modelCheck({
  id: 'k8s/name',
  summary: 'An object name derived from a service, team or dashboard is empty, too long or taken twice, or a configured label or annotation is no valid Kubernetes key or value.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    if (!writesKubernetes(model)) return;
    const byTeam = model.kubernetes.ruleObjects === 'team';
    reportNames(ctx, [
      ...expanded.ruleObjects.objects.map((o): Named => {
        const service = o.services[0];
        const at = byTeam ? service?.origin.at('team') : service?.origin.at('name');
        return { kind: 'PrometheusRule', name: o.name, after: `${byTeam ? 'team' : 'service'} "${o.owner}"`, at: at ?? model.kubernetes.origin.at() };
      }),
      ...model.services.flatMap((s): Named[] =>
        s.scrape?.kubernetes ? [{ kind: s.scrape.kubernetes.monitor === 'pod' ? 'PodMonitor' : 'ServiceMonitor', name: monitorName(s.name), after: `service "${s.name}"`, at: s.origin.at('name') }] : [],
      ),
      ...expanded.dashboards.map((d): Named => ({ kind: 'ConfigMap', name: dashboardConfigMapName(d.uid), after: `dashboard "${d.uid}"`, at: d.origin.at('id') })),
    ]);
    const k8s = model.kubernetes;
    const labels = (map: Readonly<Record<string, string>>, path: string[], what: string, withValues: boolean) => {
      for (const [key, value] of Object.entries(map)) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) ctx.report({ at: k8s.origin.keyAt(...path, key), message: `${what} key "${key}" ${keyProblem}` });
        const valueProblem = withValues ? labelValueProblem(value) : undefined;
        if (valueProblem) ctx.report({ at: k8s.origin.at(...path, key), message: `${what} value "${value}" of ${key} ${valueProblem}` });
      }
    };
    labels(k8s.labels, ['labels'], 'label', true);
    labels(k8s.annotations, ['annotations'], 'annotation', false);
    labels(k8s.dashboards.labels, ['dashboards', 'labels'], 'dashboard label', true);
    const folderProblem = labelKeyProblem(k8s.dashboards.folderAnnotation);
    if (folderProblem) ctx.report({ at: k8s.origin.at('dashboards', 'folderAnnotation'), message: `folderAnnotation "${k8s.dashboards.folderAnnotation}" names an annotation, whose key ${folderProblem}` });
  },
});

function reportNames(ctx: CheckContext, objects: readonly Named[]): void {
  const first = new Map<string, Named>();
  for (const object of objects) {
    const problem = objectNameProblem(object.name);
    if (problem) {
      ctx.report({ at: object.at, message: `the ${object.kind} of ${object.after} would be named "${object.name}", which ${problem}: give it a name with at most 253 lowercase letters, digits and '-'` });
      continue;
    }
    const key = `${object.kind}/${object.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, object);
      continue;
    }
    ctx.report({
      at: object.at,
      message: `the ${object.kind} of ${object.after} would be named "${object.name}", as is the one of ${earlier.after}, which it would replace: rename one of them`,
      related: [{ at: earlier.at, message: `the ${object.kind} of ${earlier.after}` }],
    });
  }
}
