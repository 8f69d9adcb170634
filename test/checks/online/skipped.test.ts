/** online/skipped: a server without an endpoint a check reads (as Thanos or Mimir may be) skips that check, once. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'online/skipped';

/** Serves the metric names as Prometheus does, and 404 for everything else. */
let partial: Server;
let url: string;

beforeAll(async () => {
  partial = createServer((request, response) => {
    if (request.url?.startsWith('/api/v1/label/__name__/values')) {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ status: 'success', data: ['app_jobs_total'] }));
    } else {
      response.statusCode = 404;
      response.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => partial.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(partial.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => partial.close(() => resolve())));

const files = () => ({
  'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\nrecordingRules:\n  - { record: "job:app_jobs:rate5m", expr: "sum(rate(app_jobs_total[5m]))" }\n',
  'monc.config.yaml': `online:\n  prometheus:\n    url: ${url}\n`,
});

describe(ID, () => {
  it('A server with nothing but the metric names gives one info finding per check that reads another endpoint, at the url, and no other online finding.', async () => {
    const project = files();
    const found = (await lint(project, { online: {} })).filter((d) => d.check.startsWith('online/'));
    const atUrl = at(ID, 'monc.config.yaml', project['monc.config.yaml'], url);
    expect(found.map(where)).toEqual([atUrl, atUrl, atUrl, atUrl, atUrl, atUrl]);
    expect(found.map((d) => d.severity)).toEqual(['info', 'info', 'info', 'info', 'info', 'info']);
    expect(found.map((d) => d.message.split(':')[0]).sort()).toEqual([
      'online/cardinality skipped',
      'online/labels skipped',
      'online/query-cost skipped',
      'online/rules-drift skipped',
      'online/scrape-interval skipped',
      'online/series-missing skipped',
    ]);
    expect(found.find((d) => d.message.startsWith('online/labels'))?.message).toContain('/api/v1/query (HTTP 404)');
    expect(found.find((d) => d.message.startsWith('online/rules-drift'))?.message).toContain('/api/v1/rules (HTTP 404)');
  });
});
