import { modelCheck } from './check.ts';
import { selectorProblems } from './k8s-helpers.ts';

/**
 * A label selector that the API server refuses, or that selects nothing: a monitor that finds
 * no Service or Pod scrapes nothing, and a ruleSelector that matches nothing loads no rules,
 * without an error anywhere.
 */
export const k8sLabelSelector = modelCheck({
  id: 'k8s/label-selector',
  summary: 'A label selector (a scrape\'s kubernetes.selector, the config\'s kubernetes.ruleSelector) is invalid or can match nothing.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const selectors = [...model.services.flatMap((s) => s.scrape?.kubernetes?.selector ?? []), ...(model.kubernetes.ruleSelector ? [model.kubernetes.ruleSelector] : [])];
    for (const selector of selectors) for (const problem of selectorProblems(selector)) ctx.report(problem);
  },
});
