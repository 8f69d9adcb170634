/**
 * What `monc import` reports about its sources, besides the rulefmt and YAML problems the
 * loaders already name: each finding points at the line of the source file it is about.
 */
import type { CheckDescriptor } from '../check-descriptors.ts';
import type { Finding, Span } from '../diagnostic.ts';

const DOCS = 'docs/migrating/README.md';

const importCheck = (id: string, summary: string, defaultSeverity: CheckDescriptor['defaultSeverity']): CheckDescriptor => ({
  id,
  summary,
  defaultSeverity,
  stage: 'load',
  suppressible: false,
  docs: DOCS,
});

export const IMPORT_CHECKS = {
  /** Part of the source that the written definitions do not carry, or carry changed. */
  loss: importCheck('import/loss', 'Part of an imported file that monc cannot express; the rest is still written.', 'warning'),
  /** Something the import had to decide: an inferred metric, a default team, a silenced check. */
  guess: importCheck('import/guess', 'Something monc import inferred or decided, for a person to confirm.', 'info'),
  /** A secret written inline in the source: never copied; the definitions name the file it goes to. */
  secret: importCheck('import/secret', 'A secret written inline in an imported file: it is not copied, and the definitions name the file to put it in.', 'warning'),
  /** A problem of the source that monc's checks would report: imported as it is, the check silenced there. */
  kept: importCheck('import/kept-problem', 'A problem of the imported file that a monc check reports; it is imported as it is, with the check silenced there.', 'warning'),
  /** A file or document that no importer (or not the one asked for) reads. */
  unsupported: importCheck('import/unsupported', 'A file or document that is not of a kind monc can import.', 'error'),
  /** A file that cannot be read. */
  unreadable: importCheck('import/unreadable', 'A file given to monc import cannot be read.', 'error'),
} as const satisfies Record<string, CheckDescriptor>;

type ImportCheck = (typeof IMPORT_CHECKS)[keyof typeof IMPORT_CHECKS];

export function importFinding(check: ImportCheck, at: Span, message: string): Finding {
  return { check: check.id, severity: check.defaultSeverity, message, at };
}
