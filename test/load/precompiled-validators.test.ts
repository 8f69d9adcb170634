/**
 * The validators the bundle carries (ajv's standalone code, compiled at bundle time by
 * scripts/standalone-validators.ts) judge exactly as the ones ajv compiles at run time from
 * the same schemas: the same verdict and the same errors (keyword, paths, params, schema and
 * data), for our definitions and config and for thousands of broken variants of them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { precompiledValidatorsModule } from '../../scripts/standalone-validators.ts';
import { SCHEMA_FORMATS } from '../../src/load/schema-formats.ts';
import { AJV_OPTIONS, VALIDATED_SCHEMAS } from '../../src/load/validated-schemas.ts';
import { REPO_ROOT } from '../helpers/project.ts';

let scratch: string;
/** The bundle's validators by schema name. */
let bundled: Record<string, ValidateFunction>;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'monc-validators-'));
  const outfile = path.join(scratch, 'validators.mjs');
  // As scripts/bundle.mjs does it: the generated module in src/load/'s place, bundled with what it imports.
  await build({
    stdin: { contents: `${precompiledValidatorsModule()}\nexport { VALIDATED_SCHEMAS as BUNDLED_SCHEMAS };\n`, resolveDir: path.join(REPO_ROOT, 'src/load'), loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const module = (await import(pathToFileURL(outfile).href)) as { precompiledValidators: () => (schema: object) => ValidateFunction; BUNDLED_SCHEMAS: Record<string, object> };
  const validatorOf = module.precompiledValidators();
  bundled = Object.fromEntries(Object.entries(module.BUNDLED_SCHEMAS).map(([name, schema]) => [name, validatorOf(schema)]));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const runtime = new Ajv2020({ ...AJV_OPTIONS, formats: SCHEMA_FORMATS });
const compiled = new Map(Object.entries(VALIDATED_SCHEMAS).map(([name, schema]) => [name, runtime.compile(JSON.parse(JSON.stringify(schema)) as object)]));

/** The schema name a YAML document of our definitions or config is validated against. */
function samples(): { name: string; value: unknown; from: string }[] {
  // A YAML document is validated without its kind (src/load/kinds.ts).
  const schemaOf: Record<string, string> = { Service: 'service', Metrics: 'metricYaml', Routing: 'routing', Dashboard: 'dashboard' };
  const files = [
    ...readdirSync(path.join(REPO_ROOT, 'definitions')).map((f) => path.join('definitions', f)),
    ...readdirSync(path.join(REPO_ROOT, 'definitions/dashboards')).map((f) => path.join('definitions/dashboards', f)),
  ].filter((f) => f.endsWith('.yaml'));
  const documents = files.flatMap((file) => parseAllDocuments(readFileSync(path.join(REPO_ROOT, file), 'utf8')).map((doc) => ({ value: doc.toJS() as Record<string, unknown>, from: file })));
  const config = { name: 'config', value: parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'monc.config.yaml'), 'utf8'))[0]?.toJS(), from: 'monc.config.yaml' };
  return [...documents.map(({ value: { kind, ...body }, from }) => ({ name: schemaOf[String(kind)] ?? 'unknown', value: body, from })), config];
}

/** Broken variants of a value: each leaf (and each object) replaced by a value of another type, dropped, or joined by an unknown key. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown, replace: (next: unknown) => unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, (next) => replace(node.map((x, j) => (j === i ? next : x))));
      });
      out.push(replace([...node, { unexpected: true }]));
      return;
    }
    if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        visit(record[key], (next) => replace({ ...record, [key]: next }));
        const { [key]: _dropped, ...rest } = record;
        out.push(replace(rest));
      }
      out.push(replace({ ...record, unexpectedKey: 1 }));
      return;
    }
    out.push(replace(typeof node === 'string' ? 42 : 'not-a-number'), replace(null), replace(typeof node === 'string' ? `${node}~\u0001` : -1));
  };
  visit(value, (next) => next);
  return out;
}

describe('the validators compiled into the bundle', () => {
  it('cover every schema monc validates against', () => {
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(VALIDATED_SCHEMAS).sort());
    for (const validate of Object.values(bundled)) expect(typeof validate).toBe('function');
  });

  it('give the verdict and errors ajv compiles at run time, for our definitions, our config and thousands of broken variants', () => {
    let compared = 0;
    let invalid = 0;
    for (const { name, value, from } of samples()) {
      const atRuntime = compiled.get(name);
      const atBundle = bundled[name];
      if (!atRuntime || !atBundle) throw new Error(`${from}: no schema ${name}`);
      for (const candidate of [value, ...variants(value)]) {
        const expected = atRuntime(candidate);
        expect(atBundle(candidate), from).toBe(expected);
        expect(atBundle.errors ?? null).toEqual(atRuntime.errors ?? null);
        compared++;
        if (!expected) invalid++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect(invalid).toBeGreaterThan(1000);
  });
});
