/**
 * A double-quoted PromQL string for any value: JSON's escapes (the quote, the backslash,
 * control characters) are Go's too, and U+FFFD is escaped because Go's decoder cannot tell
 * it from invalid UTF-8, which Prometheus' lexer refuses inside a string.
 */
export function promqlString(value: string): string {
  return JSON.stringify(value).replaceAll('\ufffd', '\\ufffd');
}
