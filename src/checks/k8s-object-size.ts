import { sloPeriodRuleGroupName, sloRuleGroupName } from '../model/conventions.ts';
import { PROMETHEUS_RULE_MAX_BYTES } from '../rules/rule-objects.ts';
import { modelCheck } from './check.ts';
import { writesKubernetes } from './k8s-helpers.ts';
import { groupedDigits } from '../numbers.ts';

/** The API server refuses a ConfigMap or Secret whose values add up to more than 1 MiB (etcd's object limit, with room for the rest). */
export const CONFIG_MAP_MAX_BYTES = 1_048_576;


/**
 * An object over its size limit is refused: a PrometheusRule whose rules render to more than the
 * operator's 512 KiB (monc splits a service's or team's groups over several objects, but one
 * group cannot be split), a dashboard's ConfigMap or the Alertmanager's Secret over 1 MiB.
 */
export const k8sObjectSize = modelCheck({
  id: 'k8s/object-size',
  summary: 'A PrometheusRule rule group renders to more than the operator\'s 512 KiB, or a ConfigMap or Secret holds more than 1 MiB.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded, kubernetes }, ctx) {
    if (!writesKubernetes(model) || !kubernetes) return;
    for (const { service, group, size } of expanded.ruleObjects.oversizedGroups) {
      const slos = group.name === sloRuleGroupName(service.name) || group.name === sloPeriodRuleGroupName(service.name);
      ctx.report({
        at: service.origin.keyAt(slos ? 'slos' : service.alerts.length > 0 ? 'alerts' : 'recordingRules'),
        message: `rule group "${group.name}" renders to ${groupedDigits(size)} bytes, over the ${groupedDigits(PROMETHEUS_RULE_MAX_BYTES)} the prometheus-operator takes in one PrometheusRule, and a group cannot be split: move some of its ${slos ? 'SLOs' : 'rules'} to another service`,
      });
    }
    const dashboards = kubernetes.dashboardConfigMaps(model, expanded).map((o) => ({ ...o, at: o.origin.at('id'), fix: 'split the dashboard' }));
    // The configuration (route, receivers, inhibit rules with the SLOs' own) and the templates.
    const routing = kubernetes.alertmanagerObjects(model, expanded).map((o) => ({ ...o, at: o.origin.keyAt('route'), fix: 'shorten the templates, or split the routing over several Alertmanagers' }));
    for (const { object, at, fix } of [...dashboards, ...routing]) {
      const data = object.kind === 'ConfigMap' ? object.data : object.kind === 'Secret' ? object.stringData : {};
      const size = Object.values(data).reduce((total, value) => total + Buffer.byteLength(value, 'utf8'), 0);
      if (size <= CONFIG_MAP_MAX_BYTES) continue;
      ctx.report({ at, message: `${object.kind} ${object.metadata.name} holds ${groupedDigits(size)} bytes, over the ${groupedDigits(CONFIG_MAP_MAX_BYTES)} the API server takes in a ${object.kind}: ${fix}` });
    }
  },
});
