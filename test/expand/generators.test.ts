/**
 * The expansion computes everything derived once per compile: each generator runs once, and
 * each PromQL text is parsed once, however many checks and targets read the result.
 */
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, compileProject } from '../helpers/project.ts';

const calls = vi.hoisted(() => new Map<string, unknown[][]>());

/** The module with `name` wrapped so that every call is counted. */
function counted<M>(module: M, name: keyof M & string): M {
  const original = module[name] as (...args: unknown[]) => unknown;
  return {
    ...module,
    [name]: (...args: unknown[]) => {
      calls.set(name, [...(calls.get(name) ?? []), args]);
      return original(...args);
    },
  };
}

vi.mock('../../src/slo/rules.ts', async (original) => counted(await original<typeof import('../../src/slo/rules.ts')>(), 'generateSloRules'));
vi.mock('../../src/slo/tests.ts', async (original) => counted(await original<typeof import('../../src/slo/tests.ts')>(), 'generateSloTests'));
vi.mock('../../src/slo/inhibit.ts', async (original) => counted(await original<typeof import('../../src/slo/inhibit.ts')>(), 'generateSloInhibitRules'));
vi.mock('../../src/dashboards/generated.ts', async (original) => counted(await original<typeof import('../../src/dashboards/generated.ts')>(), 'generatedDashboards'));
vi.mock('../../src/routing/alerts.ts', async (original) => counted(await original<typeof import('../../src/routing/alerts.ts')>(), 'routeAlerts'));
vi.mock('../../src/expand/catalog.ts', async (original) => counted(await original<typeof import('../../src/expand/catalog.ts')>(), 'buildCatalog'));
vi.mock('../../src/cardinality/estimate.ts', async (original) => counted(await original<typeof import('../../src/cardinality/estimate.ts')>(), 'estimateCardinality'));
vi.mock('../../src/rules/rule-groups.ts', async (original) => counted(await original<typeof import('../../src/rules/rule-groups.ts')>(), 'ruleGroupsOf'));
vi.mock('../../src/promql/parse.ts', async (original) => counted(await original<typeof import('../../src/promql/parse.ts')>(), 'parsePromql'));

const GENERATORS = ['generateSloRules', 'generateSloTests', 'generateSloInhibitRules', 'generatedDashboards', 'routeAlerts', 'buildCatalog', 'estimateCardinality', 'ruleGroupsOf'];

describe('one compile of definitions/', () => {
  it('runs each generator exactly once and parses each PromQL text exactly once, and writes every file', async () => {
    calls.clear();
    const result = await compileProject(REPO_ROOT);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.artifacts.length).toBeGreaterThan(50);
    expect(Object.fromEntries(GENERATORS.map((name) => [name, calls.get(name)?.length ?? 0]))).toEqual(Object.fromEntries(GENERATORS.map((name) => [name, 1])));
    const parsed = (calls.get('parsePromql') ?? []).map(([text]) => text as string);
    const repeated = parsed.filter((text, i) => parsed.indexOf(text) !== i);
    expect(repeated).toEqual([]);
    // Every rule, SLI and dashboard query of the seed: well over a hundred texts.
    expect(parsed.length).toBeGreaterThan(100);
  });
});
