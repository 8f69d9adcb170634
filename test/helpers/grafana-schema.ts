/**
 * Validation of Grafana dashboard JSON against schemas/grafana-dashboard.schema.json (derived
 * from @grafana/schema by scripts/gen-grafana-schema.mjs), with errors people can read: no
 * Grafana server runs in the tests, so this is how they know Grafana would load a dashboard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './project.ts';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schemas/grafana-dashboard.schema.json');

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $schema: string; $id: string };
// The schema declares draft-07, the draft of ajv's default class (Ajv2020 is for draft 2020-12).
const ajv = new Ajv({ allErrors: true, strict: true });
const validateDashboard = ajv.compile(schema);
const validatePanel = ajv.getSchema(`${schema.$id}#/definitions/Panel`) as ValidateFunction;
const validateRow = ajv.getSchema(`${schema.$id}#/definitions/RowPanel`) as ValidateFunction;

function formatError(error: ErrorObject, prefix = ''): string {
  const extra = 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
  return `${prefix}${error.instancePath || '/'}: ${error.message ?? error.keyword}${extra}`;
}

/**
 * Why `dashboard` does not match the schema, one line per problem, or [] when it does.
 * `panels` items are `Panel | RowPanel` (anyOf), so ajv reports every mismatch against both
 * branches; each panel is therefore re-checked against the one its `type` picks.
 */
export function schemaErrors(dashboard: unknown): string[] {
  if (validateDashboard(dashboard)) return [];
  const all = validateDashboard.errors ?? [];
  const lines = all.filter((e) => !/^\/panels\/\d+/.test(e.instancePath)).map((e) => formatError(e));
  const panels = (dashboard as { panels?: unknown }).panels;
  if (Array.isArray(panels)) {
    panels.forEach((panel: unknown, i) => {
      const isRow = typeof panel === 'object' && panel !== null && (panel as { type?: unknown }).type === 'row';
      const validate = isRow ? validateRow : validatePanel;
      if (!validate(panel)) lines.push(...(validate.errors ?? []).map((e) => formatError(e, `/panels/${i}`)));
    });
  }
  return [...new Set(lines.length > 0 ? lines : all.map((e) => formatError(e)))];
}
