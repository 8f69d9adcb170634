/** online/cardinality: declared bounds against the series of a real Prometheus (backfilled, ending now). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { openMetrics, startPrometheus, type Prometheus, type SeriesSpec } from '../../helpers/prometheus.ts';

const ID = 'online/cardinality';
const F = 'definitions/app.yaml';

let prom: Prometheus;

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const instances = ['a:9100', 'b:9100', 'c:9100'];
  const series: SeriesSpec[] = [
    // 2 instances × code 200, 404, 500, 503
    ...instances.slice(0, 2).flatMap((instance) => ['200', '404', '500', '503'].map((code) => ({ name: 'app_requests_total', labels: { job: 'app', instance, code }, value: (t: number) => t - now + 1000 }))),
    // 1 instance × queue mail, sms, push
    ...['mail', 'sms', 'push'].map((queue) => ({ name: 'app_queue_depth', labels: { job: 'app', instance: 'a:9100', queue }, value: () => 3 })),
    // 3 instances, no labels
    ...instances.map((instance) => ({ name: 'app_workers', labels: { job: 'app', instance }, value: () => 8 })),
  ];
  prom = await startPrometheus({ ruleFiles: {}, data: openMetrics(series, { start: now - 600, end: now, step: 15 }) });
});
afterAll(() => prom?.stop());

/** A service of `instances` instances declaring the three metrics with these label domains. */
const service = (instances: number, code: string, queue: string) => ({
  [F]: `kind: Service
name: app
team: core
instances: ${instances}
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels:
      code: ${code}
  - name: app_queue_depth
    type: gauge
    help: Queued jobs.
    labels:
      queue: ${queue}
  - name: app_workers
    type: gauge
    help: Worker threads.
`,
});

interface Case {
  readonly name: string;
  readonly instances: number;
  readonly code: string;
  readonly queue: string;
  /** The text each finding points at. */
  readonly at: readonly string[];
  readonly message?: string;
}

const CASES: readonly Case[] = [
  { name: 'Series within every declared bound pass.', instances: 3, code: '{ values: ["200", "404", "500", "503"] }', queue: '{ maxValues: 5 }', at: [] },
  {
    name: 'A label with more values than its values list is reported at the label, naming the undeclared ones.',
    instances: 3,
    code: '{ values: ["200", "500"] }',
    queue: '{ maxValues: 5 }',
    at: ['code:'],
    message: 'label "code" of app_requests_total takes 4 values on Prometheus at',
  },
  {
    name: 'A label with more values than its maxValues is reported at the label.',
    instances: 3,
    code: '{ values: ["200", "404", "500", "503"] }',
    queue: '{ maxValues: 2 }',
    at: ['queue:'],
    message: 'over its maxValues of 2',
  },
  {
    name: 'A metric with more series than the estimate while every label keeps its bound (more instances than declared) is reported at the metric name.',
    instances: 2,
    code: '{ values: ["200", "404", "500", "503"] }',
    queue: '{ maxValues: 5 }',
    at: ['app_workers'],
    message: 'app_workers has 3 series on Prometheus at',
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ instances, code, queue, at: needles, message }) => {
    const files = service(instances, code, queue);
    const found = (await lint(files, { online: { prometheus: prom.url } })).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(needles.map((needle) => at(ID, F, files[F] ?? '', needle)));
    if (message) expect(found[0]?.message).toContain(message);
  });

  it('The undeclared values are named.', async () => {
    const found = await lint(service(3, '{ values: ["200", "500"] }', '{ maxValues: 5 }'), { online: { prometheus: prom.url } });
    expect(found.find((d) => d.check === ID)?.message).toContain('not declared: "404", "503"');
  });
});
