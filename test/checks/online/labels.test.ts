/** online/labels: declared labels against the labels of the series on a real Prometheus (backfilled, ending now). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus } from '../../helpers/prometheus.ts';

const ID = 'online/labels';
const F = 'definitions/app.yaml';

let prom: Prometheus;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const series = [
    { name: 'app_requests_total', labels: { job: 'app', instance: 'a:9100', code: '200', path: '/' }, value: (t: number) => t - now + 1000 },
    { name: 'app_queue_depth', labels: { job: 'app', instance: 'a:9100', queue: 'mail' }, value: () => 3 },
  ];
  prom = await startPrometheus({ ruleFiles: {}, data: openMetrics(series, { start: now - 600, end: now, step: 15 }) });
});
afterAll(() => prom?.stop());

/** A service declaring app_requests_total and app_queue_depth with `requestLabels` and `queueLabels`. */
const service = (requestLabels: string, queueLabels: string) => ({
  [F]: `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels: ${requestLabels}
  - name: app_queue_depth
    type: gauge
    help: Queued jobs.
    labels: ${queueLabels}
`,
});

interface Case {
  readonly name: string;
  readonly requestLabels: string;
  readonly queueLabels: string;
  /** The text each finding points at, and its occurrence in the file. */
  readonly at: readonly (readonly [string, number])[];
}

const CASES: readonly Case[] = [
  { name: 'Labels declared exactly as the series carry them pass (job and instance come from the scrape).', requestLabels: '{ code: { maxValues: 10 }, path: { maxValues: 10 } }', queueLabels: '{ queue: { values: [mail] } }', at: [] },
  {
    name: 'A declared label no series carries is reported at its key.',
    requestLabels: '{ code: { maxValues: 10 }, path: { maxValues: 10 }, method: { values: [GET] } }',
    queueLabels: '{ queue: { values: [mail] } }',
    at: [['method', 1]],
  },
  {
    name: 'A label the series carry that the catalog does not declare is reported at the metric name.',
    requestLabels: '{ code: { maxValues: 10 } }',
    queueLabels: '{ queue: { values: [mail] } }',
    at: [['app_requests_total', 1]],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ requestLabels, queueLabels, at: needles }) => {
    const files = service(requestLabels, queueLabels);
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check.startsWith('online/'));
    expect(found.map(where)).toEqual(needles.map(([needle, nth]) => at(ID, F, files[F] ?? '', needle, nth)));
  });

  it('The message of an undeclared label names it.', async () => {
    const found = await lint(service('{ code: { maxValues: 10 } }', '{ queue: { values: [mail] } }'), { online: { prometheus: prom.url } });
    expect(found.find((d) => d.check === ID)?.message).toContain('carry "path", which the catalog does not declare');
  });
});
