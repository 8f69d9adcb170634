/**
 * Suppression comments and monc.config.yaml's `checks`: what they drop, what they change,
 * and the config/unknown-check and config/unused-suppression diagnostics about them.
 */
import { describe, expect, it } from 'vitest';
import { lintJson, makeProject, runCli, where, type Files, type JsonDiagnostic } from './helpers/project.ts';
import { alertWithoutFor, service, tsMultiLine, tsService } from './helpers/suppression-fixtures.ts';

const F = 'definitions/app.yaml';
const T = 'definitions/app.ts';

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly expected: readonly string[];
}

const suppressionCases: Case[] = [
  { name: 'without a comment, the alert without for is reported at its name', files: { [F]: service(alertWithoutFor('A')) }, expected: [`alert/for@${F}:7:11`] },
  {
    name: 'a YAML comment on the line above the finding suppresses it',
    files: { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`) },
    expected: [],
  },
  {
    name: 'blank lines and other comments between the suppression and its line are skipped',
    files: { [F]: service(`  # monc-disable-next-line alert/for\n\n  # the watchdog fires at once on purpose\n${alertWithoutFor('A')}`) },
    expected: [],
  },
  {
    name: 'a suppression covers only the next line: the same check on a later line is still reported',
    files: { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}${alertWithoutFor('B')}`) },
    expected: [`alert/for@${F}:13:11`],
  },
  {
    name: 'a suppression above the wrong line suppresses nothing and is reported as unused at its check id',
    files: { [F]: service(`  - name: A\n    # monc-disable-next-line alert/for\n    expr: rate(app_jobs_total[5m]) == 0\n    severity: warning\n    summary: s\n    runbook: https://runbooks.example/jobs\n`) },
    expected: [`alert/for@${F}:7:11`, `config/unused-suppression@${F}:8:30`],
  },
  {
    name: 'a suppression names only the checks it lists: another check on the same line is still reported',
    files: { [F]: service(`  # monc-disable-next-line alert/summary\n  - name: A\n    expr: vector(1)\n    severity: info\n    runbook: https://runbooks.example/jobs\n`) },
    expected: [`alert/for@${F}:8:11`],
  },
  {
    name: 'several check ids separated by commas, and a reason after --, are understood',
    files: { [F]: service(`  # monc-disable-next-line alert/for, alert/summary -- a watchdog\n  - name: A\n    expr: vector(1)\n    severity: info\n    runbook: https://runbooks.example/jobs\n`) },
    expected: [],
  },
  {
    name: 'monc-disable-line at the end of a line suppresses findings on that line',
    files: { [F]: service(alertWithoutFor('A # monc-disable-line alert/for')) },
    expected: [],
  },
  {
    name: 'a suppression above expr: | covers every line of the block scalar',
    files: {
      [F]: service(
        `  - name: A\n    for: 5m\n    # monc-disable-next-line catalog/unknown-metric\n    expr: |\n      sum(rate(app_jobs_total[5m]))\n        / sum(rate(app_tasks_total[5m])) > 1\n    severity: warning\n    summary: s\n    runbook: https://runbooks.example/jobs\n`,
      ),
    },
    expected: [],
  },
  {
    name: 'a # line inside a block scalar is text, not a suppression',
    files: {
      [F]: service(
        `  - name: A\n    for: 5m\n    expr: vector(1)\n    severity: info\n    summary: s\n    runbook: https://runbooks.example/jobs\n    description: |\n      # monc-disable-next-line alert/for\n${alertWithoutFor('B')}`,
      ),
    },
    expected: [`alert/for@${F}:15:11`],
  },
  {
    name: 'a # inside a quoted string is text, not a suppression',
    files: { [F]: service(alertWithoutFor('A', `    description: "see # monc-disable-next-line nothing/here"\n`)) },
    expected: [`alert/for@${F}:7:11`],
  },
  {
    name: 'a TS line comment on the line above the finding suppresses it',
    files: { [T]: tsService('// monc-disable-next-line alert/for') },
    expected: [],
  },
  {
    name: 'a TS monc-disable-line comment suppresses findings on its own line',
    files: { [T]: tsService('', `name: 'JobsStalled', // monc-disable-line alert/for`) },
    expected: [],
  },
  {
    name: 'without a TS comment, the alert without for is reported at its name',
    files: { [T]: tsService('') },
    expected: [`alert/for@${T}:10:13`],
  },
  {
    name: 'without a TS comment, both lines of a multi-line template literal are reported',
    files: { [T]: tsMultiLine('') },
    expected: [`catalog/unknown-metric@${T}:11:23`, `catalog/unknown-metric@${T}:12:20`],
  },
  {
    name: 'a TS comment above a multi-line template literal covers all of its lines',
    files: { [T]: tsMultiLine('// monc-disable-next-line catalog/unknown-metric') },
    expected: [],
  },
  {
    name: 'an unused TS monc-disable-line comment is reported at its check id',
    files: { [T]: tsService('', `name: 'JobsStalled', // monc-disable-line alert/summary, alert/for`) },
    expected: [`config/unused-suppression@${T}:10:49`],
  },
  {
    name: 'a TS block comment is not a suppression',
    files: { [T]: tsService('/* monc-disable-next-line alert/for */') },
    expected: [`alert/for@${T}:10:13`],
  },
  {
    name: 'a // inside a TS string is text, not a suppression',
    files: { [T]: tsService(`description: 'x // monc-disable-next-line alert/for',`) },
    expected: [`alert/for@${T}:10:13`],
  },
];

describe('suppression comments drop the findings of the checks they name on the line they cover', () => {
  it.each(suppressionCases)('$name', async ({ files, expected }) => {
    const { diagnostics } = await lintJson(files);
    expect(diagnostics.map(where)).toEqual(expected);
  });
});

const brokenSuppressionCases: Case[] = [
  {
    name: 'an unknown check id is an error at the id, and the finding is still reported',
    files: { [F]: service(`  # monc-disable-next-line alert/fro\n${alertWithoutFor('A')}`) },
    expected: [`config/unknown-check@${F}:7:28`, `alert/for@${F}:8:11`],
  },
  {
    name: 'a load check cannot be suppressed: naming one is an error at the id',
    files: { [F]: service(`  # monc-disable-next-line alert/for, load/schema\n${alertWithoutFor('A')}`) },
    expected: [`config/unknown-check@${F}:7:39`],
  },
  {
    name: 'a misspelt directive is an error at the directive, not a silent no-op',
    files: { [F]: service(`  # monc-disable-nextline alert/for\n${alertWithoutFor('A')}`) },
    expected: [`config/unknown-check@${F}:7:5`, `alert/for@${F}:8:11`],
  },
  {
    name: 'a directive without a check id is an error at the directive',
    files: { [F]: service(`  # monc-disable-next-line\n${alertWithoutFor('A')}`) },
    expected: [`config/unknown-check@${F}:7:5`, `alert/for@${F}:8:11`],
  },
  {
    name: 'an unknown check id in a TS comment is an error at the id',
    files: { [T]: tsService('// monc-disable-next-line alert/fro') },
    expected: [`config/unknown-check@${T}:9:33`, `alert/for@${T}:10:13`],
  },
  {
    name: 'an id that suppresses nothing is a warning at that id, the other ids of the comment still work',
    files: { [F]: service(`  # monc-disable-next-line alert/for, alert/runbook\n${alertWithoutFor('A')}`) },
    expected: [`config/unused-suppression@${F}:7:39`],
  },
  {
    name: 'a suppression with no line after it is unused',
    files: { [F]: `${service(alertWithoutFor('A # monc-disable-line alert/for'))}# monc-disable-next-line alert/summary\n` },
    expected: [`config/unused-suppression@${F}:12:26`],
  },
  {
    name: 'unused suppressions are not reported in a file that did not load, whose checks did not run',
    files: { [F]: `${service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`)}taem: core\n` },
    expected: [`load/schema@${F}:13:1`],
  },
];

describe('a suppression that cannot work is reported', () => {
  it.each(brokenSuppressionCases)('$name', async ({ files, expected }) => {
    const { diagnostics } = await lintJson(files);
    expect(diagnostics.map(where)).toEqual(expected);
  });

  it('the messages say what is wrong and suggest the id that was meant', async () => {
    const { diagnostics } = await lintJson({ [F]: service(`  # monc-disable-next-line alert/fro, runbook, load/yaml, alert/summary\n${alertWithoutFor('A')}`) });
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([
      'config/unknown-check: unknown check "alert/fro"; did you mean "alert/for"?',
      'config/unknown-check: unknown check "runbook"; did you mean "alert/runbook"?',
      'config/unknown-check: "load/yaml" cannot be suppressed: monc cannot compile what it rejects, so fix the problem instead',
      'config/unused-suppression: "alert/summary" reports nothing on line 8, so this suppression is not needed; remove it',
      'alert/for: alert "A" has no "for", so a single evaluation fires it; add e.g. "for: 5m", or "for: 0s" to fire at once on purpose',
    ]);
  });
});

