/**
 * The lexer's rarer forms, each read by the same path as the common ones (src/promql/lexer.ts):
 * comments with the spaces, strings with single-character escapes by the plain-string regex,
 * numbers by one sticky regex. What Prometheus accepts parses to the value it reads; what it
 * rejects fails with its message, at its character. promtool 2.42 agrees with every case
 * here but the comment inside a range, which Prometheus 3 rejects and 2.42 only right after
 * the [ (monc follows 3). test/conformance and the differential fuzz hold the parser to
 * promtool at large.
 */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/promql/ast.ts';
import { parsePromql } from '../../src/promql/parse.ts';

/** What a test reads off a tree: a number's value, or a selector's metric name and matcher values. */
function gist(ast: Expr | undefined): unknown {
  if (ast?.kind === 'number') return ast.value;
  if (ast?.kind === 'vector') return { metric: ast.metric?.name, values: ast.matchers.map((m) => m.value) };
  if (ast?.kind === 'binary') return [gist(ast.lhs), ast.op.name, gist(ast.rhs)];
  return ast?.kind;
}

const PARSED: readonly { name: string; text: string; gist: unknown }[] = [
  { name: 'A comment between operands is blank space', text: 'x # a comment\n+ 1', gist: [{ metric: 'x', values: [] }, '+', 1] },
  { name: 'A comment at the end is blank space', text: 'x{job="a"} # the job', gist: { metric: 'x', values: ['a'] } },
  { name: 'A comment inside braces is blank space', text: 'x{job="a", # the job\n env="b"}', gist: { metric: 'x', values: ['a', 'b'] } },
  { name: 'An escaped backslash before a dot is a backslash and a dot', text: 'x{path=~"a\\\\.b"}', gist: { metric: 'x', values: ['a\\.b'] } },
  { name: "An escaped quote inside single quotes is the quote", text: "x{a='it\\'s'}", gist: { metric: 'x', values: ["it's"] } },
  { name: 'A tab escape is a tab', text: 'x{a="tab\\there"}', gist: { metric: 'x', values: ['tab\there'] } },
  { name: 'A hex number is read in base 16', text: '0x1f', gist: 31 },
  { name: 'An exponent scales the number', text: '1e3', gist: 1000 },
  { name: 'A fraction and a negative exponent combine', text: '1.5e-3', gist: 0.0015 },
  { name: 'A number may start with its point', text: '.5', gist: 0.5 },
  { name: '__name__= names the metric of a selector without a name', text: '{__name__="up", job="a"}', gist: { metric: 'up', values: ['up', 'a'] } },
  { name: 'A selector of matchers alone has no metric name', text: '{job="a"}', gist: { metric: undefined, values: ['a'] } },
];

const REJECTED: readonly { name: string; text: string; from: number; message: string }[] = [
  { name: 'A comment inside a range is an error at the #', text: 'x[5m # five minutes\n]', from: 5, message: "unexpected character in duration expression: '#'" },
  { name: 'An unknown escape is an error at its backslash', text: 'x{a="b\\.c"}', from: 6, message: "unknown escape sequence U+002E '.'" },
  { name: 'A short \\u escape is an error at its backslash', text: 'x{a="\\u12"}', from: 5, message: "illegal character U+0022 '\\\"' in escape sequence" },
  { name: 'A hex number followed by a letter is an error over the number', text: '0x1fg', from: 0, message: 'bad number or duration syntax: "0x1f"' },
  { name: 'An exponent without digits is an error over the number', text: '1e', from: 0, message: 'error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax' },
];

describe('the lexer reads the rarer forms as Prometheus does', () => {
  it.each(PARSED)('$name: $text', ({ text, gist: expected }) => {
    const parsed = parsePromql(text);
    expect(parsed.error).toBeUndefined();
    expect(gist(parsed.ast)).toEqual(expected);
  });

  it.each(REJECTED)('$name: $text', ({ text, from, message }) => {
    expect(parsePromql(text).error).toMatchObject({ from, message });
  });
});
