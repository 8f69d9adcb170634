/**
 * bench/run.mjs measures issue 18's SLO workload as its README says: builds with SLOs, the
 * generated tests' size, promtool check rules on each build's rule files in the same rounds,
 * and how the time grows with the services.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface CaseResult {
  size: number;
  slosPerService: number;
  rules: number;
  testBytes: number;
  runs: { wallMs: number; promtoolMs?: number }[];
  promtoolMs?: { median: number };
  vsPromtool?: number;
}

function bench(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bench/run.mjs'), '--formats', 'yaml', '--runs', '1', ...args], { encoding: 'utf8' });
  expect(run.stderr, 'bench/run.mjs failed').not.toMatch(/^run: /m);
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('bench/run.mjs', () => {
  it('builds each size with the SLOs asked for, times promtool check rules after every build, and reports the tests size', () => {
    const { results } = JSON.parse(bench('--sizes', '2,4', '--slos-per-service', '2', '--json')) as { results: CaseResult[] };
    expect(results.map((r) => [r.size, r.slosPerService])).toEqual([
      [2, 2],
      [4, 2],
    ]);
    const [two, four] = results as [CaseResult, CaseResult];
    // Twice the services, twice the rules and tests: every service is generated alike.
    expect(four.rules).toBe(2 * two.rules);
    expect(two.testBytes).toBeGreaterThan(0);
    expect(four.testBytes).toBeGreaterThan(two.testBytes);
    for (const result of results) {
      expect(result.runs.every((r) => r.promtoolMs !== undefined && r.promtoolMs > 0)).toBe(true);
      expect(result.vsPromtool).toBeGreaterThan(0);
    }
  });

  it('prints the table with the promtool columns and how the time grows from one size to the next', () => {
    const table = bench('--sizes', '2,4', '--slos', '1');
    expect(table).toMatch(/^monc build, 1 runs per case after 1 warm-up, 1 SLOs per service;/);
    expect(table).toContain('| services | format | type check | rules | out files | tests MiB | wall ms, median (min–max) | peak RSS MiB, median | promtool ms, median | monc / promtool |');
    expect(table).toMatch(/^\| 4 \| yaml \| – \| \d+ \| \d+ \| \d+\.\d \| \d+ \(\d+–\d+\) \| [\d.]+ \| \d+ \| [\d.]+× \|$/m);
    expect(table).toMatch(/^yaml: 2 → 4 services costs [\d.]+× the time \(2× the services\)$/m);
  });

  it('leaves promtool out when asked', () => {
    const { results } = JSON.parse(bench('--sizes', '2', '--no-promtool', '--json')) as { results: CaseResult[] };
    expect(results[0]?.promtoolMs).toBeUndefined();
    expect(results[0]?.runs[0]?.promtoolMs).toBeUndefined();
  });
});
