import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.ts';
import { readConfig, readDefinitions } from '../../src/io/sources.ts';
import { typeScriptEvaluator } from '../../src/io/ts-definitions.ts';
import { makeProject } from '../helpers/project.ts';

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
  it('a page of an SLO mutes the tickets of the same SLO and group, and the model carries the rule', async () => {
    const dir = makeProject({ 'definitions/shop.yaml': SERVICE });
    const sources = await readDefinitions(dir, 'definitions');
    const { model, diagnostics } = await compile({ definitionsDir: 'definitions', sources, config: await readConfig(dir), evaluateTs: typeScriptEvaluator(dir, sources) });
    expect(diagnostics).toEqual([]);
    expect(model.inhibitRules.map(({ origin: _origin, ...rule }) => rule)).toEqual([
      {
        source: { alertname: 'ShopRequestsFastBurn', slo: 'shop-requests' },
        target: { alertname: 'ShopRequestsSlowBurn', slo: 'shop-requests' },
        equal: ['slo', 'route'],
        reason: 'a page for SLO shop-requests mutes its tickets',
      },
    ]);
  });
});
