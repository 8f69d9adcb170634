/**
 * The mimir and thanos targets write what their rulers read, judged against public example
 * files (test/fixtures/mimir/, see its SOURCES.md): a reader as strict as mimirtool's (cortex-tools'
 * ParseBytes: every YAML document a namespace, unknown fields refused, group names unique in a
 * namespace, a namespace in one file only), with the group fields of Mimir's rulefmt
 * (grafana/mimir-prometheus model/rulefmt), accepts our files as it does the examples, and
 * our files have the examples' keys, key order and value types.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import type { Artifact } from '../../src/emit/artifact.ts';
import { mimirTarget } from '../../src/emit/mimir/emitter.ts';
import { NAMESPACE_FILE_KEY_ORDER } from '../../src/emit/mimir/types.ts';
import { thanosTarget } from '../../src/emit/thanos/emitter.ts';
import { THANOS_RULE_FILE_KEY_ORDER } from '../../src/emit/thanos/types.ts';
import { toYaml } from '../../src/serialize/yaml.ts';
import { compileFiles } from '../helpers/lint.ts';
import { REPO_ROOT } from '../helpers/project.ts';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/mimir');
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');

type Map_ = Record<string, unknown>;

/** Mimir's rule group fields (mimir-prometheus rulefmt.RuleGroup) and a rule's (rulefmt.Rule). */
const GROUP_FIELDS = ['name', 'interval', 'evaluation_delay', 'query_offset', 'limit', 'rules', 'labels', 'source_tenants', 'align_evaluation_time_on_interval'];
const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const DURATION = /^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;

interface Namespace {
  readonly namespace: string;
  readonly groups: readonly Map_[];
}

const isMap = (value: unknown): value is Map_ => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every namespace of `files` (name → text) as mimirtool reads them, or the first error it would stop at. */
function readNamespaces(files: Readonly<Record<string, string>>): Namespace[] | string {
  const namespaces = new Map<string, Namespace>();
  for (const [file, text] of Object.entries(files)) {
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) return `${file}: ${document.errors[0]?.message}`;
      const root: unknown = document.toJS();
      if (!isMap(root)) return `${file}: a document is not a map`;
      const unknown = Object.keys(root).filter((key) => key !== 'namespace' && key !== 'groups');
      if (unknown.length > 0) return `${file}: field ${unknown[0]} not found in type rules.RuleNamespace`;
      // Without a namespace, mimirtool names it after the file.
      const namespace = root['namespace'] ?? path.basename(file, path.extname(file));
      if (typeof namespace !== 'string') return `${file}: namespace is not a string`;
      if (namespaces.has(namespace)) return `${file}: repeated namespace ${namespace}`;
      const groups = root['groups'];
      if (!Array.isArray(groups) || !groups.every(isMap)) return `${file}: groups is not a list of maps`;
      const names = new Set<string>();
      for (const group of groups) {
        const error = groupError(group, names);
        if (error !== undefined) return `${file}: ${error}`;
      }
      namespaces.set(namespace, { namespace, groups });
    }
  }
  return [...namespaces.values()];
}

function groupError(group: Map_, names: Set<string>): string | undefined {
  const unknown = Object.keys(group).filter((key) => !GROUP_FIELDS.includes(key));
  if (unknown.length > 0) return `field ${unknown[0]} not found in type rulefmt.RuleGroup`;
  const name = group['name'];
  if (typeof name !== 'string' || name === '') return 'Groupname must not be empty';
  if (names.has(name)) return `groupname: "${name}" is repeated in the same namespace`;
  names.add(name);
  for (const key of ['interval', 'evaluation_delay', 'query_offset']) {
    const value = group[key];
    if (value !== undefined && !(typeof value === 'string' && DURATION.test(value))) return `${key} of group ${name} is not a duration`;
  }
  const tenants = group['source_tenants'];
  if (tenants !== undefined && !(Array.isArray(tenants) && tenants.every((t) => typeof t === 'string'))) return `source_tenants of group ${name} is not a list of tenants`;
  const rules = group['rules'];
  if (!Array.isArray(rules) || !rules.every(isMap)) return `rules of group ${name} is not a list of maps`;
  for (const rule of rules) {
    const extra = Object.keys(rule).filter((key) => !RULE_FIELDS.includes(key));
    if (extra.length > 0) return `field ${extra[0]} not found in type rulefmt.Rule`;
    if (('record' in rule) === ('alert' in rule)) return `a rule of group ${name} is neither a recording nor an alerting rule, or both`;
    if (typeof rule['expr'] !== 'string' || rule['expr'] === '') return `a rule of group ${name} has no expr`;
  }
  return undefined;
}

