/**
 * The seed system end to end: the backend (prom-client, its declared metrics) scraped by a real
 * Prometheus running the generated prometheus.yml and rule files, alerting a real Alertmanager
 * running the generated routing, whose receivers are local webhooks.
 *
 * How the long windows fit in a test (details in ./seed-stack.ts): every duration of the
 * generated files runs TIME_SCALE (60) times faster, so `for: 5m` holds for 5 s and a 1h burn
 * window is 1 min with the same number of samples; and the SLO windows start full of healthy
 * history, backfilled with promtool at the scaled evaluation interval, so burn rates move as in
 * a long-running system: errors reach the short windows within seconds, the page tiers cross
 * their thresholds before the ticket tiers (a page window needs 1.73 evaluations' worth of
 * errors, a ticket window 8.64), and the generated inhibitions then drop the tickets.
 *
 * Nothing here waits a fixed time for something to happen: each step polls until the system
 * reaches the state it asserts, with deadlines far beyond what it takes. The healthy phase
 * lasts the longest scaled `for:` of the rules, after which no rule can still be on its way to
 * firing on healthy data.
 */
import { expect, test } from 'vitest';
import { hasLabels, type WebhookMessage } from '../helpers/alertmanager.ts';
import { sleep } from '../helpers/server.ts';
import { startSeedStack, TIME_SCALE } from './seed-stack.ts';

/** Generous: each awaited state takes seconds. */
const DEADLINE_MS = 60_000;

/** routing.yaml mutes warnings to Slack on Sunday 02:00–04:00 Europe/Berlin (the `maintenance` interval). */
function inMaintenance(now: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return part('weekday') === 'Sun' && Number(part('hour')) >= 2 && Number(part('hour')) < 4;
}

/** The alert names of firing alerts each receiver was notified of. */
function firingByReceiver(receivers: readonly string[], received: (name: string) => WebhookMessage[]): Record<string, string[]> {
  return Object.fromEntries(
    receivers.map((r) => [
      r,
      [...new Set(received(r).flatMap((m) => m.alerts.filter((a) => a.status === 'firing').map((a) => a.labels['alertname'] ?? '')))].sort(),
    ]),
  );
}

test('healthy traffic notifies no one; errors page HighAPIErrorRate and the errors SLO through pagerduty, SlowAPIResponseTime goes to slack, the SLO ticket is inhibited', async () => {
  const started = Date.now();
  const warningsMuted = inMaintenance(new Date());
  const stack = await startSeedStack();
  const { prometheus, alertmanager, sink, backend, receivers } = stack;
  try {
    expect(receivers).toEqual(expect.arrayContaining(['pagerduty', 'slack', 'team-notifications', 'email']));

    // Healthy: wait for live SLI recordings, then for the longest `for:` of the backend's rules
    // (scaled). The other files' rules see no series: their scrape jobs are not running.
    await prometheus.waitFor(async () => ((await prometheus.query('slo:sli_total:increase5m{slo="backend-errors"} > 0')).length > 0 ? true : undefined), DEADLINE_MS);
    const longestFor = Math.max(
      ...(await prometheus.rules())
        .filter((g) => g.file.endsWith('rules/backend.yml'))
        .flatMap((g) => g.rules.filter((r: any) => r.type === 'alerting').map((r: any) => Number(r.duration))),
    );
    expect(longestFor).toBe((15 * 60) / TIME_SCALE); // BackendThroughputNearCapacity's for: 15m
    await sleep(longestFor * 1000 + 2_000);
    expect(await prometheus.alerts()).toEqual([]);
    expect(await alertmanager.alerts()).toEqual([]);
    expect(sink.all()).toEqual([]);
    const healthySeconds = (Date.now() - started) / 1000;

    // Errors: one request in five is a 503 taking 3 s.
    backend.setTraffic('errors');
    await sink.waitFor(() => {
      const got = firingByReceiver(receivers, sink.received);
      const paged = ['BackendErrorsFastBurn', 'HighAPIErrorRate'].every((a) => got['pagerduty']?.includes(a));
      return paged && (warningsMuted || got['slack']?.includes('SlowAPIResponseTime')) ? true : undefined;
    }, DEADLINE_MS);

    // The errors SLO's ticket fires later than its page, and the page inhibits it: wait until
    // its group has flushed twice, so its first notification has been sent or dropped.
    await prometheus.waitFor(async () => ((await prometheus.alerts()).some((a) => a.labels.alertname === 'BackendErrorsSlowBurn' && a.state === 'firing') ? true : undefined), DEADLINE_MS);
    const ticket = await alertmanager.waitFor(async () => (await alertmanager.alerts()).find((a) => hasLabels(a, { alertname: 'BackendErrorsSlowBurn' })), DEADLINE_MS);
    expect(ticket.status.state).toBe('suppressed');
    expect(ticket.status.inhibitedBy).not.toEqual([]);
    await alertmanager.waitFor(async () => (alertmanager.flushes({ alertname: 'BackendErrorsSlowBurn' }) >= 2 ? true : undefined), DEADLINE_MS);

    const firing = [...new Set((await prometheus.alerts()).filter((a) => a.state === 'firing').map((a) => String(a.labels.alertname)))].sort();
    expect(firing).toEqual(['BackendErrorsFastBurn', 'BackendErrorsSlowBurn', 'HighAPIErrorRate', 'SlowAPIResponseTime']);
    const received = firingByReceiver(receivers, sink.received);
    expect(received).toEqual({
      'team-notifications': [],
      pagerduty: ['BackendErrorsFastBurn', 'HighAPIErrorRate'],
      slack: warningsMuted ? [] : ['SlowAPIResponseTime'],
      email: [],
    });

    const wallSeconds = (Date.now() - started) / 1000;
    const notifications = sink.all().map(({ path, message }) => ({
      at: path,
      status: message.status,
      alerts: message.alerts.map((a) => `${a.labels['alertname']}${a.labels['tier'] === undefined ? '' : `{tier=${a.labels['tier']}}`} ${a.status}`),
    }));
    console.log(JSON.stringify({ wallSeconds, healthySeconds, warningsMuted, received, notifications }, null, 2));
  } finally {
    await stack.stop();
  }
}, 120_000);
