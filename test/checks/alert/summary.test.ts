/** alert/summary: every alert has a summary that is not blank. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, goodAlert, tsService, withAlert } from './fixtures.ts';

const ID = 'alert/summary';
const T = 'definitions/app.ts';

type Files = Readonly<Record<string, string>>;

/** Where `needle` is in the service file. */
const atF = (files: Files, needle: string, nth = 1) => at(ID, F, files[F] ?? '', needle, nth);

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
  /** Their messages, in the same order, where they matter. */
  readonly messages?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A one-line summary passes.', files: { [F]: withAlert(goodAlert()) }, expected: () => [] },
  { name: 'A summary with template variables passes.', files: { [F]: withAlert(goodAlert({ summary: '"{{ $labels.job }} has processed no jobs for 15m"' })) }, expected: () => [] },
  { name: 'A TypeScript alert with a summary passes.', files: { [T]: tsService([`for: '5m',`, `severity: 'warning',`, `summary: 'no jobs processed',`, `runbook: 'https://runbooks.example/jobs',`]) }, expected: () => [] },
  {
    name: 'A missing summary is flagged at the alert name.',
    files: { [F]: withAlert(goodAlert({}, ['summary'])) },
    expected: (f) => [atF(f, 'JobsStalled')],
    messages: ['alert "JobsStalled" has no summary; say in one line what is wrong, e.g. "{{ $labels.job }} is down"'],
  },
  {
    name: 'An empty summary is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ summary: '""' })) },
    expected: (f) => [atF(f, '""')],
    messages: ['alert "JobsStalled" has an empty summary'],
  },
  {
    name: 'A summary of only spaces is flagged at the value like an empty one.',
    files: { [F]: withAlert(goodAlert({ summary: '"   "' })) },
    expected: (f) => [atF(f, '"   "')],
  },
  {
    name: 'Only the alert without a summary is flagged when its neighbour has one.',
    files: { [F]: withAlert(goodAlert() + goodAlert({ name: 'JobsSlow' }, ['summary'])) },
    expected: (f) => [atF(f, 'JobsSlow')],
  },
  {
    name: 'An empty summary in a TypeScript alert is flagged at the value in the .ts file.',
    files: { [T]: tsService([`for: '5m',`, `severity: 'warning',`, `summary: '',`, `runbook: 'https://runbooks.example/jobs',`]) },
    expected: (f) => [at(ID, T, f[T] ?? '', "''")],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
