import { modelCheck } from './check.ts';

/** The seed's best practice: every panel says what it shows, so a reader at 3 a.m. need not guess. */
export const dashboardDescription = modelCheck({
  id: 'dashboard/description',
  summary: 'A dashboard panel (other than text) has no description.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const dashboard of model.dashboards) {
      for (const panel of dashboard.rows.flatMap((row) => row.panels)) {
        // A text panel is its own explanation.
        if (panel.description?.trim() || panel.type === 'text') continue;
        ctx.report({ at: panel.origin.at('title'), message: `panel "${panel.title}" has no description; say what it shows and what a bad value means (it becomes the panel's (i) tooltip)` });
      }
    }
  },
});
