/**
 * YAML merge keys (`<<`), which Go's yaml (Prometheus, Alertmanager) applies and the `yaml`
 * package reads as a plain key: monc applies them as Go does, and keeps each merged pair's
 * position where it is written.
 */
import { isMap, isScalar, type Pair } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYamlDocuments } from '../../src/load/yaml.ts';

const read = (text: string) => readYamlDocuments(text)[0]?.toJS() as Record<string, unknown>;

describe('YAML merge keys, applied as Go applies them', () => {
  it.each([
    ['the merged mapping’s keys come in where << stands', 'base: &b { x: 1, y: 2 }\nm:\n  a: 0\n  <<: *b\n  z: 3\n', { a: 0, x: 1, y: 2, z: 3 }],
    ['the mapping’s own keys win, also those after <<', 'base: &b { x: 1, y: 2 }\nm:\n  <<: *b\n  y: own\n', { x: 1, y: 'own' }],
    ['of a list of mappings the earlier one wins', 'a: &a { x: a }\nb: &b { x: b, y: b }\nm:\n  <<: [*a, *b]\n', { x: 'a', y: 'b' }],
    ['a mapping written in place', 'm:\n  <<: { x: 1 }\n  y: 2\n', { x: 1, y: 2 }],
    ['a mapping that merges another, merged in turn', 'a: &a { x: 1 }\nb: &b\n  <<: *a\n  y: 2\nm:\n  <<: *b\n', { x: 1, y: 2 }],
    ['a << whose value is no mapping, left for the checks to report', 'm:\n  <<: 1\n  y: 2\n', { '<<': 1, y: 2 }],
    ['a list with something other than mappings, left as it is', 'a: &a { x: 1 }\nm:\n  <<: [*a, 2]\n', { '<<': [{ x: 1 }, 2] }],
  ])('%s', (_, text, expected) => {
    expect(read(text)['m']).toEqual(expected);
  });

  it.each([
    ['merged through an alias, at the alias: each merging mapping has a place of its own', 'base: &b\n  team: db\nm:\n  <<: *b\n  own: 1\n', '*b'],
    ['written in place, where it is written', 'm:\n  <<: { team: db }\n  own: 1\n', 'team'],
  ])('a merged key is found %s', (_, text, where) => {
    const m = readYamlDocuments(text)[0]?.get('m', true);
    if (!isMap(m)) throw new Error('m is not a mapping');
    const team = (m.items as Pair[]).find((pair) => isScalar(pair.key) && pair.key.value === 'team');
    expect(isScalar(team?.key) && team.key.range?.[0]).toBe(text.indexOf(where));
  });

  it('the same whether the fast reader or the yaml package reads the file', () => {
    const text = 'base: &b { x: 1 }\nm:\n  <<: *b\n  y: !!str 2\n';
    expect(read(text)['m']).toEqual({ x: 1, y: '2' });
  });
});