/** What kind of YAML value this is, as the types of a Go struct field see it. */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `list of ${[...new Set(value.map(shape))].join(' or ')}`;
  return isMap(value) ? 'map' : typeof value;
}

/** The keys of `ours` that `theirs` has too, in our order, against theirs. */
function sharedKeyOrder(ours: Map_, theirs: Map_): [string[], string[]] {
  return [Object.keys(ours).filter((k) => k in theirs), Object.keys(theirs).filter((k) => k in ours)];
}

const SERVICE = (name: string, team: string, ruler: string) => `kind: Service
name: ${name}
team: ${team}
ruler:
${ruler}metrics:
  - { name: ${name}_requests_total, type: counter, help: Requests., labels: { code: { pattern: "[1-5][0-9][0-9]", maxValues: 20 } } }
recordingRules:
  - record: job:${name}_requests:rate5m
    expr: sum by (job) (rate(${name}_requests_total[5m]))
alerts:
  - name: ${name}Down
    expr: up{job="${name}"} == 0
    for: 5m
    severity: critical
    summary: ${name} is down
    runbook: https://runbooks.example.com/down
slos:
  - name: errors
    objective: 99.9
    sli:
      ratio:
        errors: ${name}_requests_total{code=~"5.."}
        total: ${name}_requests_total
`;

const PROJECT = {
  'definitions/cart.yaml': SERVICE('cart', 'shop', '  sourceTenants: [shop, edge]\n  queryOffset: 1m\n  evaluationDelay: 30s\n  partialResponseStrategy: warn\n'),
  'definitions/pay.yaml': SERVICE('pay', 'shop', '  queryOffset: 2m\n'),
  'definitions/search.yaml': SERVICE('search', 'find', '  partialResponseStrategy: abort\n'),
};

async function artifacts(target: typeof mimirTarget, config: string): Promise<Artifact[]> {
  const { model, expanded, diagnostics } = await compileFiles({ ...PROJECT, 'monc.config.yaml': `prometheus:\n  retention: 30d\n${config}` });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return target.emit(model, expanded);
}

const asFiles = (written: readonly Artifact[]) => Object.fromEntries(written.map((a) => [a.path, a.content]));
const headerOf = (text: string) => `${text.split('\n')[0]}\n`;

describe('the reader of these tests reads the examples as mimirtool does', () => {
  it.each([
    ['cortex-tools/basic_namespace.yaml', ['example_namespace']],
    ['cortex-tools/multiple_namespace.yaml', ['example_namespace', 'other_example_namespace']],
    ['mimir-prometheus/test.yaml', ['test']],
    ['mimir-prometheus/rules_with_source_tenants.yaml', ['rules_with_source_tenants']],
    ['mimir-prometheus/rules_with_alignment.yaml', ['rules_with_alignment']],
  ])('%s is read, as namespaces %j', (file, namespaces) => {
    const read = readNamespaces({ [file]: fixture(file) });
    expect(typeof read === 'string' ? read : read.map((n) => n.namespace)).toEqual(namespaces);
  });

  it.each([
    ['a group without a name (loki_basic_failure.yaml)', { 'loki_basic_failure.yaml': fixture('cortex-tools/loki_basic_failure.yaml') }, 'loki_basic_failure.yaml: Groupname must not be empty'],
    [
      'a namespace in two files (basic_namespace.yaml and basic_namespace_repeated.yaml)',
      { 'basic_namespace.yaml': fixture('cortex-tools/basic_namespace.yaml'), 'basic_namespace_repeated.yaml': fixture('cortex-tools/basic_namespace_repeated.yaml') },
      'basic_namespace_repeated.yaml: repeated namespace example_namespace',
    ],
  ])('refuses %s', (_name, files, error) => {
    expect(readNamespaces(files)).toBe(error);
  });
});

