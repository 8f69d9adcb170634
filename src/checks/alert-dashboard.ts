import { closest } from './suggest.ts';
import type { ModelCheck } from './check.ts';
import { generatedDashboards } from '../dashboards/generated.ts';

/** An alert's dashboard link must open a dashboard monc writes, or the page links to nothing. */
export const alertDashboard: ModelCheck = {
  id: 'alert/dashboard',
  summary: 'An alert links a dashboard id that no definition (and no generated dashboard) has.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run(model, ctx) {
    const ids = [...model.dashboards, ...generatedDashboards(model)].map((d) => d.id);
    for (const alert of model.alerts) {
      if (alert.dashboard === undefined || ids.includes(alert.dashboard)) continue;
      const guess = closest(alert.dashboard, ids);
      ctx.report({
        at: alert.origin.at('dashboard'),
        message: `alert "${alert.name}" links dashboard "${alert.dashboard}", which does not exist${guess ? `; did you mean "${guess}"?` : ids.length > 0 ? ` (dashboards: ${ids.join(', ')})` : ''}`,
      });
    }
  },
};
