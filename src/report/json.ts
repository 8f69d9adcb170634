import type { Diagnostic } from '../diagnostic.ts';

/** The CLI contract: exactly one object, these fields, in this order. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
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
  })}\n`;
}