describe.each([
  ['a namespace per service', ''],
  ['a namespace per team', 'mimir:\n  namespaces: team\n'],
])('the mimir target, with %s', (_name, config) => {
  it('writes files mimirtool reads, all together, each one namespace named as in its file', async () => {
    const written = await artifacts(mimirTarget, config);
    const read = readNamespaces(asFiles(written));
    expect(typeof read === 'string' ? read : read.map((n) => n.namespace)).toEqual(written.map((a) => (parse(a.content) as Namespace).namespace));
    for (const { content } of written) expect(parseAllDocuments(content)).toHaveLength(1);
  });

  it("has basic_namespace.yaml's top-level keys, in its order, with its value types", async () => {
    const example = parse(fixture('cortex-tools/basic_namespace.yaml')) as Map_;
    for (const { content } of await artifacts(mimirTarget, config)) {
      const ours = parse(content) as Map_;
      expect(Object.keys(ours)).toEqual(Object.keys(example));
      expect(Object.values(ours).map(shape)).toEqual(Object.values(example).map(shape));
    }
  });

  it("orders a federated group's keys as mimir-prometheus' test.yaml does, with its value types", async () => {
    const example = ((parse(fixture('mimir-prometheus/test.yaml')) as { groups: Map_[] }).groups).find((g) => 'source_tenants' in g) ?? {};
    const federated = (await artifacts(mimirTarget, config)).flatMap(({ content }) => (parse(content) as Namespace).groups).filter((g) => 'source_tenants' in g);
    expect(federated.map((g) => g['name'])).toEqual(['cart', 'cart-slos', 'cart-slos-period']);
    for (const group of federated) {
      const [ours, theirs] = sharedKeyOrder(group, example);
      expect(ours).toEqual(theirs);
      expect(ours.map((key) => shape(group[key]))).toEqual(theirs.map((key) => shape(example[key])));
    }
    expect(Object.keys(federated[0] ?? {})).toEqual(['name', 'interval', 'query_offset', 'evaluation_delay', 'source_tenants', 'rules']);
  });

  it('round-trips: what the reader gets back serializes to the same bytes', async () => {
    for (const { content } of await artifacts(mimirTarget, config)) {
      expect(toYaml(parse(content), headerOf(content), NAMESPACE_FILE_KEY_ORDER)).toBe(content);
    }
  });
});

describe('the thanos target', () => {
  /** The PrometheusRule group of prometheus-operator's admission example, which carries partial_response_strategy. */
  const example = () => {
    const review = JSON.parse(fixture('prometheus-operator/goodRulesWithAnnotations.golden')) as { request: { object: { spec: { groups: Map_[] } } } };
    return review.request.object.spec.groups[0] ?? {};
  };

  it("orders a group's keys as the operator's example does, the strategy a string Thanos reads (warn or abort)", async () => {
    for (const { content } of await artifacts(thanosTarget, '')) {
      for (const group of (parse(content) as { groups: Map_[] }).groups) {
        const [ours, theirs] = sharedKeyOrder(group, example());
        expect(ours).toEqual(theirs);
        expect(['warn', 'abort']).toContain(group['partial_response_strategy']);
      }
    }
  });

  it('round-trips: what a reader gets back serializes to the same bytes', async () => {
    for (const { content } of await artifacts(thanosTarget, '')) expect(toYaml(parse(content), headerOf(content), THANOS_RULE_FILE_KEY_ORDER)).toBe(content);
  });
});
