/**
 * goYaml writes what sigs.k8s.io/yaml writes (the prometheus-operator renders a PrometheusRule's
 * spec with it before measuring it): kubectl prints objects through the same library, so
 * `kubectl label --local -o yaml` of an object is the oracle, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { goYaml } from '../../src/serialize/go-yaml.ts';
import { toRuleGroupDto } from '../../src/emit/prometheus/rule-groups.ts';
import { yamlStringArbitrary } from '../helpers/yaml-arbitraries.ts';
import { compileProject, REPO_ROOT } from '../helpers/project.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'monc-go-yaml-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A YAML flow document of `value` whose strings escape everything but printable ASCII, so
 * kubectl reads the exact strings. Undefined fields are left out, as goYaml leaves them out.
 */
function escapedYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(escapedYaml).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${escapedYaml(k)}: ${escapedYaml(v)}`)
      .join(', ')}}`;
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** kubectl's rendering of a ConfigMap-shaped object carrying `fields`. */
function kubectlYaml(fields: Record<string, unknown>): { kubectl: string; object: unknown } {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } }, ...fields };
  const file = path.join(tmp, 'object.yaml');
  // A leading comment makes kubectl read YAML (\U escapes) rather than JSON.
  writeFileSync(file, `# flow YAML\n${escapedYaml(object)}\n`);
  const result = spawnSync('kubectl', ['label', '--local', '--overwrite', '-f', file, 'a=b', '-o', 'yaml'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
  expect(result.stderr).toBe('');
  return { kubectl: result.stdout, object };
}

describe('goYaml', () => {
  it('writes the rule groups of the project as kubectl does, folded lines and literal blocks included', async () => {
    const { expanded } = await compileProject(REPO_ROOT);
    const groups = expanded.ruleGroups.flatMap((s) => s.groups.map(toRuleGroupDto));
    const { kubectl, object } = kubectlYaml({ spec: { groups } });
    expect(kubectl).toContain('\n    - alert: '); // sequences under a key are not indented
    expect(goYaml(object)).toBe(kubectl);
  });

  it('writes 1,000 generated strings, as keys and values, as kubectl does', () => {
    // The strings that reach the emitter: Go's JSON leaves DEL, the C1 controls and U+FFFE/U+FFFF
    // raw, which go-yaml's reader refuses, and a raw NEL (U+0085) reads as a line break; surrogate
    // halves cannot be marshalled.
    const strings = fc.sample(yamlStringArbitrary.filter((text) => !/[\u007f-\u009f\ufffe\uffff\ud800-\udfff]/u.test(text)), { seed: 20261207, numRuns: 1000 });
    // Keys without digits: go-yaml's digit-aware key order is not transitive, and Go then sorts in
    // random map order. Without characters past the BMP: Go's and Node's Unicode versions differ on
    // which of those are letters, which the order asks.
    const keys = strings.filter((text) => !/[\p{Nd}\u{10000}-\u{10ffff}]/u.test(text));
    const { kubectl, object } = kubectlYaml({
      data: Object.fromEntries(keys.map((key, i) => [key, strings[i] ?? ''])),
      values: strings,
      nested: strings.slice(0, 50).map((text, i) => ({ text, list: [text, i, i % 2 === 0], long: `${text} ${'word '.repeat(i % 30)}${text}` })),
    });
    expect(goYaml(object)).toBe(kubectl);
  });
});
