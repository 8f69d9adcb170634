/**
 * Definitions for the suppression tests (comments and monc.config.yaml `checks`): a service
 * with one alert that alert/for reports, in YAML and in TypeScript, with a line to put a
 * comment on.
 */

/** A service whose `alerts:` list is `alerts`; line 7 is the first line of the list. */
export const service = (alerts: string) =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\nalerts:\n${alerts}`;

/** An alert without `for` (alert/for at its name), written from its name line on. */
export const alertWithoutFor = (name: string, extra = '') =>
  `  - name: ${name}\n    expr: rate(app_jobs_total[5m]) == 0\n    severity: warning\n    summary: no jobs processed\n    runbook: https://runbooks.example/jobs\n${extra}`;

/** A TS service with one alert without `for`: `before` goes on the line above the alert's name. */
export const tsService = (before: string, name = `name: 'JobsStalled',`) =>
  [
    `import { defineService } from 'monc';`,
    ``,
    `defineService({`,
    `  name: 'app',`,
    `  team: 'core',`,
    `  metrics: [{ name: 'app_jobs_total', type: 'counter', help: 'Jobs.' }],`,
    `  alerts: [`,
    `    {`,
    `      ${before}`,
    `      ${name}`,
    `      expr: 'rate(app_jobs_total[5m]) == 0',`,
    `      severity: 'warning',`,
    `      summary: 'no jobs processed',`,
    `      runbook: 'https://runbooks.example/jobs',`,
    `    },`,
    `  ],`,
    `});`,
    ``,
  ].join('\n');

/** A TS alert whose expression spans two lines, each selecting an undeclared metric. */
export const tsMultiLine = (before: string) =>
  [
    `import { defineService } from 'monc';`,
    ``,
    `defineService({`,
    `  name: 'app',`,
    `  team: 'core',`,
    `  alerts: [`,
    `    {`,
    `      name: 'JobsStalled',`,
    `      for: '5m',`,
    `      ${before}`,
    `      expr: \`sum(rate(app_jobs_total[5m]))`,
    `        / sum(rate(app_tasks_total[5m])) > 1\`,`,
    `      severity: 'warning',`,
    `      summary: 'no jobs processed',`,
    `      runbook: 'https://runbooks.example/jobs',`,
    `    },`,
    `  ],`,
    `});`,
    ``,
  ].join('\n');
