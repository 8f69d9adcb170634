import { knownTimezone } from '../slo/calendar.ts';
import { modelCheck } from './check.ts';

/** A calendar period starts at midnight somewhere: monc must know where. */
export const sloTimezone = modelCheck({
  id: 'slo/timezone',
  summary: "A calendar SLO's time zone is neither UTC, a fixed offset such as +02:00, nor an IANA zone that Node knows.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const slo of model.slos) {
      if (!slo.calendar || slo.objectiveOf !== undefined || knownTimezone(slo.calendar.timezone)) continue;
      ctx.report({
        at: slo.origin.at('window', 'timezone'),
        message: `unknown time zone "${slo.calendar.timezone}": write UTC, a fixed offset such as +02:00 or -05:30, or an IANA zone such as Europe/Berlin or America/New_York`,
      });
    }
  },
});
