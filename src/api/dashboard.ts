import type { DashboardSpec } from './types.gen.ts';
import { register } from './registry.ts';

/** A Grafana dashboard: rows of panels whose queries monc checks against the metric catalog. */
export function defineDashboard(spec: DashboardSpec): DashboardSpec {
  return register('dashboard', spec, defineDashboard);
}
