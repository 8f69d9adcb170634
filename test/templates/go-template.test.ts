/**
 * The Go template checker against promtool 2.42's verdicts: each template was put in an
 * alert annotation and run through `promtool check rules` (Go 1.19's text/template), and
 * monc must accept exactly what promtool accepted. For a rejected template the table
 * holds the text monc points at and the start of its message.
 */
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/templates/go-template.ts';

/** [template, the text the error points at (undefined: promtool accepts it), the start of the message]. */
const CASES: readonly (readonly [string, string | undefined, string | undefined])[] = [
  ["{{ $labels.instance }}", undefined, undefined],
  ["{{ $labels.instance", "{{", "unclosed action"],
  ["{{ if $value }}x", "if", "{{if}} has no matching {{end}}"],
  ["{{ end }}", "end", "unexpected {{end}}"],
  ["{{ $value | humanise }}", "humanise", "function \"humanise\" not defined"],
  ["{{ $foo }}", "$foo", "undefined variable \"$foo\""],
  ["{{ }}", "}}", "missing value for command"],
  ["{{ | humanize }}", "|", "missing value before \"|\" in command"],
  ["{{ $value | }}", undefined, undefined],
  ["{{ humanize }}", undefined, undefined],
  ["{{ (humanize $value }}", "}}", "unclosed left parenthesis in the action"],
  ["{{ humanize $value) }}", ")", "unexpected right parenthesis"],
  ["{{/* c */}}", undefined, undefined],
  ["{{ /* c */ }}", "/", "unexpected \"/\" in command"],
  ["{{/* c */ x}}", "*/", "comment ends before closing delimiter"],
  ["{{/* unclosed", "{{/* unclosed", "unclosed comment"],
  ["{{- $value -}}", undefined, undefined],
  ["{{-$value}}", "-$", "bad number syntax"],
  ["{{ 3 | printf }}", undefined, undefined],
  ["{{ . | humanize }}", undefined, undefined],
  ["{{ \"abc }}", "\"abc }}", "unterminated quoted string"],
  ["{{ `raw }}", "`raw }}", "unterminated raw quoted string"],
  ["{{ 'a' }}", undefined, undefined],
  ["{{ 1.5e3 }}", undefined, undefined],
  ["{{ 0x1F }}", undefined, undefined],
  ["{{ 1abc }}", "1a", "bad number syntax"],
  ["{{ else }}", "else", "unexpected {{else}}"],
  ["{{ if . }}a{{ else }}b{{ else }}c{{ end }}", "else", "{{if}} already has an {{else}}"],
  ["{{ if . }}{{ else if $value }}{{ end }}", undefined, undefined],
  ["{{ range $i, $v := . }}{{ $i }}{{ end }}", undefined, undefined],
  ["{{ range . }}{{ break }}{{ end }}", undefined, undefined],
  ["{{ break }}", "break", "{{break}} outside {{range}}"],
  ["{{ with $x := . }}{{ $x }}{{ end }}{{ $x }}", "$x", "undefined variable \"$x\""],
  ["{{ $x := 1 }}{{ $x = 2 }}", undefined, undefined],
  ["{{ $y = 2 }}", undefined, undefined],
  ["{{ template \"x\" . }}", undefined, undefined],
  ["{{ define \"x\" }}a{{ end }}", undefined, undefined],
  ["{{ block \"x\" . }}a{{ end }}", undefined, undefined],
  ["{{ nil }}", undefined, undefined],
  ["{{ index $labels \"a\" }}", undefined, undefined],
  ["{{ $labels.a.b.c }}", undefined, undefined],
  ["{{ .Labels.job }}", undefined, undefined],
  ["{{ printf \"%s\" (index $labels \"x\") | toUpper }}", undefined, undefined],
  ["{{ if }}{{ end }}", "}}", "missing value for if"],
  ["{{ range }}{{ end }}", "}}", "missing value for range"],
  ["{{ $value ! }}", "!", "unexpected \"!\" in command"],
  ["{{ $value # }}", "#", "unexpected \"#\" in command"],
  ["{{ urlQueryEscape $value }}", "urlQueryEscape", "function \"urlQueryEscape\" not defined"],
  ["{{ $externalLabels.a }} {{ $externalURL }}", undefined, undefined],
  ["{{ true | not }}", undefined, undefined],
  ["{{ \"a\" | \"b\" }}", "\"b\"", "\"b\" cannot take the piped value"],
  ["a }} b", undefined, undefined],
  ["{{ $ }}", undefined, undefined],
  ["{{ $.Labels }}", undefined, undefined],
  ["{{ $value := 3 }}", undefined, undefined],
  ["{{ range $i, $v = . }}{{ end }}", undefined, undefined],
  ["{{ with . }}{{ else with $value }}{{ end }}", "with", "unexpected \"with\" in else"],
  ["{{ continue }}", "continue", "{{continue}} outside {{range}}"],
  ["{{ -3 }}", undefined, undefined],
  ["{{ + }}", "+ ", "bad number syntax"],
  ["{{ . . }}", undefined, undefined],
  ["{{ (.) }}", undefined, undefined],
  ["{{ ( ) }}", ")", "missing value for parenthesized pipeline"],
  ["{{\n$value\n}}", undefined, undefined],
  ["{{ \"a\nb\" }}", "\"a", "unterminated quoted string"],
  ["{{ query \"up\" | first | value }}", undefined, undefined],
];

describe('Go template syntax in alert labels and annotations matches promtool 2.42', () => {
  it.each(CASES.filter(([, at]) => at === undefined).map(([template]) => [template]))('%j parses, as promtool accepts it', (template) => {
    expect(checkTemplate(template)).toBeUndefined();
  });

  it.each(CASES.filter(([, at]) => at !== undefined))('%j is rejected at %j with "%s"', (template, at, message) => {
    const error = checkTemplate(template);
    expect(error, 'promtool rejects this template').toBeDefined();
    expect(template.slice(error?.from, error?.to)).toBe(at);
    expect(error?.message.startsWith(message ?? '')).toBe(true);
  });
});
