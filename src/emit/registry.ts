import type { Emitter } from './artifact.ts';
import { alertmanagerEmitter } from './alertmanager/emitter.ts';
import { docsEmitter } from './docs/emitter.ts';
import { grafanaEmitter } from './grafana/emitter.ts';
import { prometheusEmitter } from './prometheus/emitter.ts';

/** Every emitter, in a fixed order. */
export const EMITTERS: readonly Emitter[] = [prometheusEmitter, alertmanagerEmitter, grafanaEmitter, docsEmitter];
