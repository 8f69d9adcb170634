import type { DashboardSpec, MetricSpec, RoutingSpec, ServiceSpec } from '../api/types.gen.ts';
import type { Origin } from '../model/origin.ts';

/** A definition as loaded and schema-checked, before the model resolves anything. */
export type RawDocument =
  | { readonly kind: 'service'; readonly spec: ServiceSpec; readonly origin: Origin }
  | { readonly kind: 'metric'; readonly spec: MetricSpec; readonly origin: Origin }
  | { readonly kind: 'routing'; readonly spec: RoutingSpec; readonly origin: Origin }
  | { readonly kind: 'dashboard'; readonly spec: DashboardSpec; readonly origin: Origin };

export type RawKind = RawDocument['kind'];
