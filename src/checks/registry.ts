/** Every check monc has, in one list. `monc explain` and the docs tests read it too. */
import { alertFor } from './alert-for.ts';
import { alertRunbook } from './alert-runbook.ts';
import { alertSeverity } from './alert-severity.ts';
import { alertSummary } from './alert-summary.ts';
import { catalogUnknownMetric } from './catalog-unknown-metric.ts';
import type { Check } from './check.ts';
import { loadEncoding } from './load-encoding.ts';
import { loadNoDefinitions } from './load-no-definitions.ts';
import { loadSchema } from './load-schema.ts';
import { loadYaml } from './load-yaml.ts';
import { metricName } from './metric-name.ts';
import { modelDuplicate } from './model-duplicate.ts';
import { promqlSyntax } from './promql-syntax.ts';
import { tsLoadError } from './ts-load-error.ts';
import { tsTypeError } from './ts-type-error.ts';

export const CHECKS: readonly Check[] = [
  loadEncoding,
  loadNoDefinitions,
  loadYaml,
  loadSchema,
  tsTypeError,
  tsLoadError,
  modelDuplicate,
  promqlSyntax,
  catalogUnknownMetric,
  metricName,
  alertFor,
  alertSeverity,
  alertSummary,
  alertRunbook,
];

export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}
