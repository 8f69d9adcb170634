/**
 * The kinds of definitions, in one registry that both monc formats read: a YAML document's
 * `kind:` and a TS define*() call name the same kind, validate against the same schema and
 * become the same raw documents. A YAML document is validated without its `kind` (which chose
 * the kind): its other keys are those of a define*() value, so one validator serves both
 * formats, and the bundle carries no second copy of the largest ones (service.schema.json and
 * the other file schemas, which add `kind`, are for editors).
 */
import type { DefinitionKind as RegistrationKind } from '../api/registry.ts';
import { DashboardSchema, MetricSchema, MetricsListSchema, RoutingSchema, ServiceSchema } from '../api/schema.ts';
import type { MetricSpec } from '../api/types.gen.ts';
import type { Origin } from '../model/origin.ts';
import type { RawDocument } from './raw.ts';

export interface DefinitionKind {
  /** `kind:` of a YAML document. */
  readonly yamlKind: string;
  /** The schema of a YAML document without its `kind`. */
  readonly yamlSchema: object;
  /** The raw documents a valid YAML document (its `kind` removed) holds. */
  fromYaml(body: Record<string, unknown>, origin: Origin): RawDocument[];
  /** The define*() registrations of this kind. */
  readonly tsKind: RegistrationKind;
  /** The schema of one define*() value. */
  readonly schema: object;
  /** The raw document of a valid define*() value. */
  fromTs(value: unknown, origin: Origin): RawDocument;
}

/** A kind whose YAML document and define*() value are one definition each. */
function oneDefinition(kind: 'service' | 'routing' | 'dashboard', yamlKind: string, schema: object): DefinitionKind {
  const raw = (spec: unknown, origin: Origin) => ({ kind, spec, origin }) as RawDocument;
  return { yamlKind, yamlSchema: schema, fromYaml: (body, origin) => [raw(body, origin)], tsKind: kind, schema, fromTs: raw };
}

export const DEFINITION_KINDS: readonly DefinitionKind[] = [
  oneDefinition('service', 'Service', ServiceSchema),
  {
    // A Metrics document lists metrics; defineMetric() declares one.
    yamlKind: 'Metrics',
    yamlSchema: MetricsListSchema,
    fromYaml: (body, origin) => (body['metrics'] as MetricSpec[]).map((spec, index) => ({ kind: 'metric', spec, origin: origin.child('metrics', index) })),
    tsKind: 'metric',
    schema: MetricSchema,
    fromTs: (value, origin) => ({ kind: 'metric', spec: value as MetricSpec, origin }),
  },
  oneDefinition('routing', 'Routing', RoutingSchema),
  oneDefinition('dashboard', 'Dashboard', DashboardSchema),
];
