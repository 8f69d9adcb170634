/**
 * The real consumer: Debian's promtool 2.42 checks what `monc build` writes for a realistic
 * project (three services, YAML and TS, recording rules, multi-line PromQL, templates, label
 * values that YAML 1.1 would read as booleans), and runs a unit test against the rules.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runCli, type Files } from '../helpers/project.ts';

const API_YAML = `kind: Service
name: api
team: platform
description: The public HTTP API.
scrape:
  targets: ['api-1.internal:9090', 'api-2.internal:9090']
  metricsPath: /internal/metrics
  interval: 30s
metrics:
  - name: api_http_requests_total
    type: counter
    help: HTTP requests by status class.
    labels:
      code: { values: ['2xx', '3xx', '4xx', '5xx'] }
      route: { maxValues: 40 }
  - name: api_http_request_duration_seconds
    type: histogram
    help: Request latency.
    unit: seconds
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5]
recordingRules:
  - record: job_code:api_http_requests:rate5m
    expr: sum by (job, code) (rate(api_http_requests_total[5m]))
  - record: job:api_http_request_duration_seconds:p99_5m
    expr: |
      histogram_quantile(
        0.99,
        sum by (job, le) (rate(api_http_request_duration_seconds_bucket[5m]))
      )
    labels:
      quantile: '0.99'
alerts:
  - name: ApiHighErrorRate
    expr: |
      sum by (job) (job_code:api_http_requests:rate5m{code="5xx"})
        /
      sum by (job) (job_code:api_http_requests:rate5m)
        > 0.05
    for: 10m
    keepFiringFor: 5m
    severity: critical
    summary: 'High 5xx ratio on {{ $labels.job }}'
    description: |
      {{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx.
      Check the last deploy first.
    runbook: https://runbooks.example/api/high-error-rate
    labels:
      paging: on
      escalate: yes
  - name: ApiSlow
    expr: job:api_http_request_duration_seconds:p99_5m > 1
    for: 15m
    severity: warning
    summary: "p99 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}"
    runbook: https://runbooks.example/api/slow
    labels:
      paging: off
      ticket: 'no'
      version: '1.0'
    annotations:
      dashboard: https://grafana.example/d/api
`;

const WORKER_YAML = `kind: Service
name: worker
team: data
scrape:
  targets: ['worker-1.internal:9100']
metrics:
  - name: worker_queue_depth
    type: gauge
    help: Jobs waiting.
    labels:
      queue: { values: [default, 'on', 'null', 'true'] }
alerts:
  - name: WorkerDown
    expr: up{job="worker"} == 0
    for: 5m
    severity: critical
    summary: 'Worker {{ $labels.instance }} is down'
    description: 'No scrape of {{ $labels.instance }} for 5 minutes.'
    runbook: https://runbooks.example/worker/down
  - name: WorkerQueueBacklog
    expr: |
      max by (queue) (
        worker_queue_depth{queue=~"default|on"}
      ) > 1000
    for: 30m
    severity: info
    summary: 'Queue {{ $labels.queue }} has {{ $value }} jobs waiting'
    runbook: https://runbooks.example/worker/backlog
    labels:
      y: 'Y'
      tilde: '~'
      empty_ish: 'null'
`;

const WEB_TS = `import { defineMetric, defineService } from 'monc';

const pageViews = defineMetric({
  name: 'web_page_views_total',
  type: 'counter',
  help: 'Page views.',
  labels: { page: { values: ['home', 'search', 'checkout'] } },
});

defineService({
  name: 'web',
  team: 'frontend',
  scrape: { targets: ['web-1.internal:8080'] },
  metrics: [pageViews],
  recordingRules: [{ record: 'page:web_page_views:rate5m', expr: \`sum by (page) (rate(\${pageViews.where({}).over('5m')}))\` }],
  alerts: [
    {
      name: 'CheckoutSilent',
      expr: \`sum(rate(\${pageViews.where({ page: 'checkout' }).over('15m')})) == 0\`,
      for: '15m',
      severity: 'critical',
      summary: 'Nobody reached checkout in 15 minutes',
      description: 'Last value: {{ $value }}; on {{ $externalLabels.cluster }}',
      runbook: 'https://runbooks.example/web/checkout-silent',
      labels: { enabled: 'yes' },
    },
  ],
});
`;

const PROJECT: Files = {
  'definitions/api.yaml': API_YAML,
  'definitions/worker.yaml': WORKER_YAML,
  'definitions/web.ts': WEB_TS,
};

const RULE_FILES = ['api.yml', 'web.yml', 'worker.yml'];

interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

function promtool(cwd: string, args: string[]) {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

let dir = '';
const ruleText = (file: string) => readFileSync(path.join(dir, 'out/prometheus/rules', file), 'utf8');
/** Parsed the way a YAML 1.1 reader (Go's yaml.v2) sees it: `on`, `yes`, `y`, `~` are not strings there. */
const ruleFile = (file: string) => parse(ruleText(file), { version: '1.1' }) as RuleFile;
const rules = (file: string) => ruleFile(file).groups.flatMap((g) => g.rules);
const alert = (file: string, name: string) => rules(file).find((r) => r.alert === name);

