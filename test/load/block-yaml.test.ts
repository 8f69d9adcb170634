/**
 * monc's fast block-YAML reader (src/load/block-yaml.ts) reads whatever it takes exactly as the
 * yaml package does: the same documents, nodes, values, scalar types and sources, and the same
 * ranges up to each value's end (what every diagnostic's position comes from). What it does not
 * take it declines, and yaml reads it. Held to yaml on hand-written corners, on every YAML file
 * of the test fixtures (real rule files, CRDs, Alertmanager configs, SLO specs, definitions) and
 * on thousands of mutations of them and of generated documents.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { readBlockYaml } from '../../src/load/block-yaml.ts';
import { YAML_OPTIONS } from '../../src/load/yaml.ts';
import { REPO_ROOT } from '../helpers/project.ts';
import { yamlValueArbitrary } from '../helpers/yaml-arbitraries.ts';
import { yamlDocumentsDifference } from '../helpers/yaml-node-diff.ts';

/** Undefined when the reader declines or reads `text` as yaml does; else how it differs. */
function difference(text: string): string | undefined {
  const ours = readBlockYaml(text, YAML_OPTIONS);
  return ours && yamlDocumentsDifference(ours, parseAllDocuments(text, YAML_OPTIONS));
}

const read = (text: string) => readBlockYaml(text, YAML_OPTIONS) !== undefined;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return yamlFiles(file);
    return /\.ya?ml$/.test(entry) ? [file] : [];
  });
}

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
const RULE_CORPUS = path.join(FIXTURES, 'corpus/rules');

