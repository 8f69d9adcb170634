/** cardinality/unbounded-label: every label declares a bound, a values list or maxValues (a pattern alone is not one). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, metricsFile, withLabels, type Case } from './fixture.ts';

const ID = 'cardinality/unbounded-label';
const SHARED = 'definitions/shared.yaml';

const CASES: readonly Case[] = [
  { name: 'A label with a list of values is bounded and passes.', files: { [F]: withLabels(['method: { values: [GET, POST] }']) }, expected: () => [] },
  { name: 'A label with maxValues is bounded and passes.', files: { [F]: withLabels(['endpoint: { maxValues: 50 }']) }, expected: () => [] },
  {
    name: 'A pattern with maxValues is bounded and passes.',
    files: { [F]: withLabels(['status: { pattern: "[1-5][0-9][0-9]", maxValues: 20 }']) },
    expected: () => [],
  },
  {
    name: 'A label with a description and maxValues is bounded and passes.',
    files: { [F]: withLabels(['endpoint: { description: the route template, maxValues: 40 }']) },
    expected: () => [],
  },
  { name: 'A label with no domain at all is reported at its key.', files: { [F]: withLabels(['endpoint: {}']) }, expected: () => [`${ID}@${F}:9:7`] },
  {
    name: 'A label with only a description is reported at its key, not its bounded neighbour.',
    files: { [F]: withLabels(['method: { values: [GET] }', 'endpoint: { description: the route template }']) },
    expected: () => [`${ID}@${F}:10:7`],
  },
  {
    name: 'A pattern says what values look like, not how many: a pattern alone is reported.',
    files: { [F]: withLabels(['status: { pattern: "[1-5][0-9][0-9]" }']) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'A forbidden label name with no bound is reported here too, besides cardinality/forbidden-label.',
    files: { [F]: withLabels(['trace_id: {}']) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'An unbounded label among bounded ones is reported (and the metric then has no series estimate).',
    files: { [F]: withLabels(['endpoint: {}', 'method: { maxValues: 100 }', 'code: { maxValues: 100 }']) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'An unbounded label in a Metrics file is reported at its key there.',
    files: { [SHARED]: metricsFile('region: {}') },
    expected: (files) => [at(ID, SHARED, files[SHARED] ?? '', 'region')],
  },
  {
    name: "A third-party exporter's label is checked too: its bound is still what the estimate needs.",
    files: { [F]: withLabels(['device: {}'], '    type: counter\n    exporter: node_exporter\n') },
    expected: () => [`${ID}@${F}:10:7`],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('explains that a pattern is not a bound, and asks for values or maxValues', async () => {
    const diagnostics = await lint({ [F]: withLabels(['code: { pattern: "[1-5][0-9][0-9]" }', 'handler: { description: The route. }']) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'label "code" of app_requests_total has no bound (a pattern says what values look like, not how many there are); declare its values or maxValues',
      'label "handler" of app_requests_total has no bound; declare its values or maxValues',
    ]);
  });
});
