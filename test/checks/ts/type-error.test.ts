/** ts/type-error: every TypeScript definitions file type-checks (strict, no Node.js types), each compiler error at its position. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'ts/type-error';
const F = 'definitions/checkout.ts';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

/** A checkout service with a metric handle; `instances` and the label `where()` selects are parameters. */
const checkout = (instances: string, label: string) => `import { defineMetric, defineService } from 'monc';

const requests = defineMetric({
  name: 'checkout_requests_total',
  type: 'counter',
  help: 'HTTP requests served by checkout.',
  labels: { code: { pattern: '[1-5][0-9][0-9]' } },
});

defineService({
  name: 'checkout',
  team: 'payments',
  instances: ${instances},
  metrics: [requests],
  alerts: [
    {
      name: 'CheckoutErrors',
      expr: \`sum(rate(\${requests.where({ ${label}: /5../ }).over('5m')})) > 1\`,
      for: '5m',
      severity: 'critical',
      summary: 'Checkout is failing requests',
      runbook: 'https://runbooks.example.com/checkout/errors',
    },
  ],
});
`;

const CASES: readonly Case[] = [
  { name: 'A well-typed service whose alert selects a declared label passes.', files: { [F]: checkout('2', 'code') }, expected: () => [] },
  {
    name: 'A helper module in the definitions folder that type-checks passes.',
    files: {
      'definitions/lib/team.ts': "export const team = 'payments';\n",
      [F]: "import { defineService } from 'monc';\nimport { team } from './lib/team.ts';\n\ndefineService({ name: 'checkout', team });\n",
    },
    expected: () => [],
  },
  {
    name: 'A definition that throws while loading is not a type error.',
    files: { [F]: "import { defineService } from 'monc';\n\nconst settings: { team?: { name: string } } = {};\ndefineService({ name: 'web', team: settings.team!.name });\n" },
    expected: () => [],
  },
  {
    name: 'A wrong type in a TS definition is flagged at the property.',
    files: { 'definitions/web.ts': "import { defineService } from 'monc';\n\ndefineService({\n  name: 'web',\n  team: 'frontend',\n  instances: 'three',\n});\n" },
    expected: (f) => [inFile(f, 'instances', 1, 'definitions/web.ts')],
  },
  {
    name: 'A string for a number and a label the metric does not have are both flagged.',
    files: { [F]: checkout("'2'", 'status') },
    expected: (f) => [inFile(f, 'instances'), inFile(f, 'status')],
  },
  {
    name: 'A TS syntax error is reported once, as a type error.',
    files: { 'definitions/web.ts': "import { defineService } from 'monc';\ndefineService({ name: 'web' team: 'x' });\n" },
    expected: (f) => [inFile(f, 'team', 1, 'definitions/web.ts')],
  },
  {
    name: 'An import of a file that does not exist is flagged at the module name.',
    files: { [F]: "import { defineService } from 'monc';\nimport { team } from './lib/team.ts';\n\ndefineService({ name: 'checkout', team });\n" },
    expected: (f) => [inFile(f, "'./lib/team.ts'")],
  },
  {
    name: 'Reading the environment does not type-check, as there are no Node.js types.',
    files: { [F]: "import { defineService } from 'monc';\n\ndefineService({\n  name: 'checkout',\n  team: 'payments',\n  scrape: { targets: [process.env.CHECKOUT_TARGET ?? 'checkout:8080'] },\n});\n" },
    expected: (f) => [inFile(f, 'process')],
  },
  {
    name: 'A type error in a helper module is flagged in the helper.',
    files: {
      'definitions/lib/team.ts': 'export const replicas: number = "two";\n',
      [F]: "import { defineService } from 'monc';\nimport { replicas } from './lib/team.ts';\n\ndefineService({ name: 'checkout', team: 'payments', instances: replicas });\n",
    },
    expected: (f) => [inFile(f, 'replicas', 1, 'definitions/lib/team.ts')],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it("gives the compiler's message and code", async () => {
    const diagnostics = await lint({ 'definitions/web.ts': "import { defineService } from 'monc';\n\ndefineService({\n  name: 'web',\n  team: 'frontend',\n  instances: 'three',\n});\n" });
    expect(diagnostics.map((d) => `${d.check}: ${d.message}`)).toEqual([`${ID}: Type 'string' is not assignable to type 'number'. (TS2322)`]);
  });
});
