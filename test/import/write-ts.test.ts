/**
 * The TypeScript monc import writes: what a person would write in a monc project, the same
 * every time, every string and key as it was (run by JavaScript and loaded by monc), and
 * suppressions that silence what the YAML ones silence.
 */
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { writeTs } from '../../src/import/write-ts.ts';
import { writeYaml } from '../../src/import/write-yaml.ts';
import type { WrittenDefinition } from '../../src/import/written-definition.ts';
import { compileProject, makeProject } from '../helpers/project.ts';
import { SERVICE } from '../helpers/written-service.ts';

const comments = new Map([
  ['alerts.0', ['from rules/checkout.yml:12']],
  ['alerts.0.summary', ['monc-disable-next-line catalog/template-label -- the expression keeps no instance']],
  ['recordingRules.0', ['from rules/checkout.yml:5']],
]);

const service = (spec: object = SERVICE) => writeTs({ kind: 'Service', spec, comments }, { header: ['Imported by monc import from rules/checkout.yml.'] });

/** Runs a written file as JavaScript (TypeScript's own transpiler, no syntax error allowed) and returns what it passed to monc's define*() calls. */
function evaluate(text: string): { call: string; spec: unknown; exported?: string }[] {
  const { outputText, diagnostics } = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
  expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const calls: { call: string; spec: unknown; exported?: string }[] = [];
  const record = (call: string) => (spec: unknown) => {
    calls.push({ call, spec });
    return spec;
  };
  const monc = { defineService: record('defineService'), defineMetric: record('defineMetric'), defineRouting: record('defineRouting') };
  const exports: Record<string, unknown> = {};
  new Function('require', 'exports', outputText)((name: string) => (name === 'monc' ? monc : undefined), exports);
  for (const [name, value] of Object.entries(exports)) {
    const call = calls.find((c) => c.spec === value);
    if (call) call.exported = name;
  }
  return calls;
}

