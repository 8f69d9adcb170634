import { createHash } from 'node:crypto';
import type { Expanded } from '../expand/expand.ts';
import type { Model } from '../model/model.ts';

/**
 * A generated file: a posix path relative to out/, and its exact content. The content of a
 * large file is made each time it is read (lazyArtifact): the same text, at a cost.
 */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/**
 * A file whose text is made each time `content` is read, and not kept. A large build writes
 * far more text than its model holds (160 MB for 1,000 services × 5 SLOs); made together and
 * held until written, the files doubled the build's memory and most of its garbage
 * collection. out/ reads a file once to compare it, and once more to write it if it changed;
 * the manifest takes the digest remembered from the first read.
 */
export function lazyArtifact(path: string, render: () => string): Artifact {
  const artifact: Artifact = {
    path,
    get content() {
      const text = render();
      if (!digests.has(artifact)) digests.set(artifact, sha256(text));
      return text;
    },
  };
  renders.set(artifact, render);
  return artifact;
}

const digests = new WeakMap<Artifact, string>();
const renders = new WeakMap<Artifact, () => string>();

/**
 * The content as UTF-8, to write; a digest not known yet is taken from the same bytes.
 * Hashing the text and writing it encoded each file twice (160 MB in a large build).
 */
export function artifactBytes(artifact: Artifact): Buffer {
  const bytes = Buffer.from(renders.get(artifact)?.() ?? artifact.content);
  if (!digests.has(artifact)) digests.set(artifact, sha256(bytes));
  return bytes;
}

/** The SHA-256 of an artifact's content, in hex. */
export function artifactDigest(artifact: Artifact): string {
  const known = digests.get(artifact);
  if (known !== undefined) return known;
  const digest = sha256(artifact.content);
  digests.set(artifact, digest);
  return digest;
}

function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
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
