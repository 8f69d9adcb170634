/** cardinality/label-values: no label may take more values than the limit (100 by default), by its values list or maxValues. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, metricsFile, valueList, withLabels, type Case } from './fixture.ts';

const ID = 'cardinality/label-values';
const SHARED = 'definitions/shared.yaml';

const CASES: readonly Case[] = [
  { name: 'A label with 100 declared maxValues is at the limit and passes.', files: { [F]: withLabels(['endpoint: { maxValues: 100 }']) }, expected: () => [] },
  { name: 'A label with a list of 100 values is at the limit and passes.', files: { [F]: withLabels([`shard: { values: ${valueList(100)} }`]) }, expected: () => [] },
  {
    name: 'A label with no bound has no count, so it is left to cardinality/unbounded-label.',
    files: { [F]: withLabels(['endpoint: {}', 'status: { pattern: "[1-5][0-9][0-9]" }']) },
    expected: () => [],
  },
  {
    name: 'A label with 101 maxValues is reported at its key.',
    files: { [F]: withLabels(['endpoint: { maxValues: 101 }']) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'A label with a list of 101 values is reported at its key.',
    files: { [F]: withLabels([`shard: { values: ${valueList(101)} }`]) },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'Only the label over the limit is reported, not its bounded neighbours.',
    files: { [F]: withLabels(['method: { values: [GET, POST] }', 'endpoint: { maxValues: 500 }']) },
    expected: () => [`${ID}@${F}:10:7`],
  },
  {
    name: 'Every label over the limit is reported, each at its own key.',
    files: { [F]: withLabels(['endpoint: { maxValues: 500 }', 'tenant: { maxValues: 1000 }']) },
    expected: () => [`${ID}@${F}:9:7`, `${ID}@${F}:10:7`],
  },
  {
    name: 'A label over the limit in a Metrics file is reported at its key there.',
    files: { [SHARED]: metricsFile('tenant: { maxValues: 250 }') },
    expected: (files) => [at(ID, SHARED, files[SHARED] ?? '', 'tenant')],
  },
  {
    name: "A third-party exporter's label is counted too: its values cost series all the same.",
    files: { [F]: withLabels(['endpoint: { maxValues: 300 }'], '    type: counter\n    exporter: some_exporter\n') },
    expected: () => [`${ID}@${F}:10:7`],
  },
  {
    name: 'A lower maxLabelValues in the config reports a label of 11 values.',
    files: { [F]: withLabels([`shard: { values: ${valueList(11)} }`]), [CONFIG]: 'cardinality:\n  maxLabelValues: 10\n' },
    expected: () => [`${ID}@${F}:9:7`],
  },
  {
    name: 'A higher maxLabelValues in the config lets a label of 500 values pass.',
    files: { [F]: withLabels(['endpoint: { maxValues: 500 }']), [CONFIG]: 'cardinality:\n  maxLabelValues: 1000\n' },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('names the label, its metric, its count and the limit', async () => {
    const diagnostics = await lint({ [F]: withLabels(['endpoint: { maxValues: 101 }']) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'label "endpoint" of app_requests_total may take 101 values, over the limit of 100; aggregate it away or bucket its values',
    ]);
  });
});
