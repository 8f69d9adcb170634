/** alert/runbook: every alert links an http(s) runbook, or has runbook text published under runbooks.url. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { F, goodAlert, withAlert } from './fixtures.ts';

const ID = 'alert/runbook';
const CONFIG = 'monc.config.yaml';
const RUNBOOKS_URL = 'runbooks:\n  url: https://github.com/example/monitoring/blob/main/out/docs/runbooks\n';

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
  { name: 'An https runbook URL passes.', files: { [F]: withAlert(goodAlert()) }, expected: () => [] },
  { name: 'An http runbook URL passes.', files: { [F]: withAlert(goodAlert({ runbook: 'http://wiki.internal/jobs' })) }, expected: () => [] },
  {
    name: 'Runbook text passes when runbooks.url says where the runbooks are published.',
    files: { [F]: withAlert(goodAlert({ runbookText: '"Restart the workers."' }, ['runbook'])), [CONFIG]: RUNBOOKS_URL },
    expected: () => [],
  },
  { name: 'Runbook text next to a runbook URL passes without runbooks.url: the URL wins.', files: { [F]: withAlert(goodAlert({ runbookText: '"Restart the workers."' })) }, expected: () => [] },
  {
    name: 'A missing runbook is flagged at the alert name.',
    files: { [F]: withAlert(goodAlert({}, ['runbook'])) },
    expected: (f) => [atF(f, 'JobsStalled')],
    messages: ['alert "JobsStalled" has no runbook; link the page that says what to do, or write it as runbookText'],
  },
  {
    name: 'A runbook that is not a URL is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ runbook: 'see wiki' })) },
    expected: (f) => [atF(f, 'see wiki')],
    messages: ['runbook "see wiki" is not an http(s) URL'],
  },
  {
    name: 'A relative path is flagged at the value: it is no link in a page or a chat message.',
    files: { [F]: withAlert(goodAlert({ runbook: 'wiki/jobs/stalled' })) },
    expected: (f) => [atF(f, 'wiki/jobs/stalled')],
  },
  {
    name: 'A scheme without a host is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ runbook: '"https://"' })) },
    expected: (f) => [atF(f, '"https://"')],
  },
  {
    name: 'A URL of another scheme is flagged at the value.',
    files: { [F]: withAlert(goodAlert({ runbook: 'ftp://files.example/jobs' })) },
    expected: (f) => [atF(f, 'ftp://')],
  },
  {
    name: 'Runbook text without runbooks.url in the config is flagged at the text.',
    files: { [F]: withAlert(goodAlert({ runbookText: '"Restart the workers."' }, ['runbook'])) },
    expected: (f) => [atF(f, '"Restart the workers."')],
    messages: ['alert "JobsStalled" has runbook text but no runbook_url: set runbooks.url in monc.config.yaml to where out/docs/runbooks is published'],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected, messages }) => {
    const findings = (await lint(files)).filter((d) => d.check === ID);
    expect(findings.map(where)).toEqual(expected(files));
    if (messages) expect(findings.map((d) => d.message)).toEqual(messages);
  });
});
