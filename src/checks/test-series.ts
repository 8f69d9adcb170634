import { mightBeDeclared } from '../model/model.ts';
import { asSelector } from '../slo/sli/promql.ts';
import { closest } from '../suggest.ts';
import { modelCheck } from './check.ts';

/**
 * A promtool test feeds series by name: one the rules never read (a typo, a metric not
 * declared, a label it does not have) leaves the rules without data, and the test proves
 * nothing about them.
 */
export const testSeries = modelCheck({
  id: 'test/series',
  summary: 'An input series of a promtool test written in the definitions names a metric nothing declares or records, or a label that metric does not have.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const catalog = expanded.catalog;
    for (const test of model.services.flatMap((s) => s.tests)) {
      test.inputSeries.forEach((input, i) => {
        const expr = { text: input.series, origin: test.origin.child('inputSeries', i, 'series') };
        const selector = asSelector(expanded.expressions.ast(input.series));
        const name = selector?.metric;
        if (!selector || !name) {
          ctx.report({ at: expr.origin.at(), message: `"${input.series}" is not a series in promtool's notation, e.g. http_requests_total{code="500"}` });
          return;
        }
        const info = catalog.get(name.name);
        if (!info) {
          if (mightBeDeclared(model.lost, name.name)) return;
          const guess = closest(name.name, catalog.names());
          ctx.report({ at: ctx.spanInExpr(expr, name.from, name.to), message: `no definition declares or records "${name.name}", so no rule reads this series${guess ? `; did you mean "${guess}"?` : ''}` });
          return;
        }
        if (info.labels === 'unknown') return;
        for (const matcher of selector.matchers) {
          const label = matcher.label.name;
          if (label === '__name__' || info.labels.has(label)) continue;
          const known = [...info.labels].filter((l) => l !== '__name__').sort();
          const guess = closest(label, known);
          ctx.report({
            at: ctx.spanInExpr(expr, matcher.label.from, matcher.label.to),
            message: `${name.name} has no label "${label}"${guess ? `; did you mean "${guess}"?` : ` (its labels: ${known.join(', ')})`}`,
          });
        }
      });
    }
  },
});