describe('the TypeScript monc import writes', () => {
  it('is the define call a person would write: the header, the import from monc, the keys in the order of the docs, comments above the parts', () => {
    expect(service()).toBe(`// Imported by monc import from rules/checkout.yml.

import { defineService } from 'monc';

defineService({
  name: 'checkout',
  team: 'payments',
  recordingRules: [
    {
      // from rules/checkout.yml:5
      record: 'job:checkout_requests:rate5m',
      expr: 'sum by (job) (rate(checkout_requests_total[5m]))',
    },
  ],
  alerts: [
    {
      // from rules/checkout.yml:12
      name: 'CheckoutHighErrorRate',
      expr: \`sum(rate(checkout_requests_total{code=~"5.."}[5m]))
  / sum(rate(checkout_requests_total[5m])) > 0.05
\`,
      for: '5m',
      severity: 'critical',
      // monc-disable-next-line catalog/template-label -- the expression keeps no instance
      summary: '{{ $labels.instance }} fails',
      labels: { component: 'api', priority: '1' },
      annotations: { dashboard: 'https://grafana.example.com/d/checkout' },
    },
  ],
});
`);
  });

  it('declares each metric with an exported defineMetric named after it, its comments above its first key, label domains inline as in YAML', () => {
    const metrics = {
      metrics: [
        { labels: { method: { values: ['GET', 'on'] }, code: { description: 'Values seen: 500' } }, exporter: 'checkout', help: 'Requests.', type: 'counter', name: 'checkout_requests_total' },
        { type: 'gauge', name: 'checkout_queue_depth' },
      ],
    };
    const notes = new Map([
      ['metrics.0', ['inferred from rules/checkout.yml:5: a counter because rate() reads it']],
      ['metrics.0.labels.method', ['only the values the rules name: add the others it takes']],
    ]);
    expect(writeTs({ kind: 'Metrics', spec: metrics, comments: notes }, { header: ['The metrics the rules select.', '', 'Confirm them.'] })).toBe(`// The metrics the rules select.
//
// Confirm them.

import { defineMetric } from 'monc';

export const checkoutRequestsTotal = defineMetric({
  // inferred from rules/checkout.yml:5: a counter because rate() reads it
  name: 'checkout_requests_total',
  type: 'counter',
  help: 'Requests.',
  exporter: 'checkout',
  labels: {
    // only the values the rules name: add the others it takes
    method: { values: ['GET', 'on'] },
    code: { description: 'Values seen: 500' },
  },
});

export const checkoutQueueDepth = defineMetric({
  name: 'checkout_queue_depth',
  type: 'gauge',
});
`);
  });

  it.each([
    ['node_cpu_seconds_total', 'nodeCpuSecondsTotal'],
    ['HTTP_requests_total', 'httpRequestsTotal'],
    ['job:http_requests:rate5m', 'jobHttpRequestsRate5m'],
    ['_5xx_total', 'metric5xxTotal'],
    ['delete', 'deleteMetric'],
    ['define_metric', 'defineMetric2'],
  ])('names the metric %s %s, a const that neither clashes with a keyword nor with defineMetric', (name, exported) => {
    const text = writeTs({ kind: 'Metrics', spec: { metrics: [{ name, type: 'gauge' }] }, comments: new Map() }, { header: [] });
    expect(evaluate(text)).toEqual([{ call: 'defineMetric', spec: { name, type: 'gauge' }, exported }]);
  });

  it('gives metrics whose names read alike distinct names', () => {
    const names = ['a_b', 'a:b', 'aB'];
    const text = writeTs({ kind: 'Metrics', spec: { metrics: names.map((name) => ({ name, type: 'gauge' })) }, comments: new Map() }, { header: [] });
    expect(evaluate(text).map((call) => call.exported)).toEqual(['aB', 'aB2', 'aB3']);
  });

  it('writes a routing with the parts YAML writes inline on one line, lists and maps that fit in 100 columns and nest two deep on one line, and the rest one entry per line', () => {
    const routing = {
      route: {
        receiver: 'team-email',
        groupBy: ['alertname', 'cluster'],
        routes: [
          { receiver: 'pager', severity: 'critical', continue: true },
          { receiver: 'slack', matchers: ['service=~"checkout|payments"'], muteTimeIntervals: ['maintenance'] },
        ],
      },
      receivers: [{ name: 'team-email', email: [{ to: 'team@example.com' }] }, { name: 'pager' }, { name: 'slack' }],
      timeIntervals: [{ name: 'maintenance', intervals: [{ times: [{ start: '02:00', end: '04:00' }], weekdays: ['sunday'], location: 'Europe/Berlin' }] }],
    };
    const notes = new Map([
      ['route', ['from alertmanager.yml:9']],
      ['route.routes.1', ['from alertmanager.yml:18']],
    ]);
    expect(writeTs({ kind: 'Routing', spec: routing, comments: notes }, { header: [] })).toBe(`import { defineRouting } from 'monc';

defineRouting({
  // from alertmanager.yml:9
  route: {
    receiver: 'team-email',
    groupBy: ['alertname', 'cluster'],
    routes: [
      { receiver: 'pager', severity: 'critical', continue: true },
      {
        // from alertmanager.yml:18
        receiver: 'slack',
        matchers: ['service=~"checkout|payments"'],
        muteTimeIntervals: ['maintenance'],
      },
    ],
  },
  receivers: [
    {
      name: 'team-email',
      email: [{ to: 'team@example.com' }],
    },
    { name: 'pager' },
    { name: 'slack' },
  ],
  timeIntervals: [
    {
      name: 'maintenance',
      intervals: [
        {
          times: [{ start: '02:00', end: '04:00' }],
          weekdays: ['sunday'],
          location: 'Europe/Berlin',
        },
      ],
    },
  ],
});
`);
  });

  it.each([
    ['plain text', "'plain text'"],
    ["a single quote: it's", `"a single quote: it's"`],
    ['double quotes: say "hi"', `'double quotes: say "hi"'`],
    [`both: it's "x"`, `'both: it\\'s "x"'`],
    ['a backslash: \\d+\\.\\d', "'a backslash: \\\\d+\\\\.\\\\d'"],
    ['a backtick ` and ${job}', "'a backtick ` and ${job}'"],
    ['a tab\there', "'a tab\\there'"],
    ['a carriage return\r', "'a carriage return\\r'"],
    ['one line and its line break\n', "'one line and its line break\\n'"],
    ['controls \u0000 \u0001 \u007f \u2028 \u2029 \ufeff', "'controls \\u0000 \\u0001 \\u007f \\u2028 \\u2029 \\ufeff'"],
    ['a lone surrogate \ud800', "'a lone surrogate \\ud800'"],
    ['unicode: é — 日本 🚀', "'unicode: é — 日本 🚀'"],
    ['two\nlines', '`two\nlines`'],
    ['a ` backtick\nand ${job} and $ and {', '`a \\` backtick\nand \\${job} and $ and {`'],
    ['a \\ backslash\nand \\` both', '`a \\\\ backslash\nand \\\\\\` both`'],
    ['windows\r\nline\r\nbreaks', '`windows\\r\nline\\r\nbreaks`'],
    ['\ttabs stay\n\tas they are', '`\ttabs stay\n\tas they are`'],
    ['a line separator\u2028in\nlines', '`a line separator\\u2028in\nlines`'],
  ])('writes %j as the literal %s, which JavaScript reads back as the same text', (text, literal) => {
    const written = writeTs({ kind: 'Service', spec: { name: 'checkout', team: 'payments', description: text }, comments: new Map() }, { header: [] });
    expect(written).toContain(`  description: ${literal},\n`);
    expect(evaluate(written)).toEqual([{ call: 'defineService', spec: { name: 'checkout', team: 'payments', description: text } }]);
  });

  it.each([
    ['le', 'le'],
    ['$labels', '$labels'],
    ['_private', '_private'],
    ['runbook.url', "'runbook.url'"],
    ['app.kubernetes.io/name', "'app.kubernetes.io/name'"],
    ['dashed-key', "'dashed-key'"],
    ['0', "'0'"],
    ['with space', "'with space'"],
    ["it's", `"it's"`],
    ['__proto__', "['__proto__']"],
  ])('writes the key %j as %s, and JavaScript reads it back as an own key', (key, written) => {
    const spec = { name: 'checkout', team: 'payments', alerts: [{ name: 'A', expr: 'up == 0', annotations: Object.fromEntries([[key, 'x']]) }] };
    const text = writeTs({ kind: 'Service', spec, comments: new Map() }, { header: [] });
    expect(text).toContain(`annotations: { ${written}: 'x' }`);
    const loaded = evaluate(text)[0]?.spec as typeof spec | undefined;
    const annotations = loaded?.alerts[0]?.annotations ?? {};
    expect(Object.keys(annotations)).toEqual([key]);
    expect(Object.getPrototypeOf(annotations)).toBe(Object.prototype);
  });

  it('writes numbers, booleans and nested lists as JavaScript reads them back', () => {
    const spec = { name: 'checkout', team: 'payments', metrics: [{ name: 'latency_seconds', type: 'histogram', buckets: [0.005, 0.1, 1, 2.5, 1e21, -0], native: false }] };
    const text = writeTs({ kind: 'Service', spec, comments: new Map() }, { header: [] });
    expect(text).toContain('buckets: [0.005, 0.1, 1, 2.5, 1e+21, -0],');
    expect(text).toContain('native: false,');
    expect(evaluate(text)[0]?.spec).toEqual(spec);
  });

  it('writes a comment line break as a comment line of its own, and a part with a comment inside one entry per line', () => {
    const notes = new Map([['alerts.0.labels.severity', ['kept as it is:', 'severity "page\nnow"']]]);
    const spec = { name: 'checkout', team: 'payments', alerts: [{ name: 'A', expr: 'up == 0', labels: { severity: 'page' } }] };
    const text = writeTs({ kind: 'Service', spec, comments: notes }, { header: [] });
    expect(text).toContain(`      labels: {
        // kept as it is:
        // severity "page
        // now"
        severity: 'page',
      },
`);
    expect(evaluate(text)[0]?.spec).toEqual(spec);
  });

  it('writes a long list one item per line, and a short one on one line', () => {
    const spec = { name: 'checkout', team: 'payments', alerts: [{ name: 'A', expr: 'up == 0', labels: { a: 'x'.repeat(40), b: 'y'.repeat(40) }, annotations: { c: 'z' } }] };
    const text = writeTs({ kind: 'Service', spec, comments: new Map() }, { header: [] });
    expect(text).toContain(`      labels: {\n        a: '${'x'.repeat(40)}',\n        b: '${'y'.repeat(40)}',\n      },\n      annotations: { c: 'z' },\n`);
  });

  it('is the same for the same definitions, whatever order their keys were built in', () => {
    const reversed = Object.fromEntries(Object.entries(SERVICE).reverse());
    expect(service(reversed)).toBe(service());
    expect(service()).toBe(service());
  });
});

