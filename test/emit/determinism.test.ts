/**
 * Output rule: the same definitions in any file order give a byte-identical out/. Projects
 * are created with their files written in different orders, services are listed in different
 * orders, map keys are written in different orders, and compile() gets its sources shuffled;
 * YAML and TS definitions (with imports between TS files) are mixed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type SourceInput } from '../../src/compile.ts';
import { readDefinitions } from '../../src/io/sources.ts';
import { typeScriptEvaluator } from '../../src/io/ts-definitions.ts';
import { makeProject, runCli, writeFiles, type Files } from '../helpers/project.ts';

const API_YAML = `kind: Service
name: api
team: platform
scrape:
  targets: ['api-2:9090', 'api-1:9090']
metrics:
  - name: api_http_requests_total
    type: counter
    help: HTTP requests.
    labels:
      code: { values: ['2xx', '5xx'] }
      method: { values: [GET, POST] }
recordingRules:
  - record: job_code:api_http_requests:rate5m
    expr: sum by (job, code) (rate(api_http_requests_total[5m]))
    labels:
      tier: backend
      owner: platform
alerts:
  - name: ApiErrors
    expr: |
      sum by (job) (job_code:api_http_requests:rate5m{code="5xx"})
        / sum by (job) (job_code:api_http_requests:rate5m) > 0.05
    for: 5m
    severity: critical
    summary: '{{ $labels.job }} errors'
    description: |
      Error ratio is {{ $value | humanizePercentage }}.
    runbook: https://runbooks.example/api-errors
    labels:
      paging: on
      area: edge
    annotations:
      zeta: last
      alpha: first
`;

const SHARED_METRICS_YAML = `kind: Metrics
metrics:
  - name: node_cpu_seconds_total
    type: counter
    help: CPU time.
    labels:
      mode: { values: [idle, user, system] }
`;

const BATCH_AND_QUEUE_YAML = `kind: Service
name: queue
team: data
scrape:
  targets: ['queue-1:9100']
alerts:
  - name: QueueDown
    expr: up{job="queue"} == 0
    for: 5m
    severity: warning
    summary: queue down
    runbook: https://runbooks.example/queue-down
---
kind: Service
name: batch
team: data
alerts:
  - name: BatchCpu
    expr: sum(rate(node_cpu_seconds_total{mode!="idle"}[5m])) > 4
    for: 30m
    severity: info
    summary: batch hosts are busy
    runbook: https://runbooks.example/batch-cpu
`;

const CATALOG_TS = `import { defineMetric } from 'monc';

export const pageViews = defineMetric({
  name: 'web_page_views_total',
  type: 'counter',
  help: 'Page views.',
  labels: { page: { values: ['home', 'checkout'] } },
});

export const sessions = defineMetric({
  name: 'web_active_sessions',
  type: 'gauge',
  help: 'Open sessions.',
});
`;

const WEB_TS = `import { defineService } from 'monc';
import { pageViews, sessions } from './z-catalog.ts';

defineService({
  name: 'web',
  team: 'frontend',
  scrape: { targets: ['web-1:8080'] },
  metrics: [pageViews, sessions],
  recordingRules: [{ record: 'page:web_page_views:rate5m', expr: \`sum by (page) (rate(\${pageViews.where({}).over('5m')}))\` }],
  alerts: [
    {
      name: 'CheckoutSilent',
      expr: \`sum(rate(\${pageViews.where({ page: 'checkout' }).over('15m')})) == 0\`,
      for: '15m',
      severity: 'critical',
      summary: 'Nobody reached checkout',
      runbook: 'https://runbooks.example/checkout',
      labels: { enabled: 'yes', area: 'shop' },
    },
    {
      name: 'NoSessions',
      expr: \`sum(\${sessions}) == 0\`,
      for: '10m',
      severity: 'warning',
      summary: 'No open sessions',
      runbook: 'https://runbooks.example/sessions',
    },
  ],
});
`;

const ADMIN_TS = `import { defineService } from 'monc';
import { sessions } from './z-catalog.ts';

defineService({
  name: 'admin',
  team: 'frontend',
  alerts: [
    {
      name: 'TooManySessions',
      expr: \`sum(\${sessions.where({ job: 'web' })}) > 10000\`,
      for: '5m',
      severity: 'info',
      summary: 'Session count is high',
      runbook: 'https://runbooks.example/too-many-sessions',
    },
  ],
});
`;

/** YAML and TS, TS files importing a catalog that sorts after them. */
const PROJECT: Files = {
  'definitions/api.yaml': API_YAML,
  'definitions/shared/metrics.yaml': SHARED_METRICS_YAML,
  'definitions/data.yaml': BATCH_AND_QUEUE_YAML,
  'definitions/admin.ts': ADMIN_TS,
  'definitions/web.ts': WEB_TS,
  'definitions/z-catalog.ts': CATALOG_TS,
};

const EXPECTED_FILES = [
  '.monc-manifest.json',
  'docs/README.md',
  'docs/alerts.md',
  'docs/metrics.md',
  'docs/services/admin.md',
  'docs/services/api.md',
  'docs/services/batch.md',
  'docs/services/queue.md',
  'docs/services/web.md',
  'prometheus/prometheus.yml',
  'prometheus/rules/admin.yml',
  'prometheus/rules/api.yml',
  'prometheus/rules/batch.yml',
  'prometheus/rules/queue.yml',
  'prometheus/rules/web.yml',
];

