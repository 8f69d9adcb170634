/**
 * Latency SLIs: the share of a histogram's events under the threshold: the threshold's bucket
 * of a classic histogram, or histogram_fraction of a native one.
 */
import type { PromqlText } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { declaredValues, labelsFor, pickGroup, selectorOf } from '../test-series.ts';
import type { SliKind } from './kind.ts';
import { leMatcher, parseHistogram, recordedTotal, sumBy } from './promql.ts';

export interface LatencySli {
  readonly kind: 'latency';
  readonly histogram: PromqlText;
  /** The bucket bound a good event stays under. */
  readonly threshold: number;
  /** A native histogram (the bare name), read with histogram_fraction. */
  readonly native: boolean;
  readonly origin: Origin;
}

export const latencySli: SliKind<LatencySli> = {
  kind: 'latency',
  fromSpec: (spec, origin) => ({ kind: 'latency', histogram: { text: spec.histogram, origin: origin.child('histogram') }, threshold: spec.threshold, native: spec.native ?? false, origin }),
  expressions(sli, metrics) {
    const histogram = parseHistogram(sli.histogram.text);
    // On a declared metric that is no histogram slo/sli says so; its _count series would only echo it.
    const metric = histogram && metrics.get(histogram.name);
    if (metric && metric.type !== 'histogram') return [];
    // Read the wrong way (native or classic), slo/sli says so; the missing series would only echo it.
    if (metric && (sli.native ? !metric.native : metric.native && metric.buckets === undefined)) return [];
    const text = histogram ? `${histogram.name}${sli.native ? '' : '_count'}${histogram.matchers}` : sli.histogram.text;
    return [{ role: 'histogram', origin: sli.histogram.origin, text }];
  },
  events(slo, sli) {
    const histogram = parseHistogram(sli.histogram.text) ?? { name: sli.histogram.text, matchers: '' };
    if (sli.native) {
      const increase = `increase(${histogram.name}${histogram.matchers}[${slo.step}])`;
      const recorded = recordedTotal(slo);
      const good = sumBy(slo, `histogram_fraction(-Inf, ${sli.threshold}, ${increase}) * histogram_count(${increase})`);
      return {
        total: sumBy(slo, `histogram_count(${increase})`),
        errors: `clamp_min(\n  ${recorded}\n  -\n  (${good} or 0 * ${recorded}),\n  0\n)`,
      };
    }
    const inner = histogram.matchers.replace(/^\{|\}$/g, '').trim();
    const bucketMatchers = `{${inner === '' ? '' : `${inner.replace(/,\s*$/, '')}, `}${leMatcher(sli.threshold)}}`;
    const recorded = recordedTotal(slo);
    const good = sumBy(slo, `increase(${histogram.name}_bucket${bucketMatchers}[${slo.step}])`);
    return {
      total: sumBy(slo, `increase(${histogram.name}_count${histogram.matchers}[${slo.step}])`),
      errors: `clamp_min(\n  ${recorded}\n  -\n  (${good} or 0 * ${recorded}),\n  0\n)`,
    };
  },
  reportProblems(sli, context, reporter) {
    const histogram = parseHistogram(sli.histogram.text);
    const metric = histogram && context.metrics.get(histogram.name);
    if (!histogram) reporter.report({ at: sli.histogram.origin.at(), message: 'write the histogram as its name with optional matchers, e.g. http_request_duration_seconds{job="api"}' });
    else if (metric && metric.type !== 'histogram') {
      reporter.report({ at: sli.histogram.origin.at(), message: `${metric.name} is a ${metric.type}, not a histogram: a latency SLI counts requests in the threshold bucket` });
    } else if (metric && sli.native && !metric.native) {
      reporter.report({ at: sli.origin.at('native'), message: `${metric.name} is declared as a classic histogram; declare it with native: true, or read it as classic (drop native here)` });
    } else if (metric && !sli.native && metric.native && metric.buckets === undefined) {
      reporter.report({ at: sli.histogram.origin.at(), message: `${metric.name} is a native histogram, with no _bucket series; set native: true on this SLI to read it with histogram_fraction` });
    }
    if (sli.native && !context.prometheus.features.includes('native-histograms')) {
      reporter.report({
        at: sli.origin.at('native'),
        message: `native histograms need Prometheus ${context.prometheus.version} running with --enable-feature=native-histograms: add native-histograms to prometheus.features in monc.config.yaml once it does`,
      });
    }
  },
  groupedSelector: (sli) => `${parseHistogram(sli.histogram.text)?.name ?? ''}${sli.native ? '' : '_count'}`,
  feed(slo, sli, context) {
    if (sli.native) return { untested: "it reads a native histogram, and promtool 2.42's test input cannot write native histogram samples" };
    const histogram = parseHistogram(sli.histogram.text);
    const selector = histogram && selectorOf(context.ast(`${histogram.name}_count${histogram.matchers}`));
    if (!histogram || !selector) return { untested: 'its histogram is not a name with matchers, so monc cannot tell which input series to feed' };
    const labels = labelsFor(selector, [], slo.groupBy, (label) => declaredValues(context.catalog, histogram.name, label));
    if (!labels) return { untested: "monc found no label values that satisfy the histogram's matchers" };
    return {
      kind: 'counters',
      series: [
        { series: { name: `${histogram.name}_bucket`, labels: { ...labels, le: String(sli.threshold) } }, count: (step) => step.total - step.bad },
        { series: { name: `${histogram.name}_count`, labels }, count: (step) => step.total },
      ],
      groupLabels: pickGroup(labels, slo.groupBy),
    };
  },
};
