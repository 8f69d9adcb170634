/**
 * No input makes monc throw or hang: real definitions files, config files and rule files,
 * mutated the ways files really go wrong (a deleted or doubled span, a wrong indentation, a
 * stray YAML token, a value of the wrong type, a huge or degenerate value), always compile
 * to diagnostics that point into the user's files, or to artifacts. A fixed seed per run;
 * the whole file stays well under 60 s. MONC_FUZZ_SEED and MONC_FUZZ_RUNS explore further.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CHECKS } from '../../src/checks/registry.ts';
import { compileFiles, CONFIG, type LintOptions } from '../helpers/lint.ts';
import { REPO_ROOT } from '../helpers/project.ts';
import { yamlStringArbitrary, yamlValueArbitrary } from '../helpers/yaml-arbitraries.ts';

const SEED = Number(process.env.MONC_FUZZ_SEED ?? 20261206);
/** A compile this slow is a hang or a blow-up, not a slow machine (a seed file compiles in ~30 ms). */
const BUDGET_MS = 10_000;

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** An SLO of each SLI kind, with tiers, in YAML (the reference definitions hold SLOs in TS only). */
const SLO_SERVICE = `kind: Service
name: checkout
team: payments
metrics:
  - name: checkout_requests_total
    type: counter
    help: HTTP requests served by checkout.
    labels:
      code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 }
      route: { maxValues: 20 }
  - name: checkout_request_duration_seconds
    type: histogram
    help: Time to serve a checkout request.
    unit: seconds
    labels:
      route: { maxValues: 20 }
    buckets: [0.1, 0.25, 0.5, 1, 2.5]
slos:
  - name: errors
    description: Checkout requests succeed.
    objective: 99.9
    sli:
      ratio:
        errors: checkout_requests_total{code=~"5.."}
        total: checkout_requests_total
    runbook: https://runbooks.example.com/checkout/errors
  - name: latency
    objective: 95
    window: 28d
    groupBy: [route]
    sli:
      latency:
        histogram: checkout_request_duration_seconds
        threshold: 0.5
    alerting:
      tiers:
        ticket-3d: false
        page-1h: { budgetPercent: 5 }
      minEvents: 100
`;

interface Seed {
  readonly path: string;
  readonly text: string;
  readonly options: LintOptions;
}

const definitionSeeds: Seed[] = [
  ...readdirSync(path.join(REPO_ROOT, 'definitions'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ path: `definitions/${file}`, text: read(`definitions/${file}`), options: {} })),
  { path: 'definitions/dashboards/system-overview.yaml', text: read('definitions/dashboards/system-overview.yaml'), options: {} },
  { path: 'definitions/checkout.yaml', text: SLO_SERVICE, options: {} },
  { path: CONFIG, text: read(CONFIG), options: {} },
];
const RULE_FILES = 'test/fixtures/corpus/rules';
const ruleFileSeeds: Seed[] = ['samber__awesome-prometheus-alerts/dist/rules/prometheus-self-monitoring/embedded-exporter.yml', 'slok__sloth/examples/_gen/getting-started.yml']
  .map((file) => ({ path: 'rules.yml', text: read(path.join(RULE_FILES, file)), options: { family: 'rule-files' as const } }));

/** YAML tokens and values that turn a line into something else. */
const STRAY = ['- ', ': ', '? ', '&a ', '*a', '!!binary ', '!!map ', '<<: *a\n', '{', '[', '"', "'", '|', '>-', '#', '\t', '---\n', '...\n', '%YAML 1.1\n', '\ufeff', '\u0000'];
const DEGENERATE = ['', '~', 'null', '[]', '{}', '-1', '0', '1e309', '.nan', '99999999999999999999', '0x7fffffffffffffff', 'yes', "''", 'a'.repeat(70_000), '[[[[[[[[[[', `${'{a: '.repeat(200)}1${'}'.repeat(200)}`];

const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];

