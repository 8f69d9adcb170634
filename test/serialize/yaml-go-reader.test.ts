/**
 * Every string monc writes into YAML reads back as the same string through a YAML 1.1 reader
 * that behaves like Go's (Prometheus, Alertmanager): the yaml package in 1.1 mode, plus Go's
 * own rules for raw characters, which refuse controls and read NEL, LS and PS as line breaks.
 * yaml-go-reader.tools.test.ts asks promtool itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../src/serialize/yaml.ts';
import { yamlStringArbitrary, yamlValueArbitrary } from '../helpers/yaml-arbitraries.ts';

/** The raw characters Go's yaml reader accepts (yaml_parser_update_buffer). */
function goRejects(codePoint: number): boolean {
  return !(
    codePoint === 0x09 ||
    codePoint === 0x0a ||
    codePoint === 0x0d ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    codePoint === 0x85 ||
    (codePoint >= 0xa0 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

/** Characters Go reads as line breaks where the yaml package does not. */
const GO_ONLY_BREAKS = new Set([0x85, 0x2028, 0x2029]);

function readLikeGo(text: string): unknown {
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    if (goRejects(codePoint)) throw new Error(`Go refuses the raw character U+${codePoint.toString(16)}`);
    if (GO_ONLY_BREAKS.has(codePoint)) throw new Error(`Go reads the raw U+${codePoint.toString(16)} as a line break`);
  }
  return parse(text, { version: '1.1' });
}

const RUNS = { seed: 20261206, numRuns: 3000 };

describe('YAML that monc writes, read back by a reader like Go’s', () => {
  it('reads every string value back unchanged', () => {
    fc.assert(
      fc.property(yamlStringArbitrary, (text) => {
        expect(readLikeGo(toYaml({ value: text }, '', []))).toEqual({ value: text });
      }),
      RUNS,
    );
  });

  it('reads every string key back unchanged', () => {
    fc.assert(
      fc.property(yamlStringArbitrary, (text) => {
        expect(readLikeGo(toYaml({ [text]: 'x' }, '', []))).toEqual({ [text]: 'x' });
      }),
      RUNS,
    );
  });

  it('reads whole nested documents back unchanged', () => {
    fc.assert(
      fc.property(yamlValueArbitrary, (value) => {
        expect(readLikeGo(toYaml({ root: value }, '# header\n', []))).toEqual({ root: value });
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it.each([
    ['a next-line character', 'a\u0085b', '"a\\Nb"'],
    ['a line separator', 'x\u2028y', '"x\\Ly"'],
    ['a paragraph separator', 'x\u2029y', '"x\\Py"'],
    ['a C1 control character', '\u0090', '"\\x90"'],
    ['DEL', 'a\u007fb', '"a\\x7fb"'],
    ['a byte-order mark', '\ufeffbom', '"\\ufeffbom"'],
    ['a noncharacter', 'z\uffff', '"z\\uffff"'],
  ])('escapes %s', (_name, text, written) => {
    expect(toYaml({ k: text }, '', [])).toBe(`k: ${written}\n`);
  });
});
