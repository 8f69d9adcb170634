import { modelCheck } from './check.ts';

/** The summary is the line a person reads in the page or the Slack message. */
export const alertSummary = modelCheck({
  id: 'alert/summary',
  summary: 'An alert has no summary.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const alert of model.alerts) {
      if (alert.summary === undefined) {
        ctx.report({ at: alert.origin.at('name'), message: `alert "${alert.name}" has no summary; say in one line what is wrong, e.g. "{{ $labels.job }} is down"` });
      } else if (alert.summary.trim() === '') {
        ctx.report({ at: alert.origin.at('summary'), message: `alert "${alert.name}" has an empty summary` });
      }
    }
  },
});
