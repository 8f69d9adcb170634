import { closest } from '../suggest.ts';
import { mightBeDeclared } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** An alert's dashboard link must open a dashboard monc writes, or the page links to nothing. */
export const alertDashboard = modelCheck({
  id: 'alert/dashboard',
  summary: 'An alert links a dashboard id that no definition (and no generated dashboard) has.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    const ids = expanded.dashboards.map((d) => d.id);
    for (const alert of model.alerts) {
      if (alert.dashboard === undefined || ids.includes(alert.dashboard) || mightBeDeclared(model.lost, alert.dashboard)) continue;
      const guess = closest(alert.dashboard, ids);
      ctx.report({
        at: alert.origin.at('dashboard'),
        message: `alert "${alert.name}" links dashboard "${alert.dashboard}", which does not exist${guess ? `; did you mean "${guess}"?` : ids.length > 0 ? ` (dashboards: ${[...new Set(ids)].join(', ')})` : ''}`,
      });
    }
  },
});
