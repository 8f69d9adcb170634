import { modelCheck } from './check.ts';

/**
 * A live server monc lint was asked to read did not answer within the time limit, or not as
 * a Prometheus API: one finding, and no other online check runs against it.
 */
export const onlineUnreachable = modelCheck({
  id: 'online/unreachable',
  summary: 'A live Prometheus that monc lint should read is down, too slow, or not a Prometheus API.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ online }, ctx) {
    const prometheus = online?.prometheus;
    if (!prometheus?.unreachable) return;
    ctx.report({
      at: prometheus.request.server.origin.at('url'),
      message: `Prometheus at ${prometheus.request.url} cannot be read, so the online checks did not run: ${prometheus.unreachable.message}`,
    });
  },
});
