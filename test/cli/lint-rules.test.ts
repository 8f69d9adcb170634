/**
 * `monc lint --rules` on the command line: several files, exit codes, the code frame, usage
 * errors. What each check reports in a rule file is in test/checks/<group>/<name>.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, where, type JsonDiagnostic } from '../helpers/project.ts';

const F = 'rules.yml';

/**
 * The checks this file is about. Other checks that run on rule files (naming, types,
 * cardinality) have their own tests; leaving them out keeps these cases about one thing.
 */
const OURS = /^(load\/|rulefmt\/|template\/|promql\/syntax$)/;
const ours = (diagnostics: readonly JsonDiagnostic[]) => diagnostics.filter((d) => OURS.test(d.check));

async function lintRules(text: string, args: readonly string[] = []): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const dir = makeProject({ [F]: text });
  const result = await runCli(dir, ['lint', '--rules', F, '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  return { code: result.code, diagnostics: ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics) };
}

/** A file with one group "g" holding `rules` (each already indented as a list item). */
const group = (rules: string) => `groups:\n  - name: g\n    rules:\n${rules}`;
const alert = (extra = '', expr = 'up == 0') => `      - alert: InstanceDown\n        expr: ${expr}\n${extra}`;
const record = (extra = '', name = 'job:up:sum') => `      - record: ${name}\n        expr: sum by (job) (up)\n${extra}`;

describe('the lint --rules command line', () => {
  it('several files are linted in one run, each diagnostic naming its file', async () => {
    const dir = makeProject({ 'a.yml': group(record('', '"a b"')), 'b.yml': group(alert('        for: 1x\n')) });
    const result = await runCli(dir, ['lint', '--rules', 'a.yml', 'b.yml', '--format', 'json']);
    const diagnostics = ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics);
    expect(diagnostics.map(where)).toEqual(['rulefmt/record-name@a.yml:4:17', 'rulefmt/duration@b.yml:6:14']);
    expect(result.code).toBe(1);
  });

  it('a warning fails the run only with --fail-on warning', async () => {
    const file = group(`${record()}${record()}`);
    expect((await lintRules(file)).code).toBe(0);
    expect((await lintRules(file, ['--fail-on', 'warning'])).code).toBe(1);
  });

  it('pretty output shows a code frame in the rule file', async () => {
    const dir = makeProject({ [F]: group(alert('        for: 5x\n')) });
    const result = await runCli(dir, ['lint', '--rules', F]);
    expect(result.stdout).toContain(`${F}:6:14 error rulefmt/duration "5x" is not a valid duration`);
    expect(result.stdout).toContain('> 6 |         for: 5x');
  });

  it('--rules without files, files without --rules and a missing file are usage errors (exit 2)', async () => {
    const dir = makeProject({ [F]: '' });
    for (const argv of [['lint', '--rules'], ['lint', F], ['lint', '--rules', 'missing.yml'], ['lint', '--rules', F, '--definitions', 'd']]) {
      const result = await runCli(dir, argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
  });

  it('a folder stands for the .yml and .yaml files under it, in path order, hidden ones and other files left out', async () => {
    const dir = makeProject({
      'rules/b.yaml': group(alert('        for: 1x\n')),
      'rules/a.yml': group(record('', '"a b"')),
      'rules/team/c.yml': group(alert('        for: 2x\n')),
      'rules/README.md': 'not rules',
      'rules/.hidden/d.yml': group(alert('        for: 3x\n')),
      'rules/.e.yml': group(alert('        for: 4x\n')),
    });
    for (const folder of ['rules', 'rules/', './rules']) {
      const result = await runCli(dir, ['lint', '--rules', folder, '--format', 'json']);
      const diagnostics = ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics);
      expect(diagnostics.map(where), folder).toEqual(['rulefmt/record-name@rules/a.yml:4:17', 'rulefmt/duration@rules/b.yaml:6:14', 'rulefmt/duration@rules/team/c.yml:6:14']);
    }
  });

  describe('the project config, which a rule lint honours', () => {
    const V3_RULES = 'groups:\n  - name: g\n    query_offset: 1m\n    labels:\n      team: db\n    rules:\n      - record: job:up:limited\n        expr: limitk(2, up)\n';
    const lintIn = async (dir: string, cwd: string, args: readonly string[] = []) => {
      const result = await runCli(path.join(dir, cwd), ['lint', '--rules', ...args, '--format', 'json']);
      return (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.map(where);
    };

    it.each([
      ['without a config, rule files are read as Prometheus 2 reads them (as promtool 2.42 does)', {}, '.', [], ['rulefmt/unknown-field@rules/r.yml:3:5', 'rulefmt/unknown-field@rules/r.yml:4:5', 'promql/version@rules/r.yml:8:15']],
      ['prometheus.version 3 in monc.config.yaml takes query_offset, group labels and Prometheus 3 PromQL', { 'monc.config.yaml': 'prometheus:\n  version: 3\n' }, '.', [], []],
      ['the config is found from a subfolder, and paths stay relative to where monc runs', { 'monc.config.yaml': 'prometheus:\n  version: 3\n' }, 'rules', [], []],
      ['--config names another one', { 'ops/v3.yaml': 'prometheus:\n  version: 3\n' }, '.', ['--config', 'ops/v3.yaml'], []],
      ['its checks settings apply: a check turned off reports nothing', { 'monc.config.yaml': 'checks:\n  promql/version: off\n  rulefmt/unknown-field: warning\n' }, '.', [], ['rulefmt/unknown-field@rules/r.yml:3:5', 'rulefmt/unknown-field@rules/r.yml:4:5']],
    ])('%s', async (_, files, cwd, args, expected) => {
      const dir = makeProject({ 'rules/r.yml': V3_RULES, ...files });
      const file = cwd === 'rules' ? 'r.yml' : 'rules/r.yml';
      const found = await lintIn(dir, cwd, [...args, file]);
      expect(found.filter((w) => /^(rulefmt|promql|load|config)\//.test(w))).toEqual(expected);
    });

    it('a mistake in the config is reported in it, at its line', async () => {
      const dir = makeProject({ 'rules/r.yml': V3_RULES, 'monc.config.yaml': 'prometheus:\n  version: 4\n' });
      const found = await lintIn(dir, '.', ['rules/r.yml']);
      expect(found.some((w) => w.endsWith('@monc.config.yaml:2:12'))).toBe(true);
    });
  });

  it('a file named again, or also in a named folder, is linted once', async () => {
    const dir = makeProject({ 'rules/a.yml': group(record('', '"a b"')) });
    const result = await runCli(dir, ['lint', '--rules', 'rules/a.yml', 'rules', './rules/a.yml', '--format', 'json']);
    const diagnostics = ours((JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics);
    expect(diagnostics.map(where)).toEqual(['rulefmt/record-name@rules/a.yml:4:17']);
  });

  it('a folder without rule files is a usage error that names it (exit 2)', async () => {
    const dir = makeProject({ 'empty/README.md': 'nothing here' });
    const result = await runCli(dir, ['lint', '--rules', 'empty']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no rule files (.yml, .yaml) in the folder "empty"');
  });

  it('lint --rules needs no definitions folder', async () => {
    const dir = makeProject({ 'r/rules.yml': group(alert()) });
    const result = await runCli(dir, ['lint', '--rules', 'r/rules.yml']);
    expect(result.stdout).toBe('no problems (0 errors, 0 warnings)\n');
    expect(result.code).toBe(0);
  });
});
