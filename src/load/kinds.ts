/**
 * The kinds of definitions, in one registry that both monc formats read: a YAML document's
 * `kind:` and a TS define*() call name the same kind, validate against the same schema (the
 * YAML file schema adds `kind`) and become the same raw documents.
 */
import type { DefinitionKind as RegistrationKind } from '../api/registry.ts';
import { DashboardFileSchema, DashboardSchema, MetricSchema, MetricsFileSchema, RoutingFileSchema, RoutingSchema, ServiceFileSchema, ServiceSchema } from '../api/schema.ts';
import type { MetricSpec } from '../api/types.gen.ts';
import type { Origin } from '../model/origin.ts';
import type { RawDocument } from './raw.ts';

export interface DefinitionKind {
  /** `kind:` of a YAML document. */
  readonly yamlKind: string;
  /** The schema of a whole YAML document, `kind` included. */
  readonly fileSchema: object;
  /** The raw documents a valid YAML document holds (its `kind` removed). */
  fromYaml(value: Record<string, unknown>, origin: Origin): RawDocument[];
  /** The define*() registrations of this kind. */
  readonly tsKind: RegistrationKind;
  /** The schema of one define*() value. */
  readonly schema: object;
  /** The raw document of a valid define*() value. */
  fromTs(value: unknown, origin: Origin): RawDocument;
}

function withoutKind(value: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, ...rest } = value;
  return rest;
}

/** A kind whose YAML document and define*() value are one definition each. */
function oneDefinition(kind: 'service' | 'routing' | 'dashboard', yamlKind: string, fileSchema: object, schema: object): DefinitionKind {
  const raw = (spec: unknown, origin: Origin) => ({ kind, spec, origin }) as RawDocument;
  return { yamlKind, fileSchema, fromYaml: (value, origin) => [raw(withoutKind(value), origin)], tsKind: kind, schema, fromTs: raw };
}

export const DEFINITION_KINDS: readonly DefinitionKind[] = [
  oneDefinition('service', 'Service', ServiceFileSchema, ServiceSchema),
  {
    // A Metrics document lists metrics; defineMetric() declares one.
    yamlKind: 'Metrics',
    fileSchema: MetricsFileSchema,
    fromYaml: (value, origin) => (value['metrics'] as MetricSpec[]).map((spec, index) => ({ kind: 'metric', spec, origin: origin.child('metrics', index) })),
    tsKind: 'metric',
    schema: MetricSchema,
    fromTs: (value, origin) => ({ kind: 'metric', spec: value as MetricSpec, origin }),
  },
  oneDefinition('routing', 'Routing', RoutingFileSchema, RoutingSchema),
  oneDefinition('dashboard', 'Dashboard', DashboardFileSchema, DashboardSchema),
];
