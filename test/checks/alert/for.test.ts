/** alert/for: every alert has a `for` duration (`for: 0s` to fire at once on purpose). */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, goodAlert, tsService, withAlert } from './fixtures.ts';

const ID = 'alert/for';
const T = 'definitions/app.ts';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A complete alert with for: 15m passes.', files: { [F]: withAlert(goodAlert()) }, expected: () => [] },
  { name: 'for: 0s says "fire at once" on purpose and passes.', files: { [F]: withAlert(goodAlert({ for: '0s' })) }, expected: () => [] },
  { name: 'A TypeScript alert with a for passes.', files: { [T]: tsService([`for: '5m',`, `severity: 'warning',`, `summary: 'no jobs processed',`, `runbook: 'https://runbooks.example/jobs',`]) }, expected: () => [] },
  {
    name: 'An alert without for is flagged at its name.',
    files: { [F]: withAlert(goodAlert({}, ['for'])) },
    expected: (f) => [at(ID, F, f[F] ?? '', 'JobsStalled')],
    messages: ['alert "JobsStalled" has no "for", so a single evaluation fires it; add e.g. "for: 5m", or "for: 0s" to fire at once on purpose'],
  },
  {
    name: 'Each of two alerts without for is flagged at its own name.',
    files: { [F]: withAlert(goodAlert({}, ['for']) + goodAlert({ name: 'JobsSlow' }, ['for'])) },
    expected: (f) => [at(ID, F, f[F] ?? '', 'JobsStalled'), at(ID, F, f[F] ?? '', 'JobsSlow')],
  },
  {
    name: 'Only the alert without for is flagged when its neighbour has one.',
    files: { [F]: withAlert(goodAlert() + goodAlert({ name: 'JobsSlow' }, ['for'])) },
    expected: (f) => [at(ID, F, f[F] ?? '', 'JobsSlow')],
  },
  {
    name: 'A TypeScript alert without for is flagged at its name in the .ts file.',
    files: { [T]: tsService([`severity: 'warning',`, `summary: 'no jobs processed',`, `runbook: 'https://runbooks.example/jobs',`]) },
    expected: (f) => [at(ID, T, f[T] ?? '', "'JobsStalled'")],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });

  it('a complete alert passes every check, not only this one', async () => {
    expect((await lint({ [F]: withAlert(goodAlert()) })).map(where)).toEqual([]);
  });
});
