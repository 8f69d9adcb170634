/** The version 2 function table against Debian's promtool 2.42: arity and argument types are exactly what it accepts. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregationTable, arity, functionTable } from '../../src/promql/functions.ts';
import { SAMPLE, call, WRONG } from './function-calls.ts';

const v2 = functionTable(2);
const v3 = functionTable(3);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-functions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Verdicts {
  readonly code: number;
  readonly output: string;
  /** Error message per expression that promtool rejected. */
  readonly rejected: ReadonlyMap<string, string>;
}

/** Runs promtool 2.42 once over a rule file with one recording rule per expression. */
function promtool(name: string, exprs: readonly string[]): Verdicts {
  const lines = ['groups:', '  - name: g', '    rules:'];
  exprs.forEach((expr, i) => {
    lines.push(`      - record: t${i}`, `        expr: ${JSON.stringify(expr)}`);
  });
  const file = path.join(tmp, `${name}.yml`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const result = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  const rejected = new Map<string, string>();
  for (const match of output.matchAll(/rule \d+, "t(\d+)": (.*)/g)) {
    const expr = exprs[Number(match[1])];
    if (expr !== undefined && match[2]) rejected.set(expr, match[2]);
  }
  return { code: result.status ?? -1, output, rejected };
}

describe('promtool 2.42 agrees with the version 2 function table', () => {
  const signatures = [...v2.values()];

  it('accepts every function called with its fewest and its most arguments', () => {
    const exprs = signatures.flatMap((signature) => {
      const { min, max } = arity(signature);
      return [...new Set([min, max === Infinity ? min + 2 : max])].map((count) => call(signature, count));
    });
    const verdicts = promtool('accepted', exprs);
    expect(verdicts.rejected).toEqual(new Map());
    expect(verdicts.code, verdicts.output).toBe(0);
  });

  it('rejects every function called with one argument too many or too few', () => {
    const exprs = signatures.flatMap((signature) => {
      const { min, max } = arity(signature);
      const wrong: string[] = [];
      if (max !== Infinity) wrong.push(call(signature, max + 1));
      if (min > 0) wrong.push(call(signature, min - 1));
      return wrong;
    });
    const verdicts = promtool('arity', exprs);
    for (const expr of exprs) expect(verdicts.rejected.get(expr), expr).toMatch(/argument\(s\) in call to/);
  });

  it('rejects every argument of the wrong type, position by position', () => {
    const exprs = signatures.flatMap((signature) =>
      signature.args.map((type, index) => call(signature, signature.args.length, { index, with: WRONG[type] })),
    );
    const verdicts = promtool('types', exprs);
    for (const expr of exprs) expect(verdicts.rejected.get(expr), expr).toMatch(/expected type/);
  });

  it('knows no function that the version 3 table adds (start and end are only @ modifiers there)', () => {
    const exprs = [...v3.values()].filter((s) => !v2.has(s.name)).map((s) => call(s, s.args.length));
    const verdicts = promtool('unknown', exprs);
    for (const expr of exprs) {
      const expected = /^(start|end)\(/.test(expr) ? /unexpected "\("/ : /unknown function with name/;
      expect(verdicts.rejected.get(expr), expr).toMatch(expected);
    }
  });
});

describe('promtool 2.42 agrees with the version 2 aggregation table', () => {
  it('is what promtool 2.42 accepts, and it rejects each parameter of the wrong type', () => {
    const exprs = [...aggregationTable(2)].map(([name, spec]) =>
      spec.param ? `${name}(${SAMPLE[spec.param]}, up)` : `${name}(up)`,
    );
    const accepted = promtool('aggregations', exprs);
    expect(accepted.rejected).toEqual(new Map());
    expect(accepted.code, accepted.output).toBe(0);
    const wrong = [...aggregationTable(2)].flatMap(([name, spec]) =>
      spec.param ? [`${name}(${WRONG[spec.param]}, up)`] : [],
    );
    const rejected = promtool('aggregation-params', wrong);
    for (const expr of wrong) expect(rejected.rejected.get(expr), expr).toMatch(/expected type/);
  });

  it('has limitk and limit_ratio that promtool 2.42 does not know', () => {
    const verdicts = promtool('limitk', ['limitk(2, up)', 'limit_ratio(0.5, up)']);
    expect(verdicts.rejected.size).toBe(2);
  });
});
