import type { Metric } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** Units Prometheus would have in base form, and the base unit to use instead. */
const NON_BASE_UNITS: Readonly<Record<string, string>> = {
  milliseconds: 'seconds',
  millis: 'seconds',
  ms: 'seconds',
  microseconds: 'seconds',
  us: 'seconds',
  nanoseconds: 'seconds',
  ns: 'seconds',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  kilobytes: 'bytes',
  kb: 'bytes',
  megabytes: 'bytes',
  mb: 'bytes',
  gigabytes: 'bytes',
  gb: 'bytes',
  bits: 'bytes',
  percent: 'ratio',
};

const RESERVED_SUFFIXES = ['_bucket', '_count', '_sum'];

/** Prometheus naming: `<namespace>_<name>_<unit>`, counters end in _total, base units only. */
export const metricName = modelCheck({
  id: 'metric/name',
  summary: 'A metric name breaks the Prometheus naming conventions.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    // An exporter's metric names are not the team's to choose.
    for (const metric of model.metrics.filter((m) => m.exporter === undefined)) {
      for (const problem of namingProblems(metric)) ctx.report({ at: metric.origin.at('name'), message: problem });
      if (metric.unit && NON_BASE_UNITS[metric.unit]) {
        ctx.report({ at: metric.origin.at('unit'), message: `unit "${metric.unit}" is not a base unit; use ${NON_BASE_UNITS[metric.unit]}` });
      }
    }
  },
});

function namingProblems(metric: Metric): string[] {
  const { name, type, unit } = metric;
  const problems: string[] = [];
  const words = name.split('_');
  if (/[A-Z]/.test(name)) problems.push(`"${name}" should be snake_case`);
  if (words.length < 2) problems.push(`"${name}" has no namespace prefix; name it <namespace>_<name>_<unit>, e.g. myapp_${name}`);
  if (type === 'counter' && !name.endsWith('_total')) problems.push(`counter "${name}" should end in _total`);
  if (type !== 'counter' && name.endsWith('_total')) problems.push(`${type} "${name}" ends in _total, which is reserved for counters`);
  if (type === 'info' && !name.endsWith('_info')) problems.push(`info metric "${name}" should end in _info`);
  if ((type === 'histogram' || type === 'summary') && RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    problems.push(`${type} "${name}" ends in a suffix Prometheus adds itself (_bucket, _count, _sum)`);
  }
  const nonBase = words.find((word) => NON_BASE_UNITS[word.toLowerCase()]);
  if (nonBase) problems.push(`"${name}" uses the unit "${nonBase}"; use the base unit ${NON_BASE_UNITS[nonBase.toLowerCase()]}`);
  const nameWithoutTotal = name.replace(/_total$/, '');
  if (unit && !NON_BASE_UNITS[unit] && !nameWithoutTotal.endsWith(`_${unit}`)) {
    problems.push(`"${name}" should end in its unit: ..._${unit}${type === 'counter' ? '_total' : ''}`);
  }
  return problems;
}