describe('monc loads the TypeScript monc import writes', () => {
  const TRICKY = {
    quotes: `it's "quoted"`,
    backslashes: 'a\\b \\d+ \\\\',
    template: '`x` ${job} $ {',
    lines: 'first `line`\n  second ${line} \\n\r\nthird\n',
    unicode: 'é — 日本 🚀 \u2028 \u0007',
  };
  const spec = {
    name: 'checkout',
    team: 'payments',
    alerts: [
      {
        name: 'CheckoutDown',
        expr: 'sum by (job) (up{job="checkout"})\n  == 0',
        severity: 'critical',
        summary: '{{ $labels.job }} is down',
        labels: { 'runbook_key': 'x', le: '1' },
        annotations: TRICKY,
      },
      // monc asks for a severity and one alert per name: silenced, as the import does.
      { name: 'CheckoutDown', expr: 'up{job="checkout"} == 0' },
      { name: 'CheckoutSlow', expr: 'sum by (job) (up{job="checkout"}) < 1', severity: 'page', summary: 'slow on {{ $labels.instance }}' },
    ],
  };
  const notes = new Map([
    ['alerts.1', ['monc-disable-next-line model/duplicate, alert/severity -- as in the source']],
    ['alerts.2.severity', ['monc-disable-next-line alert/severity -- as in the source']],
    ['alerts.2.summary', ['monc-disable-next-line catalog/template-label -- as in the source']],
  ]);
  const definition: WrittenDefinition = { kind: 'Service', spec, comments: notes };

  it('type-checks it against the monc API, loads every string as it was written, and its suppressions silence what the YAML ones silence', async () => {
    const tsDir = makeProject({ 'package.json': '{}\n', 'definitions/checkout.ts': writeTs(definition, { header: [] }) });
    const yamlDir = makeProject({ 'package.json': '{}\n', 'definitions/checkout.yaml': writeYaml(definition, { schemaDir: '../schemas', header: [] }) });
    const [fromTs, fromYaml] = await Promise.all([compileProject(tsDir), compileProject(yamlDir)]);
    expect(fromTs.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.check} ${d.line}:${d.column} ${d.message}`)).toEqual([]);
    expect(fromTs.model.alerts.map((alert) => alert.annotations)).toEqual([TRICKY, {}, {}]);
    expect(fromTs.model.alerts.map((alert) => alert.expr.text)).toEqual(fromYaml.model.alerts.map((alert) => alert.expr.text));
    expect(fromTs.model.alerts[0]?.expr.text).toBe(`${spec.alerts[0]?.expr}\n`);
    const checks = (diagnostics: typeof fromTs.diagnostics) => diagnostics.map((d) => d.check).sort();
    expect(checks(fromTs.diagnostics)).toEqual(checks(fromYaml.diagnostics));
    for (const silenced of ['model/duplicate', 'alert/severity', 'catalog/template-label', 'config/unused-suppression']) {
      expect(checks(fromTs.diagnostics)).not.toContain(silenced);
    }
  });
});
