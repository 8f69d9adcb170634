import type { AlertSpec, RecordingRuleSpec, ServiceSpec } from './types.gen.ts';
import { register } from './registry.ts';

export function defineService(spec: ServiceSpec): ServiceSpec {
  return register('service', spec, defineService);
}

/** An alert defined on its own, to be listed in a service's `alerts`. */
export function defineAlert(spec: AlertSpec): AlertSpec {
  return register('alert', spec, defineAlert);
}

/** A recording rule defined on its own, to be listed in a service's `recordingRules`. */
export function defineRecordingRule(spec: RecordingRuleSpec): RecordingRuleSpec {
  return register('recordingRule', spec, defineRecordingRule);
}
