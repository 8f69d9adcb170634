/** load/schema: every definition and monc.config.yaml matches its schema (fields, types, patterns, kind), and every TS alert and recording rule belongs to a service. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'load/schema';
const F = 'definitions/app.yaml';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);

const SERVICE = 'kind: Service\nname: app\nteam: core\n';

/** A service whose alert is written from `fields`, with `omit` left out. */
const withAlert = (overrides: Record<string, string> = {}, omit: readonly string[] = []) => {
  const fields: Record<string, string> = {
    name: 'JobsStalled',
    expr: 'rate(app_jobs_total[5m]) == 0',
    for: '15m',
    severity: 'warning',
    summary: 'no jobs processed',
    runbook: 'https://runbooks.example/jobs-stalled',
    ...overrides,
  };
  const lines = Object.entries(fields)
    .filter(([key]) => !omit.includes(key))
    .map(([key, value], i) => `${i === 0 ? '  - ' : '    '}${key}: ${value}`);
  return `${SERVICE}metrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\nalerts:\n${lines.join('\n')}\n`;
};

const TS_CHECKOUT = (interval: string, alerts = '') =>
  `import { defineAlert, defineService } from 'monc';

export const checkoutDown = defineAlert({
  name: 'CheckoutDown',
  expr: 'up{job="checkout"} == 0',
  for: '5m',
  severity: 'critical',
  summary: '{{ $labels.instance }} is down',
  runbook: 'https://runbooks.example.com/checkout/down',
});

defineService({
  name: 'checkout',
  team: 'payments',
  scrape: { targets: ['checkout-1:8080'], interval: '${interval}' },${alerts}
});
`;

