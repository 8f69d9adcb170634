/**
 * Every object the prometheus-operator target writes is valid: custom resources against the
 * openAPIV3Schema of their version in the operator's v0.93.0 CRDs (test/fixtures/crds), Secrets
 * and ConfigMaps against a schema of the core fields, and every object against Kubernetes'
 * naming rules (apimachinery's validation: DNS subdomain names, label keys and values). In both
 * file layouts, with a PrometheusRule per service and per team, in both Alertmanager modes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { compileFiles } from '../helpers/lint.ts';
import { REPO_ROOT } from '../helpers/project.ts';
import { projectFiles, VARIANTS } from './kubernetes-fixture.ts';

interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** The CRDs' patterns are Go's (RE2: `(?i)` flags), as the API server runs them. */
const re2: RegExpEngine = Object.assign(
  (pattern: string) => {
    const regex = RE2JS.compile(pattern);
    // ajv keeps one compiled pattern per toString().
    return { test: (text: string) => regex.matcher(text).find(), toString: () => pattern };
  },
  { code: 're2' },
);

const ajv = new Ajv({ strict: false, allErrors: true, code: { regExp: re2 } });
// The CRDs' integer formats; x-kubernetes-* keywords are for the API server and ajv leaves them be.
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));

function crdValidator(file: string, version: string): ValidateFunction {
  const crd = parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/crds', file), 'utf8')) as { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } };
  const schema = crd.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema;
  if (!schema) throw new Error(`${file} has no version ${version}`);
  return ajv.compile(schema);
}

const STRINGS = { type: 'object', propertyNames: { pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 }, additionalProperties: { type: 'string' } };
const CORE_METADATA = {
  type: 'object',
  required: ['name', 'namespace'],
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } }, annotations: { type: 'object', additionalProperties: { type: 'string' } } },
  additionalProperties: false,
};

/** The core objects' fields that monc writes, as the API server reads them. */
const CORE_SCHEMAS: Readonly<Record<string, object>> = {
  Secret: {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: { apiVersion: { const: 'v1' }, kind: { const: 'Secret' }, metadata: CORE_METADATA, type: { const: 'Opaque' }, data: STRINGS, stringData: STRINGS },
    additionalProperties: false,
  },
  ConfigMap: {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: { apiVersion: { const: 'v1' }, kind: { const: 'ConfigMap' }, metadata: CORE_METADATA, data: STRINGS },
    additionalProperties: false,
  },
};

const VALIDATORS: Readonly<Record<string, ValidateFunction>> = {
  'monitoring.coreos.com/v1 PrometheusRule': crdValidator('monitoring.coreos.com_prometheusrules.yaml', 'v1'),
  'monitoring.coreos.com/v1 ServiceMonitor': crdValidator('monitoring.coreos.com_servicemonitors.yaml', 'v1'),
  'monitoring.coreos.com/v1 PodMonitor': crdValidator('monitoring.coreos.com_podmonitors.yaml', 'v1'),
  'monitoring.coreos.com/v1alpha1 AlertmanagerConfig': crdValidator('monitoring.coreos.com_alertmanagerconfigs.yaml', 'v1alpha1'),
  'v1 Secret': ajv.compile(CORE_SCHEMAS.Secret as object),
  'v1 ConfigMap': ajv.compile(CORE_SCHEMAS.ConfigMap as object),
};

/** The schema's complaints about the object, or why there is no schema for it. */
function schemaErrors(object: KubernetesObject): string[] {
  const validate = VALIDATORS[`${object.apiVersion} ${object.kind}`];
  if (!validate) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const id = `${object.kind}/${object.metadata.name}`;
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${id}${e.instancePath} ${e.message}`);
}

// apimachinery's validation (k8s.io/apimachinery/pkg/util/validation).
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function isQualifiedKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** What the API server would refuse in the object's name, namespace, labels and annotations. */
function namingErrors({ kind, metadata }: KubernetesObject): string[] {
  const errors: string[] = [];
  if (metadata.name.length > 253 || !DNS_SUBDOMAIN.test(metadata.name)) errors.push(`${kind} name ${metadata.name}`);
  if (metadata.namespace.length > 63 || !DNS_LABEL.test(metadata.namespace)) errors.push(`${kind}/${metadata.name} namespace ${metadata.namespace}`);
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    if (!isQualifiedKey(key) || value.length > 63 || !LABEL_VALUE.test(value)) errors.push(`${kind}/${metadata.name} label ${key}=${value}`);
  }
  for (const key of Object.keys(metadata.annotations ?? {})) if (!isQualifiedKey(key)) errors.push(`${kind}/${metadata.name} annotation ${key}`);
  return errors;
}

/** The objects of every file the target writes, with the files' paths. */
async function emitted(kubernetes: string): Promise<{ files: Map<string, string>; objects: KubernetesObject[] }> {
  const result = await compileFiles(projectFiles(kubernetes));
  expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.check} ${d.message}`)).toEqual([]);
  const files = new Map(result.artifacts.filter((a) => a.path.startsWith('kubernetes/')).map((a) => [a.path, a.content]));
  const objects = [...files.values()].flatMap((content) => parseAllDocuments(content).map((doc) => doc.toJS() as KubernetesObject));
  return { files, objects };
}

