/**
 * The validated model: what the definitions mean, independent of YAML or TS. Every node keeps
 * its Origin so checks can point back into the user's file. Collections keep every
 * declaration, duplicates included (model/duplicate reports them); the by-name indexes hold
 * the first declaration.
 */
import type { Origin } from '../load/origin.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'info';

/** A PromQL expression as written, with the origin of the string that holds it. */
export interface PromqlText {
  readonly text: string;
  readonly origin: Origin;
}

export interface Label {
  readonly name: string;
  readonly description: string | undefined;
  readonly values: readonly string[] | undefined;
  readonly maxValues: number | undefined;
  readonly pattern: string | undefined;
}

export interface Metric {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string | undefined;
  readonly labels: readonly Label[];
  readonly buckets: readonly number[] | undefined;
  /** The third-party exporter whose naming this is; undefined for the team's own metrics. */
  readonly exporter: string | undefined;
  /** The service exposing it; undefined for shared catalog metrics. */
  readonly service: string | undefined;
  readonly origin: Origin;
}

export interface Alert {
  readonly name: string;
  readonly service: string;
  readonly expr: PromqlText;
  readonly for: string | undefined;
  readonly keepFiringFor: string | undefined;
  readonly severity: string | undefined;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly runbook: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly origin: Origin;
}

export interface RecordingRule {
  readonly record: string;
  readonly service: string;
  readonly expr: PromqlText;
  readonly labels: Readonly<Record<string, string>>;
  readonly origin: Origin;
}

export interface Scrape {
  readonly job: string;
  readonly targets: readonly string[];
  readonly metricsPath: string | undefined;
  readonly interval: string | undefined;
  readonly scheme: 'http' | 'https' | undefined;
}

export interface Service {
  readonly name: string;
  readonly team: string;
  readonly description: string | undefined;
  readonly instances: number;
  readonly scrape: Scrape | undefined;
  readonly metrics: readonly Metric[];
  readonly alerts: readonly Alert[];
  readonly recordingRules: readonly RecordingRule[];
  readonly origin: Origin;
}

export interface PrometheusSettings {
  readonly version: 2 | 3;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly alertmanagers: readonly string[];
  readonly externalLabels: Readonly<Record<string, string>>;
}

/** Limits for the cardinality checks (monc.config.yaml `cardinality`). */
export interface CardinalitySettings {
  /** The most values a label should take (the seed's rule: under 100). */
  readonly maxLabelValues: number;
  readonly seriesPerMetric: number;
  readonly seriesPerService: number;
  readonly seriesTotal: number;
}

export interface Model {
  /** Sorted by name; a duplicate follows the declaration it repeats. */
  readonly services: readonly Service[];
  /** Every metric declaration, owned and shared, sorted by name. */
  readonly metrics: readonly Metric[];
  readonly alerts: readonly Alert[];
  readonly recordingRules: readonly RecordingRule[];
  readonly metricsByName: ReadonlyMap<string, Metric>;
  readonly prometheus: PrometheusSettings;
  readonly cardinality: CardinalitySettings;
}