beforeAll(async () => {
  dir = makeProject(PROJECT);
  const result = await runCli(dir, ['build']);
  expect(result.code, result.stderr).toBe(0);
});

describe('promtool accepts what monc build writes', () => {
  it('writes one rule file per service with rules', () => {
    expect(readdirSync(path.join(dir, 'out/prometheus/rules')).sort()).toEqual(RULE_FILES);
  });

  it('passes promtool check rules, including the duplicate-rule lint', () => {
    const files = RULE_FILES.map((f) => `out/prometheus/rules/${f}`);
    const { code, output } = promtool(dir, ['check', 'rules', '--lint=all', '--lint-fatal', ...files]);
    expect(output).not.toMatch(/FAILED|WARNING/);
    expect(code, output).toBe(0);
    expect(output).toContain('Checking out/prometheus/rules/api.yml\n  SUCCESS: 4 rules found');
    expect(output).toContain('Checking out/prometheus/rules/web.yml\n  SUCCESS: 2 rules found');
    expect(output).toContain('Checking out/prometheus/rules/worker.yml\n  SUCCESS: 2 rules found');
  });

  it('passes promtool check config, which also loads every rule file it references', () => {
    const { code, output } = promtool(dir, ['check', 'config', 'out/prometheus/prometheus.yml']);
    expect(code, output).toBe(0);
    expect(output).toContain('SUCCESS: 3 rule files found');
    expect(output).toContain('SUCCESS: out/prometheus/prometheus.yml is valid prometheus config file syntax');
    expect(output).not.toMatch(/FAILED|WARNING/);
  });

  it('fires the generated alerts in promtool test rules with rendered templates and every label as a string', () => {
    writeFileSync(
      path.join(dir, 'worker-test.yml'),
      `rule_files: [out/prometheus/rules/worker.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'up{job="worker", instance="w1"}'
        values: '0x10'
      - series: 'worker_queue_depth{queue="on"}'
        values: '2000x40'
    alert_rule_test:
      - eval_time: 10m
        alertname: WorkerDown
        exp_alerts:
          - exp_labels: { job: worker, instance: w1, service: worker, team: data, severity: critical }
            exp_annotations:
              summary: Worker w1 is down
              description: No scrape of w1 for 5 minutes.
              runbook_url: https://runbooks.example/worker/down
      - eval_time: 35m
        alertname: WorkerQueueBacklog
        exp_alerts:
          - exp_labels: { queue: "on", service: worker, team: data, severity: info, "y": "Y", tilde: "~", empty_ish: "null" }
            exp_annotations:
              summary: Queue on has 2000 jobs waiting
              runbook_url: https://runbooks.example/worker/backlog
`,
    );
    const { code, output } = promtool(dir, ['test', 'rules', 'worker-test.yml']);
    expect(code, output).toBe(0);
    expect(output).toContain('SUCCESS');
  });
});

