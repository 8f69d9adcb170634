import { OUT_PATHS } from '../model/conventions.ts';
import { toJson } from '../serialize/json.ts';
import { artifactDigest, lazyArtifact, type Artifact } from './artifact.ts';

export interface Manifest {
  readonly generator: 'monc';
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The list of files monc generated, so a later build removes only its own files. Made when
 * read, after the files before it: their digests are known by then.
 */
export function manifestArtifact(artifacts: readonly Artifact[]): Artifact {
  return lazyArtifact(OUT_PATHS.manifest, () => {
    const files = Object.fromEntries(artifacts.map((a) => [a.path, `sha256:${artifactDigest(a)}`]));
    const manifest: Manifest = { generator: 'monc', files };
    return toJson(manifest, ['generator', 'files']);
  });
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    return value.generator === 'monc' && typeof value.files === 'object' && value.files !== null ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