/** A small seeded PRNG (mulberry32), so every shuffle is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A project whose files are created one by one, in the given order. */
function projectInOrder(files: Files, order: readonly string[]): string {
  const dir = makeProject({});
  for (const file of order) {
    const content = files[file];
    if (content === undefined) throw new Error(`no file ${file}`);
    writeFiles(dir, { [file]: content });
  }
  return dir;
}

/** Every file below out/, path → content. */
function outFiles(dir: string): Record<string, string> {
  const out = path.join(dir, 'out');
  const files: Record<string, string> = {};
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(out, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function build(dir: string): Promise<Record<string, string>> {
  const result = await runCli(dir, ['build']);
  expect(result.code, result.stderr).toBe(0);
  return outFiles(dir);
}

async function compileShuffled(dir: string, seed: number): Promise<Record<string, string>> {
  const sources: SourceInput[] = shuffle(await readDefinitions(dir, 'definitions'), seed);
  const result = await compile({ definitionsDir: 'definitions', sources, evaluateTs: typeScriptEvaluator(dir, sources) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(result.artifacts.map((a) => [a.path, a.content]));
}

let reference: Record<string, string> | undefined;
async function referenceOut(): Promise<Record<string, string>> {
  reference ??= await build(makeProject(PROJECT));
  return reference;
}

describe('the same definitions give byte-identical out/ in any order', () => {
  it('builds the reference project into one file per service with rules', async () => {
    expect(Object.keys(await referenceOut())).toEqual(EXPECTED_FILES);
  });

  const names = Object.keys(PROJECT);
  const orders = [
    { name: 'in reverse order', order: [...names].reverse() },
    { name: 'TS files first', order: [...names.filter((f) => f.endsWith('.ts')), ...names.filter((f) => !f.endsWith('.ts'))] },
    { name: 'shuffled (seed 1)', order: shuffle(names, 1) },
    { name: 'shuffled (seed 2)', order: shuffle(names, 2) },
  ];

  it.each(orders)('builds the same bytes when the files are created $name', async ({ order }) => {
    expect(await build(projectInOrder(PROJECT, order))).toEqual(await referenceOut());
  });

  it('builds the same bytes when the services of a multi-document file are listed in the other order', async () => {
    const [queue, batch] = BATCH_AND_QUEUE_YAML.split('---\n');
    const swapped = { ...PROJECT, 'definitions/data.yaml': `${batch ?? ''}---\n${queue ?? ''}` };
    expect(swapped['definitions/data.yaml']).not.toBe(PROJECT['definitions/data.yaml']);
    expect(await build(makeProject(swapped))).toEqual(await referenceOut());
  });

  it('builds the same bytes when labels, annotations and label domains are written in another key order', async () => {
    const reordered = API_YAML.replace('      tier: backend\n      owner: platform\n', '      owner: platform\n      tier: backend\n')
      .replace('      paging: on\n      area: edge\n', '      area: edge\n      paging: on\n')
      .replace('      zeta: last\n      alpha: first\n', '      alpha: first\n      zeta: last\n')
      .replace("      code: { values: ['2xx', '5xx'] }\n      method: { values: [GET, POST] }\n", "      method: { values: [GET, POST] }\n      code: { values: ['2xx', '5xx'] }\n")
      .replace('    for: 5m\n    severity: critical\n', '    severity: critical\n    for: 5m\n');
    expect(reordered).not.toBe(API_YAML);
    expect(await build(makeProject({ ...PROJECT, 'definitions/api.yaml': reordered }))).toEqual(await referenceOut());
  });

  it('builds the same bytes when the TS services are declared in one file in the other order', async () => {
    const [, adminBody] = ADMIN_TS.split("import { sessions } from './z-catalog.ts';\n");
    const [, webBody] = WEB_TS.split("import { pageViews, sessions } from './z-catalog.ts';\n");
    const one = (a: string, b: string) => `import { defineService } from 'monc';\nimport { pageViews, sessions } from './z-catalog.ts';\n${a}${b}`;
    const { 'definitions/admin.ts': _admin, 'definitions/web.ts': _web, ...rest } = PROJECT;
    const first = await build(makeProject({ ...rest, 'definitions/ui.ts': one(webBody ?? '', adminBody ?? '') }));
    const second = await build(makeProject({ ...rest, 'definitions/ui.ts': one(adminBody ?? '', webBody ?? '') }));
    expect(Object.keys(first)).toEqual(EXPECTED_FILES);
    expect(second).toEqual(first);
  });

  it('gives compile() the same artifacts as the CLI whatever order its sources array is in', async () => {
    const dir = makeProject(PROJECT);
    const expected = await referenceOut();
    for (const seed of [11, 12, 13]) expect(await compileShuffled(dir, seed)).toEqual(expected);
  });

  it('gives the same artifacts from compile() calls that run at the same time', async () => {
    // Whether concurrent evaluations of TS definitions collide depends on timing; ten rounds
    // of four at once make a collision near certain when one is possible.
    const dirs = [1, 2, 3, 4].map(() => makeProject(PROJECT));
    const expected = await referenceOut();
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(dirs.map((dir, i) => compileShuffled(dir, 100 * round + i)));
      for (const result of results) expect(result).toEqual(expected);
    }
  });
});
