/**
 * The kinds of definitions, in one registry that both monc formats read: a YAML document's
 * `kind:` and a TS define*() call name the same kind, validate against the same schema (the
 * YAML file schema adds `kind`) and become the same raw documents.
 */
import type { DefinitionKind as RegistrationKind } from '../api/registry.ts';
import { DashboardFileSchema, DashboardSchema, MetricSchema, MetricsFileSchema, RoutingFileSchema, RoutingSchema, ServiceFileSchema, ServiceSchema } from '../api/schema.ts';
import type { DashboardSpec, MetricSpec, RoutingSpec, ServiceSpec } from '../api/types.gen.ts';
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

export const DEFINITION_KINDS: readonly DefinitionKind[] = [
  {
    yamlKind: 'Service',
    fileSchema: ServiceFileSchema,
    fromYaml: (value, origin) => [{ kind: 'service', spec: withoutKind(value) as unknown as ServiceSpec, origin }],
    tsKind: 'service',
    schema: ServiceSchema,
    fromTs: (value, origin) => ({ kind: 'service', spec: value as ServiceSpec, origin }),
  },
  {
    yamlKind: 'Metrics',
    fileSchema: MetricsFileSchema,
    fromYaml: (value, origin) => (value['metrics'] as MetricSpec[]).map((spec, index) => ({ kind: 'metric', spec, origin: origin.child('metrics', index) })),
    tsKind: 'metric',
    schema: MetricSchema,
    fromTs: (value, origin) => ({ kind: 'metric', spec: value as MetricSpec, origin }),
  },
  {
    yamlKind: 'Routing',
    fileSchema: RoutingFileSchema,
    fromYaml: (value, origin) => [{ kind: 'routing', spec: withoutKind(value) as unknown as RoutingSpec, origin }],
    tsKind: 'routing',
    schema: RoutingSchema,
    fromTs: (value, origin) => ({ kind: 'routing', spec: value as RoutingSpec, origin }),
  },
  {
    yamlKind: 'Dashboard',
    fileSchema: DashboardFileSchema,
    fromYaml: (value, origin) => [{ kind: 'dashboard', spec: withoutKind(value) as unknown as DashboardSpec, origin }],
    tsKind: 'dashboard',
    schema: DashboardSchema,
    fromTs: (value, origin) => ({ kind: 'dashboard', spec: value as DashboardSpec, origin }),
  },
];
