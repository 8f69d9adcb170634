import type { Expanded } from '../expand/expand.ts';
import type { Model } from '../model/model.ts';

/** A generated file: a posix path relative to out/, and its exact content. */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/**
 * An output target: a thin writer from the model and its expansion to files, through its own
 * DTOs (emit/<target>/types.ts). Targets are pure: no fs, no clock, no env.
 */
export interface Target {
  /** What `targets:` in monc.config.yaml names. */
  readonly id: string;
  /** Written when the config names no targets. */
  readonly default: boolean;
  emit(model: Model, expanded: Expanded): Artifact[];
}
