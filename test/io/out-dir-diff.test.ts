/**
 * diffOut, directly: how out/ differs from a compile's artifacts, and, in watch mode, from the
 * digests of what the process last wrote, without reading those files back or making them
 * again.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactDigest, lazyArtifact, type Artifact } from '../../src/emit/artifact.ts';
import { diffOut } from '../../src/io/out-dir.ts';
import { trackTemporaryFolder } from '../helpers/temporary-folders.ts';

function outFolder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-test-diff-'));
  trackTemporaryFolder(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** A lazy artifact that counts how often its text was made. */
function counted(file: string, text: string): { artifact: Artifact; renders: () => number } {
  let renders = 0;
  return {
    artifact: lazyArtifact(file, () => {
      renders++;
      return text;
    }),
    renders: () => renders,
  };
}

describe('diffOut', () => {
  it('finds missing and stale files on disk without making a missing one', async () => {
    const dir = outFolder({ 'a.yml': 'old\n' });
    const a = counted('a.yml', 'new\n');
    const b = counted('b.yml', 'b\n');
    const diff = await diffOut(dir, [a.artifact, b.artifact]);
    expect(diff).toMatchObject({ stale: ['a.yml'], missing: ['b.yml'] });
    expect([a.renders(), b.renders()]).toEqual([1, 0]);
  });

  it('with the digests of what it wrote, reads nothing back and flags only the file whose text changed', async () => {
    // On disk the files say something else: with digests, the disk is not read.
    const dir = outFolder({ 'a.yml': 'edited on disk\n', 'b.yml': 'edited on disk\n' });
    const before = [lazyArtifact('a.yml', () => 'a\n'), lazyArtifact('b.yml', () => 'b\n')];
    const written = new Map(before.map((artifact) => [artifact.path, artifactDigest(artifact)]));
    const a = counted('a.yml', 'a\n');
    const b = counted('b.yml', 'b changed\n');
    const diff = await diffOut(dir, [a.artifact, b.artifact], written);
    expect(diff).toMatchObject({ stale: ['b.yml'], missing: [] });
    // Each made once, for its digest; the digest is then remembered for the next build.
    expect([a.renders(), b.renders()]).toEqual([1, 1]);
    artifactDigest(b.artifact);
    expect(b.renders()).toBe(1);
  });
});