describe('prometheus-operator objects', () => {
  it.each(VARIANTS)('are valid for the CRDs, the core schemas and the naming rules with $name', async ({ kubernetes }) => {
    const { objects } = await emitted(kubernetes);
    expect(objects.length).toBeGreaterThan(8);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(objects.flatMap(namingErrors)).toEqual([]);
  });

  it('are, by default, a PrometheusRule per service with rules, a monitor per discovered service, the configuration Secret and a ConfigMap per dashboard, one file per kind', async () => {
    const { files, objects } = await emitted(VARIANTS[0]?.kubernetes ?? '');
    expect([...files.keys()].sort()).toEqual([
      'kubernetes/observability/configmaps.yaml',
      'kubernetes/observability/podmonitors.yaml',
      'kubernetes/observability/prometheusrules.yaml',
      'kubernetes/observability/secrets.yaml',
      'kubernetes/observability/servicemonitors.yaml',
    ]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(
      expect.arrayContaining([
        'PrometheusRule/checkout',
        'PrometheusRule/search',
        'PrometheusRule/ledger',
        'ServiceMonitor/checkout',
        'PodMonitor/search',
        'Secret/alertmanager-main',
        'ConfigMap/grafana-dashboard-monc-shop',
        'ConfigMap/grafana-dashboard-monc-slo-checkout',
      ]),
    );
    expect(objects.filter((o) => o.kind.endsWith('Monitor')).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['PodMonitor/search', 'ServiceMonitor/checkout']);
    for (const [file, content] of files) expect(content.startsWith('# Code generated by monc from definitions/'), file).toBe(true);
  });

  it('are one file per object with ruleObjects team, a PrometheusRule per team named after it, and an AlertmanagerConfig with its templates ConfigMap', async () => {
    const { files, objects } = await emitted(VARIANTS[1]?.kubernetes ?? '');
    expect([...files.keys()].filter((f) => !f.includes('grafana-dashboard')).sort()).toEqual([
      'kubernetes/observability/alertmanagerconfigs/monc.yaml',
      'kubernetes/observability/configmaps/alertmanager-shop-templates.yaml',
      'kubernetes/observability/podmonitors/search.yaml',
      'kubernetes/observability/prometheusrules/payments.yaml',
      'kubernetes/observability/prometheusrules/search-discovery.yaml',
      'kubernetes/observability/servicemonitors/checkout.yaml',
    ]);
    const payments = objects.find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'payments') as unknown as { spec: { groups: { name: string }[] } };
    expect(payments.spec.groups.map((g) => g.name)).toEqual(['checkout', 'checkout-slos', 'checkout-slos-period', 'ledger']);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const dashboard = objects.find((o) => o.metadata.name === 'grafana-dashboard-monc-shop');
    expect(dashboard?.metadata.labels).toMatchObject({ 'grafana.example.com/dashboard': 'true' });
    expect(dashboard?.metadata.annotations).toMatchObject({ 'grafana.example.com/folder': 'Shop Team' });
  });

  it.each([
    ['a rule without expr', 'PrometheusRule', (o: any) => delete o.spec.groups[0].rules[0].expr],
    ['an endpoint scheme the CRD does not know', 'ServiceMonitor', (o: any) => (o.spec.endpoints[0].scheme = 'ftp')],
    ['a relabelling action the CRD does not know', 'PodMonitor', (o: any) => (o.spec.podMetricsEndpoints[0].relabelings[0].action = 'rename')],
    ['a Secret value that is no string', 'Secret', (o: any) => (o.stringData['alertmanager.yaml'] = 1)],
  ])('would catch %s', async (_name, kind, mutate) => {
    const { objects } = await emitted(VARIANTS[0]?.kubernetes ?? '');
    const object = structuredClone(objects.find((o) => o.kind === kind)) as KubernetesObject;
    mutate(object);
    expect(schemaErrors(object)).not.toEqual([]);
  });

  it('would catch a matcher type the AlertmanagerConfig CRD does not know', async () => {
    const { objects } = await emitted(VARIANTS[1]?.kubernetes ?? '');
    const config = structuredClone(objects.find((o) => o.kind === 'AlertmanagerConfig')) as any;
    // Not in a child route: the CRD leaves those as free-form JSON, which the operator reads itself.
    config.spec.inhibitRules[0].sourceMatch[0].matchType = '==';
    expect(schemaErrors(config)).not.toEqual([]);
  });

  it('would catch an object name with a capital letter', async () => {
    const { objects } = await emitted(VARIANTS[0]?.kubernetes ?? '');
    const object = objects[0] as KubernetesObject;
    expect(namingErrors({ ...object, metadata: { ...object.metadata, name: 'Checkout' } })).not.toEqual([]);
  });
});
