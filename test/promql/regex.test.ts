/**
 * Label-matcher regexes are validated as Go RE2, the way Prometheus compiles them; version 2
 * follows the Go 1.19 of Debian's promtool 2.42, which is the oracle for every case here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { re2Error } from '../../src/promql/regex.ts';

const E = 'error parsing regexp: ';

/** [pattern, error for version 2 (promtool 2.42), error for version 3 when different]. */
const CASES: ReadonlyArray<readonly [string, string | undefined, (string | undefined)?]> = [
  ['5..', undefined],
  ['', undefined],
  ['.*', undefined],
  ['\\d+', undefined],
  ['[[:alpha:]]', undefined],
  ['(?P<name>x)', undefined],
  ['(?i)abc', undefined],
  ['(?U)a+', undefined],
  ['\\Q.*\\E', undefined],
  ['\\pL\\p{Greek}\\P{^Latin}\\pN', undefined],
  ['a{1000}', undefined],
  ['a{,3}', undefined],
  ['x{0}', undefined],
  ['\\v\\b\\B\\A\\z', undefined],
  ['[(?<]', undefined],
  ['\\Q(?<\\E', undefined],
  ['(a|b', `${E}missing closing ): \`^(?:(a|b)$\``],
  ['a)', `${E}unexpected ): \`^(?:a))$\``],
  ['\\', `${E}missing closing ): \`^(?:\\)$\``],
  ['a{2,1}', `${E}invalid repeat count: \`{2,1}\``],
  ['a{1001}', `${E}invalid repeat count: \`{1001}\``],
  ['((a{1000}){1000}){1000}', `${E}invalid repeat count: \`{1000}\``],
  ['a**', `${E}invalid nested repetition operator: \`**\``],
  ['*', `${E}missing argument to repetition operator: \`*\``],
  ['[z-a]', `${E}invalid character class range: \`z-a\``],
  ['[[:foo:]]', `${E}invalid character class range: \`[:foo:]\``],
  ['\\p{Foo}', `${E}invalid character class range: \`\\p{Foo}\``],
  ['(?=x)', `${E}invalid or unsupported Perl syntax: \`(?=\``],
  ['(?#comment)', `${E}invalid or unsupported Perl syntax: \`(?#\``],
  ['(?P=name)', `${E}invalid or unsupported Perl syntax: \`(?P\``],
  ['\\1', `${E}invalid escape sequence: \`\\1\``],
  ['\\Z', `${E}invalid escape sequence: \`\\Z\``],
  ['\\C', `${E}invalid escape sequence: \`\\C\``],
  ['\\e', `${E}invalid escape sequence: \`\\e\``],
  ['\\x{110000}', `${E}invalid escape sequence: \`\\x{110000\``],
  // Go, unlike RE2 and re2js, allows two groups with the same name.
  ['(?P<n>a)(?P<n>b)', undefined],
  ['(?P<n>a)(?P<n>b)(', `${E}missing closing ): \`^(?:(?P<n>a)(?P<n>b)()$\``],
  // Go 1.22 added (?<name>…); promtool 2.42's Go 1.19 rejects it, 3.x accepts it.
  ['(?<name>x)', `${E}invalid or unsupported Perl syntax: \`(?<\``, undefined],
  ['(?i)(?<n>b)', `${E}invalid or unsupported Perl syntax: \`(?<\``, undefined],
  ['a(?<n>b)(?=c)', `${E}invalid or unsupported Perl syntax: \`(?<\``, `${E}invalid or unsupported Perl syntax: \`(?=\``],
  ['(?=c)(?<n>b)', `${E}invalid or unsupported Perl syntax: \`(?=\``],
  // `a)` closes Prometheus' `^(?:` wrapper, so Go only stumbles on the last `)`, after `(?<`.
  ['a)(?<n>b)', `${E}invalid or unsupported Perl syntax: \`(?<\``, `${E}unexpected ): \`^(?:a)(?<n>b))$\``],
  ['(?<n>b', `${E}invalid or unsupported Perl syntax: \`(?<\``, `${E}missing closing ): \`^(?:(?<n>b)$\``],
  // Unicode 14+ scripts, properties and special names that Go 1.19 does not know.
  ['\\p{Toto}', `${E}invalid character class range: \`\\p{Toto}\``, undefined],
  ['[\\p{Kawi}]', `${E}invalid character class range: \`\\p{Kawi}\``, undefined],
  ['\\P{^Vithkuqi}', `${E}invalid character class range: \`\\P{^Vithkuqi}\``, undefined],
  ['\\p{White_Space}', `${E}invalid character class range: \`\\p{White_Space}\``, undefined],
  ['\\p{Assigned}', `${E}invalid character class range: \`\\p{Assigned}\``, undefined],
  ['\\p{Lc}', `${E}invalid character class range: \`\\p{Lc}\``, undefined],
  ['[\\d-z]', undefined],
];

const v3Expected = (row: (typeof CASES)[number]) => (row.length === 3 ? row[2] : row[1]);

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

describe('promtool 2.42 agrees with re2Error for Prometheus 2', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-regex-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('accepts and rejects every case with the same message', () => {
    const lines = ['groups:', '  - name: g', '    rules:'];
    CASES.forEach(([pattern], i) => {
      lines.push(`      - record: t${i}`, `        expr: ${JSON.stringify(`up{job=~${JSON.stringify(pattern)}}`)}`);
    });
    const file = path.join(tmp, 'regex.yml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    const verdicts = new Map<string, string>();
    for (const match of `${result.stdout}${result.stderr}`.matchAll(/"t(\d+)": could not parse expression: 1:4: parse error: (.*)/g)) {
      const pattern = CASES[Number(match[1])]?.[0];
      if (pattern !== undefined && match[2]) verdicts.set(pattern, match[2]);
    }
    for (const [pattern] of CASES) expect(verdicts.get(pattern), pattern).toBe(re2Error(pattern, 2));
  });
});
