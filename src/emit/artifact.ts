import type { Expanded } from '../expand/expand.ts';
import type { Model } from '../model/model.ts';

/** A generated file: a posix path relative to out/, and its exact content. */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/**
 * What an output target writes: a thin writer from the model and its expansion to files,
 * through its own DTOs (emit/<target>/types.ts). Targets are pure: no fs, no clock, no env.
 */
export interface TargetEmitter {
  emit(model: Model, expanded: Expanded): Artifact[];
}

/** An output target, by the name `targets:` in monc.config.yaml gives it. */
export interface Target {
  readonly id: string;
  /** Written when the config names no targets. */
  readonly default: boolean;
  /**
   * Its emitter, loaded when a build writes the target: emitters pull in large libraries
   * (Grafana's SDK is half a megabyte of JavaScript) that a lint never runs.
   */
  load(): Promise<TargetEmitter>;
}
