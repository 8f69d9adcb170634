/**
 * What `monc import` reads and what an importer gives back. An importer is one source format
 * (Prometheus rule files, Alertmanager configurations, Sloth, Pyrra and OpenSLO specs, Grafana dashboards): it says whether a
 * document is its own, and turns one into definitions a person would write, with findings for
 * whatever monc cannot express. Adding one is a file under importers/ and a line in registry.ts.
 */
import type { ImporterKind } from './kinds.ts';
import type { Document } from 'yaml';
import type { AlertSpec, DashboardSpec, RecordingRuleSpec, RoutingSpec, RulerSpec, SloSpec } from '../api/types.gen.ts';
import type { Finding, Span } from '../diagnostic.ts';
import type { SourceText } from '../load/source-text.ts';

/** One YAML document of a file given to monc import, free of syntax errors. */
export interface SourceDocument {
  readonly source: SourceText;
  readonly doc: Document;
  /** Its place in the file (0 for the first document). */
  readonly index: number;
  /** How many documents the file holds. */
  readonly count: number;
}

/** Who owns the services an importer writes: one per source file (document), or one per group in it. */
export type ServicePer = 'file' | 'group';

/** A file the source names (an Alertmanager template), as the import read it: its path as shown, and its text. */
export interface NamedFile {
  readonly path: string;
  readonly content: string;
}

/** The files matching a glob that a source names, relative to that source file's folder. */
export type FileReader = (pattern: string, source: string) => readonly NamedFile[];

export interface ImportContext {
  readonly servicePer: ServicePer;
  /** Reads the files a source names; without it, none are read. */
  readonly files?: FileReader | undefined;
  /**
   * Every document of the import, across all its files, free of syntax errors: for sources whose
   * documents name each other (an OpenSLO SLO its SLI, Service and alert policies).
   */
  readonly documents?: readonly SourceDocument[];
}

/**
 * A check monc's own linter would raise on an imported part that is faithful to its source (an
 * alert without a severity, two alerts of one name): the writer silences it there, with the reason.
 */
export interface Suppression {
  readonly check: string;
  readonly reason: string;
  /** The field of the part the check points at (`severity`); the part itself when absent. */
  readonly field?: string;
}

/** A part of a definition with where it came from in the source. */
export interface Sourced<T> {
  readonly spec: T;
  readonly from: Span;
  /**
   * Where the part's fields are in the source, by their path in the spec (`expr`, `summary`,
   * `annotations.dashboard`, an SLO's `sli.ratio.errors`), for findings about them.
   */
  readonly fields?: Readonly<Record<string, Span>>;
  readonly suppressions?: readonly Suppression[];
}

/** A service as an importer found it (a rule file or group, an SLO spec); the import gives it a free name and a team. */
export interface ImportedService {
  readonly kind: 'service';
  /** The name the service wants, before it is made readable and unique. */
  readonly name: string;
  /** The team its rules name, if they agree on one. */
  readonly team: string | undefined;
  readonly description?: string;
  readonly ruler?: RulerSpec;
  readonly from: Span;
  readonly recordingRules: readonly Sourced<RecordingRuleSpec>[];
  readonly alerts: readonly Sourced<AlertSpec>[];
  readonly slos?: readonly Sourced<SloSpec>[];
}

/** An Alertmanager configuration as monc's routing. */
export interface ImportedRouting {
  readonly kind: 'routing';
  readonly spec: RoutingSpec;
  readonly from: Span;
  /** Where its parts came from, by their path in the spec (`receivers.2`, `route.routes.0`), for the comments above them. */
  readonly parts: ReadonlyMap<string, Span>;
  /** What it holds, for the line the CLI prints. */
  readonly summary: string;
}

/** A query of an imported dashboard: where it is in the spec, and where its expression is in the source. */
export interface ImportedQuery {
  /** `rows.0.panels.2.queries.0`, `panels.1.queries.0` or `annotations.1`: the part the expression is the `expr` of. */
  readonly path: string;
  readonly expr: string;
  /** The expression's string in the source. */
  readonly at: Span;
}

/** A Grafana dashboard; the import gives it a free id. */
export interface ImportedDashboard {
  readonly kind: 'dashboard';
  /** The id the dashboard wants (its uid when that is made of words, else its title), before it is made readable and unique. */
  readonly name: string;
  readonly spec: Omit<DashboardSpec, 'id'>;
  readonly from: Span;
  /** Where its parts came from, by their path in the spec (`rows.0`, `rows.0.panels.2`), for the comments above them. */
  readonly parts: ReadonlyMap<string, Span>;
  /** Its PromQL, for the catalog of the metrics it selects. */
  readonly queries: readonly ImportedQuery[];
  /** Its Grafana uid, which monc replaces with one derived from the id. */
  readonly uid?: { readonly value: string; readonly at: Span };
  /** What it holds, for the line the CLI prints. */
  readonly summary: string;
}

export type ImportedDefinition = ImportedService | ImportedRouting | ImportedDashboard;

export interface ImportResult {
  readonly definitions: readonly ImportedDefinition[];
  /** Losses, guesses and problems of the source, at the source's line and column. */
  readonly findings: readonly Finding[];
}

export interface Importer {
  /** The kind named on the command line: `monc import <kind>`. */
  readonly kind: ImporterKind;
  /** What it reads, for the help text and messages. */
  readonly reads: string;
  /** Whether the document is one this importer reads (for `monc import auto`). */
  detect(document: SourceDocument): boolean;
  import(document: SourceDocument, context: ImportContext): ImportResult;
}
