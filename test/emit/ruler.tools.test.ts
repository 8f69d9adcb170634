/**
 * The real consumers, as far as they run here: promtool 2.42 checks the rule groups the mimir
 * and thanos targets write for this repository's own definitions (every service, SLOs
 * included; one service with every ruler setting). promtool refuses the ruler-only fields —
 * `namespace`, `source_tenants`, `query_offset`, `evaluation_delay`,
 * `partial_response_strategy` — as unknown, so each file is checked as its ruler reads it:
 * Thanos takes partial_response_strategy out of each group before Prometheus' rule manager
 * loads it, and mimirtool reads the namespace and the group fields itself; what is left must
 * be a rule file promtool accepts, rule for rule.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../src/serialize/yaml.ts';
import { REPO_ROOT, makeProject, runCli, writeFiles } from '../helpers/project.ts';

const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

/** The ruler settings given to the redis-exporter service, after its team. */
const RULER = 'ruler:\n  sourceTenants: [platform, edge]\n  queryOffset: 1m\n  evaluationDelay: 30s\n  partialResponseStrategy: warn\n';

type Group = Record<string, unknown> & { readonly name: string; readonly rules: readonly unknown[] };

function promtool(dir: string, file: string): { code: number | null; output: string } {
  const result = spawnSync(PROMTOOL, ['check', 'rules', file], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `file` (relative to `dir`) written without `fields` in its groups and the keys `top` at its top, as a temporary rule file. */
function stripped(dir: string, file: string, top: readonly string[], fields: readonly string[]): { file: string; groups: Group[] } {
  const document = parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown> & { groups: Group[] };
  const groups = document.groups.map((group) => Object.fromEntries(Object.entries(group).filter(([key]) => !fields.includes(key))) as Group);
  const rest = Object.fromEntries(Object.entries(document).filter(([key]) => !top.includes(key) && key !== 'groups'));
  const target = `${file}.promtool.yml`;
  writeFileSync(path.join(dir, target), toYaml({ ...rest, groups }, '', ['groups', 'name', 'interval', 'rules', 'record', 'alert', 'expr']));
  return { file: target, groups };
}

const countRules = (groups: readonly Group[]) => groups.reduce((sum, g) => sum + g.rules.length, 0);

describe.each([
  ['a namespace per service', ''],
  ['a namespace per team', 'mimir:\n  namespaces: team\n'],
])('the ruler targets over this repository\'s definitions, with %s', (_name, mimir) => {
  let dir = '';
  let mimirFiles: string[] = [];
  let thanosFiles: string[] = [];

  beforeAll(async () => {
    dir = makeProject({});
    cpSync(path.join(REPO_ROOT, 'definitions'), path.join(dir, 'definitions'), { recursive: true });
    const redis = readFileSync(path.join(dir, 'definitions/redis-exporter.yaml'), 'utf8');
    writeFiles(dir, {
      'definitions/redis-exporter.yaml': redis.replace(/^team: platform\n/m, `team: platform\n${RULER}`),
      'monc.config.yaml': `${readFileSync(path.join(REPO_ROOT, 'monc.config.yaml'), 'utf8')}targets: [prometheus, mimir, thanos]\n${mimir}`,
    });
    const build = await runCli(dir, ['build']);
    expect(build.code, build.stderr).toBe(0);
    mimirFiles = readdirSync(path.join(dir, 'out/mimir')).map((f) => `out/mimir/${f}`);
    thanosFiles = readdirSync(path.join(dir, 'out/thanos/rules')).map((f) => `out/thanos/rules/${f}`);
  });

  it('writes a second build byte for byte as the first', async () => {
    const second = await runCli(dir, ['build']);
    expect(second.stderr).toMatch(/out\/ is up to date \(\d+ files\)/);
  });

  it('refuses the Mimir files as they are: promtool does not know namespace', () => {
    for (const file of mimirFiles) expect(promtool(dir, file)).toEqual({ code: 1, output: expect.stringContaining('field namespace not found in type rulefmt.RuleGroups') });
  });

  it('accepts every group of every Mimir namespace, rule for rule, without the namespace and Mimir\'s group fields', () => {
    expect(mimirFiles.length).toBeGreaterThan(0);
    let federated = 0;
    for (const file of mimirFiles) {
      const { file: checked, groups } = stripped(dir, file, ['namespace'], ['source_tenants', 'query_offset', 'evaluation_delay']);
      federated += (parse(readFileSync(path.join(dir, file), 'utf8')) as { groups: Group[] }).groups.filter((g) => 'source_tenants' in g).length;
      const result = promtool(dir, checked);
      expect(result, file).toEqual({ code: 0, output: expect.stringContaining(`SUCCESS: ${countRules(groups)} rules found`) });
    }
    // The redis-exporter service's one group carries the Mimir fields that were taken out.
    expect(federated).toBe(1);
  });

  it('refuses each Mimir group field on its own, so none can stay in a file promtool reads', () => {
    for (const field of ['source_tenants', 'query_offset', 'evaluation_delay']) {
      const file = mimirFiles.find((f) => readFileSync(path.join(dir, f), 'utf8').includes(`${field}:`)) ?? '';
      const { file: checked } = stripped(dir, file, ['namespace'], ['source_tenants', 'query_offset', 'evaluation_delay'].filter((f) => f !== field));
      expect(promtool(dir, checked).output).toContain(`field ${field} not found in type rulefmt.RuleGroup`);
    }
  });

  it('refuses the Thanos files as they are: promtool does not know partial_response_strategy', () => {
    for (const file of thanosFiles) expect(promtool(dir, file)).toEqual({ code: 1, output: expect.stringContaining('field partial_response_strategy not found in type rulefmt.RuleGroup') });
  });

  it('accepts every Thanos file, rule for rule, with partial_response_strategy taken out as Thanos does (and query_offset, which Thanos reads but promtool 2.42 predates)', () => {
    expect(thanosFiles.map((f) => path.basename(f))).toEqual(readdirSync(path.join(dir, 'out/prometheus/rules')));
    for (const file of thanosFiles) {
      const { file: checked, groups } = stripped(dir, file, [], ['partial_response_strategy', 'query_offset']);
      expect(promtool(dir, checked), file).toEqual({ code: 0, output: expect.stringContaining(`SUCCESS: ${countRules(groups)} rules found`) });
    }
  });

  it('gives every Thanos group a partial_response_strategy Thanos reads: warn or abort', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile({
      type: 'object',
      required: ['groups'],
      properties: {
        groups: {
          type: 'array',
          items: { type: 'object', required: ['name', 'partial_response_strategy', 'rules'], properties: { partial_response_strategy: { enum: ['warn', 'abort'] } } },
        },
      },
    });
    const strategies = new Map<string, unknown[]>();
    for (const file of thanosFiles) {
      const document = parse(readFileSync(path.join(dir, file), 'utf8')) as { groups: Group[] };
      expect(validate(document), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      strategies.set(path.basename(file), document.groups.map((g) => g['partial_response_strategy']));
    }
    expect(strategies.get('redis-exporter.yml')).toEqual(['warn']);
    expect(strategies.get('backend.yml')).toEqual(['abort', 'abort', 'abort']);
  });
});
