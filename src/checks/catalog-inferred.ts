import { INFERRED_HELP_PREFIX } from '../model/conventions.ts';
import { modelCheck } from './check.ts';

/**
 * monc import declares the metrics imported rules select from what the expressions show of
 * them: their type and labels are guesses until a person confirms them and writes the help
 * text, which removes the marker this check looks for.
 */
export const catalogInferred = modelCheck({
  id: 'catalog/inferred',
  summary: 'A metric monc import declared from evidence still waits for a person to confirm its type and labels.',
  defaultSeverity: 'info',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const metric of model.metrics) {
      if (!metric.help.startsWith(INFERRED_HELP_PREFIX)) continue;
      const labels = metric.labels.length > 0 ? `with labels ${metric.labels.map((l) => l.name).join(', ')}` : 'without labels';
      const closed = metric.labels.filter((label) => label.values !== undefined).map((label) => ` and that ${label.name} takes only ${label.values?.join(', ')}`);
      ctx.report({
        at: metric.origin.at('help'),
        message: `"${metric.name}" was declared by monc import from what the rules show: confirm that it is a ${metric.type} ${labels}${closed.join('')}, then write its help text`,
      });
    }
  },
});
