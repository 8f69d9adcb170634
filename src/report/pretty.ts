/** Human output: location, severity, check id and message, then a code frame with a caret. */
import pc from 'picocolors';
import type { Diagnostic, Severity } from '../diagnostic.ts';
import type { SourceText } from '../load/source-text.ts';

export function formatPretty(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, SourceText>, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Readonly<Record<Severity, (text: string) => string>> = { error: c.red, warning: c.yellow, info: c.blue };
  const blocks = diagnostics.map((d) => {
    const head = `${c.bold(`${d.file}:${d.line}:${d.column}`)} ${paint[d.severity](d.severity)} ${c.dim(d.check)} ${d.message}`;
    const frame = codeFrame(d, sources.get(d.file), c.red, c.dim);
    const related = (d.related ?? []).map((r) => `  ${c.dim('=')} ${r.message}: ${r.file}:${r.line}:${r.column}`);
    return [head, ...frame, ...related].join('\n');
  });
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n\n${summary(diagnostics)}\n` : '';
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
}

function codeFrame(d: Diagnostic, source: SourceText | undefined, mark: (s: string) => string, dim: (s: string) => string): string[] {
  if (!source || source.text === '') return [];
  const first = Math.max(1, d.line - 1);
  const width = String(d.line + 1).length;
  const lines: string[] = [];
  for (let line = first; line <= d.line; line++) {
    const text = source.line(line).replace(/\t/g, ' ');
    const gutter = `${line === d.line ? mark('>') : ' '} ${dim(`${String(line).padStart(width)} |`)}`;
    lines.push(`${gutter} ${text}`);
  }
  const lineText = source.line(d.line);
  const endColumn = d.endLine === d.line ? Math.max(d.endColumn, d.column + 1) : lineText.length + 1;
  const caretLength = Math.max(1, Math.min(endColumn, lineText.length + 1) - d.column);
  lines.push(`  ${dim(`${' '.repeat(width)} |`)} ${' '.repeat(d.column - 1)}${mark('^'.repeat(caretLength))}`);
  return lines;
}
