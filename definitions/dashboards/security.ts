/**
 * Security (monitoring-guide.md, "Grafana Dashboards" 6): authentication failures, rate
 * limiting, rejected uploads, blocked IPs and TLS certificate expiry.
 * Use cases: security monitoring, attack detection, compliance reporting.
 */
import { defineDashboard } from 'monc';
import * as m from '../backend-metrics.ts';
import { ANNOTATIONS, FOLDER, INSTANCE, RANGE, RATE, runbookUrl, dashboardLinks, instanceVariable, jobVariable } from './common.ts';

const DAY = 86_400;

defineDashboard({
  id: 'security',
  title: 'Security',
  description: 'Authentication failures and failed logins, rate limiting, suspicious (rejected) uploads, blocked IPs and TLS certificate expiry. For security monitoring, attack detection and compliance reporting.',
  folder: FOLDER,
  service: 'backend',
  tags: ['iob-maiis', 'backend', 'security'],
  variables: [jobVariable(`${m.authAttempts}`), instanceVariable(`${m.authAttempts}`)],
  links: [
    { title: 'Runbook: TLS certificate expiring', url: runbookUrl('SSLCertificateExpiringCritical') },
    { title: 'Runbook: TLS certificate renewal due', url: runbookUrl('SSLCertificateRenewalDue') },
    ...dashboardLinks('application-performance', 'storage-cache'),
  ],
  annotations: ANNOTATIONS,
  rows: [
    {
      title: 'Authentication',
      panels: [
        {
          title: 'Authentication Failure Rate',
          description:
            'The share of authentication attempts that failed, per method (failures and attempts summed per method before dividing). ' +
            'A jump on password logins is credential stuffing or a broken client; on tokens, a key rotation gone wrong.',
          type: 'timeseries',
          unit: 'percentunit',
          min: 0,
          width: 9,
          queries: [
            {
              expr: `sum by (method) (rate(${m.authFailures.where(INSTANCE).over(RATE)})) / sum by (method) (rate(${m.authAttempts.where(INSTANCE).over(RATE)}))`,
              legend: '{{method}}',
            },
          ],
        },
        {
          title: 'Failed Login Attempts',
          description:
            'Failed password logins per second, by reason. Many invalid_credentials from few sources is brute force; locked_account means the lockout is working; rate_limited, that the limiter stepped in.',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          width: 9,
          queries: [{ expr: `sum by (reason) (rate(${m.authFailures.where({ ...INSTANCE, method: 'password' }).over(RATE)}))`, legend: '{{reason}}' }],
        },
        {
          title: 'Failed Logins in Range',
          description: 'Failed password logins over the selected time range, by reason: the numbers for a compliance report.',
          type: 'bargauge',
          unit: 'short',
          decimals: 0,
          min: 0,
          width: 6,
          queries: [{ expr: `sum by (reason) (increase(${m.authFailures.where({ ...INSTANCE, method: 'password' }).over(RANGE)}))`, legend: '{{reason}}' }],
        },
      ],
    },
    {
      title: 'Abuse',
      panels: [
        {
          title: 'Rate Limiting Events',
          description: 'Requests per second the rate limiter rejected with 429, by route and by what the limit is keyed on (ip, user, api_key).',
          type: 'timeseries',
          unit: 'reqps',
          min: 0,
          width: 9,
          queries: [{ expr: `sum by (endpoint, scope) (rate(${m.rateLimitExceeded.where(INSTANCE).over(RATE)}))`, legend: '{{endpoint}} ({{scope}})' }],
        },
        {
          title: 'Suspicious Upload Activity',
          description:
            'Uploads per second rejected before storage, by reason. malware_detected and content_type_mismatch (a file that is not what its name says) are suspicious; ' +
            'file_too_large and quota_exceeded are usually honest mistakes.',
          type: 'timeseries',
          unit: 'ops',
          min: 0,
          width: 9,
          queries: [{ expr: `sum by (reason) (rate(${m.uploadRejected.where(INSTANCE).over(RATE)}))`, legend: '{{reason}}' }],
        },
        {
          title: 'Blocked IPs',
          description: 'Client IP addresses on the block list now (after repeated failed logins or rate-limit violations). The list is shared, so the instances report the same number: max, not sum.',
          type: 'stat',
          unit: 'short',
          height: 8,
          queries: [{ expr: `max(${m.blockedIps.where(INSTANCE)})` }],
        },
      ],
    },
    {
      title: 'TLS',
      panels: [
        {
          title: 'SSL Certificate Expiry',
          description:
            'Time left until each public TLS certificate expires (the bar spans 90 days, a Let\'s Encrypt lifetime). certbot renews at 30 days left; ' +
            'SSLCertificateRenewalDue notifies below 25 days, SSLCertificateExpiringCritical pages below 7.',
          type: 'bargauge',
          unit: 's',
          min: 0,
          max: 90 * DAY,
          width: 24,
          queries: [{ expr: 'min by (cn) (ssl_certificate_expiry_timestamp_seconds) - time()', legend: '{{cn}}' }],
        },
      ],
    },
  ],
});
