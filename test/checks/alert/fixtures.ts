/** The service the alert/* check tests put their alerts in: one counter and an `alerts:` list. */

export const F = 'definitions/app.yaml';

/** A service file whose `alerts:` list is `alerts` (items indented as `  - `); line 7 holds the first alert's name. */
export const withAlert = (alerts: string, metrics = '  - { name: app_jobs_total, type: counter, help: Jobs. }\n') =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${metrics}alerts:\n${alerts}`;

export const GOOD_FIELDS: Readonly<Record<string, string>> = {
  name: 'JobsStalled',
  expr: 'rate(app_jobs_total[5m]) == 0',
  for: '15m',
  severity: 'warning',
  summary: 'no jobs processed',
  runbook: 'https://runbooks.example/jobs-stalled',
};

/**
 * A complete alert, one field a line, with `overrides` replacing fields (or adding them at the
 * end) and the fields in `omit` left out: line 7 is `name`, then expr, for, severity, summary, runbook.
 */
export const goodAlert = (overrides: Readonly<Record<string, string>> = {}, omit: readonly string[] = []) => {
  const fields = { ...GOOD_FIELDS, ...overrides };
  const lines = Object.entries(fields)
    .filter(([key]) => !omit.includes(key))
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`);
  return `${lines.join('\n')}\n`;
};

/** A TS service with one alert whose fields after the name are `fields` (TS object lines, indented by the caller). */
export const tsService = (fields: readonly string[]) =>
  [
    `import { defineService } from 'monc';`,
    ``,
    `defineService({`,
    `  name: 'app',`,
    `  team: 'core',`,
    `  metrics: [{ name: 'app_jobs_total', type: 'counter', help: 'Jobs.' }],`,
    `  alerts: [`,
    `    {`,
    `      name: 'JobsStalled',`,
    `      expr: 'rate(app_jobs_total[5m]) == 0',`,
    ...fields.map((f) => `      ${f}`),
    `    },`,
    `  ],`,
    `});`,
    ``,
  ].join('\n');
