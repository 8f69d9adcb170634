/**
 * Quoted scalars whose later lines are no deeper than their parent: the `yaml` package reports
 * "Missing closing quote", Go's yaml (what Prometheus and Alertmanager read files with) takes
 * them. monc reads them as Go does, with every position in the file as written; a scalar that
 * Go's yaml would not close either keeps yaml's error. Likewise the `\'` escape in double quotes.
 */
import { parseAllDocuments, type Scalar, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../src/load/go-yaml.ts';
import { readYamlDocuments, YAML_OPTIONS } from '../../src/load/yaml.ts';

/** Each scalar's value with the text its range covers in `text`. */
function scalars(text: string, documents = readYamlDocuments(text)): [unknown, string][] {
  const found: [unknown, string][] = [];
  for (const document of documents) {
    visit(document, {
      Scalar(_, node: Scalar) {
        found.push([node.value, text.slice(node.range?.[0], node.range?.[1])]);
      },
    });
  }
  return found;
}

const errors = (text: string) => readYamlDocuments(text).flatMap((document) => document.errors.map((error) => [error.message.split('\n')[0], error.pos[0]]));

describe('quoted scalars over lines no deeper than their parent, as Go reads them', () => {
  it.each([
    [
      'a single-quoted scalar continued at its key’s indentation',
      "a:\n  b: 'one\n  two ''x'''\n  c: 1\n",
      [['a', 'a'], ['b', 'b'], ["one two 'x'", "'one\n  two ''x'''"], ['c', 'c'], [1, '1']],
    ],
    [
      'a double-quoted scalar continued at column 0, with an escape and an escaped line break',
      'a:\n  b: "one\\t\ntwo\\\n three"\n  c: x\n',
      [['a', 'a'], ['b', 'b'], ['one\t twothree', '"one\\t\ntwo\\\n three"'], ['c', 'c'], ['x', 'x']],
    ],
    [
      'a blank line inside, which folds to a line break',
      "- 'one\n\ntwo'\n- three\n",
      [['one\ntwo', "'one\n\ntwo'"], ['three', 'three']],
    ],
    [
      'two such scalars in one document, and a line already deep enough between shallow ones',
      "k:\n  a: 'one\n  two\n        three\n four'\n  b: \"five\nsix\"\n",
      [['k', 'k'], ['a', 'a'], ['one two three four', "'one\n  two\n        three\n four'"], ['b', 'b'], ['five six', '"five\nsix"']],
    ],
    [
      'the same in a second document',
      "a: 1\n---\nb:\n  c: 'one\n  two'\n",
      [['a', 'a'], [1, '1'], ['b', 'b'], ['c', 'c'], ['one two', "'one\n  two'"]],
    ],
  ])('%s: read without error, each range in the file as written', (_, text, expected) => {
    expect(errors(text)).toEqual([]);
    expect(scalars(text)).toEqual(expected);
  });

  it('reads a \\\' escape in double quotes as a quote, as Go does, and an escaped backslash before a quote as both', () => {
    const text = 'a: "it\\\'s \\\\\'x\\\'"\nb: "over\n  \\\'lines\\\'"\n';
    expect(errors(text)).toEqual([]);
    expect(readYamlDocuments(text)[0]?.toJS()).toEqual({ a: "it's \\'x'", b: "over 'lines'" });
  });

  it.each([
    ['a quote never closed', "a:\n  b: 'one\n  c: 1\n"],
    ['a document marker inside the quotes, which ends the scalar for Go too', "a:\n  b: 'one\n---\n  two'\n"],
    ['a double quote closed only by an escaped one', 'a:\n  b: "one\n  two\\"\n'],
  ])('%s keeps the yaml package’s errors and positions', (_, text) => {
    const yaml = parseAllDocuments(text, YAML_OPTIONS);
    const expected = (Array.isArray(yaml) ? yaml : []).flatMap((document) => document.errors.map((error) => [error.message.split('\n')[0], error.pos[0]]));
    expect(expected.length).toBeGreaterThan(0);
    expect(errors(text)).toEqual(expected);
  });

  it('a \\\' escape beside an escape Go refuses too leaves only the error Go would report', () => {
    const text = 'a: "it\\\'s \\q"\n';
    expect(errors(text)).toEqual([['Invalid escape sequence \\q', text.indexOf('\\q')]]);
  });

  it('a later error in the same file is reported where it is in the file as written', () => {
    const text = "a:\n  b: 'one\n  two'\n  c: [1\n";
    expect(errors(text)).toEqual([['Flow sequence in block collection must be sufficiently indented and end with a ]', text.length]]);
  });

  it('reads what yaml reads without error exactly as yaml does', () => {
    const text = "a:\n  b: 'one\n    two'\n  c: [1, 2]\n";
    expect(scalars(text, parseYamlDocuments(text, YAML_OPTIONS))).toEqual(scalars(text, parseAllDocuments(text, YAML_OPTIONS) as never));
  });
});

describe('control characters, which Go refuses in a YAML file and the yaml package reads', () => {
  it.each([
    ['in a comment', 'a: 1 # \u0001\n', 7, 'U+0001'],
    ['in a quoted value', 'a: "bell \u0007"\n', 9, 'U+0007'],
    ['DEL in a plain value, in a second document', 'a: 1\n---\nb: x\u007f\n', 13, 'U+007F'],
    ['a C1 control character', 'a: \u0090\n', 3, 'U+0090'],
  ])('one %s is an error at it', (_, text, at, code) => {
    expect(errors(text)).toEqual([[`the control character ${code} is not allowed in YAML: Prometheus and Alertmanager refuse the file ("yaml: control characters are not allowed")`, at]]);
  });

  it('tabs in values, line breaks, NEL, a BOM and characters beyond the BMP are not control characters', () => {
    expect(errors('\ufeffa: "x\ty"\nb: "\u0085 é 🙂"\r\n')).toEqual([]);
  });
});