describe('the fast block-YAML reader', () => {
  it.each([
    ['plain keys and values, typed by the core schema', 'a: 1\nb: x\nc: true\nd: ~\ne: 0x1F\nf: 0o17\ng: .inf\nh: -.Inf\ni: .nan\nj: 1e3\nk: 1.50\nl: null\nm: +12\nn: 007\no: 1_000\n'],
    ['a value that looks like a document marker', 'a: ---\nb: ...\n'],
    ['comments after values, and a # that starts no comment', 'a: x # c\nb: y#z\nc: \'q\' # c\nurl: https://x.y/z?a=b#c\n'],
    ['a sequence as far in as its key', 'a:\n- x\n- y\nb: 1\n'],
    ['mappings in sequences', '- a: 1\n  b: 2\n- c: 3\n', 'a:\n  - b: 1\n    c:\n      - d\n'],
    ['empty values', 'a:   \nb:\n'],
    ['a plain scalar over several lines, with a blank line', 'a: x\n  y\n\n  z\n'],
    ['a value on the line below its key', 'a:\n  x\n'],
    ['quoted keys', '\'a b\': 1\n"c\\td": 2\n'],
    ['single-quoted scalars over lines', "a: 'x\n  y'\n", "a: 'x  \n\n   y  \n  z'\n", "a:\n  b: 'it''s\n    long'\n  c: 1\n", "- 'a\n  b'\n- c\n"],
    ['double-quoted scalars over lines, with escapes', 'a: "x\\\n   y"\n', 'a: "x \n\n\n  y\\t z  "\n', 'a: "\\x41\\u00e9\n  \\U0001F600"\n', 'a: "x\n  # not a comment"\n'],
    ['literal and folded block scalars with every chomping', 'k: |\n  a\n   b\n  c\n', 'k: >\n  a\n  b\n\n  c\n', 'k: |+\n  a\n\n', 'k: |-\n  a\n', 'k: >-\n\n  a\n  b\n', 'a: |\n  x\n  # y\nb: 1\n'],
    ['comments at the end of a nested mapping', 'a:\n  b: 1\n  # c\nd: 2\n', 'a:\n  b: 1\n    # c\nd: 2\n', 'a:\n  b: 1\n  # c\n'],
    ['several documents', 'a: 1\n---\nb: 2\n', '---\na: x\n'],
    ['flow collections on one line, nested, typed and quoted', 'a: []\nb: {}\nc: [ ]\n', 'a: [x, "y" , 1]\nb: 2', 'a: { k: v w, m: 1 }  # c\nb: 2\n', "a: ['x']\n", 'a: [x,y]\n', 'a: {k: }\n', 'l: { description: \'Bucket, e.g. a\', values: [total, "x:y"], maxValues: 10 }\n', '- [a, b]\n- {c: d}\n'],
    ['anchors and aliases, on scalars, flow and block collections', 'a: &x 1\nb: *x\n', 'a: &x\n  b: 1\nc: *x\n', 'a: &y { b: 1 }\nc: *y  # c\n', 'a:\n  - &w 1\n  - *w\n'],
  ])('reads %s as yaml does', (_name, ...texts) => {
    for (const text of texts) expect(difference(text), JSON.stringify(text)).toBeUndefined();
  });

  it.each([
    ['flow collections over lines, with a trailing or empty entry, a comment or a complex key', 'a: [1,\n  2]\n', 'a: [1, 2,]\n', 'a: [1, , 2]\n', 'a: [1 # c\n]\n', 'a: {[b]: 1}\n', 'a: [b: 1]\n', '[a, b]\n'],
    ['tags, aliases of no anchor, anchored keys and anchors on nothing', 'a: !!str 1\n', 'a: *x\n', '&k a: 1\n', '- &a k: v\n', 'a: &x\nb: 1\n'],
    ['complex keys', '? a\n: b\n'],
    ['a mapping where a plain scalar goes, which yaml reports', 'a: b: c\n', 'a: b\n  c: d\n'],
    ['a duplicate key, which yaml reports', 'a: 1\na: 2\n'],
    ['a quoted scalar with text after it', "a: 'x'y\n", 'a: "x"#c\n'],
    ['an indentation indicator', 'a: >2\n   x\n'],
    ['tabs, CR line ends and a byte order mark', 'a:\tb\n', 'a: b\r\n', '\ufeffa: b\n'],
    ['empty documents and document ends', '', '# only a comment\n', 'a: 1\n---\n', '---\na: x\n...\n'],
    ['a document of one scalar', 'just text\n'],
    ['a quoted scalar that is not closed', 'a: "x\nb: 1\n'],
  ])('declines %s, for yaml to read', (_name, ...texts) => {
    for (const text of texts) expect(read(text), JSON.stringify(text)).toBe(false);
  });

  it('reads every YAML file of the fixtures as yaml does, or declines it', () => {
    const files = yamlFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(300);
    const differences = files.flatMap((file) => {
      const found = difference(readFileSync(file, 'utf8'));
      return found ? [`${path.relative(FIXTURES, file)}: ${found}`] : [];
    });
    expect(differences).toEqual([]);
  });

  it('reads the whole public rule corpus itself, so that lint --rules never waits for yaml on it', () => {
    const declined = yamlFiles(RULE_CORPUS).filter((file) => !read(readFileSync(file, 'utf8')));
    expect(declined.map((file) => path.relative(RULE_CORPUS, file))).toEqual([]);
  });

  it('reads generated documents in every style yaml writes as yaml reads them', () => {
    const styles = [{}, { blockQuote: 'literal' as const }, { blockQuote: 'folded' as const, lineWidth: 20 }, { defaultStringType: 'QUOTE_SINGLE' as const, lineWidth: 24 }, { defaultStringType: 'QUOTE_DOUBLE' as const, lineWidth: 22 }, { indentSeq: false }];
    fc.assert(
      fc.property(yamlValueArbitrary, fc.constantFrom(...styles), (value, style) => {
        const text = stringify({ root: value }, style);
        expect(difference(text), JSON.stringify(text)).toBeUndefined();
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it('reads real rule files with one mistake or oddity typed in as yaml reads them, or declines them', () => {
    const files = yamlFiles(RULE_CORPUS).map((file) => readFileSync(file, 'utf8'));
    const typed = [' ', '  ', '\n', ':', ': ', ' #', '#', '-', '- ', '"', "'", '|', '>', '|-', '>+', '\\', 'a', '1', '{', '[', '\n  ', '\n- ', '---\n', 'null', '~', 'true', '0x1F', '\\n', "''", ' x: y'];
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...typed), fc.nat({ max: 3 })), (index, where, edit) => {
        const text = files[index] ?? '';
        const at = Math.floor(where * text.length);
        const mutated = typeof edit === 'string' ? text.slice(0, at) + edit + text.slice(at) : text.slice(0, at) + text.slice(at + edit + 1);
        expect(difference(mutated)).toBeUndefined();
      }),
      { numRuns: 4000, seed: 18 },
    );
  });
});
