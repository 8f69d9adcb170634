import { describe, expect, it } from 'vitest';
import { lintJson, where } from '../helpers/project.ts';

/** A service file whose alert block is `alert` (indented as an item of `alerts:`). */
const withAlert = (alert: string, metrics = '  - { name: app_jobs_total, type: counter, help: Jobs. }\n') =>
  `kind: Service\nname: app\nteam: core\nmetrics:\n${metrics}alerts:\n${alert}`;

const goodAlert = (overrides: Record<string, string> = {}, omit: string[] = []) => {
  const fields: Record<string, string> = {
    name: 'JobsStalled',
    expr: 'rate(app_jobs_total[5m]) == 0',
    for: '15m',
    severity: 'warning',
    summary: 'no jobs processed',
    runbook: 'https://runbooks.example/jobs-stalled',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([key]) => !omit.includes(key))
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`);
  return `${lines.join('\n')}\n`;
};

const withMetric = (metric: string) => `kind: Service\nname: app\nteam: core\nmetrics:\n  - ${metric}\n`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly expected: readonly string[];
}

const F = 'definitions/app.yaml';

const cases: Case[] = [
  { name: 'a complete alert passes every check', file: withAlert(goodAlert()), expected: [] },
  { name: 'alert/for: an alert without for is flagged at its name', file: withAlert(goodAlert({}, ['for'])), expected: [`alert/for@${F}:7:11`] },
  { name: 'alert/for: for: 0s says "fire at once" on purpose and passes', file: withAlert(goodAlert({ for: '0s' })), expected: [] },
  { name: 'alert/severity: a missing severity is flagged at the alert name', file: withAlert(goodAlert({}, ['severity'])), expected: [`alert/severity@${F}:7:11`] },
  { name: 'alert/severity: a severity outside critical, warning, info is flagged at the value', file: withAlert(goodAlert({ severity: 'page' })), expected: [`alert/severity@${F}:10:15`] },
  {
    name: 'alert/severity: a severity written as a label is flagged at the label key',
    file: withAlert(`${goodAlert({}, ['severity'])}    labels: { severity: critical }\n`),
    expected: [`alert/severity@${F}:12:15`],
  },
  { name: 'alert/summary: a missing summary is flagged', file: withAlert(goodAlert({}, ['summary'])), expected: [`alert/summary@${F}:7:11`] },
  { name: 'alert/summary: an empty summary is flagged at the value', file: withAlert(goodAlert({ summary: '""' })), expected: [`alert/summary@${F}:11:14`] },
  { name: 'alert/runbook: a missing runbook is flagged', file: withAlert(goodAlert({}, ['runbook'])), expected: [`alert/runbook@${F}:7:11`] },
  { name: 'alert/runbook: a runbook that is not a URL is flagged at the value', file: withAlert(goodAlert({ runbook: 'see wiki' })), expected: [`alert/runbook@${F}:12:14`] },
  { name: 'metric/name: a well-named counter passes', file: withMetric('{ name: app_jobs_total, type: counter, help: Jobs. }'), expected: [] },
  { name: 'metric/name: a counter without _total is flagged at its name', file: withMetric('{ name: app_jobs, type: counter, help: Jobs. }'), expected: [`metric/name@${F}:5:13`] },
  { name: 'metric/name: a gauge ending in _total is flagged', file: withMetric('{ name: app_queue_total, type: gauge, help: Queue. }'), expected: [`metric/name@${F}:5:13`] },
  { name: 'metric/name: a name without a namespace prefix is flagged', file: withMetric('{ name: queue, type: gauge, help: Queue. }'), expected: [`metric/name@${F}:5:13`] },
  {
    name: 'metric/name: a non-base unit in the name and the unit field are both flagged',
    file: withMetric('{ name: app_latency_milliseconds, type: histogram, unit: milliseconds, help: Latency. }'),
    expected: [`metric/name@${F}:5:13`, `metric/name@${F}:5:62`],
  },
  { name: 'metric/name: a name that does not end in its unit is flagged', file: withMetric('{ name: app_latency, type: gauge, unit: seconds, help: Latency. }'), expected: [`metric/name@${F}:5:13`] },
  { name: 'metric/name: a histogram named with a _bucket suffix is flagged', file: withMetric('{ name: app_latency_seconds_bucket, type: histogram, help: Latency. }'), expected: [`metric/name@${F}:5:13`] },
];

describe('model checks report the right check at the right position', () => {
  it.each(cases)('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

describe('model/duplicate names both places', () => {
  it('reports the second metric of the same name and relates it to the first', async () => {
    const { diagnostics } = await lintJson({
      'definitions/a.yaml': withMetric('{ name: app_jobs_total, type: counter, help: Jobs. }'),
      'definitions/b.yaml': 'kind: Metrics\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs again. }\n',
    });
    expect(diagnostics.map(where)).toEqual(['model/duplicate@definitions/b.yaml:3:13']);
    expect(diagnostics[0]?.message).toBe('metric "app_jobs_total" is already defined in definitions/a.yaml');
  });

  it('reports a second service of the same name', async () => {
    const { diagnostics } = await lintJson({
      'definitions/a.yaml': 'kind: Service\nname: app\nteam: core\n',
      'definitions/b.yaml': 'kind: Service\nname: app\nteam: other\n',
    });
    expect(diagnostics.map(where)).toEqual(['model/duplicate@definitions/b.yaml:2:7']);
  });
});

describe('load checks', () => {
  it.each([
    { name: 'an unknown property points at its key', file: 'kind: Service\nname: app\nteam: core\ntaem: x\n', expected: [`load/schema@${F}:4:1`] },
    { name: 'a missing required property points at the mapping', file: 'kind: Service\nname: app\n', expected: [`load/schema@${F}:1:1`] },
    { name: 'an unknown kind points at the kind value', file: 'kind: Servce\nname: app\n', expected: [`load/schema@${F}:1:7`] },
    { name: 'a duplicate key is a YAML error at the second key', file: 'kind: Service\nname: app\nname: again\nteam: core\n', expected: [`load/yaml@${F}:3:1`] },
    { name: 'a bad duration points at the value', file: withAlert(goodAlert({ for: '5 minutes' })), expected: [`load/schema@${F}:9:10`] },
  ])('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

describe('monc.config.yaml is checked like a definition', () => {
  const service = { 'definitions/app.yaml': 'kind: Service\nname: app\nteam: core\n' };
  it.each([
    { name: 'an unknown property points at its key', config: 'prometheus:\n  scrapeIntervall: 15s\n', expected: ['load/schema@monc.config.yaml:2:3'] },
    { name: 'a bad duration points at the value', config: 'prometheus:\n  scrapeInterval: often\n', expected: ['load/schema@monc.config.yaml:2:19'] },
    { name: 'broken YAML is a load/yaml error', config: 'prometheus: [\n', expected: ['load/yaml@monc.config.yaml:2:1'] },
  ])('$name', async ({ config, expected }) => {
    const { diagnostics } = await lintJson({ ...service, 'monc.config.yaml': config });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

describe('ugly YAML input', () => {
  it.each([
    { name: 'an empty file and an empty document after a final --- are ignored', file: '---\nkind: Service\nname: app\nteam: core\n---\n', expected: [] },
    { name: 'a document that is a list, not a mapping, is a schema error at its start', file: '- just\n- a list\n', expected: [`load/schema@${F}:1:1`] },
    {
      name: 'an alias bomb is refused as a YAML error instead of exhausting memory',
      file: 'kind: Service\nname: bomb\nteam: x\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      expected: [`load/yaml@${F}:1:1`],
    },
  ])('$name', async ({ file, expected }) => {
    const { diagnostics } = await lintJson({ [F]: file });
    expect(diagnostics.map(where)).toEqual(expected);
  });
});
