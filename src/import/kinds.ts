/** The kinds `monc import` takes, without loading the importers (the command line's help names them). */
export const IMPORTER_KINDS = ['rules', 'alertmanager', 'pyrra', 'openslo', 'sloth', 'grafana'] as const;
export type ImporterKind = (typeof IMPORTER_KINDS)[number];

/** Each importer's kind, and auto (ask each in turn). */
export const IMPORT_KINDS: readonly string[] = [...IMPORTER_KINDS, 'auto'];
