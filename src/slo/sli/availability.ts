/** Availability SLIs: the share of successful scrapes or probes of a 0/1 series (up, probe_success). */
import type { PromqlText } from '../../model/model.ts';
import type { Origin } from '../../model/origin.ts';
import { declaredValues, labelsFor, pickGroup, selectorOf } from '../test-series.ts';
import { edgeFreeRange } from '../math.ts';
import type { SliKind } from './kind.ts';
import { asSelector, filled, fillWindow, hasWindowPlaceholder, sumBy } from './promql.ts';

export interface AvailabilitySli {
  readonly kind: 'availability';
  readonly up: PromqlText;
  readonly origin: Origin;
}

/** Test series per availability SLO: enough targets that a partial outage has a share. */
const AVAILABILITY_SERIES = 20;

export const availabilitySli: SliKind<AvailabilitySli> = {
  kind: 'availability',
  fromSpec: (spec, origin) => ({ kind: 'availability', up: { text: spec.up, origin: origin.child('up') }, origin }),
  expressions: (sli) => [filled('up', sli.up)],
  events(slo, sli) {
    const up = sli.up.text.trim();
    // Each sample counts once on Prometheus 3; on 2, a sample at the range's start counts at two evaluations.
    const range = edgeFreeRange(slo, slo.step);
    return {
      total: sumBy(slo, `count_over_time(${up}[${range}])`),
      errors: sumBy(slo, `count_over_time(${up}[${range}]) - sum_over_time(${up}[${range}])`),
    };
  },
  reportProblems(sli, context, reporter) {
    if (hasWindowPlaceholder(sli.up.text) || asSelector(context.ast(sli.up.text))) return;
    reporter.report({ at: sli.up.origin.at(), message: 'an availability SLI reads a 0/1 series selector such as up{job="api"} or probe_success{…}' });
  },
  groupedSelector: (sli) => sli.up.text,
  feed(slo, sli, context) {
    const selector = selectorOf(context.ast(fillWindow(sli.up.text)));
    const labels = selector && labelsFor(selector, [], slo.groupBy, (label) => declaredValues(context.catalog, selector.name, label));
    if (!selector || !labels) return { untested: 'its query is not one series selector whose matchers monc can satisfy' };
    // Vary instance, as real targets do, unless the selector or the grouping pins it.
    const varied = selector.matchers.some((m) => m.label.name === 'instance') || slo.groupBy.includes('instance') ? 'monc_test_series' : 'instance';
    const series = Array.from({ length: AVAILABILITY_SERIES }, (_, i) => ({
      name: selector.name,
      labels: { ...labels, [varied]: `test-${String(i + 1).padStart(2, '0')}` },
    }));
    return { kind: 'availability', series, groupLabels: pickGroup(labels, slo.groupBy) };
  },
};
