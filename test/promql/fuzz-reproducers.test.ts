/** The PromQL reproducers of the fuzzing pass: what promtool rejects is an error in monc, what it accepts passes (at most an info finding). */
import { describe, expect, it } from 'vitest';
import { lint } from '../helpers/lint.ts';
import { PROMTOOL_ACCEPTS, PROMTOOL_REJECTS } from './fuzz-reproducers.ts';

const RULES = 'rules.yml';
const ruleFile = (expr: string) => `groups:\n  - name: g\n    rules:\n      - record: job:up:test\n        expr: ${JSON.stringify(expr)}\n`;
const findings = async (expr: string) => (await lint({ [RULES]: ruleFile(expr) }, { family: 'rule-files' })).filter((d) => d.severity !== 'info');

describe('PromQL that promtool rejects is an error in monc', () => {
  it.each(PROMTOOL_REJECTS)('$name', async ({ expr, check }) => {
    expect((await findings(expr)).map((d) => `${d.severity} ${d.check}`)).toEqual([`error ${check}`]);
  });
});

describe('PromQL that promtool accepts passes monc', () => {
  it.each(PROMTOOL_ACCEPTS)('$name', async ({ expr }) => {
    expect(await findings(expr)).toEqual([]);
  });
});
