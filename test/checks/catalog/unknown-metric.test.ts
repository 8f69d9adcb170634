/** catalog/unknown-metric: every selected metric is declared, recorded, generated or built in. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'catalog/unknown-metric';
const F = 'definitions/app.yaml';

/** A service declaring app_jobs_total, with one recording rule over `expr`. */
const service = (expr: string, extra = '') =>
  `kind: Service
name: app
team: core
metrics:
  - { name: app_jobs_total, type: counter, help: Jobs. }
recordingRules:
  - record: job:app_jobs:rate5m
    expr: ${JSON.stringify(expr)}
${extra}`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Readonly<Record<string, string>>) => readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A declared metric passes.', files: { [F]: service('rate(app_jobs_total[5m])') }, expected: () => [] },
  { name: "Prometheus' own series (up, ALERTS) pass undeclared.", files: { [F]: service('up + on() group_left count(ALERTS)') }, expected: () => [] },
  {
    name: 'A recording rule output passes wherever it is read.',
    files: { [F]: service('rate(app_jobs_total[5m])', 'alerts:\n  - { name: AppSlow, expr: "job:app_jobs:rate5m > 1", severity: warning, summary: Slow. }\n') },
    expected: () => [],
  },
  {
    name: 'A misspelt metric is reported at its name, with the declared one suggested.',
    files: { [F]: service('rate(app_job_total[5m])') },
    expected: (files) => [at(ID, F, files[F] ?? '', 'app_job_total')],
  },
  {
    name: 'A metric declared in another file of the project passes.',
    files: {
      [F]: service('rate(app_jobs_total[5m]) + rate(shared_requests_total[5m])'),
      'definitions/shared.yaml': 'kind: Metrics\nmetrics:\n  - { name: shared_requests_total, type: counter, help: Requests. }\n',
    },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the declaration to add when nothing is close', async () => {
    const diagnostics = await lint({ [F]: service('rate(totally_different_thing[5m])') });
    expect(diagnostics.map((d) => d.message)).toEqual(['unknown metric "totally_different_thing"; declare it in a service or a Metrics file']);
  });
});
