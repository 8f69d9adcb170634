import { kubernetesLabels } from '../model/conventions.ts';
import { modelCheck } from './check.ts';
import { requirements, selectorProblems, writesKubernetes } from './k8s-helpers.ts';

/**
 * The Prometheus resource loads the PrometheusRules its ruleSelector matches, and no others:
 * with labels that do not match, every rule monc writes is ignored, silently.
 */
export const k8sRuleSelector = modelCheck({
  id: 'k8s/rule-selector',
  summary: 'The config\'s kubernetes.ruleSelector (the Prometheus resource\'s) does not match the labels monc puts on its PrometheusRules.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const selector = model.kubernetes.ruleSelector;
    // An invalid or unsatisfiable selector is k8s/label-selector's finding.
    if (!writesKubernetes(model) || !selector || selectorProblems(selector).length > 0) return;
    const labels = kubernetesLabels(model.kubernetes.labels);
    const carried = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
    for (const requirement of requirements(selector)) {
      if (requirement.holds(labels)) continue;
      ctx.report({
        at: requirement.at,
        message: `the ruleSelector requires ${requirement.text}, which monc's PrometheusRules do not meet (their labels: ${carried}), so Prometheus would load none of them: set kubernetes.labels to labels the selector matches`,
      });
    }
  },
});
