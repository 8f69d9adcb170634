/**
 * monc's YAML writer against the `yaml` package, the writer it replaces: for thousands of
 * generated documents of the shapes monc emits, with strings built from the characters that
 * change how YAML quotes, the bytes are the same as `Document.toString()` with monc's options.
 */
import { describe, expect, it } from 'vitest';
import { Document, Scalar, visit } from 'yaml';
import { canonicalize } from '../../src/serialize/canonical.ts';
import { toYaml } from '../../src/serialize/yaml.ts';

/** The writer monc used before: the yaml package, with YAML 1.2 non-strings forced into double quotes. */
function oracle(value: unknown, leadingKeys: readonly string[] = []): string {
  const document = new Document(canonicalize(value, leadingKeys), { version: '1.1' });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return document.toString({ lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', indentSeq: true });
}

/** mulberry32: deterministic cases on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'a', 'job', 'up{job="x"} == 0', ' ', '  ', '\n', '\n\n', '\t', ':', ': ', ' #', '#', '-', '- ', '?', '"', "'", '{{ $labels.job }}', '{', '}', '[', ']', ',',
  '|', '>', '*', '&', '!', '%', '@', '`', 'yes', 'on', 'No', 'null', '~', '0', '007', '1.5', '1e3', '0x1F', '0b101', '12:30', '2026-12-06', '.inf', '---', '...',
  '=~', '5..', 'sum by (job) (rate(x[5m]))', '€', 'é', '\u00a0', '\\', '\\n', '<<', 'http://a/b?c=d#e', 'true', 'FALSE', '+1', '-0', '.5',
];

function randomString(random: () => number): string {
  const parts = Math.floor(random() * 5);
  let text = '';
  for (let i = 0; i < parts; i++) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
  return text;
}

function randomScalar(random: () => number): unknown {
  const r = random();
  if (r < 0.7) return randomString(random);
  if (r < 0.8) return Math.floor(random() * 2000) - 1000;
  if (r < 0.9) return [0.001, 0.5, 14.4, 1e-7, 1e21, 99.95, 2.5, 1 / 3][Math.floor(random() * 8)];
  return random() < 0.5;
}

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth >= 3 || r < 0.45) return randomScalar(random);
  const size = Math.floor(random() * 4);
  if (r < 0.7) return Array.from({ length: size }, () => randomValue(random, depth + 1));
  // Keys that are array indices ('200', '10', '9') come first in a JS object; undefined values are left out.
  const key = () => (random() < 0.7 ? ['alert', 'expr', 'labels', 'for', 'name', 'on', 'yes', '200', 'a b', 'x:', '10', '9'][Math.floor(random() * 12)] ?? 'k' : randomString(random));
  return Object.fromEntries(Array.from({ length: size }, () => [key(), random() < 0.1 ? undefined : randomValue(random, depth + 1)]));
}

describe("monc's YAML writer", () => {
  it('writes the same bytes as the yaml package for 20,000 generated documents', () => {
    const random = prng(20261206);
    const mismatches: { value: unknown; expected: string; actual: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = { root: randomValue(random, 0), [randomString(random) || 'k']: randomValue(random, 1) };
      // The yaml package writes the string "<<" plain, which YAML 1.1 readers take for a merge key; monc quotes it.
      if (JSON.stringify(value).includes('"<<"')) continue;
      const leadingKeys = i % 2 === 0 ? [] : ['alert', 'record', 'expr', '9'];
      const expected = oracle(value, leadingKeys);
      const actual = toYaml(value, '', leadingKeys);
      if (actual !== expected) mismatches.push({ value, expected, actual });
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('writes an alerting rule file as before', () => {
    const file = { groups: [{ name: 'shop', rules: [{ alert: 'ShopDown', expr: 'up{job="shop"} == 0\nor\nabsent(up)', for: '5m', labels: { severity: 'critical', on: 'yes' }, annotations: { summary: '{{ $labels.job }}: down', description: '' } }] }] };
    expect(toYaml(file, '# header\n', ['alert', 'record', 'expr'])).toBe(`# header\n${oracle(file, ['alert', 'record', 'expr'])}`);
  });
});
