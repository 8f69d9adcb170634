/**
 * Definitions files are not kept as syntax trees: their origins read the file again when a
 * finding first asks for a position, and must point exactly where the tree read at load time
 * would have.
 */
import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/model/origin.ts';
import { SourceText } from '../../src/load/source-text.ts';
import { readYamlDocuments, rereadingYamlLocator, yamlLocator } from '../../src/load/yaml.ts';

const TEXT = `kind: Service
name: api
metrics:
  - name: api_requests_total
    type: counter
    labels:
      code: { values: ['2xx', '5xx'] }
---
# a second document, after a comment
kind: Service
name: web
alerts:
  - name: WebDown
    expr: up{job="web"} == 0
    for: 5m
`;

const PATHS: readonly [string, number, Path][] = [
  ['the document itself', 0, []],
  ['a top-level value', 0, ['name']],
  ['a value in a list item', 0, ['metrics', 0, 'type']],
  ['a flow mapping inside the item', 0, ['metrics', 0, 'labels', 'code', 'values', 1]],
  ['a path that leaves the document (its deepest node)', 0, ['metrics', 0, 'help']],
  ['a value of the second document', 1, ['alerts', 0, 'expr']],
  ['a list item of the second document', 1, ['alerts', 0]],
];

describe('the rereading YAML locator', () => {
  const source = new SourceText('definitions/api.yaml', TEXT);
  const documents = readYamlDocuments(TEXT);

  it.each(PATHS)('points at %s where the tree read at load time does, value and key', (_what, index, path) => {
    const rereading = rereadingYamlLocator(source, index);
    const kept = yamlLocator(source.file, documents[index]);
    expect(rereading(path, false)).toEqual(kept(path, false));
    expect(rereading(path, true)).toEqual(kept(path, true));
  });

  it('points into the right document of the stream', () => {
    const span = rereadingYamlLocator(source, 1)(['name'], false);
    expect(TEXT.slice(span.start, span.end)).toBe('web');
  });
});
