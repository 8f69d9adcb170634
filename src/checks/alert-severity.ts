import { LABEL, SEVERITIES } from '../model/conventions.ts';
import { modelCheck } from './check.ts';

const choices = SEVERITIES.join(', ');

/** Routing depends on severity: every alert has exactly one, from a fixed set. */
export const alertSeverity = modelCheck({
  id: 'alert/severity',
  summary: 'An alert has no severity, or one outside critical, warning and info.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const alert of model.alerts) {
      if (alert.labels[LABEL.severity] !== undefined) {
        ctx.report({
          at: alert.origin.keyAt('labels', LABEL.severity),
          message: `set the severity with the "severity" field, not as a label`,
        });
      } else if (alert.severity === undefined) {
        ctx.report({ at: alert.origin.at('name'), message: `alert "${alert.name}" has no severity; add "severity: ${SEVERITIES[1]}" (one of ${choices})` });
      } else if (!(SEVERITIES as readonly string[]).includes(alert.severity)) {
        ctx.report({ at: alert.origin.at('severity'), message: `severity "${alert.severity}" is not one of ${choices}` });
      }
    }
  },
});
