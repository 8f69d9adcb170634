/**
 * Every panel query of every dashboard monc writes runs in a real Prometheus on 127.0.0.1,
 * loaded with the generated rules and two hours of backfilled data for every declared metric
 * (the backend's with an outage at the end, so SLO alerts fire): no query errors, and every
 * query of the generated SLO dashboards returns data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { substituteVariables } from '../../src/dashboards/variables.ts';
import { REPO_ROOT, compileProject } from '../helpers/project.ts';
import { openMetrics, setGroupIntervals, withPrometheus, type Prometheus } from '../helpers/prometheus.ts';
import { backendSeries, catalogSeries, lastTwoHours } from '../helpers/traffic.ts';

/** What Grafana would send: its own variables at typical values, dashboard variables as "all". */
function asGrafanaSends(expr: string): string {
  const { text, variables } = substituteVariables(expr);
  let out = text;
  for (const variable of [...variables].reverse()) {
    const value =
      variable.name === '__rate_interval' ? '1m' : variable.name === '__interval' ? '15s' : variable.name === '__range' ? '1h' : variable.name === '__range_s' ? '3600' : variable.inString ? '.*' : undefined;
    if (value !== undefined) out = out.slice(0, variable.from) + value + out.slice(variable.to);
  }
  return out;
}

async function evaluatedTwice(prom: Prometheus): Promise<void> {
  const start = Date.now();
  await prom.waitFor(async () => {
    const groups = await prom.rules();
    return groups.every((g) => g.rules.every((r: { lastEvaluation: string }) => Date.parse(r.lastEvaluation) > start + 2000)) ? true : undefined;
  }, 30_000);
}

describe('the dashboards in a real Prometheus', () => {
  it('answer every panel query without error, and every SLO dashboard query with data', async () => {
    const { model, expanded } = await compileProject(REPO_ROOT);
    const dashboards = expanded.dashboards;
    expect(dashboards.length).toBeGreaterThan(1);
    const rulesDir = path.join(REPO_ROOT, 'out/prometheus/rules');
    const ruleFiles = Object.fromEntries(readdirSync(rulesDir).map((f) => [`rules-${f}`, setGroupIntervals(readFileSync(path.join(rulesDir, f), 'utf8'), '1s')]));
    const range = lastTwoHours();
    const backend = backendSeries(true, range);
    const data = openMetrics([...backend, ...catalogSeries(model, new Set(['http_requests_total', 'http_request_duration_seconds', ...backend.map((s) => s.name)]))], range);

    await withPrometheus({ ruleFiles, data }, async (prom) => {
      await evaluatedTwice(prom);
      // ALERTS appears from about the third evaluation after an alert turns active.
      await prom.waitFor(async () => ((await prom.query('ALERTS{slo="backend-errors"}')).length > 0 ? true : undefined), 30_000);
      const failures: string[] = [];
      const empty: string[] = [];
      let count = 0;
      for (const dashboard of dashboards) {
        const queries = [...dashboard.rows.flatMap((row) => row.panels.flatMap((panel) => panel.queries.map((q) => ({ panel: panel.title, expr: q.expr.text })))), ...dashboard.annotations.map((a) => ({ panel: `annotation ${a.name}`, expr: a.expr.text }))];
        for (const { panel, expr } of queries) {
          count++;
          const sent = asGrafanaSends(expr);
          try {
            const result = await prom.query(sent);
            if (dashboard.generated && result.length === 0) empty.push(`${dashboard.uid} / ${panel}: ${sent}`);
          } catch (error) {
            failures.push(`${dashboard.uid} / ${panel}: ${sent}\n  ${String(error).split('\n')[0]}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(empty).toEqual([]);
      expect(count).toBeGreaterThan(10);
    });
  }, 90_000);
});
