/** cardinality/forbidden-label: no label name that means one value per request, user or moment (ids, emails, timestamps, paths). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, metricsFile, withLabels, type Case } from './fixture.ts';

const ID = 'cardinality/forbidden-label';
const SHARED = 'definitions/shared.yaml';

const FORBIDDEN = [
  ...['user_id', 'email', 'request_id', 'trace_id', 'path', 'timestamp', 'session_id', 'uuid', 'customer_uuid', 'url', 'span', 'user_email'],
  ...['id', 'order_uuid', 'device_guid', 'e_mail', 'ts', 'created_date', 'requestid', 'correlation_id', 'transaction', 'raw_path', 'request_url', 'query_string', 'User_ID'],
];

const ALLOWED = ['endpoint', 'route', 'status', 'method', 'valid', 'runtime', 'hosts', 'mode', 'paid', 'grid', 'spanish', 'datacenter'];

const CASES: readonly Case[] = [
  ...FORBIDDEN.map(
    (label): Case => ({
      name: `A label named ${label} is reported at its key, even with a bound.`,
      files: { [F]: withLabels([`${label}: { maxValues: 10 }`]) },
      expected: () => [`${ID}@${F}:9:7`],
    }),
  ),
  ...ALLOWED.map(
    (label): Case => ({
      name: `A label named ${label} is not forbidden and passes.`,
      files: { [F]: withLabels([`${label}: { maxValues: 10 }`]) },
      expected: () => [],
    }),
  ),
  {
    name: 'A third-party exporter metric is exempt: its label names are not yours to choose.',
    files: { [F]: withLabels(['path: { maxValues: 10 }'], '    type: counter\n    exporter: some_exporter\n') },
    expected: () => [],
  },
  {
    name: 'A forbidden name with no bound is reported here, as well as by cardinality/unbounded-label.',
    files: { [F]: withLabels(['trace_id: {}']) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'Only the forbidden label is reported, not its neighbours.',
    files: { [F]: withLabels(['method: { values: [GET, POST] }', 'path: { maxValues: 50 }', 'user_id: { maxValues: 100 }']) },
    expected: () => [`${ID}@${F}:10:7`, `${ID}@${F}:11:7`],
  },
  {
    name: 'A forbidden label in a Metrics file is reported at its key there.',
    files: { [SHARED]: metricsFile('session: { maxValues: 10 }') },
    expected: (files) => [at(ID, SHARED, files[SHARED] ?? '', 'session')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says what the name looks like and what to use instead', async () => {
    const diagnostics = await lint({ [F]: withLabels(['path: { maxValues: 50 }', 'user_id: { maxValues: 100 }', 'created_date: { maxValues: 5 }']) });
    const advice = 'which makes one series per value; keep it in logs or traces, or use a bounded label (e.g. a route template instead of a path)';
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      `label "path" of app_requests_total looks like a raw path or URL, ${advice}`,
      `label "user_id" of app_requests_total looks like an id, ${advice}`,
      `label "created_date" of app_requests_total looks like a timestamp, ${advice}`,
    ]);
  });
});
