/**
 * Label-matcher regexes are validated as Go RE2, the way Prometheus compiles them; version 2
 * follows the Go 1.19 of Debian's promtool 2.42, which is the oracle for every case here
 * (regex.tools.test.ts asks it).
 */
import { describe, expect, it } from 'vitest';
import { re2Error } from '../../src/promql/regex.ts';
import { CASES, v3Expected } from './regex-cases.ts';

describe('re2Error', () => {
  it.each(CASES.map((row) => [row[0], row[1]] as const))('for Prometheus 2 judges %j as %j', (pattern, expected) => {
    expect(re2Error(pattern)).toBe(expected);
    expect(re2Error(pattern, 2)).toBe(expected);
  });

  it.each(CASES.map((row) => [row[0], v3Expected(row)] as const))('for Prometheus 3 judges %j as %j', (pattern, expected) => {
    expect(re2Error(pattern, 3)).toBe(expected);
  });

  it('rejects patterns that nest too deeply, as Go does at its 1000-level limit', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
    expect(re2Error(nested(998))).toBeUndefined();
    expect(re2Error(nested(999))).toMatch(/^error parsing regexp: expression nests too deeply/);
  });
});
