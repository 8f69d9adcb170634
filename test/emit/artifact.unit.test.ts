/**
 * Lazy artifacts: a file's text is made when it is read and not kept, and the manifest lists
 * the same digests whether the files were made eagerly or lazily, read before it or not.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { artifactBytes, artifactDigest, lazyArtifact, type Artifact } from '../../src/emit/artifact.ts';
import { manifestArtifact, parseManifest } from '../../src/emit/manifest.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A lazy artifact that counts how often its text was made. */
function counted(path: string, text: string): { artifact: Artifact; renders: () => number } {
  let renders = 0;
  const artifact = lazyArtifact(path, () => {
    renders++;
    return text;
  });
  return { artifact, renders: () => renders };
}

describe('lazy artifacts', () => {
  it('make their text on every read and keep none of it', () => {
    const { artifact, renders } = counted('a.yml', 'groups: []\n');
    expect(renders()).toBe(0);
    expect(artifact.content).toBe('groups: []\n');
    expect(artifact.content).toBe('groups: []\n');
    expect(renders()).toBe(2);
  });

  it('remember the digest of their first read, so the manifest makes no file again', () => {
    const { artifact, renders } = counted('a.yml', 'groups: []\n');
    void artifact.content;
    expect(artifactDigest(artifact)).toBe(sha256('groups: []\n'));
    expect(renders()).toBe(1);
  });

  it('are made once for their digest when nothing read them before', () => {
    const { artifact, renders } = counted('b.yml', 'b\n');
    expect(artifactDigest(artifact)).toBe(sha256('b\n'));
    expect(artifactDigest(artifact)).toBe(sha256('b\n'));
    expect(renders()).toBe(1);
  });

  it('are listed in the manifest with the same digests as plain artifacts of the same text', () => {
    const files = [
      ['a.yml', 'groups: []\n'],
      ['docs/x.md', '# x — y\n'],
    ] as const;
    const plain = manifestArtifact(files.map(([path, content]) => ({ path, content })));
    const lazy = manifestArtifact(files.map(([path, content]) => counted(path, content).artifact));
    expect(lazy.content).toBe(plain.content);
    expect(parseManifest(lazy.content)?.files).toEqual({ 'a.yml': `sha256:${sha256('groups: []\n')}`, 'docs/x.md': `sha256:${sha256('# x — y\n')}` });
  });

  it.each([
    ['a lazy artifact', (text: string) => counted('c.md', text).artifact],
    ['a plain artifact', (text: string) => ({ path: 'c.md', content: text })],
  ])('give %s to write as its UTF-8 bytes, made once, with the digest of those bytes', (_, make) => {
    const text = '# Zähler — 5 ✓\n';
    const artifact = make(text);
    const bytes = artifactBytes(artifact);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(artifactDigest(artifact)).toBe(sha256(text));
  });

  it('make a lazy artifact once when it is written, and not again for the manifest', () => {
    const { artifact, renders } = counted('d.yml', 'd: 1\n');
    artifactBytes(artifact);
    expect(artifactDigest(artifact)).toBe(sha256('d: 1\n'));
    expect(renders()).toBe(1);
  });
});
