import type { Emitter } from './artifact.ts';
import { prometheusEmitter } from './prometheus/emitter.ts';

/** Every emitter, in a fixed order. */
export const EMITTERS: readonly Emitter[] = [prometheusEmitter];