const CASES: readonly Case[] = [
  { name: 'A minimal service passes.', files: { [F]: SERVICE }, expected: () => [] },
  { name: 'A complete alert passes.', files: { [F]: withAlert() }, expected: () => [] },
  { name: 'An empty file and an empty document after a final --- are ignored.', files: { [F]: `---\n${SERVICE}---\n`, 'definitions/empty.yaml': '' }, expected: () => [] },
  { name: 'A valid config passes.', files: { [F]: SERVICE, [CONFIG]: 'prometheus:\n  version: 3\n  scrapeInterval: 15s\ntargets: [prometheus, grafana]\n' }, expected: () => [] },
  { name: 'A TS alert listed in its service passes.', files: { 'definitions/checkout.ts': TS_CHECKOUT('30s', '\n  alerts: [checkoutDown],') }, expected: () => [] },
  { name: 'An unknown property points at its key.', files: { [F]: `${SERVICE}taem: x\n` }, expected: (f) => [inFile(f, 'taem')] },
  { name: 'A missing required property points at the mapping.', files: { [F]: 'kind: Service\nname: app\n' }, expected: (f) => [inFile(f, 'kind')] },
  { name: 'An unknown kind points at the kind value.', files: { [F]: 'kind: Servce\nname: app\n' }, expected: (f) => [inFile(f, 'Servce')] },
  { name: 'A document without a kind is flagged at its start.', files: { [F]: 'metrics:\n  - name: node_load1\n    type: gauge\n    help: 1m load average.\n' }, expected: (f) => [inFile(f, 'metrics')] },
  { name: 'A document that is a list, not a mapping, is flagged at its start.', files: { [F]: '- just\n- a list\n' }, expected: (f) => [inFile(f, '- just')] },
  { name: 'A document that is a plain string is flagged at its start.', files: { [F]: 'hello\n' }, expected: (f) => [inFile(f, 'hello')] },
  { name: 'A bad duration points at the value.', files: { [F]: withAlert({ for: '5 minutes' }) }, expected: (f) => [inFile(f, '5 minutes')] },
  {
    name: 'A schema violation in a nested field points at that field.',
    files: { 'definitions/api.yaml': 'kind: Service\nname: api\nteam: platform\nmetrics:\n  - name: http_requests_total\n    type: counter\n    help: Requests.\n    labels:\n      status: { maxValues: many }\n' },
    expected: (f) => [inFile(f, 'many', 1, 'definitions/api.yaml')],
  },
  {
    name: 'Every schema error of a file is reported, each at its value or key.',
    files: {
      'definitions/checkout.yaml':
        'kind: Service\nname: Checkout\ninstances: two\nmetrics:\n  - name: checkout_requests_total\n    type: count\n    help: HTTP requests served by checkout.\n    labels:\n      http-code: { maxValues: 60 }\nalerts:\n  - name: CheckoutDown\n    expr: up{job="checkout"} == 0\n    for: 5 minutes\n    severity: critical\n    sumary: Checkout is down\n    runbook: https://runbooks.example.com/checkout/down\n',
    },
    expected: (f) => {
      const C = 'definitions/checkout.yaml';
      return [inFile(f, 'kind', 1, C), inFile(f, 'Checkout', 1, C), inFile(f, 'two', 1, C), inFile(f, 'count', 1, C), inFile(f, 'http-code', 1, C), inFile(f, '5 minutes', 1, C), inFile(f, 'sumary', 1, C)];
    },
  },
  ...[
    ['a NUL character', '"a\\0b"'],
    ['300 characters', 'x'.repeat(300)],
    ['a slash', 'ops/prod'],
    ['a Windows-reserved character', '"ops:prod"'],
    ['a trailing dot', 'ops.'],
    ['a leading dot', '.hidden'],
  ].map(([what, folder]): Case => ({
    name: `A dashboard folder with ${what} (it becomes a folder in out/) is flagged at the value.`,
    files: { 'definitions/board.yaml': `kind: Dashboard\nid: board\ntitle: Board\nfolder: ${folder}\nrows:\n  - title: Traffic\n    panels: [{ title: Up, description: Targets up., type: stat, queries: [{ expr: up }] }]\n` },
    expected: (f) => [inFile(f, String(folder).slice(0, 4), 1, 'definitions/board.yaml')],
  })),
  { name: 'A dashboard folder with spaces and accents passes.', files: { 'definitions/board.yaml': 'kind: Dashboard\nid: board\ntitle: Board\nfolder: Équipe paiements (prod)\nrows:\n  - title: Traffic\n    panels: [{ title: Up, description: Targets up., type: stat, queries: [{ expr: up }] }]\n' }, expected: () => [] },
  {
    name: 'A service name over 63 characters (it becomes file names in out/) is flagged at the value.',
    files: { [F]: `kind: Service\nname: ${'a'.repeat(64)}\nteam: core\n` },
    expected: (f) => [inFile(f, 'aaaa')],
  },
  { name: 'A duration over Go\'s 292 years is flagged at the value.', files: { [F]: withAlert({ for: '300000y' }) }, expected: (f) => [inFile(f, '300000y')] },
  { name: 'Duration units out of order are flagged at the value.', files: { [F]: withAlert({ for: '5m1h' }) }, expected: (f) => [inFile(f, '5m1h')] },
  { name: 'An SLO window over 292 years is flagged at the value.', files: { [F]: `${SERVICE}slos:\n  - name: forever\n    objective: 99\n    window: 20000w\n    sli: { availability: { up: up } }\n` }, expected: (f) => [inFile(f, '20000w')] },
  ...[
    ['a group_by label that is not a label name', 'groupBy: ["a-b"]', '"a-b"', 'route.groupBy.0: "a-b" is not a label name: letters, digits and _, not starting with a digit (or ... for every label)'],
    ['a group_by label starting with a digit', 'groupBy: ["012"]', '"012"', 'route.groupBy.0: "012" is not a label name: letters, digits and _, not starting with a digit (or ... for every label)'],
    ['a zero repeat interval', 'repeatInterval: 0s', '0s', 'route.repeatInterval: must not be zero'],
    ['a zero group interval', 'groupInterval: 0m0s', '0m0s', 'route.groupInterval: must not be zero'],
  ].map(([what, setting = '', needle = '', message = '']): Case => ({
    name: `A route with ${what} is flagged at the value: ${message}`,
    files: { [F]: SERVICE, 'definitions/routing.yaml': `kind: Routing\nroute:\n  receiver: hook\n  ${setting}\nreceivers:\n  - { name: hook, webhook: [{ url: 'http://127.0.0.1:9/x' }] }\n` },
    expected: (f) => [inFile(f, needle, 1, 'definitions/routing.yaml')],
  })),
  { name: 'A route with group_by [...] and a zero group wait passes.', files: { [F]: SERVICE, 'definitions/routing.yaml': "kind: Routing\nroute:\n  receiver: hook\n  groupBy: ['...']\n  groupWait: 0s\nreceivers:\n  - { name: hook, webhook: [{ url: 'http://127.0.0.1:9/x' }] }\n" }, expected: () => [] },
  { name: 'An unknown config property points at its key.', files: { [F]: SERVICE, [CONFIG]: 'prometheus:\n  scrapeIntervall: 15s\n' }, expected: (f) => [inFile(f, 'scrapeIntervall', 1, CONFIG)] },
  { name: 'A bad duration in the config points at the value.', files: { [F]: SERVICE, [CONFIG]: 'prometheus:\n  scrapeInterval: often\n' }, expected: (f) => [inFile(f, 'often', 1, CONFIG)] },
  {
    name: 'A config version outside 2 and 3 and a snake_case key are both flagged.',
    files: { [F]: SERVICE, [CONFIG]: 'prometheus:\n  version: 3.1\n  scrape_interval: 30s\n' },
    expected: (f) => [inFile(f, '3.1', 1, CONFIG), inFile(f, 'scrape_interval', 1, CONFIG)],
  },
  { name: 'A check setting that is not off, error, warning or info is flagged at the value.', files: { [F]: SERVICE, [CONFIG]: 'checks:\n  alert/for: ignore\n' }, expected: (f) => [inFile(f, 'ignore', 1, CONFIG)] },
  { name: 'An unknown output target in the config is flagged at the target.', files: { [F]: SERVICE, [CONFIG]: 'targets: [prometheus, grafna]\n' }, expected: (f) => [inFile(f, 'grafna', 1, CONFIG)] },
  {
    name: 'A TS alert that no service lists, and a bad TS duration, are flagged.',
    files: { 'definitions/checkout.ts': TS_CHECKOUT('30 s') },
    expected: (f) => [inFile(f, '{\n  name', 1, 'definitions/checkout.ts'), inFile(f, "'30 s'", 1, 'definitions/checkout.ts')],
  },
  {
    name: 'A TS file with a type error gets no schema errors on top of it.',
    files: { 'definitions/web.ts': "import { defineService } from 'monc';\n\ndefineService({\n  name: 'web',\n  team: 'frontend',\n  instances: 'three',\n  scrape: { targets: ['web:80'], interval: '30 s' },\n});\n" },
    expected: () => [],
  },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, expected }) => {
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it('says in words what a duration, a label name or a time of day must be', async () => {
    const messages = async (files: Files) => (await lint(files)).filter((d) => d.check === ID).map((d) => d.message);
    const routing = (setting: string) => ({ [F]: SERVICE, 'definitions/routing.yaml': `kind: Routing\nroute:\n  receiver: hook\n  ${setting}\nreceivers:\n  - { name: hook, webhook: [{ url: 'http://127.0.0.1:9/x' }] }\n` });
    expect(await messages(routing('repeatInterval: 0s'))).toEqual(['route.repeatInterval: must not be zero']);
    expect(await messages(routing('groupBy: ["a-b"]'))).toEqual(['route.groupBy.0: "a-b" is not a label name: letters, digits and _, not starting with a digit (or ... for every label)']);
    expect(await messages(routing('repeatInterval: 1h5m1h'))).toEqual(['route.repeatInterval: "1h5m1h" is not a Prometheus duration; write e.g. 30s, 5m, 1h30m or 1d (units y, w, d, h, m, s, ms, largest first, each once)']);
  });

  it('starts each message with the path to the value', async () => {
    const messages = async (files: Files) => (await lint(files)).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages({ [F]: withAlert({ for: '5 minutes', sumary: 'x' }, ['summary']) })).toEqual([
      'alerts.0.for: "5 minutes" is not a Prometheus duration; write e.g. 30s, 5m, 1h30m or 1d (units y, w, d, h, m, s, ms, largest first, each once)',
      'alerts.0: unknown property "sumary"; did you mean "summary"?',
    ]);
    expect(await messages({ [F]: 'kind: Service\nname: app\n' })).toEqual(['missing required property "team"']);
    expect(await messages({ [F]: 'metrics: []\n' })).toEqual(['kind must be one of "Service", "Metrics", "Routing", "Dashboard"; add e.g. "kind: Service"']);
    expect(await messages({ [F]: '- a list\n' })).toEqual(['a definitions document must be a mapping with a kind']);
    expect(await messages({ [F]: SERVICE, [CONFIG]: 'targets: [prometheus, grafna]\n' })).toEqual([
      'targets.1: unknown target "grafna"; did you mean "grafana"? (targets: prometheus, alertmanager, grafana, docs, prometheus-operator, mimir, thanos)',
    ]);
    expect(await messages({ 'definitions/checkout.ts': TS_CHECKOUT('30s') })).toEqual(["this alert belongs to no service; list it in a service's alerts"]);
  });
});
