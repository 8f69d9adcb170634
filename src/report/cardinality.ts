/** `monc lint --cardinality`: the estimate as a table for people and as JSON for tools. */
import type { CardinalityReport, LabelEstimate } from '../cardinality/estimate.ts';

export interface CardinalityJson {
  readonly metrics: readonly {
    readonly name: string;
    readonly service: string | null;
    readonly instances: number;
    readonly labels: Readonly<Record<string, number | null>>;
    readonly seriesPerLabelSet: number;
    readonly series: number | null;
  }[];
  readonly services: readonly { readonly name: string; readonly series: number | null }[];
  readonly total: number | null;
  readonly rules: readonly {
    readonly kind: 'alert' | 'recording';
    readonly name: string;
    readonly service: string;
    readonly labels: Readonly<Record<string, number | null>> | null;
    readonly series: number | null;
  }[];
}

/** null, not undefined, for "no bound": JSON has no undefined. */
export function cardinalityJson(report: CardinalityReport): CardinalityJson {
  return {
    metrics: report.metrics.map((m) => ({
      name: m.metric.name,
      service: m.metric.service ?? null,
      instances: m.instances,
      labels: labelObject(m.labels),
      seriesPerLabelSet: m.seriesPerLabelSet,
      series: m.series ?? null,
    })),
    services: report.services.map((s) => ({ name: s.name, series: s.series ?? null })),
    total: report.total ?? null,
    rules: report.rules.map((r) => ({
      kind: 'record' in r.rule ? 'recording' : 'alert',
      name: 'record' in r.rule ? r.rule.record : r.rule.name,
      service: r.rule.service,
      labels: r.labels ? labelObject(r.labels) : null,
      series: r.series ?? null,
    })),
  };
}

function labelObject(labels: readonly LabelEstimate[]): Record<string, number | null> {
  return Object.fromEntries(labels.map((l) => [l.name, l.values ?? null]));
}

export function formatCardinalityTable(report: CardinalityReport): string {
  const count = (n: number | undefined) => (n === undefined ? '?' : String(n));
  const labels = (list: readonly LabelEstimate[] | undefined, seriesPerLabelSet = 1) => {
    if (list === undefined) return '(labels unknown)';
    const factors = list.map((l) => `${l.name} ${count(l.values)}`);
    if (seriesPerLabelSet > 1) factors.push(`${seriesPerLabelSet} per set`);
    return factors.length > 0 ? factors.join(' × ') : '-';
  };
  const metricRows = report.metrics.map((m) => [m.metric.name, m.metric.service ?? '-', String(m.instances), labels(m.labels, m.seriesPerLabelSet), count(m.series)]);
  const ruleRows = report.rules.map((r) => [
    'record' in r.rule ? r.rule.record : r.rule.name,
    'record' in r.rule ? 'recording' : 'alert',
    r.rule.service,
    labels(r.labels),
    count(r.series),
  ]);
  const serviceRows = report.services.map((s) => [s.name, count(s.series)]);
  return [
    'Cardinality estimate (? = a label without a bound; see docs/checks/cardinality/budget.md)',
    '',
    table(['metric', 'service', 'instances', 'labels', 'series'], metricRows),
    '',
    table(['service', 'series'], [...serviceRows, ['total', count(report.total)]]),
    '',
    table(['rule', 'kind', 'service', 'output labels', 'series'], ruleRows),
    '',
  ].join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
