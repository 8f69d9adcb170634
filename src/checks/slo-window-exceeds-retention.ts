import { CALENDAR_PERIODS } from '../slo/calendar.ts';
import { seconds } from '../slo/math.ts';
import { modelCheck } from './check.ts';

/** The period rules read the whole window; Prometheus answers from what it still has, silently. */
export const sloWindowExceedsRetention = modelCheck({
  id: 'slo/window-exceeds-retention',
  summary: "An SLO window is longer than Prometheus keeps data, so its period ratio and budget cover less than the window.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const retention = model.prometheus.retention;
    for (const slo of model.slos) {
      // Further objectives share the SLO's definition: its findings are reported once, on the SLO.
      if (slo.objectiveOf !== undefined) continue;
      // A calendar period is read over its longest length (a month: 31d).
      const reads = slo.calendar ? CALENDAR_PERIODS[slo.calendar.period].range : slo.window;
      if (seconds(reads) <= seconds(retention)) continue;
      const window = slo.origin.at('window');
      const whole = slo.origin.at();
      ctx.report({
        // The default window is written nowhere: point at the SLO's name.
        at: window.start === whole.start && window.end === whole.end ? slo.origin.at('name') : window,
        message:
          `the ${slo.calendar ? `calendar ${slo.calendar.period} (read over ${reads})` : `${slo.window} window`} is longer than the ${retention} retention, so the error budget would only count the last ${retention}; ` +
          `set prometheus.retention in monc.config.yaml to what --storage.tsdb.retention.time says (at least ${reads}), or shorten the window`,
      });
    }
  },
});
