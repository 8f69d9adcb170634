/**
 * Files matching a glob as Go's filepath.Glob reads it (Alertmanager's `templates`): `*`, `?`
 * and `[...]` match within one path segment, `\` escapes; relative patterns from a folder.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function globFiles(pattern: string, from: string): string[] {
  const absolute = path.resolve(from, pattern);
  const { root } = path.parse(absolute);
  const segments = absolute.slice(root.length).split(path.sep).filter(Boolean);
  let matches = [root];
  for (const segment of segments) {
    const regex = segmentRegex(segment);
    matches = matches.flatMap((dir) => {
      if (!regex) return [path.join(dir, segment.replace(/\\(.)/g, '$1'))];
      return entries(dir)
        .filter((entry) => regex.test(entry))
        .sort()
        .map((entry) => path.join(dir, entry));
    });
  }
  return matches.filter((file) => isFile(file));
}

/** The regex of a segment with wildcards; undefined for a literal one. */
function segmentRegex(segment: string): RegExp | undefined {
  if (!/(^|[^\\])[*?[]/.test(segment)) return undefined;
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '\\') source += escapeRegex(segment[++i] ?? '');
    else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      // An unterminated class is a bad pattern to Go: it matches nothing.
      if (end < 0) return /$^/;
      source += `[${segment.slice(i + 1, end)}]`;
      i = end;
    } else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
