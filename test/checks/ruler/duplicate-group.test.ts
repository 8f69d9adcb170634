/** ruler/duplicate-group: a team's Mimir namespace never repeats a rule group name. */
import { describe, expect, it } from 'vitest';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'ruler/duplicate-group';
const CONFIG = 'monc.config.yaml';

/** A service with an SLO (groups <name>-slos and <name>-slos-period). */
const withSlo = (name: string, team: string) => `kind: Service
name: ${name}
team: ${team}
metrics:
  - { name: ${name.replaceAll('-', '_')}_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 } } }
slos:
  - name: errors
    objective: 99.9
    sli:
      ratio:
        errors: ${name.replaceAll('-', '_')}_requests_total{code=~"5.."}
        total: ${name.replaceAll('-', '_')}_requests_total
`;

/** A service with one alert (group <name>). */
const withAlert = (name: string, team: string) => `kind: Service
name: ${name}
team: ${team}
alerts:
  - name: Down
    expr: up{job="${name}"} == 0
    severity: warning
    summary: Down
    runbook: https://runbooks.example.com/down
`;

const TEAM = 'targets: [mimir]\nmimir:\n  namespaces: team\nprometheus:\n  retention: 30d\n';

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** `check@file:line:column` of each finding. */
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'A service named like the SLO group of a service of the same team is reported at its name.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/cart-slos.yaml': withAlert('cart-slos', 'shop'), [CONFIG]: TEAM },
    expected: [`${ID}@definitions/cart-slos.yaml:2:7`],
  },
  {
    name: 'A service named like the SLO period group clashes too.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/period.yaml': withAlert('cart-slos-period', 'shop'), [CONFIG]: TEAM },
    expected: [`${ID}@definitions/period.yaml:2:7`],
  },
  {
    name: 'The same services in different teams pass: their namespaces differ.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/cart-slos.yaml': withAlert('cart-slos', 'ops'), [CONFIG]: TEAM },
    expected: [],
  },
  {
    name: 'The same services pass with a namespace per service.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/cart-slos.yaml': withAlert('cart-slos', 'shop'), [CONFIG]: 'targets: [mimir]\nprometheus:\n  retention: 30d\n' },
    expected: [],
  },
  {
    name: 'The same services pass without the mimir target.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/cart-slos.yaml': withAlert('cart-slos', 'shop'), [CONFIG]: 'targets: [prometheus]\nmimir:\n  namespaces: team\nprometheus:\n  retention: 30d\n' },
    expected: [],
  },
  {
    name: 'Services of one team with distinct names pass.',
    files: { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/payment.yaml': withSlo('payment', 'shop'), 'definitions/web.yaml': withAlert('web', 'shop'), [CONFIG]: TEAM },
    expected: [],
  },
  {
    name: 'A service declared twice is left to model/duplicate.',
    files: { 'definitions/a.yaml': withAlert('web', 'shop'), 'definitions/b.yaml': withAlert('web', 'shop'), [CONFIG]: TEAM },
    expected: [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    expect((await lint(files)).filter((d) => d.check === ID).map(where)).toEqual(expected);
  });

  it('names both services, the group and the namespace, and points at the first service', async () => {
    const files = { 'definitions/cart.yaml': withSlo('cart', 'shop'), 'definitions/cart-slos.yaml': withAlert('cart-slos', 'shop'), [CONFIG]: TEAM };
    const found = (await compileFiles(files)).diagnostics.filter((d) => d.check === ID);
    expect(found.map((d) => d.related)).toEqual([[{ file: 'definitions/cart.yaml', line: 2, column: 7, message: 'service "cart" writes the group "cart-slos" first' }]]);
    expect(found.map((d) => d.message)).toEqual([
      'services "cart" and "cart-slos" both write a rule group named "cart-slos" into the Mimir namespace "shop" (mimir.namespaces: team), and mimirtool rejects a namespace that repeats a group name; rename one of the services, or set mimir.namespaces: service',
    ]);
  });
});
