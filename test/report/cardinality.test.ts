import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/project.ts';

const PROJECT = {
  'definitions/api.yaml': [
    'kind: Service',
    'name: api',
    'team: platform',
    'instances: 3',
    'scrape: { targets: ["api-1:80", "api-2:80", "api-3:80"] }',
    'metrics:',
    '  - name: api_requests_total',
    '    type: counter',
    '    help: Requests.',
    '    labels:',
    '      method: { values: [GET, POST] }',
    '      route: { maxValues: 10 }',
    '  - name: api_latency_seconds',
    '    type: histogram',
    '    unit: seconds',
    '    help: Latency.',
    '    buckets: [0.1, 0.5, 1]',
    '    labels:',
    '      route: { maxValues: 10 }',
    'recordingRules:',
    '  - record: job_route:api_requests:rate5m',
    '    expr: sum by (job, route) (rate(api_requests_total[5m]))',
    '',
  ].join('\n'),
};

describe('monc lint --cardinality', () => {
  it('prints the estimate per metric, per service, in total and per rule output', async () => {
    const { code, stdout } = await runCli(makeProject(PROJECT), ['lint', '--cardinality']);
    expect(code).toBe(0);
    // 3 instances × 2 methods × 10 routes
    expect(stdout).toMatch(/api_requests_total\s+api\s+3\s+method 2 × route 10\s+60\n/);
    // 3 instances × 10 routes × (3 buckets + +Inf + _sum + _count)
    expect(stdout).toMatch(/api_latency_seconds\s+api\s+3\s+route 10 × 6 per set\s+180\n/);
    expect(stdout).toMatch(/total\s+240\n/);
    expect(stdout).toMatch(/job_route:api_requests:rate5m\s+recording\s+api\s+job 1 × route 10\s+10\n/);
  });

  it('adds the same numbers to the JSON output as a cardinality key', async () => {
    const { stdout } = await runCli(makeProject(PROJECT), ['lint', '--cardinality', '--format', 'json']);
    const output = JSON.parse(stdout) as { diagnostics: unknown[]; cardinality: { total: number; metrics: { name: string; series: number }[]; rules: { name: string; series: number; labels: Record<string, number> }[] } };
    expect(Object.keys(output)).toEqual(['diagnostics', 'cardinality']);
    expect(output.cardinality.total).toBe(240);
    expect(output.cardinality.metrics.map((m) => [m.name, m.series])).toEqual([
      ['api_latency_seconds', 180],
      ['api_requests_total', 60],
    ]);
    expect(output.cardinality.rules).toEqual([
      { kind: 'recording', name: 'job_route:api_requests:rate5m', service: 'api', labels: { job: 1, route: 10 }, series: 10 },
    ]);
  });

  it('counts the targets of the job an up selector names, and not the metric name', async () => {
    const files = {
      ...PROJECT,
      'definitions/web.yaml': [
        'kind: Service',
        'name: web',
        'team: web',
        'scrape: { targets: ["web-1:80", "web-2:80"] }',
        'alerts:',
        ...['ApiDown: up{job="api"} == 0', 'AnyDown: up == 0'].flatMap((alert) => {
          const [name, expr] = alert.split(': ');
          return [`  - name: ${name}`, `    expr: ${expr}`, '    for: 1m', '    severity: critical', '    summary: s', '    runbook: https://r.example/down'];
        }),
        '',
      ].join('\n'),
    };
    const { stdout } = await runCli(makeProject(files), ['lint', '--cardinality', '--format', 'json']);
    const rules = (JSON.parse(stdout) as { cardinality: { rules: { name: string; labels: Record<string, number>; series: number }[] } }).cardinality.rules;
    expect(rules.filter((r) => r.name.endsWith('Down'))).toEqual([
      expect.objectContaining({ name: 'ApiDown', labels: { instance: 3, job: 1 }, series: 3 }),
      expect.objectContaining({ name: 'AnyDown', labels: { instance: 5, job: 1 }, series: 5 }),
    ]);
  });

  it('is a usage error together with --rules, which declare no metrics', async () => {
    const { code } = await runCli(makeProject({ 'rules.yml': 'groups: []\n' }), ['lint', '--rules', 'rules.yml', '--cardinality']);
    expect(code).toBe(2);
  });
});
