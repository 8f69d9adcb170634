import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';

const metric = '  - { name: app_jobs_total, type: counter, help: Jobs., labels: { queue: { values: [a, b] } } }\n';
const yamlService = (expr: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${metric}alerts:\n  - name: Broken\n${expr}    for: 5m\n    severity: warning\n    summary: s\n    runbook: https://r.example/broken\n`;

const tsService = (expr: string) =>
  [
    "import { defineMetric, defineService } from 'monc';",
    "const jobs = defineMetric({ name: 'app_jobs_total', type: 'counter', help: 'Jobs.', labels: { queue: { values: ['a', 'b'] } } });",
    'defineService({',
    "  name: 'app',",
    "  team: 'core',",
    '  metrics: [jobs],',
    '  alerts: [{',
    "    name: 'Broken',",
    `    expr: ${expr},`,
    "    for: '5m', severity: 'warning', summary: 's', runbook: 'https://r.example/broken',",
    '  }],',
    '});',
    '',
  ].join('\n');

describe('a PromQL syntax error points at the exact character inside the user file', () => {
  const cases = [
    {
      name: 'in a YAML plain scalar',
      files: { 'definitions/app.yaml': yamlService('    expr: app_jobs_total{queue="a"} +* 1\n') },
      expected: 'promql/syntax@definitions/app.yaml:8:38',
    },
    {
      name: 'in a YAML double-quoted scalar with escaped quotes',
      files: { 'definitions/app.yaml': yamlService('    expr: "app_jobs_total{queue=\\"a\\"} +* 1"\n') },
      expected: 'promql/syntax@definitions/app.yaml:8:41',
    },
    {
      name: "in a YAML single-quoted scalar with a doubled ''",
      files: { 'definitions/app.yaml': yamlService("    expr: 'app_jobs_total{queue=\"it''s\"} +* 1'\n") },
      expected: 'promql/syntax@definitions/app.yaml:8:43',
    },
    {
      name: 'in a YAML literal block scalar, on its second line',
      files: { 'definitions/app.yaml': yamlService('    expr: |\n      sum(rate(app_jobs_total[5m]))\n        +* 1\n') },
      expected: 'promql/syntax@definitions/app.yaml:10:10',
    },
    {
      name: 'in a YAML folded block scalar',
      files: { 'definitions/app.yaml': yamlService('    expr: >-\n      sum(rate(app_jobs_total[5m]))\n      +* 1\n') },
      expected: 'promql/syntax@definitions/app.yaml:10:8',
    },
    {
      name: 'in a TS string literal with escapes',
      files: { 'definitions/app.ts': tsService("'app_jobs_total{queue=\\'a\\'} +* 1'") },
      expected: 'promql/syntax@definitions/app.ts:9:41',
    },
    {
      name: 'in a TS template literal after a substitution',
      files: { 'definitions/app.ts': tsService("`sum(rate(${jobs.where({ queue: 'a' })}[5m])) +* 1`") },
      expected: 'promql/syntax@definitions/app.ts:9:58',
    },
    {
      name: 'in a multi-line TS template literal',
      files: { 'definitions/app.ts': tsService('`sum(rate(app_jobs_total[5m]))\n      +* 1`') },
      expected: 'promql/syntax@definitions/app.ts:10:8',
    },
  ];

  it.each(cases)('$name', async ({ files, expected }) => {
    const { diagnostics } = await lintJson(files);
    expect(diagnostics.map(where)).toEqual([expected]);
  });
});

describe('an unknown metric is reported at its name inside the expression', () => {
  it('suggests the declared metric with the closest name', async () => {
    const { diagnostics } = await lintJson({ 'definitions/app.yaml': yamlService('    expr: rate(app_job_total[5m]) > 0\n') });
    expect(diagnostics.map(where)).toEqual(['catalog/unknown-metric@definitions/app.yaml:8:16']);
    expect(diagnostics[0]?.message).toContain('did you mean "app_jobs_total"');
  });
});

describe('definitions made with define*() and listed elsewhere keep their own positions', () => {
  it('points into the defineAlert call, and into the file that defines the metric', async () => {
    const { diagnostics } = await lintJson({
      'definitions/metrics.ts': [
        "import { defineMetric } from 'monc';",
        "export const jobs = defineMetric({ name: 'app_jobs', type: 'counter', help: 'Jobs.' });",
        '',
      ].join('\n'),
      'definitions/app.ts': [
        "import { defineAlert, defineService } from 'monc';",
        "import { jobs } from './metrics.ts';",
        'const stalled = defineAlert({',
        "  name: 'Stalled',",
        '  expr: `rate(${jobs}[5m]) == = 0`,',
        "  for: '5m', severity: 'warning', summary: 's', runbook: 'https://r.example/stalled',",
        '});',
        "defineService({ name: 'app', team: 'core', metrics: [jobs], alerts: [stalled] });",
        '',
      ].join('\n'),
    });
    expect(diagnostics.map(where)).toEqual(['promql/syntax@definitions/app.ts:5:31', 'metric/name@definitions/metrics.ts:2:42']);
  });
});
