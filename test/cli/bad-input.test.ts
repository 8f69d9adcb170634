import { describe, expect, it } from 'vitest';
import { lintJson, makeProject, runCli, where, type Files, type JsonDiagnostic } from '../helpers/project.ts';

const service = (body: string) => `kind: Service\nname: api\nteam: platform\n${body}`;

describe('bad input gets a positioned diagnostic, never a stack trace', () => {
  const cases: { name: string; files: Files; expected: string[] }[] = [
    {
      name: 'broken YAML points at the line and column where parsing fails',
      files: { 'definitions/api.yaml': 'kind: Service\nname: api\nteam: [platform\n' },
      expected: ['load/yaml@definitions/api.yaml:4:1'],
    },
    {
      name: 'a schema violation in a nested field points at that field',
      files: {
        'definitions/api.yaml': service('metrics:\n  - name: http_requests_total\n    type: counter\n    help: Requests.\n    labels:\n      status: { maxValues: many }\n'),
      },
      expected: ['load/schema@definitions/api.yaml:9:28'],
    },
    {
      name: 'a PromQL syntax error inside a multi-line block scalar points at the exact character',
      files: {
        'definitions/api.yaml': service(
          'metrics:\n  - { name: api_up_total, type: counter, help: x }\nalerts:\n  - name: Broken\n    expr: |\n      sum by (job) (\n        rate(api_up_total[5m]\n      ) > 0\n    for: 5m\n    severity: critical\n    summary: s\n    runbook: https://r.example/x\n',
        ),
      },
      expected: ['promql/syntax@definitions/api.yaml:11:12'],
    },
    {
      name: 'duplicate alert names in two files name both places',
      files: {
        'definitions/a.yaml': service('alerts:\n  - { name: Same, expr: up == 0, for: 1m, severity: critical, summary: s, runbook: "https://r.example/a" }\n'),
        'definitions/b.yaml': 'kind: Service\nname: b\nteam: platform\nalerts:\n  - { name: Same, expr: up == 0, for: 1m, severity: critical, summary: s, runbook: "https://r.example/b" }\n',
      },
      expected: ['model/duplicate@definitions/b.yaml:5:13'],
    },
    {
      name: 'an empty definitions folder is reported at the folder',
      files: { 'definitions/.keep': '' },
      expected: ['load/no-definitions@definitions:1:1'],
    },
    {
      name: 'a file that is not UTF-8 points at the first bad byte',
      files: { 'definitions/api.yaml': Buffer.concat([Buffer.from('kind: Service\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]) },
      expected: ['load/encoding@definitions/api.yaml:2:10'],
    },
    {
      name: 'a wrong type in a TS definition is a ts/type-error at the value',
      files: {
        'definitions/web.ts': "import { defineService } from 'monc';\n\ndefineService({\n  name: 'web',\n  team: 'frontend',\n  instances: 'three',\n});\n",
      },
      expected: ['ts/type-error@definitions/web.ts:6:3'],
    },
    {
      name: 'a TS definition that throws while loading points at the throwing expression',
      files: {
        'definitions/web.ts': "import { defineService } from 'monc';\n\nconst settings: { team?: { name: string } } = {};\ndefineService({ name: 'web', team: settings.team!.name });\n",
      },
      expected: ['ts/load-error@definitions/web.ts:4:51'],
    },
    {
      name: 'a TS syntax error is reported once, as a type error',
      files: { 'definitions/web.ts': "import { defineService } from 'monc';\ndefineService({ name: 'web' team: 'x' });\n" },
      expected: ['ts/type-error@definitions/web.ts:2:29'],
    },
  ];

  it.each(cases)('$name', async ({ files, expected }) => {
    const { code, diagnostics } = await lintJson(files);
    expect(diagnostics.map(where)).toEqual(expected);
    expect(code).toBe(1);
  });
});

describe('TS definitions run apart from monc, with a time limit', () => {
  it('an endless loop is a ts/load-error naming the file, after the time limit (typescript.timeout)', async () => {
    const started = Date.now();
    const { code, diagnostics } = await lintJson({
      'monc.config.yaml': 'typescript:\n  timeout: 2s\n',
      'definitions/ok.yaml': service(''),
      'definitions/spin.ts': "import { defineMetric } from 'monc';\n\nwhile (true) {}\ndefineMetric({ name: 'x_total', type: 'counter', help: 'x' });\n",
    });
    const seconds = (Date.now() - started) / 1000;
    expect(diagnostics.map(where)).toEqual(['ts/load-error@definitions/spin.ts:1:1']);
    expect(diagnostics[0]?.message).toMatch(/did not finish loading within 2 s \(still in definitions\/spin\.ts\)/);
    expect(code).toBe(1);
    // The limit is what ended it: well under the default 10 s.
    expect(seconds).toBeLessThan(9);
  });

  it('what a definition prints stays off stdout, so --format json is still one JSON object', async () => {
    const { diagnostics } = await lintJson({
      'definitions/loud.ts': "import { defineService } from 'monc';\n\ndeclare const console: { log(text: string): void };\nconsole.log('HELLO');\ndefineService({ name: 'loud', team: 'platform' });\n",
    });
    expect(diagnostics).toEqual([]);
  });

  it('a definition that calls process.exit is a ts/load-error at the call, and monc decides the exit code', async () => {
    const { code, diagnostics } = await lintJson({
      'definitions/quit.ts': "import { defineService } from 'monc';\n\ndeclare const process: { exit(code: number): never };\ndefineService({ name: 'quit', team: 'platform' });\nprocess.exit(0);\n",
    });
    expect(diagnostics.map(where)).toEqual(['ts/load-error@definitions/quit.ts:5:9']);
    expect(diagnostics[0]?.message).toBe('called process.exit(0) while loading; definitions must not end the process');
    expect(code).toBe(1);
  });

  it('a definition that refers to itself is a ts/load-error at its define call', async () => {
    const { diagnostics } = await lintJson({
      'definitions/loop.ts': "import { defineService } from 'monc';\n\nconst spec: Record<string, unknown> = { name: 'loop', team: 'platform' };\nspec['self'] = spec;\ndefineService(spec as never);\n",
    });
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual(['ts/load-error@definitions/loop.ts:5:1 the service defined here cannot be read: it refers to itself at self']);
  });

  const H = "import { defineService } from 'monc';\n";
  const hostile: { name: string; text: string; expected: string }[] = [
    {
      name: 'a getter that throws',
      text: `${H}defineService({ name: 'g', team: 'p', get description(): string { throw new Error('getter boom'); } });\n`,
      expected: 'ts/load-error@definitions/hostile.ts:2:1 the service defined here cannot be read: getter boom',
    },
    {
      name: 'a Proxy whose traps throw',
      text: `${H}defineService(new Proxy({ name: 'p', team: 't' }, { ownKeys() { throw new Error('proxy boom'); } }));\n`,
      expected: 'ts/load-error@definitions/hostile.ts:2:1 the service defined here cannot be read: proxy boom',
    },
    {
      name: 'a throw of an object without a prototype',
      text: `${H}throw Object.create(null);\n`,
      expected: 'ts/load-error@definitions/hostile.ts:1:1 the definitions threw while loading: a value that cannot be printed',
    },
    {
      name: 'an error whose message and toString throw',
      text: `${H}const e = new Error('x');\nObject.defineProperty(e, 'message', { get() { throw new Error('m'); } });\n(e as unknown as { toString(): string }).toString = () => { throw new Error('t'); };\nthrow e;\n`,
      expected: 'ts/load-error@definitions/hostile.ts:2:11 threw while loading: a value that cannot be printed',
    },
    {
      name: 'a rejected promise nobody handles',
      text: `${H}void Promise.reject(new Error('rejected'));\ndefineService({ name: 'r', team: 't' });\n`,
      expected: 'ts/load-error@definitions/hostile.ts:2:21 threw while loading: rejected',
    },
    {
      name: 'a throw inside a timer',
      text: `${H}declare function setTimeout(f: () => void, ms: number): unknown;\nsetTimeout(() => { throw new Error('in timer'); }, 0);\ndefineService({ name: 'tm', team: 't' });\n`,
      expected: 'ts/load-error@definitions/hostile.ts:3:26 threw while loading: in timer',
    },
    {
      name: 'a nesting too deep to read',
      text: `${H}let o: Record<string, unknown> = {};\nconst root = o;\nfor (let i = 0; i < 100000; i++) { const n = {}; o['a'] = n; o = n; }\ndefineService({ name: 'd', team: 't', labels: root } as never);\n`,
      expected: 'ts/load-error@definitions/hostile.ts:5:1 the service defined here cannot be read: Maximum call stack size exceeded',
    },
    {
      name: 'a definition that breaks the built-ins monc reads it with',
      text: `${H}Array.prototype.map = () => { throw new Error('no map'); };\ndefineService({ name: 'pm', team: 't' });\n`,
      expected: 'ts/load-error@definitions/hostile.ts:3:1 the service defined here cannot be read: no map',
    },
  ];

  it.each(hostile)('$name is one ts/load-error at the definition, on stdout only as JSON', async ({ text, expected }) => {
    const dir = makeProject({ 'definitions/hostile.ts': text });
    const result = await runCli(dir, ['lint', '--format', 'json']);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([expected]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('a definition that pollutes Object.prototype cannot reach monc, which runs it apart', async () => {
    const { code, diagnostics } = await lintJson({
      'definitions/pollute.ts': `${H}(Object.prototype as Record<string, unknown>)['polluted'] = 'yes';\n(Object.prototype as Record<string, unknown>)['severity'] = 'loud';\ndefineService({ name: 'pol', team: 'x' });\n`,
      'definitions/api.yaml': service('alerts:\n  - { name: Down, expr: up == 0, for: 1m, severity: critical, summary: s, runbook: "https://r.example/a" }\n'),
    });
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

