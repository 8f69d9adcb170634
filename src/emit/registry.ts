import type { Target } from './artifact.ts';

/** Every output target, in a fixed order; monc.config.yaml's `targets` selects among them. */
export const TARGETS: readonly Target[] = [
  { id: 'prometheus', default: true, load: async () => (await import('./prometheus/emitter.ts')).prometheusTarget },
  { id: 'alertmanager', default: true, load: async () => (await import('./alertmanager/emitter.ts')).alertmanagerTarget },
  { id: 'grafana', default: true, load: async () => (await import('./grafana/emitter.ts')).grafanaTarget },
  { id: 'docs', default: true, load: async () => (await import('./docs/emitter.ts')).docsTarget },
  { id: 'prometheus-operator', default: false, load: async () => (await import('./kubernetes/emitter.ts')).prometheusOperatorTarget },
  { id: 'mimir', default: false, load: async () => (await import('./mimir/emitter.ts')).mimirTarget },
  { id: 'thanos', default: false, load: async () => (await import('./thanos/emitter.ts')).thanosTarget },
];

export const DEFAULT_TARGETS: readonly string[] = TARGETS.filter((t) => t.default).map((t) => t.id);
