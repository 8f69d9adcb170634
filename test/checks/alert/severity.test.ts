/** alert/severity: every alert has a `severity` field of critical, warning or info, and no severity label. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, goodAlert, tsService, withAlert } from './fixtures.ts';

const ID = 'alert/severity';
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
  { name: 'A warning alert passes.', files: { [F]: withAlert(goodAlert()) }, expected: () => [] },
  { name: 'Critical and info alerts pass.', files: { [F]: withAlert(goodAlert({ severity: 'critical' }) + goodAlert({ name: 'JobsNotice', severity: 'info' })) }, expected: () => [] },
  { name: 'Other labels next to the severity field pass.', files: { [F]: withAlert(`${goodAlert()}    labels: { team: jobs, component: worker }\n`) }, expected: () => [] },
  {
    name: 'A missing severity is flagged at the alert name.',
    files: { [F]: withAlert(goodAlert({}, ['severity'])) },
    expected: (f) => [atF(f, 'JobsStalled')],
    messages: ['alert "JobsStalled" has no severity; add "severity: warning" (one of critical, warning, info)'],
  },
  {
    name: 'A severity outside critical, warning, info is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ severity: 'page' })) },
    expected: (f) => [atF(f, 'page')],
    messages: ['severity "page" is not one of critical, warning, info'],
  },
  {
    name: 'The comparison is case-sensitive: Critical is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ severity: 'Critical' })) },
    expected: (f) => [atF(f, 'Critical')],
  },
  {
    name: 'A severity written as a label is flagged at the label key.',
    files: { [F]: withAlert(`${goodAlert({}, ['severity'])}    labels: { severity: critical }\n`) },
    expected: (f) => [atF(f, 'severity: critical')],
    messages: ['set the severity with the "severity" field, not as a label'],
  },
  {
    name: 'A severity label next to a severity field is flagged once, at the label key.',
    files: { [F]: withAlert(`${goodAlert()}    labels:\n      team: jobs\n      severity: info\n`) },
    expected: (f) => [atF(f, 'severity: info')],
  },
  {
    name: 'A severity outside the set in a TypeScript alert is flagged at the value in the .ts file.',
    files: { [T]: tsService([`for: '5m',`, `severity: 'high',`, `summary: 'no jobs processed',`, `runbook: 'https://runbooks.example/jobs',`]) },
    expected: (f) => [at(ID, T, f[T] ?? '', "'high'")],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
