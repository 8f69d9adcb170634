/**
 * The real-Alertmanager harness: Debian's Alertmanager 0.25 on loopback without clustering,
 * alerts posted through its API, notifications caught by the webhook sink.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startAlertmanager, startWebhookSink, withAlertmanager, withWebhookSink, type Alertmanager } from './alertmanager.ts';

function config(sinkUrl: (name: string) => string): string {
  return `route:
  receiver: default
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  routes:
    - receiver: pages
      matchers: ['severity="critical"']
receivers:
  - name: default
    webhook_configs: [{ url: '${sinkUrl('default')}', send_resolved: false }]
  - name: pages
    webhook_configs: [{ url: '${sinkUrl('pages')}', send_resolved: false }]
templates: [templates/*.tmpl]
`;
}

describe('a real Alertmanager with a webhook sink', () => {
  it('takes alerts through its API and delivers them to the sink by receiver path', async () => {
    await withWebhookSink(async (sink) => {
      await withAlertmanager(
        { config: config(sink.url), templates: { 'x.tmpl': '{{ define "x" }}x{{ end }}' }, logLevel: 'debug' },
        async (am) => {
          expect(am.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
          const status = await am.status();
          expect(status.cluster.status).toBe('disabled');
          expect(status.config.original).toContain('templates/*.tmpl');

          await am.postAlerts([
            { labels: { alertname: 'Page', severity: 'critical' }, annotations: { summary: 'hi' } },
            { labels: { alertname: 'Other' } },
          ]);
          const stored = await am.waitFor(async () => {
            const alerts = await am.alerts();
            return alerts.length === 2 ? alerts : undefined;
          });
          expect(stored.map((a) => [a.labels['alertname'], a.receivers.map((r) => r.name)]).sort()).toEqual([
            ['Other', ['default']],
            ['Page', ['pages']],
          ]);

          const { message, alert } = await sink.waitForAlert('/pages', { alertname: 'Page' });
          expect(message).toMatchObject({ receiver: 'pages', status: 'firing', externalURL: am.url, version: '4' });
          expect(alert.annotations).toEqual({ summary: 'hi' });
          await sink.waitForAlert('default', { alertname: 'Other' });
          expect(sink.received('pages')).toHaveLength(1);
          expect(sink.all().map((b) => b.path).sort()).toEqual(['/default', '/pages']);

          await am.waitFor(async () => (am.flushes({ alertname: 'Page' }) >= 2 ? true : undefined));
          expect(am.flushes({ alertname: 'Pag' })).toBe(0);
        },
      );
    });
  });

  it('stops and removes its directory; a bad config fails with Alertmanager stderr', async () => {
    const sink = await startWebhookSink();
    let am: Alertmanager | undefined;
    try {
      am = await startAlertmanager({ config: config(sink.url) });
      expect(existsSync(am.dir)).toBe(true);
      expect(() => am?.flushes({ alertname: 'x' })).toThrow(/logLevel: 'debug'/);
    } finally {
      await am?.stop();
      await sink.close();
    }
    expect(existsSync(am.dir)).toBe(false);
    expect(() => process.kill(am.pid, 0)).toThrow();

    await expect(startAlertmanager({ config: 'route: { receiver: nope }\nreceivers: [{ name: a }]\n' })).rejects.toThrow(
      /Alertmanager did not start: .*exited \(code 1.*undefined receiver \\"nope\\" used in route/s, // logfmt escapes the quotes
    );
  });

  it("the sink's waitFor names what arrived when it times out", async () => {
    await withWebhookSink(async (sink) => {
      await fetch(sink.url('elsewhere'), { method: 'POST', body: JSON.stringify({ receiver: 'elsewhere', status: 'firing', alerts: [] }) });
      await expect(sink.waitForAlert('pages', { alertname: 'Nope' }, 100)).rejects.toThrow(
        /no alert \{"alertname":"Nope"\} at \/pages: .*timed out after 100 ms.*\n.*\/elsewhere receiver=elsewhere firing/s,
      );
    });
  });
});
