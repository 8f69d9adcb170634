/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic, Severity } from '../diagnostic.ts';
import type { CheckDescriptor } from '../check-descriptors.ts';

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(diagnostics: readonly Diagnostic[], checks: readonly CheckDescriptor[]): string {
  const rules: ReportingDescriptor[] = checks.map((check) => ({
    id: check.id,
    shortDescription: { text: check.summary },
    helpUri: docsUrl(check.docs),
    defaultConfiguration: { level: LEVEL[check.defaultSeverity] },
  }));
  const index = new Map(checks.map((check, i) => [check.id, i]));
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: d.check,
    ...(index.has(d.check) && { ruleIndex: index.get(d.check) }),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(d.file, d.line, d.column, d.endLine, d.endColumn)],
    ...(d.related && {
      relatedLocations: d.related.map((r, i) => ({ ...location(r.file, r.line, r.column), id: i, message: { text: r.message } })),
    }),
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'monc', informationUri: 'https://github.com/monc-dev/monc', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(file: string, startLine: number, startColumn: number, endLine?: number, endColumn?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/') },
      region: { startLine, startColumn, ...(endLine !== undefined && { endLine }), ...(endColumn !== undefined && { endColumn }) },
    },
  };
}

function docsUrl(page: string): string {
  return `https://github.com/monc-dev/monc/blob/main/${page}`;
}
