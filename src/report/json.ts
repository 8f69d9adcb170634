import type { Diagnostic } from '../diagnostic.ts';

/** The CLI contract: exactly one object, these fields, in this order; `extra` adds keys after them. */
export function formatJson(diagnostics: readonly Diagnostic[], extra: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      check: d.check,
      severity: d.severity,
      message: d.message,
    })),
    ...extra,
  })}\n`;
}
