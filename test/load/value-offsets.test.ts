/**
 * A finding inside a string value (a PromQL error in an expression) is shown where its
 * characters are written: through a block scalar's indentation, a folded line, a quoted
 * scalar's escapes and a template literal's substitutions.
 */
import { describe, expect, it } from 'vitest';
import { sourceOffsetOfValueIndex } from '../../src/load/value-offsets.ts';

interface Case {
  readonly name: string;
  /** The value as written in the source. */
  readonly raw: string;
  /** The value as read. */
  readonly value: string;
  /** Texts that appear once in both, whose every character must map onto itself. */
  readonly written: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'A block literal scalar: the indentation on every line is skipped',
    raw: '|\n          sum by (job) (\n            rate(http_requests_total{code=~"5.."}[5m])\n          ) > 0\n',
    value: 'sum by (job) (\n  rate(http_requests_total{code=~"5.."}[5m])\n) > 0\n',
    written: ['sum by (job) (', 'rate(http_requests_total{code=~"5.."}[5m])', ') > 0'],
  },
  {
    name: 'A block scalar with a line indented deeper keeps the extra indentation in the value',
    raw: '|-\n  up\n      == 0\n',
    value: 'up\n    == 0',
    written: ['up', '== 0'],
  },
  {
    name: 'A block scalar whose header has indicators and a comment',
    raw: '|-2 # the rule\n    absent(up{job="api"})\n',
    value: '  absent(up{job="api"})',
    written: ['absent(up{job="api"})'],
  },
  {
    name: 'A folded scalar: a line break read as a space',
    raw: '>\n  sum(rate(errors_total[5m]))\n  / sum(rate(requests_total[5m]))\n',
    value: 'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))\n',
    written: ['sum(rate(errors_total[5m]))', '/ sum(rate(requests_total[5m]))'],
  },
  {
    name: 'A double-quoted scalar: escapes are longer in the source',
    raw: '"rate(x{path=~\\"a\\\\\\\\.b\\"}[5m]) > 1"',
    value: 'rate(x{path=~"a\\\\.b"}[5m]) > 1',
    written: ['rate(x{path=~', '[5m]) > 1'],
  },
  {
    name: 'A template literal: a substitution is shorter in the source than in the value',
    raw: '`sum(rate(${metric}[5m])) by (job) > 0.05`',
    value: 'sum(rate(http_requests_total{job="api"}[5m])) by (job) > 0.05',
    written: ['sum(rate(', '[5m])) by (job) > 0.05'],
  },
  {
    name: 'A plain value: the source is the value',
    raw: 'up == 0',
    value: 'up == 0',
    written: ['up == 0'],
  },
];

describe('offsets in a value map onto its source', () => {
  it.each(CASES)('$name', ({ raw, value, written }) => {
    for (const text of written) {
      const inValue = value.indexOf(text);
      const inRaw = raw.indexOf(text);
      expect([inValue, inRaw].every((at) => at >= 0), `"${text}" is in both`).toBe(true);
      const mapped = [...text].map((_, k) => sourceOffsetOfValueIndex(raw, value, inValue + k));
      expect(mapped, `"${text}"`).toEqual([...text].map((_, k) => inRaw + k));
    }
  });

  it('maps each repetition of a stretch in an escaped JSON string onto its own place, however long the line', () => {
    const query = (n: number) => `avg by (node) (rate(disk_latency{node=~"$node",disk="d${n}"}[5m]))\nor\n`;
    const value = Array.from({ length: 12 }, (_, n) => query(n)).join('');
    const raw = JSON.stringify(value);
    const occurrences = (text: string) => [...text.matchAll(/disk_latency/g)].map((m) => m.index ?? -1);
    expect(occurrences(value).map((at) => sourceOffsetOfValueIndex(raw, value, at))).toEqual(occurrences(raw));
    expect(sourceOffsetOfValueIndex(raw, value, value.length)).toBe(raw.length - 1);
  });

  it('maps the end of the value to the end of what it was read from', () => {
    const raw = '|\n  up\n  == 0\n';
    expect(sourceOffsetOfValueIndex(raw, 'up\n== 0\n', 'up\n== 0'.length)).toBe(raw.indexOf('== 0') + '== 0'.length);
  });
});
