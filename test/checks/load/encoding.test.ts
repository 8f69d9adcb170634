/** load/encoding: every definitions file, rule file and monc.config.yaml is UTF-8 text. */
import { describe, expect, it } from 'vitest';
import { CONFIG, lint, type LintOptions } from '../../helpers/lint.ts';
import { where, type Files } from '../../helpers/project.ts';

const ID = 'load/encoding';
const F = 'definitions/checkout.yaml';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** `before` as UTF-8, then one raw byte, then `after`. */
const withByte = (before: string, byte: number, after = '\n') => new Uint8Array([...utf8(before), byte, ...utf8(after)]);
/** `check@file:line:column` of the position right after `text`, counting characters, not bytes. */
const atEnd = (file: string, text: string) => {
  const lines = text.split('\n');
  return `${ID}@${file}:${lines.length}:${(lines.at(-1) ?? '').length + 1}`;
};

const SERVICE = 'kind: Service\nname: checkout\nteam: payments\n';

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'A UTF-8 file with accented letters passes.', files: { [F]: `${SERVICE}description: Caisse de la boutique (équipe paiements)\n` }, expected: [] },
  { name: 'A UTF-8 byte order mark is accepted.', files: { [F]: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SERVICE)]) }, expected: [] },
  {
    name: 'A file that is not UTF-8 points at the first bad byte.',
    files: { 'definitions/api.yaml': withByte('kind: Service\nname: caf', 0xe9) },
    expected: [atEnd('definitions/api.yaml', 'kind: Service\nname: caf')],
  },
  {
    name: 'A Latin-1 letter after valid UTF-8 ones is found, its column counted in characters.',
    files: { [F]: withByte(`${SERVICE}description: Caisse (équipe) à `, 0xe9, 't\u00e9\n') },
    expected: [atEnd(F, `${SERVICE}description: Caisse (équipe) à `)],
  },
  { name: 'A multi-byte sequence cut off at the end of the file is flagged at its first byte.', files: { [F]: withByte(`${SERVICE}description: caf`, 0xc3, '') }, expected: [atEnd(F, `${SERVICE}description: caf`)] },
  {
    name: 'monc.config.yaml that is not UTF-8 is flagged in the config.',
    files: { [F]: SERVICE, [CONFIG]: withByte('prometheus: ', 0xff) },
    expected: [atEnd(CONFIG, 'prometheus: ')],
  },
  {
    name: 'A YAML escape of an unpaired surrogate is flagged at the string.',
    files: { [F]: `${SERVICE}description: "broken \\ud800 text"\n` },
    expected: [`${ID}@${F}:4:14`],
  },
  {
    name: 'An unpaired surrogate in a key is flagged at the key.',
    files: { [F]: `${SERVICE}alerts:\n  - name: CheckoutDown\n    expr: vector(1)\n    summary: down\n    labels:\n      "a\\udc00": x\n` },
    expected: [`${ID}@${F}:9:7`],
  },
  {
    name: 'An unpaired surrogate in a TS string is flagged at the definition.',
    files: { 'definitions/checkout.ts': "import { defineService } from 'monc';\ndefineService({ name: 'checkout', team: 'payments', description: 'broken \\ud800' });\n" },
    expected: [`${ID}@definitions/checkout.ts:2:66`],
  },
  { name: 'A surrogate pair escape (one whole character) passes.', files: { [F]: `${SERVICE}description: "smile \\ud83d\\ude00"\n` }, expected: [] },
  { name: 'An unpaired surrogate in a rule file is flagged at the string.', files: { 'rules.yml': 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: vector(1)\n        labels:\n          l: "\\udfff"\n' }, options: { family: 'rule-files' }, expected: [`${ID}@rules.yml:7:14`] },
  { name: 'A rule file that is not UTF-8 is flagged in the rule file.', files: { 'rules.yml': withByte('groups:\n  - name: caf', 0xe9) }, options: { family: 'rule-files' }, expected: [atEnd('rules.yml', 'groups:\n  - name: caf')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected }) => {
    const diagnostics = await lint(files, options);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected);
  });

  it('names the surrogate and how to write a whole character', async () => {
    const diagnostics = await lint({ [F]: `${SERVICE}description: "broken \\ud800 text"\n` });
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `${ID}@${F}:4:14 description: the text holds an unpaired surrogate (\\ud800), which UTF-8 cannot encode and Prometheus and Alertmanager reject; write the whole character (both halves of its pair) or remove it`,
    ]);
  });

  it('gives the byte and its offset, and does not load the file', async () => {
    const diagnostics = await lint({ [F]: withByte(`${SERVICE}description: Caisse de la boutique (`, 0xe9, 'quipe paiements)\n') });
    expect(diagnostics.map((d) => `${where(d)} ${d.message}`)).toEqual([
      `${ID}@${F}:4:37 the file is not UTF-8 (byte 0xe9 at offset 80); save it as UTF-8`,
    ]);
  });
});
