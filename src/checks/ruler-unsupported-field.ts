import type { Model, Service } from '../model/model.ts';
import { modelCheck } from './check.ts';

/**
 * A service's ruler setting that no selected target writes, or that a selected target leaves
 * out of the rule files it writes: the rules there are evaluated without it, silently.
 * What each target writes: mimir every field but partial_response_strategy; thanos
 * partial_response_strategy and query_offset; prometheus query_offset for Prometheus 3 only;
 * prometheus-operator query_offset (the operator drops it for Prometheus before 2.53).
 */
export const rulerUnsupportedField = modelCheck({
  id: 'ruler/unsupported-field',
  summary: 'A service sets a ruler field (sourceTenants, queryOffset, evaluationDelay, partialResponseStrategy) that the selected targets do not write.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const service of model.services) {
      for (const { field, message } of unsupported(model, service)) ctx.report({ at: service.origin.at('ruler', field), message });
    }
  },
});

function unsupported(model: Model, service: Service): { field: string; message: string }[] {
  const { ruler } = service;
  const selected = new Set(model.targets);
  const targets = `targets: ${model.targets.join(', ') || 'none'}`;
  const found: { field: string; message: string }[] = [];
  if (ruler.sourceTenants.length > 0 && !selected.has('mimir')) {
    found.push({
      field: 'sourceTenants',
      message: `sourceTenants makes the service's rule groups federated, which only the mimir target writes (source_tenants), and it is not selected (${targets}); add mimir to targets, and run Mimir with -tenant-federation.enabled=true and -ruler.tenant-federation.enabled=true (without them Mimir skips federated groups)`,
    });
  }
  if (ruler.partialResponseStrategy !== undefined && !selected.has('thanos')) {
    found.push({
      field: 'partialResponseStrategy',
      message: `partialResponseStrategy is for the Thanos ruler, which only the thanos target writes (partial_response_strategy), and it is not selected (${targets}); add thanos to targets, or remove the setting`,
    });
  }
  if (ruler.queryOffset !== undefined && selected.has('prometheus') && model.prometheus.version === 2) {
    found.push({
      field: 'queryOffset',
      message: `the prometheus target leaves query_offset out of prometheus/rules/*.yml for Prometheus 2 (Prometheus and promtool before 2.53 reject the field), so Prometheus evaluates the service's rules without the offset; it is written with prometheus.version: 3, and by the mimir and thanos targets`,
    });
  }
  const withoutDelay = ['prometheus', 'thanos', 'prometheus-operator'].filter((id) => selected.has(id));
  if (ruler.evaluationDelay !== undefined && withoutDelay.length > 0) {
    const plural = withoutDelay.length > 1;
    found.push({
      field: 'evaluationDelay',
      message: `evaluationDelay is Mimir's older name for query_offset, which Prometheus and Thanos do not know: the ${withoutDelay.join(', ').replace(/, ([^,]*)$/, ' and $1')} target${plural ? 's leave' : ' leaves'} it out, so the rules ${plural ? 'they write' : 'it writes'} are evaluated without the delay; write queryOffset instead, which Mimir reads too`,
    });
  }
  return found;
}