describe('the rule files carry what routing and people need', () => {
  it.each(RULE_FILES)('%s starts with a DO NOT EDIT header naming its definition', (file) => {
    const source = { 'api.yml': 'definitions/api.yaml', 'web.yml': 'definitions/web.ts', 'worker.yml': 'definitions/worker.yaml' }[file];
    expect(ruleText(file).split('\n')[0]).toBe(`# Code generated by monc from ${source}. DO NOT EDIT.`);
  });

  it('prometheus.yml starts with a DO NOT EDIT header naming the definitions folder it comes from', () => {
    const text = readFileSync(path.join(dir, 'out/prometheus/prometheus.yml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# Code generated by monc from definitions/. DO NOT EDIT.');
  });

  const alerts = [
    { file: 'api.yml', name: 'ApiHighErrorRate', service: 'api', team: 'platform', severity: 'critical' },
    { file: 'api.yml', name: 'ApiSlow', service: 'api', team: 'platform', severity: 'warning' },
    { file: 'web.yml', name: 'CheckoutSilent', service: 'web', team: 'frontend', severity: 'critical' },
    { file: 'worker.yml', name: 'WorkerDown', service: 'worker', team: 'data', severity: 'critical' },
    { file: 'worker.yml', name: 'WorkerQueueBacklog', service: 'worker', team: 'data', severity: 'info' },
  ];

  it.each(alerts)('$name carries severity, service and team labels and summary and runbook_url annotations', ({ file, name, service, team, severity }) => {
    const rule = alert(file, name);
    expect(rule?.labels).toMatchObject({ severity, service, team });
    expect(rule?.annotations?.['summary']).toBeTypeOf('string');
    expect(rule?.annotations?.['runbook_url']).toMatch(/^https:\/\/runbooks\.example\//);
  });

  it('keeps templated summaries and multi-line descriptions as written', () => {
    expect(alert('api.yml', 'ApiHighErrorRate')?.annotations).toEqual({
      summary: 'High 5xx ratio on {{ $labels.job }}',
      description: '{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx.\nCheck the last deploy first.\n',
      runbook_url: 'https://runbooks.example/api/high-error-rate',
    });
    expect(alert('api.yml', 'ApiSlow')?.annotations).toEqual({
      summary: 'p99 latency of {{ $labels.job }} is {{ $value | humanizeDuration }}',
      runbook_url: 'https://runbooks.example/api/slow',
      dashboard: 'https://grafana.example/d/api',
    });
    expect(alert('web.yml', 'CheckoutSilent')?.annotations?.['description']).toBe('Last value: {{ $value }}; on {{ $externalLabels.cluster }}');
  });

  it('keeps label values that YAML 1.1 reads as booleans, numbers or null as strings', () => {
    expect(alert('api.yml', 'ApiHighErrorRate')?.labels).toEqual({ paging: 'on', escalate: 'yes', service: 'api', team: 'platform', severity: 'critical' });
    expect(alert('api.yml', 'ApiSlow')?.labels).toMatchObject({ paging: 'off', ticket: 'no', version: '1.0' });
    expect(alert('web.yml', 'CheckoutSilent')?.labels).toMatchObject({ enabled: 'yes' });
    expect(alert('worker.yml', 'WorkerQueueBacklog')?.labels).toMatchObject({ y: 'Y', tilde: '~', empty_ish: 'null' });
    expect(rules('api.yml').find((r) => r.record === 'job:api_http_request_duration_seconds:p99_5m')?.labels).toEqual({ quantile: '0.99' });
    for (const file of RULE_FILES) {
      for (const rule of rules(file)) {
        for (const value of [...Object.values(rule.labels ?? {}), ...Object.values(rule.annotations ?? {})]) expect(value).toBeTypeOf('string');
      }
    }
  });

  it('writes multi-line PromQL as a literal block that reads back as the author wrote it', () => {
    expect(ruleText('api.yml')).toContain(
      '        expr: |-\n' +
        '          sum by (job) (job_code:api_http_requests:rate5m{code="5xx"})\n' +
        '            /\n' +
        '          sum by (job) (job_code:api_http_requests:rate5m)\n' +
        '            > 0.05\n',
    );
    expect(alert('worker.yml', 'WorkerQueueBacklog')?.expr).toBe('max by (queue) (\n  worker_queue_depth{queue=~"default|on"}\n) > 1000');
    expect(alert('web.yml', 'CheckoutSilent')?.expr).toBe('sum(rate(web_page_views_total{page="checkout"}[15m])) == 0');
  });

  it('puts recording rules before alerts, and for and keep_firing_for on the alert', () => {
    expect(rules('api.yml').map((r) => r.record ?? r.alert)).toEqual([
      'job_code:api_http_requests:rate5m',
      'job:api_http_request_duration_seconds:p99_5m',
      'ApiHighErrorRate',
      'ApiSlow',
    ]);
    expect(alert('api.yml', 'ApiHighErrorRate')).toMatchObject({ for: '10m', keep_firing_for: '5m' });
  });

  it('scrapes every service under its job name and loads every rule file', () => {
    const config = parse(readFileSync(path.join(dir, 'out/prometheus/prometheus.yml'), 'utf8'), { version: '1.1' }) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path?: string; scrape_interval?: string; static_configs: { targets: string[] }[] }[];
    };
    expect(config.rule_files).toEqual(RULE_FILES.map((f) => `rules/${f}`));
    expect(config.scrape_configs.map((s) => [s.job_name, s.static_configs.flatMap((c) => c.targets)])).toEqual([
      ['api', ['api-1.internal:9090', 'api-2.internal:9090']],
      ['web', ['web-1.internal:8080']],
      ['worker', ['worker-1.internal:9100']],
    ]);
    expect(config.scrape_configs[0]).toMatchObject({ metrics_path: '/internal/metrics', scrape_interval: '30s' });
  });
});

