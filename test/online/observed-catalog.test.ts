/** The declarations monc catalog --from-prometheus makes of what a server returns: families, types without metadata, labels. */
import { describe, expect, it } from 'vitest';
import { observedFamilies, observedMetric, type MetricMetadata } from '../../src/online/observed-catalog.ts';

const none = { known: () => false, match: undefined };
const meta = (entries: Record<string, MetricMetadata[]>) => new Map(Object.entries(entries));
const observation = { url: 'http://prom:9090', time: Date.UTC(2025, 0, 1), targetLabels: new Set(['job', 'instance']) };

describe('observedFamilies', () => {
  it('Without metadata, _bucket with _count makes a histogram, a name with _sum and _count a summary, _total a counter, the rest gauges.', () => {
    const names = ['lat_bucket', 'lat_count', 'lat_sum', 'q', 'q_count', 'q_sum', 'reqs_total', 'temp'];
    expect(observedFamilies(names, meta({}), none).map(({ name, type, typeFrom, series }) => ({ name, type, typeFrom, series }))).toEqual([
      { name: 'lat', type: 'histogram', typeFrom: 'name', series: ['lat_bucket', 'lat_count', 'lat_sum'] },
      { name: 'q', type: 'summary', typeFrom: 'name', series: ['q', 'q_count', 'q_sum'] },
      { name: 'reqs_total', type: 'counter', typeFrom: 'name', series: ['reqs_total'] },
      { name: 'temp', type: 'gauge', typeFrom: 'name', series: ['temp'] },
    ]);
  });

  it("An OpenMetrics counter's metadata under its name without _total is its type and help.", () => {
    const [family] = observedFamilies(['reqs_total'], meta({ reqs: [{ type: 'counter', help: 'Requests.', unit: '' }] }), none);
    expect(family).toMatchObject({ name: 'reqs_total', type: 'counter', typeFrom: 'metadata', help: 'Requests.' });
  });

  it('Of several targets\' metadata, the pick does not depend on their order: a typed entry with help first.', () => {
    const entries = [
      { type: 'unknown', help: '', unit: '' },
      { type: 'gauge', help: 'B.', unit: '' },
      { type: 'gauge', help: 'A.', unit: '' },
    ];
    const picked = (list: MetricMetadata[]) => observedFamilies(['x'], meta({ x: list }), none)[0]?.help;
    expect(picked(entries)).toBe('A.');
    expect(picked([...entries].reverse())).toBe('A.');
  });

  it('Families with a declared series, recording-rule outputs and names --match does not match whole are left out.', () => {
    const filter = { known: (series: string) => series === 'lat_count', match: /a.*/ };
    expect(observedFamilies(['lat_bucket', 'lat_count', 'a', 'ab', 'ba', 'job:a:rate5m'], meta({}), filter).map((f) => f.name)).toEqual(['a', 'ab']);
  });
});

describe('observedMetric', () => {
  it('A histogram gets its finite le values as buckets, not le as a label, and the scrape labels are left out.', () => {
    const [family] = observedFamilies(['lat_bucket', 'lat_count'], meta({}), none);
    if (!family) throw new Error('no family');
    const series = ['0.1', '1', '+Inf'].map((le) => ({ __name__: 'lat_bucket', job: 'api', instance: 'a:1', le, path: '/' }));
    expect(observedMetric(family, [...series, { __name__: 'lat_count', job: 'api', instance: 'a:1', path: '/' }], observation)?.spec).toEqual({
      name: 'lat',
      type: 'histogram',
      help: 'Observed on http://prom:9090 at 2025-01-01T00:00:00.000Z, which has no help text for it: write one.',
      exporter: 'api',
      labels: { path: { values: ['/'] } },
      buckets: [0.1, 1],
    });
  });

  it('A label with more than 10 values seen gets maxValues of the count; a family without series is no declaration.', () => {
    const [family] = observedFamilies(['temp'], meta({}), none);
    if (!family) throw new Error('no family');
    const series = Array.from({ length: 11 }, (_, i) => ({ __name__: 'temp', room: `r${i}` }));
    expect(observedMetric(family, series, observation)?.spec.labels).toEqual({ room: { maxValues: 11 } });
    expect(observedMetric(family, [], observation)).toBeUndefined();
  });
});
