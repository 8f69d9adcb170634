/**
 * Definitions for the cardinality check tests. Without a monc.config.yaml the budgets are the
 * defaults (DEFAULT_CARDINALITY): 100 values per label, 10 000 series per metric (and per rule
 * output), 100 000 per service, 1 000 000 in total.
 *
 * Estimate: instances × the product of the label domains × series per label set (buckets + 3
 * for a classic histogram, 3 for a summary, 1 otherwise).
 */

export const F = 'definitions/app.yaml';

/** The findings of one check, as `check@file:line:column` (where()), from the files of the case. */
export interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

/**
 * A service `app` with one metric whose labels are `labels` (one `name: { domain }` per entry,
 * from line 9, column 7, when `service` is empty) and whose other fields are `fields`;
 * `service` adds fields to the service (instances, scrape) before `metrics:`.
 */
export const withLabels = (labels: readonly string[], fields = '    type: counter\n', service = '', name = 'app_requests_total') =>
  `kind: Service\nname: app\nteam: core\n${service}metrics:\n  - name: ${name}\n${fields}    help: Requests.\n    labels:\n${labels.map((l) => `      ${l}\n`).join('')}`;

/** A Metrics file (no service, so one instance) with one counter labelled `labels`. */
export const metricsFile = (labels: string, name = 'shared_requests_total') =>
  `kind: Metrics\nmetrics:\n  - { name: ${name}, type: counter, help: Requests., labels: { ${labels} } }\n`;

/** A classic histogram's fields, with 10 buckets (13 series per label set). */
export const HISTOGRAM = `    type: histogram\n    buckets: [${Array.from({ length: 10 }, (_, i) => i + 1).join(', ')}]\n`;

/** `count` counters of 100 × 100 = 10 000 series each (at the per-metric budget), as items of `metrics:`. */
export const metricsAtBudget = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `  - { name: ${prefix}_things_${i}_total, type: counter, help: Things., labels: { shard: { maxValues: 100 }, code: { maxValues: 100 } } }\n`,
  ).join('');

/** A list of `count` label values: [v0, v1, …]. */
export const valueList = (count: number) => `[${Array.from({ length: count }, (_, i) => `v${i}`).join(', ')}]`;
