import { ENDPOINTS_OF_CHECK } from '../online/snapshot.ts';
import { modelCheck } from './check.ts';

/**
 * The live server lacks an endpoint an online check reads (Thanos and Mimir do not serve
 * all of Prometheus' API), or it failed: that check is skipped, said once per check.
 */
export const onlineSkipped = modelCheck({
  id: 'online/skipped',
  summary: 'An online check was skipped: the live server does not serve, or failed to answer, an endpoint it reads.',
  defaultSeverity: 'info',
  inputs: ['definitions'],
  run({ online }, ctx) {
    const prometheus = online?.prometheus;
    if (!prometheus || prometheus.unreachable) return;
    for (const [check, endpoints] of Object.entries(ENDPOINTS_OF_CHECK)) {
      const failure = prometheus.failures.find((f) => endpoints.includes(f.endpoint));
      if (failure) ctx.report({ at: prometheus.request.server.origin.at('url'), message: `${check} skipped: ${failure.message}` });
    }
  },
});
