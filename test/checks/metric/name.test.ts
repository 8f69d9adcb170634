/** metric/name: a metric's name follows the Prometheus naming conventions (snake_case, namespace, type suffix, base unit) and its unit is a base unit. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'metric/name';
const F = 'definitions/app.yaml';
const SHARED = 'definitions/shared.yaml';

/** A service with one metric, written as a flow mapping: its name is at 5:13. */
const withMetric = (metric: string) => `kind: Service\nname: app\nteam: core\nmetrics:\n  - ${metric}\n`;
const NAME = `${ID}@${F}:5:13`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The findings of this check, as `check@file:line:column` (where()), from the files of the case. */
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A well-named counter passes.', files: { [F]: withMetric('{ name: app_jobs_total, type: counter, help: Jobs. }') }, expected: () => [] },
  { name: 'A well-named gauge with its base unit passes.', files: { [F]: withMetric('{ name: app_memory_bytes, type: gauge, unit: bytes, help: Memory. }') }, expected: () => [] },
  {
    name: 'A counter with a unit passes when the unit comes before _total.',
    files: { [F]: withMetric('{ name: app_sent_bytes_total, type: counter, unit: bytes, help: Bytes sent. }') },
    expected: () => [],
  },
  { name: 'An info metric ending in _info passes.', files: { [F]: withMetric('{ name: app_build_info, type: info, help: Build. }') }, expected: () => [] },
  {
    name: 'A histogram named for its unit passes.',
    files: { [F]: withMetric('{ name: app_latency_seconds, type: histogram, unit: seconds, help: Latency. }') },
    expected: () => [],
  },
  {
    name: "A third-party exporter's metric is exempt: its name is not yours to choose.",
    files: { [F]: withMetric('{ name: nodeMemoryMB, type: counter, unit: megabytes, exporter: node_exporter, help: Memory. }') },
    expected: () => [],
  },
  { name: 'A counter without _total is reported at its name.', files: { [F]: withMetric('{ name: app_jobs, type: counter, help: Jobs. }') }, expected: () => [NAME] },
  { name: 'A gauge ending in _total is reported at its name.', files: { [F]: withMetric('{ name: app_queue_total, type: gauge, help: Queue. }') }, expected: () => [NAME] },
  { name: 'A name without a namespace prefix is reported at its name.', files: { [F]: withMetric('{ name: queue, type: gauge, help: Queue. }') }, expected: () => [NAME] },
  { name: 'An info metric not ending in _info is reported at its name.', files: { [F]: withMetric('{ name: app_build, type: info, help: Build. }') }, expected: () => [NAME] },
  {
    name: 'A name in camelCase is reported at its name, once for each convention it breaks.',
    files: { [F]: withMetric('{ name: appJobs, type: gauge, help: Jobs. }') },
    expected: () => [NAME, NAME],
  },
  {
    name: 'A non-base unit in the name and the unit field are both reported, at the name and at the unit.',
    files: { [F]: withMetric('{ name: app_latency_milliseconds, type: histogram, unit: milliseconds, help: Latency. }') },
    expected: () => [NAME, `${ID}@${F}:5:62`],
  },
  {
    name: 'A non-base unit word is matched regardless of case.',
    files: { [F]: withMetric('{ name: app_cache_MB, type: gauge, help: Cache. }') },
    expected: () => [NAME, NAME],
  },
  { name: 'A name that does not end in its unit is reported at its name.', files: { [F]: withMetric('{ name: app_latency, type: gauge, unit: seconds, help: Latency. }') }, expected: () => [NAME] },
  {
    name: 'A counter whose unit is not before _total is reported at its name.',
    files: { [F]: withMetric('{ name: app_sent_total, type: counter, unit: bytes, help: Bytes sent. }') },
    expected: () => [NAME],
  },
  {
    name: 'A histogram named with a _bucket suffix is reported at its name.',
    files: { [F]: withMetric('{ name: app_latency_seconds_bucket, type: histogram, help: Latency. }') },
    expected: () => [NAME],
  },
  {
    name: 'A summary named with a _count suffix is reported at its name.',
    files: { [F]: withMetric('{ name: app_rpc_count, type: summary, help: RPCs. }') },
    expected: () => [NAME],
  },
  {
    name: 'A metric of a Metrics file is reported at its name there.',
    files: { [SHARED]: 'kind: Metrics\nmetrics:\n  - name: shared_queue_percent\n    type: gauge\n    help: Queue fill.\n' },
    expected: (files) => [at(ID, SHARED, files[SHARED] ?? '', 'shared_queue_percent')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it.each([
    { metric: '{ name: appJobs, type: gauge, help: Jobs. }', messages: ['"appJobs" has no namespace prefix; name it <namespace>_<name>_<unit>, e.g. myapp_appJobs', '"appJobs" should be snake_case'] },
    { metric: '{ name: app_jobs, type: counter, help: Jobs. }', messages: ['counter "app_jobs" should end in _total'] },
    { metric: '{ name: app_queue_total, type: gauge, help: Queue. }', messages: ['gauge "app_queue_total" ends in _total, which is reserved for counters'] },
    { metric: '{ name: app_build, type: info, help: Build. }', messages: ['info metric "app_build" should end in _info'] },
    {
      metric: '{ name: app_latency_seconds_bucket, type: histogram, help: Latency. }',
      messages: ['histogram "app_latency_seconds_bucket" ends in a suffix Prometheus adds itself (_bucket, _count, _sum)'],
    },
    {
      metric: '{ name: app_latency_ms, type: histogram, unit: milliseconds, help: Latency. }',
      messages: ['"app_latency_ms" uses the unit "ms"; use the base unit seconds', 'unit "milliseconds" is not a base unit; use seconds'],
    },
    { metric: '{ name: app_sent_total, type: counter, unit: bytes, help: Bytes sent. }', messages: ['"app_sent_total" should end in its unit: ..._bytes_total'] },
    { metric: '{ name: app_latency, type: gauge, unit: seconds, help: Latency. }', messages: ['"app_latency" should end in its unit: ..._seconds'] },
  ])('says which convention the name breaks: $messages', async ({ metric, messages }) => {
    const diagnostics = await lint({ [F]: withMetric(metric) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual(messages);
  });
});
