/** promql/depth: an expression deeper than monc's analyses walk is parsed and syntax-checked, and says it was checked no further. */
import { describe, expect, it } from 'vitest';
import { MAX_ANALYSED_DEPTH } from '../../../src/promql/parse.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, exprAt, F, METRICS, recordIn, RF, ruleFiles } from './fixture.ts';

const ID = 'promql/depth';

const nested = (fn: string, depth: number, inner: string) => `${`${fn}(`.repeat(depth)}${inner}${')'.repeat(depth)}`;
const chain = (terms: number, term: string, op: string) => Array.from({ length: terms }, () => term).join(op);

const CASES: readonly Case[] = [
  { name: 'An expression at the depth limit is analysed and not flagged.', expr: nested('abs', MAX_ANALYSED_DEPTH - 1, 'app_queue_depth'), expected: [] },
  { name: 'An expression one level over the limit is flagged at its first character.', expr: nested('abs', MAX_ANALYSED_DEPTH, 'app_queue_depth'), expected: [[ID, 'a']] },
  { name: 'A 3000-deep nesting of abs() parses and is flagged, not a syntax error.', expr: nested('abs', 3000, 'app_queue_depth'), expected: [[ID, 'a']] },
  { name: 'A 1200-term sum written out with + is flagged.', expr: chain(1200, 'app_queue_depth', ' + '), expected: [[ID, 'a']] },
  { name: 'A 552-term sum is analysed and passes.', expr: chain(552, 'app_queue_depth', ' + '), expected: [] },
  { name: 'A deep expression with a syntax error is promql/syntax, not promql/depth.', expr: `${nested('abs', 1500, 'app_queue_depth')})`, expected: [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ expr, expected }) => {
    const diagnostics = await lint(ruleFiles(expr));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected.map((e) => exprAt(expr, e)));
  });

  it('reports only an info finding for a deep expression: nothing blocks the build', async () => {
    const diagnostics = await lint(ruleFiles(nested('abs', 2000, 'app_queue_depth')));
    expect(diagnostics.filter((d) => d.severity !== 'info' && d.check !== 'rule/record-name')).toEqual([]);
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      `the expression nests 2001 levels deep; monc checked its syntax only (types, metrics, labels and cardinality are checked up to ${MAX_ANALYSED_DEPTH} levels)`,
    ]);
  });

  it('is reported for a rule file too', async () => {
    const file = recordIn(JSON.stringify(chain(1100, 'up', ' or ')));
    const diagnostics = await lint({ [RF]: file }, { family: 'rule-files' });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual([`${ID}@${RF}:5:16`]);
  });

  it('can be suppressed on the line of the expression', async () => {
    const expr = nested('abs', 1200, 'app_queue_depth');
    const service = `kind: Service\nname: app\nteam: core\nmetrics:\n${METRICS}\nrecordingRules:\n  - record: job:app_queue_depth:abs\n    expr: ${expr} # monc-disable-line promql/depth\n`;
    const diagnostics = await lint({ [F]: service });
    expect(diagnostics.filter((d) => d.check === ID || d.check.startsWith('config/'))).toEqual([]);
  });
});
