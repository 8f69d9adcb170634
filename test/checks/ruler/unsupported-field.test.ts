/** ruler/unsupported-field: a service's ruler setting reaches a rule file of every selected target that evaluates its rules. */
import { describe, expect, it } from 'vitest';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'ruler/unsupported-field';
const F = 'definitions/shop.yaml';
const CONFIG = 'monc.config.yaml';

/** A service with one alert and the given `ruler:` lines. */
const service = (...ruler: readonly string[]) => `kind: Service
name: shop
team: payments
ruler:
${ruler.map((line) => `  ${line}\n`).join('')}alerts:
  - name: ShopDown
    expr: up{job="shop"} == 0
    for: 5m
    severity: critical
    summary: Shop is down
    runbook: https://runbooks.example.com/shop-down
`;

interface Case {
  readonly name: string;
  readonly ruler: readonly string[];
  readonly config: string;
  /** The ruler lines whose values are reported. */
  readonly reported: readonly string[];
}

/** `check@file:line:column` of the value of the `key: value` line `line` in `text`. */
function valueAt(text: string, line: string): string {
  const before = text.slice(0, text.indexOf(line) + line.indexOf(': ') + 2).split('\n');
  return `${ID}@${F}:${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

const CASES: readonly Case[] = [
  { name: 'Source tenants with the mimir target selected pass.', ruler: ['sourceTenants: [shop, edge]'], config: 'targets: [mimir]\n', reported: [] },
  { name: 'Source tenants without the mimir target are reported at the tenants.', ruler: ['sourceTenants: [shop, edge]'], config: 'targets: [prometheus, thanos]\n', reported: ['sourceTenants: [shop, edge]'] },
  { name: 'Source tenants with the default targets are reported.', ruler: ['sourceTenants: [shop, edge]'], config: '', reported: ['sourceTenants: [shop, edge]'] },
  { name: 'A partial response strategy with the thanos target passes.', ruler: ['partialResponseStrategy: warn'], config: 'targets: [thanos]\n', reported: [] },
  { name: 'A partial response strategy without the thanos target is reported at the strategy.', ruler: ['partialResponseStrategy: warn'], config: 'targets: [prometheus, mimir]\n', reported: ['partialResponseStrategy: warn'] },
  { name: 'A query offset with the prometheus target on Prometheus 2 is reported at the offset.', ruler: ['queryOffset: 1m'], config: 'targets: [prometheus]\n', reported: ['queryOffset: 1m'] },
  { name: 'A query offset with the prometheus target on Prometheus 3 passes.', ruler: ['queryOffset: 1m'], config: 'targets: [prometheus]\nprometheus:\n  version: 3\n', reported: [] },
  { name: 'A query offset with the mimir and thanos targets passes: both write query_offset.', ruler: ['queryOffset: 1m'], config: 'targets: [mimir, thanos]\n', reported: [] },
  { name: 'A query offset is reported when mimir is selected next to the prometheus target on Prometheus 2.', ruler: ['queryOffset: 1m'], config: 'targets: [prometheus, mimir]\n', reported: ['queryOffset: 1m'] },
  { name: 'An evaluation delay with the mimir target alone passes.', ruler: ['evaluationDelay: 30s'], config: 'targets: [mimir]\n', reported: [] },
  { name: 'An evaluation delay with the thanos target is reported at the delay.', ruler: ['evaluationDelay: 30s'], config: 'targets: [mimir, thanos]\n', reported: ['evaluationDelay: 30s'] },
  { name: 'A query offset with the prometheus-operator target passes: its PrometheusRules carry query_offset.', ruler: ['queryOffset: 1m'], config: 'targets: [prometheus-operator]\n', reported: [] },
  { name: 'An evaluation delay with the prometheus-operator target is reported at the delay.', ruler: ['evaluationDelay: 30s'], config: 'targets: [prometheus-operator]\n', reported: ['evaluationDelay: 30s'] },
  { name: 'An evaluation delay with the prometheus target is reported, on Prometheus 3 too.', ruler: ['evaluationDelay: 30s'], config: 'targets: [prometheus, mimir]\nprometheus:\n  version: 3\n', reported: ['evaluationDelay: 30s'] },
  {
    name: 'Every setting is reported once, in file order, when no target writes it.',
    ruler: ['sourceTenants: [shop]', 'queryOffset: 1m', 'evaluationDelay: 30s', 'partialResponseStrategy: abort'],
    config: '',
    reported: ['sourceTenants: [shop]', 'queryOffset: 1m', 'evaluationDelay: 30s', 'partialResponseStrategy: abort'],
  },
  { name: 'A service without ruler settings passes.', ruler: [], config: 'targets: [prometheus, mimir, thanos]\n', reported: [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ ruler, config, reported }) => {
    const text = ruler.length > 0 ? service(...ruler) : service().replace('ruler:\n', '');
    const files = { [F]: text, ...(config !== '' && { [CONFIG]: config }) };
    const found = (await lint(files)).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(reported.map((line) => valueAt(text, line)));
    for (const d of found) expect(d.severity).toBe('warning');
  });

  it.each([
    ['sourceTenants: [shop]', 'targets: [prometheus]\n', 'add mimir to targets, and run Mimir with -tenant-federation.enabled=true and -ruler.tenant-federation.enabled=true'],
    ['partialResponseStrategy: warn', 'targets: [prometheus]\n', 'partialResponseStrategy is for the Thanos ruler, which only the thanos target writes (partial_response_strategy), and it is not selected (targets: prometheus)'],
    ['queryOffset: 1m', 'targets: [prometheus]\n', 'Prometheus and promtool before 2.53 reject the field'],
    ['evaluationDelay: 30s', 'targets: [thanos]\n', 'the thanos target leaves it out, so the rules it writes are evaluated without the delay; write queryOffset instead'],
    ['evaluationDelay: 30s', 'targets: [prometheus, thanos]\n', 'the prometheus and thanos targets leave it out, so the rules they write'],
    ['evaluationDelay: 30s', 'targets: [prometheus, thanos, prometheus-operator]\n', 'the prometheus, thanos and prometheus-operator targets leave it out'],
  ])('says what to do about %s with %s', async (ruler, config, says) => {
    const found = (await lint({ [F]: service(ruler), [CONFIG]: config })).filter((d) => d.check === ID);
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining(says)]);
  });
});
