/** ts/load-error: the TypeScript definitions bundle and run without throwing; a throw is reported at the innermost frame in a definitions file. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'ts/load-error';
const F = 'definitions/checkout.ts';
const HELPER = 'definitions/lib/targets.ts';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

/** A helper that throws on a bad argument, and a service that calls it with `replicas`. */
const withHelper = (replicas: number): Files => ({
  [HELPER]: `/** host:port of each replica, e.g. targets('checkout', 3, 8080). */
export function targets(host: string, replicas: number, port: number): string[] {
  if (replicas < 1) throw new Error(\`\${host}: replicas must be at least 1, got \${replicas}\`);
  return Array.from({ length: replicas }, (_, i) => \`\${host}-\${i + 1}:\${port}\`);
}
`,
  [F]: `import { defineService } from 'monc';
import { targets } from './lib/targets.ts';

defineService({
  name: 'checkout',
  team: 'payments',
  scrape: { targets: targets('checkout', ${replicas}, 8080) },
});
`,
});

const CASES: readonly Case[] = [
  { name: 'A TS service that loads passes.', files: { [F]: "import { defineService } from 'monc';\n\ndefineService({ name: 'checkout', team: 'payments' });\n" }, expected: () => [] },
  { name: 'A helper that validates its input passes when the input is good.', files: withHelper(2), expected: () => [] },
  {
    name: 'A TS syntax error is reported once, as a type error, not again here.',
    files: { 'definitions/web.ts': "import { defineService } from 'monc';\ndefineService({ name: 'web' team: 'x' });\n" },
    expected: () => [],
  },
  {
    name: 'An import of a file that does not exist is reported once, as a type error, not again here.',
    files: { [F]: "import { defineService } from 'monc';\nimport { team } from './lib/team.ts';\n\ndefineService({ name: 'checkout', team });\n" },
    expected: () => [],
  },
  {
    name: 'A TS definition that throws while loading points at the throwing expression.',
    files: { 'definitions/web.ts': "import { defineService } from 'monc';\n\nconst settings: { team?: { name: string } } = {};\ndefineService({ name: 'web', team: settings.team!.name });\n" },
    expected: (f) => [inFile(f, 'name })', 1, 'definitions/web.ts')],
  },
  { name: 'A throw inside a helper module points at the throw in the helper.', files: withHelper(0), expected: (f) => [inFile(f, 'new Error', 1, HELPER)] },
  {
    name: 'A thrown value without a stack is reported at the start of the first TS file.',
    files: { 'definitions/a.ts': "import { defineService } from 'monc';\n\ndefineService({ name: 'a', team: 'core' });\n", 'definitions/b.ts': "throw 'boom';\n" },
    expected: () => [`${ID}@definitions/a.ts:1:1`],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('gives the message of what was thrown', async () => {
    const messages = async (files: Files) => (await lint(files)).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(withHelper(0))).toEqual(['threw while loading: checkout: replicas must be at least 1, got 0']);
    expect(await messages({ [F]: "throw 'boom';\n" })).toEqual(['the definitions threw while loading: boom']);
  });
});
