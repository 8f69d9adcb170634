import { modelCheck } from './check.ts';

/**
 * A live server monc lint was asked to read did not answer within the time limit, or not as
 * its API (Prometheus', or Alertmanager's v2): one finding per server, and no other online
 * check runs against it.
 */
export const onlineUnreachable = modelCheck({
  id: 'online/unreachable',
  summary: 'A live Prometheus or Alertmanager that monc lint should read is down, too slow, or not that API.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ online }, ctx) {
    const servers = [
      { name: 'Prometheus', snapshot: online?.prometheus, skipped: 'the online checks did not run' },
      { name: 'Alertmanager', snapshot: online?.alertmanager, skipped: 'online/alertmanager-drift did not run' },
    ];
    for (const { name, snapshot, skipped } of servers) {
      if (!snapshot?.unreachable) continue;
      // A URL from the command line has no place in the files: the finding sits where the config would set it, and says which flag gave it.
      const { url, flag } = snapshot.request;
      ctx.report({
        at: snapshot.request.server.origin.at('url'),
        message: `${name} at ${url}${flag === undefined ? '' : ` (${flag})`} cannot be read, so ${skipped}: ${snapshot.unreachable.message}`,
      });
    }
  },
});
