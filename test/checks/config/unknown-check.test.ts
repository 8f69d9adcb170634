/** config/unknown-check: every check id in a suppression comment or under checks: in monc.config.yaml names a check that can be suppressed or configured, and every monc-disable directive is well-formed. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint, type LintOptions } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { alertWithoutFor, service, tsService } from '../../helpers/suppression-fixtures.ts';

const ID = 'config/unknown-check';
const F = 'definitions/app.yaml';
const T = 'definitions/app.ts';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

const CASES: readonly Case[] = [
  { name: 'A suppression naming a real check passes.', files: { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`) }, expected: () => [] },
  { name: 'A config that sets real checks passes.', files: { [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  alert/for: off\n  alert/severity: warning\n' }, expected: () => [] },
  { name: 'config/unused-suppression can itself be configured.', files: { [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  config/unused-suppression: error\n' }, expected: () => [] },
  {
    name: 'A # inside a quoted string is text, not a suppression, so its unknown id is not reported.',
    files: { [F]: service(alertWithoutFor('A', `    description: "see # monc-disable-next-line nothing/here"\n`)) },
    expected: () => [],
  },
  { name: 'A TS block comment is not a suppression, so its unknown id is not reported.', files: { [T]: tsService('/* monc-disable-next-line alert/fro */') }, expected: () => [] },
  {
    name: 'An unknown check id is an error at the id.',
    files: { [F]: service(`  # monc-disable-next-line alert/fro\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'alert/fro')],
  },
  {
    name: 'A load check cannot be suppressed: naming one is an error at the id.',
    files: { [F]: service(`  # monc-disable-next-line alert/for, load/schema\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'load/schema')],
  },
  {
    name: 'promql/syntax cannot be suppressed either.',
    files: { [F]: service(`  # monc-disable-next-line promql/syntax -- a known bad query\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'promql/syntax')],
  },
  {
    name: 'A misspelt directive is an error at the directive, not a silent no-op.',
    files: { [F]: service(`  # monc-disable-nextline alert/for\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'monc-disable-nextline')],
  },
  {
    name: 'A directive without a check id is an error at the directive.',
    files: { [F]: service(`  # monc-disable-next-line\n${alertWithoutFor('A')}`) },
    expected: (f) => [inFile(f, 'monc-disable-next-line')],
  },
  { name: 'An unknown check id in a TS comment is an error at the id.', files: { [T]: tsService('// monc-disable-next-line alert/fro') }, expected: (f) => [inFile(f, 'alert/fro', 1, T)] },
  { name: 'ts/type-error in a TS comment cannot be suppressed.', files: { [T]: tsService('// monc-disable-next-line ts/type-error') }, expected: (f) => [inFile(f, 'ts/type-error', 1, T)] },
  {
    name: 'An unknown check id in the config is an error at its key.',
    files: { [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  alert/for: off\n  alert/severty: warning\n' },
    expected: (f) => [inFile(f, 'alert/severty', 1, CONFIG)],
  },
  {
    name: 'A load check cannot be configured: naming one in the config is an error at its key.',
    files: { [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  load/schema: warning\n  alert/for: off\n' },
    expected: (f) => [inFile(f, 'load/schema', 1, CONFIG)],
  },
  {
    name: 'config/unknown-check itself cannot be configured.',
    files: { [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  config/unknown-check: off\n' },
    expected: (f) => [inFile(f, 'config/unknown-check', 1, CONFIG)],
  },
  {
    name: 'An unknown check id in a suppression comment of a rule file is an error at the id.',
    files: { 'rules.yml': 'groups:\n  - name: g\n    rules:\n      # monc-disable-next-line alert/fro\n      - alert: A\n        expr: up == 0\n' },
    options: { family: 'rule-files' },
    expected: (f) => [inFile(f, 'alert/fro', 1, 'rules.yml')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected }) => {
    const diagnostics = await lint(files, options);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('leaves the finding a broken suppression was meant for reported', async () => {
    const diagnostics = await lint({ [F]: service(`  # monc-disable-next-line alert/fro\n${alertWithoutFor('A')}`) });
    expect(diagnostics.map(where)).toEqual([`${ID}@${F}:7:28`, `alert/for@${F}:8:11`]);
  });

  it('says what is wrong with a comment and suggests the id that was meant', async () => {
    const diagnostics = await lint({ [F]: service(`  # monc-disable-next-line alert/fro, runbook, load/yaml, alert/summary\n${alertWithoutFor('A')}`) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'unknown check "alert/fro"; did you mean "alert/for"?',
      'unknown check "runbook"; did you mean "alert/runbook"?',
      '"load/yaml" cannot be suppressed: monc cannot compile what it rejects, so fix the problem instead',
    ]);
    const directives = await lint({ [F]: service(`  # monc-disable-nextline alert/for\n  # monc-disable-line\n${alertWithoutFor('A')}`) });
    expect(directives.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'unknown directive "monc-disable-nextline"; write monc-disable-next-line or monc-disable-line followed by check ids',
      'monc-disable-line names no check; list the ids of the checks to suppress, e.g. "monc-disable-line alert/for"',
    ]);
  });

  it('says what is wrong with a config key and suggests the id that was meant', async () => {
    const diagnostics = await lint({ [F]: service(alertWithoutFor('A')), [CONFIG]: 'checks:\n  alert/severty: warning\n  summary: off\n  load/schema: warning\n  xyzzy: off\n' });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'unknown check "alert/severty"; did you mean "alert/severity"?',
      'unknown check "summary"; did you mean "alert/summary"?',
      '"load/schema" cannot be configured: monc cannot compile what it rejects, so fix the problem instead',
      'unknown check "xyzzy"; "monc explain xyzzy" lists the checks',
    ]);
  });
});
