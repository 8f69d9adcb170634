import { modelCheck } from './check.ts';

/** Without `for`, one bad evaluation pages someone; an alert that wants that says `for: 0s`. */
export const alertFor = modelCheck({
  id: 'alert/for',
  summary: 'An alert has no `for` duration.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const alert of model.alerts) {
      if (alert.for !== undefined) continue;
      ctx.report({
        at: alert.origin.at('name'),
        message: `alert "${alert.name}" has no "for", so a single evaluation fires it; add e.g. "for: 5m", or "for: 0s" to fire at once on purpose`,
      });
    }
  },
});
