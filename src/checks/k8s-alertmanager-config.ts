import { modelCheck } from './check.ts';
import { writesKubernetes } from './k8s-helpers.ts';

/**
 * With kubernetes.alertmanager.config: alertmanager-config, the routing is written as an
 * AlertmanagerConfig (v1alpha1), which cannot say everything alertmanager.yml can: a time
 * interval's location (its times would be UTC) and a webhook's basic auth user name, which it
 * reads from a Secret only.
 */
export const k8sAlertmanagerConfig = modelCheck({
  id: 'k8s/alertmanager-config',
  summary: 'The routing uses what an AlertmanagerConfig cannot express: a time interval with a location, or a webhook with basic auth.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!writesKubernetes(model) || model.kubernetes.alertmanager.config !== 'alertmanager-config' || !routing) return;
    for (const interval of routing.timeIntervals) {
      interval.ranges.forEach((range, i) => {
        if (range.location === undefined) return;
        ctx.report({
          at: interval.origin.at('intervals', i, 'location'),
          message: `an AlertmanagerConfig's time intervals have no location, so these times would be UTC, not ${range.location}: write them in UTC without location, or use kubernetes.alertmanager.config: secret`,
        });
      });
    }
    for (const receiver of routing.receivers) {
      receiver.webhook.forEach((webhook, i) => {
        if (webhook.username === undefined && webhook.passwordFile === undefined) return;
        ctx.report({
          at: receiver.origin.at('webhook', i, webhook.username === undefined ? 'passwordFile' : 'username'),
          message: 'an AlertmanagerConfig reads a webhook\'s basic auth user name from a Secret, which the definitions do not name: use kubernetes.alertmanager.config: secret, or a webhook without basic auth',
        });
      });
    }
  },
});
