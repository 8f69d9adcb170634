import type { Model } from '../model/model.ts';

/** A generated file: a posix path relative to out/, and its exact content. */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/** Emitters are pure: Model in, files out; no fs, no clock, no env. */
export interface Emitter {
  readonly id: string;
  emit(model: Model): Artifact[];
}