/** One text mutation, from its kind and two random numbers. */
function mutate(text: string, kind: number, a: number, b: number, fragment: string): string {
  const at = a % (text.length + 1);
  const starts = lineStarts(text);
  const line = starts[a % starts.length] ?? 0;
  const lineEnd = text.indexOf('\n', line) < 0 ? text.length : text.indexOf('\n', line) + 1;
  switch (kind) {
    case 0: // delete a span
      return text.slice(0, at) + text.slice(at + (b % 200));
    case 1: // double a line
      return text.slice(0, lineEnd) + text.slice(line, lineEnd) + text.slice(lineEnd);
    case 2: // indent or dedent a line
      return b % 2 === 0 ? `${text.slice(0, line)}  ${text.slice(line)}` : text.slice(0, line) + text.slice(line).replace(/^ {1,2}/, '');
    case 3: // a stray token
      return text.slice(0, at) + (STRAY[b % STRAY.length] ?? '') + text.slice(at);
    case 4: // a value replaced by a degenerate one
      return text.slice(0, line) + text.slice(line, lineEnd).replace(/: .*/, `: ${DEGENERATE[b % DEGENERATE.length] ?? ''}`) + text.slice(lineEnd);
    case 5: // a value replaced by generated text
      return text.slice(0, line) + text.slice(line, lineEnd).replace(/: .*/, `: ${JSON.stringify(fragment)}`) + text.slice(lineEnd);
    default: // cut off
      return text.slice(0, at);
  }
}

const textMutation = fc.tuple(fc.nat({ max: 6 }), fc.nat(), fc.nat(), yamlStringArbitrary);

/** A node of the parsed document replaced by a generated value: wrong types in the right places. */
function replaceNode(text: string, pick: number, value: unknown): string {
  const document = parseDocument(text);
  const paths: (string | number)[][] = [];
  const visit = (node: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) visit(child, [...at, i]);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) visit(child, [...at, key]);
    }
  };
  visit(document.toJS(), []);
  const target = paths[pick % paths.length] ?? [];
  // A path through a merge key (<<) exists in the value but not in the document.
  if (target.length === 0 || !document.hasIn(target)) return text;
  document.setIn(target, value);
  // Replacing an anchor leaves its aliases dangling, which the yaml package will not write.
  try {
    return document.toString();
  } catch {
    return text;
  }
}

async function compileWithin(files: Record<string, string>, options: LintOptions) {
  const started = performance.now();
  const result = await compileFiles(files, options);
  return { result, ms: performance.now() - started };
}

const KNOWN_CHECKS = new Set(CHECKS.map((check) => check.id));

/** Every diagnostic names a known check and a place in one of the given files; an error-free compile has artifacts. */
async function expectCompiles(files: Record<string, string>, options: LintOptions) {
  const { result, ms } = await compileWithin(files, options);
  expect(ms, 'compile time').toBeLessThan(BUDGET_MS);
  for (const d of result.diagnostics) {
    expect(KNOWN_CHECKS.has(d.check), d.check).toBe(true);
    expect(Object.keys(files), d.file).toContain(d.file);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (options.family !== 'rule-files' && !result.diagnostics.some((d) => d.severity === 'error')) {
    expect(result.artifacts.length).toBeGreaterThan(0);
    for (const artifact of result.artifacts) expect(typeof artifact.content).toBe('string');
  }
}

const seedFiles = ({ path: file }: Seed, mutated: string): Record<string, string> =>
  file === CONFIG ? { [CONFIG]: mutated, 'definitions/example.yaml': 'kind: Service\nname: example\nteam: example\n' } : { [file]: mutated };

describe('no input makes monc throw or hang', () => {
  const seeds = [...definitionSeeds, ...ruleFileSeeds];

  it('compiles every seed file as it is', async () => {
    for (const seed of seeds) await expectCompiles(seedFiles(seed, seed.text), seed.options);
  });

  it('compiles files with text mutations to diagnostics or artifacts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(textMutation, { minLength: 1, maxLength: 3 }), async (index, mutations) => {
        const seed = seeds[index] as Seed;
        const text = mutations.reduce((t, [kind, a, b, fragment]) => mutate(t, kind, a, b, fragment), seed.text);
        await expectCompiles(seedFiles(seed, text), seed.options);
      }),
      { seed: SEED, numRuns: Number(process.env.MONC_FUZZ_RUNS ?? 400) },
    );
  });

  it('compiles files with a value of the wrong type or shape anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.nat(), yamlValueArbitrary, async (index, pick, value) => {
        const seed = seeds[index] as Seed;
        await expectCompiles(seedFiles(seed, replaceNode(seed.text, pick, value)), seed.options);
      }),
      { seed: SEED, numRuns: Number(process.env.MONC_FUZZ_RUNS ?? 400) },
    );
  });
});