describe('an unused suppression names the lines it covers', () => {
  it('a suppression above a block scalar covers, and names, every line of it', async () => {
    const alert = `  - name: A\n    for: 5m\n    # monc-disable-next-line alert/summary\n    expr: |\n      sum(rate(app_jobs_total[5m]))\n        > 1\n    severity: warning\n    summary: s\n    runbook: https://runbooks.example/jobs\n`;
    const { diagnostics } = await lintJson({ [F]: service(alert) });
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `config/unused-suppression@${F}:9:30 "alert/summary" reports nothing on lines 10-12, so this suppression is not needed; remove it`,
    ]);
  });
});

/** `monc lint --format json` with extra arguments. */
async function lint(files: Files, args: readonly string[] = []): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const result = await runCli(makeProject(files), ['lint', '--format', 'json', ...args]);
  return { code: result.code, diagnostics: (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

const severityOf = (d: JsonDiagnostic) => `${where(d)} ${d.severity}`;

interface ConfigCase {
  readonly name: string;
  readonly config: string;
  readonly args?: readonly string[];
  readonly expected: readonly string[];
  readonly code: number;
}

/** alert/for (warning) at 7:11 and alert/severity (error) at 9:15. */
const twoFindings = { [F]: service(alertWithoutFor('A').replace('severity: warning', 'severity: page')) };

const configCases: ConfigCase[] = [
  { name: 'without settings each check has its default severity', config: '', expected: [`alert/for@${F}:7:11 warning`, `alert/severity@${F}:9:15 error`], code: 1 },
  {
    name: 'a warning raised to error makes lint fail on it',
    config: 'checks:\n  alert/for: error\n  alert/severity: warning\n',
    expected: [`alert/for@${F}:7:11 error`, `alert/severity@${F}:9:15 warning`],
    code: 1,
  },
  {
    name: 'an error lowered to warning no longer fails lint with the default --fail-on error',
    config: 'checks:\n  alert/severity: warning\n',
    expected: [`alert/for@${F}:7:11 warning`, `alert/severity@${F}:9:15 warning`],
    code: 0,
  },
  {
    name: 'warnings lowered to info pass --fail-on warning',
    config: 'checks:\n  alert/for: info\n  alert/severity: info\n',
    args: ['--fail-on', 'warning'],
    expected: [`alert/for@${F}:7:11 info`, `alert/severity@${F}:9:15 info`],
    code: 0,
  },
  {
    name: 'off drops every finding of the check',
    config: 'checks:\n  alert/for: off\n  alert/severity: off\n',
    args: ['--fail-on', 'warning'],
    expected: [],
    code: 0,
  },
  {
    name: 'an unknown check id is an error at its key, and the other settings still apply',
    config: 'checks:\n  alert/for: off\n  alert/severty: warning\n',
    expected: [`alert/severity@${F}:9:15 error`, `config/unknown-check@monc.config.yaml:3:3 error`],
    code: 1,
  },
  {
    name: 'a load check cannot be configured: naming one is an error at its key',
    config: 'checks:\n  load/schema: warning\n  alert/for: off\n  alert/severity: off\n',
    expected: [`config/unknown-check@monc.config.yaml:2:3 error`],
    code: 1,
  },
  {
    name: 'a setting that is not off, error, warning or info is a schema error at the value',
    config: 'checks:\n  alert/for: ignore\n',
    expected: [`alert/for@${F}:7:11 warning`, `alert/severity@${F}:9:15 error`, `load/schema@monc.config.yaml:2:14 error`],
    code: 1,
  },
];

describe('monc.config.yaml checks: sets the severity of each check, or turns it off', () => {
  it.each(configCases)('$name', async ({ config, args, expected, code }) => {
    const result = await lint({ ...twoFindings, ...(config && { 'monc.config.yaml': config }) }, args);
    expect(result.diagnostics.map(severityOf)).toEqual(expected);
    expect(result.code).toBe(code);
  });

  it('an unknown id in the config suggests the id that was meant', async () => {
    const { diagnostics } = await lintJson({ ...twoFindings, 'monc.config.yaml': 'checks:\n  alert/severty: warning\n  summary: off\n' });
    expect(diagnostics.filter((d) => d.file === 'monc.config.yaml').map((d) => d.message)).toEqual([
      'unknown check "alert/severty"; did you mean "alert/severity"?',
      'unknown check "summary"; did you mean "alert/summary"?',
    ]);
  });

  it('config/unused-suppression can itself be configured, e.g. turned off', async () => {
    const files = { [F]: service(`  # monc-disable-next-line alert/summary\n${alertWithoutFor('A')}`), 'monc.config.yaml': 'checks:\n  config/unused-suppression: off\n' };
    expect((await lintJson(files)).diagnostics.map(where)).toEqual([`alert/for@${F}:8:11`]);
  });

  it('a suppression of a check that is off is not reported as unused', async () => {
    const files = { [F]: service(`  # monc-disable-next-line alert/for\n${alertWithoutFor('A')}`), 'monc.config.yaml': 'checks:\n  alert/for: off\n' };
    expect((await lintJson(files)).diagnostics.map(where)).toEqual([]);
  });

  it('monc build writes nothing when a setting turns a warning into an error', async () => {
    const dir = makeProject({ [F]: service(alertWithoutFor('A')), 'monc.config.yaml': 'checks:\n  alert/for: error\n' });
    const result = await runCli(dir, ['build']);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('error alert/for');
  });
});
