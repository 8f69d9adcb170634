import { describe, expect, it } from 'vitest';
import { compileProject, makeProject } from '../helpers/project.ts';
import { formatMatcher } from '../../src/routing/matchers.ts';

const SERVICE = `kind: Service
name: shop
team: commerce
metrics:
  - name: shop_requests_total
    type: counter
    help: Requests.
    labels: { route: { values: ['/cart', '/pay'] } }
slos:
  - name: requests
    objective: 99.9
    window: 14d
    groupBy: [route]
    sli:
      ratio:
        errors: shop_requests_total{route="/pay"}
        total: shop_requests_total
`;

describe('inhibit rules for the Alertmanager config', () => {
  it('a page of an SLO mutes the tickets of the same SLO and group, and the expansion carries the rule', async () => {
    const { expanded, diagnostics } = await compileProject(makeProject({ 'definitions/shop.yaml': SERVICE }));
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(expanded.inhibitRules.map((rule) => ({ ...rule, origin: undefined, source: rule.source.map(formatMatcher), target: rule.target.map(formatMatcher) }))).toEqual([
      {
        source: ['slo="shop-requests"', 'tier=~"page-1h|page-6h"'],
        target: ['slo="shop-requests"', 'tier=~"ticket-1d|ticket-3d"'],
        equal: ['slo', 'route'],
        description: 'A page for SLO shop-requests mutes its tickets.',
        generated: true,
        origin: undefined,
      },
    ]);
  });
});
