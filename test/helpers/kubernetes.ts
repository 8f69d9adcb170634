/**
 * What Kubernetes would make of the objects monc writes: custom resources against the
 * openAPIV3Schema of their version in the prometheus-operator's v0.93.0 CRDs
 * (test/fixtures/crds), Secrets and ConfigMaps against a schema of the core fields, names,
 * labels and annotations against apimachinery's validation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './project.ts';

export interface KubernetesObject {
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
export function schemaErrors(object: KubernetesObject): string[] {
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
export function namingErrors({ kind, metadata }: KubernetesObject): string[] {
  const errors: string[] = [];
  if (metadata.name.length > 253 || !DNS_SUBDOMAIN.test(metadata.name)) errors.push(`${kind} name ${metadata.name}`);
  if (metadata.namespace.length > 63 || !DNS_LABEL.test(metadata.namespace)) errors.push(`${kind}/${metadata.name} namespace ${metadata.namespace}`);
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    if (!isQualifiedKey(key) || value.length > 63 || !LABEL_VALUE.test(value)) errors.push(`${kind}/${metadata.name} label ${key}=${value}`);
  }
  for (const key of Object.keys(metadata.annotations ?? {})) if (!isQualifiedKey(key)) errors.push(`${kind}/${metadata.name} annotation ${key}`);
  return errors;
}

/** The objects of the YAML documents in `content`. */
export function objectsOf(content: string): KubernetesObject[] {
  return parseAllDocuments(content).map((doc) => doc.toJS() as KubernetesObject);
}
