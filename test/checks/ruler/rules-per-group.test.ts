/** ruler/rules-per-group: with the mimir target, no rule group has more rules than the tenant's ruler_max_rules_per_rule_group. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'ruler/rules-per-group';
const F = 'definitions/shop.yaml';
const CONFIG = 'monc.config.yaml';

const alert = (i: number) => `  - name: ShopAlert${i}
    expr: up{job="shop"} == ${i}
    severity: warning
    summary: Shop alert ${i}
    runbook: https://runbooks.example.com/shop
`;

const recordingRule = (i: number) => `  - record: job:shop_up:sum${i}
    expr: sum by (job) (up{job="shop"})
`;

/** An SLO of its own window: each adds 6 rules to the service's SLO group. */
const slo = (i: number) => `  - name: errors-${i}
    objective: 99.9
    sli:
      ratio:
        errors: shop_requests_total{code=~"5.."}
        total: shop_requests_total
`;

/** A service with `alerts` alerts, `records` recording rules and `slos` SLOs. */
const service = ({ alerts = 0, records = 0, slos = 0 }) => `kind: Service
name: shop
team: payments
metrics:
  - { name: shop_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 } } }
${records > 0 ? `recordingRules:\n${Array.from({ length: records }, (_, i) => recordingRule(i)).join('')}` : ''}${alerts > 0 ? `alerts:\n${Array.from({ length: alerts }, (_, i) => alert(i)).join('')}` : ''}${slos > 0 ? `slos:\n${Array.from({ length: slos }, (_, i) => slo(i)).join('')}` : ''}`;

const MIMIR = 'targets: [mimir]\nprometheus:\n  retention: 30d\n';

interface Case {
  readonly name: string;
  readonly service: string;
  readonly config: string;
  /** The keys reported, each as `key:` in the service file, and the group's name and size in its message. */
  readonly reported: readonly (readonly [key: string, group: string, rules: number])[];
}

const CASES: readonly Case[] = [
  { name: 'A group of 20 rules passes Mimir\'s default limit.', service: service({ alerts: 20 }), config: MIMIR, reported: [] },
  { name: 'A group of 21 alerts is reported at alerts.', service: service({ alerts: 21 }), config: MIMIR, reported: [['alerts:', 'shop', 21]] },
  { name: 'Recording rules and alerts count together, reported at recordingRules.', service: service({ records: 11, alerts: 10 }), config: MIMIR, reported: [['recordingRules:', 'shop', 21]] },
  { name: 'Three SLOs (18 rules in the SLO group) pass.', service: service({ slos: 3 }), config: MIMIR, reported: [] },
  { name: 'Four SLOs (24 rules in the SLO group) are reported at slos.', service: service({ slos: 4 }), config: MIMIR, reported: [['slos:', 'shop-slos', 24]] },
  { name: 'A raised limit in the config lets the group pass.', service: service({ slos: 4 }), config: `${MIMIR}mimir:\n  maxRulesPerGroup: 30\n`, reported: [] },
  { name: 'A lower limit in the config applies to every group.', service: service({ alerts: 6, slos: 1 }), config: `${MIMIR}mimir:\n  maxRulesPerGroup: 5\n`, reported: [['alerts:', 'shop', 6], ['slos:', 'shop-slos', 6]] },
  { name: 'A limit of 0 is no limit.', service: service({ alerts: 50 }), config: `${MIMIR}mimir:\n  maxRulesPerGroup: 0\n`, reported: [] },
  { name: 'Without the mimir target nothing is reported.', service: service({ alerts: 21 }), config: 'targets: [prometheus, thanos]\n', reported: [] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ service: text, config, reported }) => {
    const found = (await lint({ [F]: text, [CONFIG]: config })).filter((d) => d.check === ID);
    expect(found.map(where)).toEqual(reported.map(([key]) => at(ID, F, text, key)));
    const limit = /maxRulesPerGroup: (\d+)/.exec(config)?.[1] ?? '20';
    expect(found.map((d) => d.message)).toEqual(
      reported.map(([, group, rules]) => expect.stringContaining(`rule group "${group}" has ${rules} rules, more than the ${limit} Mimir takes in one group`)),
    );
  });
});
