/**
 * Label-matcher regexes are validated as Go RE2, the way Prometheus compiles them; version 2
 * follows the Go 1.19 of Debian's promtool 2.42, which is the oracle for every case here
 * (regex.tools.test.ts asks it).
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { anchoredRegex, re2Error } from '../../src/promql/regex.ts';
import { CASES, v3Expected } from './regex-cases.ts';

describe('re2Error', () => {
  it.each(CASES.map((row) => [row[0], row[1]] as const))('for Prometheus 2 judges %j as %j', (pattern, expected) => {
    expect(re2Error(pattern)).toBe(expected);
    expect(re2Error(pattern, 2)).toBe(expected);
  });

  it.each(CASES.map((row) => [row[0], v3Expected(row)] as const))('for Prometheus 3 judges %j as %j', (pattern, expected) => {
    expect(re2Error(pattern, 3)).toBe(expected);
  });

  it('never calls a pattern valid that re2js cannot compile alone and anchored, plain ones (characters, ., .*, .+, |) included', () => {
    // Every pattern of up to four tokens from an alphabet that mixes the plain tokens, which
    // re2Error answers without re2js, with the quantifiers and brackets around them.
    const tokens = ['a', '5', '-', '/', ' ', '=', '.', '*', '+', '?', '|', '(', ')', '[', '\\', '.*', '.+', '**', '|*'];
    const counts = { valid: 0, invalid: 0 };
    const visit = (pattern: string, depth: number): void => {
      const compiles = [pattern, `^(?:${pattern})$`].every((regex) => {
        try {
          RE2JS.compile(regex);
          return true;
        } catch {
          return false;
        }
      });
      counts[compiles ? 'valid' : 'invalid']++;
      if (!compiles) expect(re2Error(pattern), pattern).toBeDefined();
      if (depth < 4) for (const token of tokens) visit(pattern + token, depth + 1);
    };
    visit('', 0);
    expect(counts.valid).toBeGreaterThan(20_000);
    expect(counts.invalid).toBeGreaterThan(20_000);
  });

  it('matches as re2js matches, anchored with . matching any code point, for plain patterns too', () => {
    const tokens = ['a', '5', '-', '/', ' ', '.', '.*', '.+', '|', '(', '?'];
    const texts = ['', 'a', '5', 'a5', 'aa', '55a', '-/', ' ', '\n', 'a\nb', 'é', '😀', 'a😀5', 'x'.repeat(300)];
    let compared = 0;
    const visit = (pattern: string, depth: number): void => {
      let expected: RE2JS | undefined;
      try {
        expected = RE2JS.compile(`^(?:${pattern})$`, RE2JS.DOTALL);
      } catch {
        expected = undefined;
      }
      const actual = anchoredRegex(pattern);
      expect(actual === undefined, pattern).toBe(expected === undefined);
      for (const text of texts) {
        if (expected) expect(actual?.matches(text), `${pattern} on ${JSON.stringify(text)}`).toBe(expected.matches(text));
        compared++;
      }
      if (depth < 3) for (const token of tokens) visit(pattern + token, depth + 1);
    };
    visit('', 0);
    expect(compared).toBeGreaterThan(10_000);
  });

  it('rejects patterns that nest too deeply, as Go does at its 1000-level limit', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
    expect(re2Error(nested(998))).toBeUndefined();
    expect(re2Error(nested(999))).toMatch(/^error parsing regexp: expression nests too deeply/);
  });
});
