import type { Target } from './artifact.ts';
import { alertmanagerTarget } from './alertmanager/emitter.ts';
import { docsTarget } from './docs/emitter.ts';
import { grafanaTarget } from './grafana/emitter.ts';
import { prometheusOperatorTarget } from './kubernetes/emitter.ts';
import { mimirTarget } from './mimir/emitter.ts';
import { prometheusTarget } from './prometheus/emitter.ts';
import { thanosTarget } from './thanos/emitter.ts';

/** Every output target, in a fixed order; monc.config.yaml's `targets` selects among them. */
export const TARGETS: readonly Target[] = [prometheusTarget, alertmanagerTarget, grafanaTarget, docsTarget, prometheusOperatorTarget, mimirTarget, thanosTarget];

export const DEFAULT_TARGETS: readonly string[] = TARGETS.filter((t) => t.default).map((t) => t.id);
