/** Regexes with the errors Go's regexp gives them, per Prometheus version. */
const E = 'error parsing regexp: ';

/** [pattern, error for version 2 (promtool 2.42), error for version 3 when different]. */
export const CASES: ReadonlyArray<readonly [string, string | undefined, (string | undefined)?]> = [
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
  // Compiles inside ^(?:…)$, but Prometheus also parses the pattern alone.
  ['5)(0', `${E}unexpected ): \`5)(0\``],
  ['a)|(b', `${E}unexpected ): \`a)|(b\``],
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

export const v3Expected = (row: (typeof CASES)[number]) => (row.length === 3 ? row[2] : row[1]);