describe('label and annotation values read back as the same strings in every YAML reader', () => {
  /** Strings that a YAML 1.1 reader (Go yaml.v2, PyYAML) or a YAML 1.2 reader (yaml.v3, JS) could take for something else. */
  const TRICKY = [
    'on', 'Off', 'yes', 'NO', 'y', 'N', 'True', 'null', '~', '', '1.0', '0755', '0o755', '0x1F', '0b101', '1_000', '1e3',
    '+1', '.5', '.inf', '-.Inf', '.NaN', '12:30', '2001-12-14', '=', '<<', '*a', '&a', '!x', '- x', 'a: b', '#x', ' lead',
    'trail ', '{{ $labels.job }} first', '@x', '%x', '|', '>', '?', '-',
  ];
  const labels = Object.fromEntries(TRICKY.map((value, i) => [`l${i}`, value]));
  const yamlMap = (map: Record<string, string>) => Object.entries(map).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`).join('');
  const files: Files = {
    'definitions/edge.yaml':
      'kind: Service\nname: edge\nteam: net\nalerts:\n  - name: EdgeDown\n    expr: up{job="edge"} == 0\n    for: 1m\n    severity: warning\n' +
      '    summary: "{{ $labels.instance }} is down"\n    runbook: https://runbooks.example/edge\n' +
      `    labels:\n${yamlMap(labels)}    annotations:\n${yamlMap(labels)}`,
  };

  it.each([
    { reader: 'YAML 1.1', version: '1.1' as const },
    { reader: 'YAML 1.2', version: '1.2' as const },
  ])('a $reader reader sees every value as the string in the definition', async ({ version }) => {
    const project = makeProject(files);
    const result = await runCli(project, ['build']);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(path.join(project, 'out/prometheus/rules/edge.yml'), 'utf8');
    const rule = (parse(text, { version }) as RuleFile).groups[0]?.rules[0];
    const { service: _s, team: _t, severity: _v, ...seenLabels } = rule?.labels ?? {};
    const { summary: _m, runbook_url: _r, ...seenAnnotations } = rule?.annotations ?? {};
    expect(seenLabels).toEqual(labels);
    expect(seenAnnotations).toEqual(labels);
    const { code, output } = promtool(project, ['check', 'rules', 'out/prometheus/rules/edge.yml']);
    expect(code, output).toBe(0);
  });
});
