import { closest } from '../suggest.ts';
import { modelCheck } from './check.ts';

/**
 * promtool passes an alert_rule_test whose alertname no rule has: it expects no alerts, sees
 * none, and tests nothing. The names of the service's own alerts and its SLO alerts are the
 * ones its test file can see.
 */
export const testAlertname = modelCheck({
  id: 'test/alertname',
  summary: "A promtool test written in the definitions names an alert that its service's rules do not have, so it tests nothing.",
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    for (const service of model.services) {
      if (service.tests.length === 0) continue;
      const slo = (expanded.sloRules.get(service.name) ?? []).flatMap((group) => group.alerts.map((a) => a.name));
      const names = [...new Set([...service.alerts.map((a) => a.name), ...slo])].sort();
      for (const test of service.tests) {
        test.alertRuleTests.forEach((alertTest, i) => {
          if (names.includes(alertTest.alertname)) return;
          const guess = closest(alertTest.alertname, names);
          ctx.report({
            at: test.origin.at('alertRuleTests', i, 'alertname'),
            message: `service ${service.name} has no alert "${alertTest.alertname}", so this test passes without testing anything${guess ? `; did you mean "${guess}"?` : names.length > 0 ? ` (its alerts: ${names.join(', ')})` : ''}`,
          });
        });
      }
    }
  },
});
