import { createHash } from 'node:crypto';
import { OUT_PATHS } from '../model/conventions.ts';
import { toJson } from '../serialize/json.ts';
import type { Artifact } from './artifact.ts';

export interface Manifest {
  readonly generator: 'monc';
  readonly files: Readonly<Record<string, string>>;
}

/** The list of files monc generated, so a later build removes only its own files. */
export function manifestArtifact(artifacts: readonly Artifact[]): Artifact {
  const files = Object.fromEntries(artifacts.map((a) => [a.path, `sha256:${sha256(a.content)}`]));
  const manifest: Manifest = { generator: 'monc', files };
  return { path: OUT_PATHS.manifest, content: toJson(manifest, ['generator', 'files']) };
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    return value.generator === 'monc' && typeof value.files === 'object' && value.files !== null ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
