import type { RoutingSpec } from './types.gen.ts';
import { register } from './registry.ts';

/** The project's alert routing: receivers, the routing tree, inhibitions, time intervals, templates. */
export function defineRouting(spec: RoutingSpec): RoutingSpec {
  return register('routing', spec, defineRouting);
}
