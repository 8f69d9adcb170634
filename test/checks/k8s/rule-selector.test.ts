/** k8s/rule-selector: the Prometheus resource's ruleSelector matches the labels on monc's PrometheusRules. */
import { describe, expect, it } from 'vitest';
import { atIn, C, config, findings, type Files, messages, S, service } from './fixture.ts';

const ID = 'k8s/rule-selector';

/** monc.config.yaml with `kubernetes.labels` and `kubernetes.ruleSelector` (flow mappings). */
const files = (labels: string, selector: string, targets?: string): Files => ({
  [S]: service(),
  [C]: config(`  labels: ${labels}\n  ruleSelector: ${selector}\n`, targets),
});

const CASES: readonly { name: string; files: Files; expected: (files: Files) => string[] }[] = [
  { name: 'Without a ruleSelector there is nothing to compare.', files: { [S]: service(), [C]: config('  labels: { role: alert-rules }\n') }, expected: () => [] },
  {
    name: 'A selector the configured labels meet passes, monc\'s managed-by label included.',
    files: files(
      '{ role: alert-rules, prometheus: main }',
      "{ matchLabels: { role: alert-rules }, matchExpressions: [{ key: prometheus, operator: In, values: [main, k8s] }, { key: app.kubernetes.io/managed-by, operator: Exists }, { key: draft, operator: DoesNotExist }] }",
    ),
    expected: () => [],
  },
  { name: 'A matchLabels value the labels do not have is flagged at the value.', files: files('{ role: alert-rules }', '{ matchLabels: { role: rules } }'), expected: (f) => [atIn(ID, f, C, 'rules }', 2)] },
  { name: 'A matchLabels key the labels lack is flagged.', files: files('{ role: alert-rules }', '{ matchLabels: { prometheus: main } }'), expected: (f) => [atIn(ID, f, C, 'main')] },
  { name: 'A failing expression is flagged at the expression.', files: files('{ role: alert-rules }', '{ matchExpressions: [{ key: role, operator: NotIn, values: [alert-rules] }] }'), expected: (f) => [atIn(ID, f, C, '{ key: role')] },
  { name: 'Each failing requirement is flagged.', files: files('{ team: sre }', '{ matchLabels: { role: rules, prometheus: main } }'), expected: (f) => [atIn(ID, f, C, 'rules'), atIn(ID, f, C, 'main')] },
  { name: 'A selector that matches nothing at all is left to k8s/label-selector.', files: files('{ role: a }', '{ matchExpressions: [{ key: role, operator: Exists }, { key: role, operator: DoesNotExist }] }'), expected: () => [] },
  { name: 'Without the prometheus-operator target nothing is checked.', files: files('{ role: alert-rules }', '{ matchLabels: { role: rules } }', '[prometheus]'), expected: () => [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect(await findings(files, ID)).toEqual(expected(files));
  });

  it('names the requirement and the labels the PrometheusRules carry', async () => {
    expect(await messages(files('{ role: alert-rules }', '{ matchLabels: { prometheus: main } }'), ID)).toEqual([
      "the ruleSelector requires prometheus=main, which monc's PrometheusRules do not meet (their labels: app.kubernetes.io/managed-by=monc, role=alert-rules), so Prometheus would load none of them: set kubernetes.labels to labels the selector matches",
    ]);
  });
});
