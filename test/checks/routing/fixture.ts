/**
 * The project the routing check tests start from: a service with a critical, a warning and an
 * info alert (the info one carries `component: api`), and a routing file that routes each
 * severity to its own receiver, with file secrets and global SMTP settings. It passes every
 * check; each case changes one thing.
 */
export const R = 'definitions/routing.yaml';
export const S = 'definitions/app.yaml';

const alert = (name: string, severity: string, labels = '') =>
  `  - { name: ${name}, expr: vector(1), for: 5m, severity: ${severity}, summary: s, runbook: 'https://runbooks.example.com/x'${labels} }\n`;

export const SERVICE = `kind: Service\nname: app\nteam: core\nalerts:\n${alert('AppDown', 'critical')}${alert('AppSlow', 'warning')}${alert('AppNotice', 'info', ', labels: { component: api }')}`;

export const RECEIVERS = `receivers:
  - { name: default, email: [{ to: team@example.com }] }
  - { name: pager, pagerduty: [{ routingKeyFile: /etc/am/pd }] }
  - { name: chat, slack: [{ channel: '#alerts', apiUrlFile: /etc/am/slack }] }
  - { name: mail, email: [{ to: oncall@example.com }] }
`;

export const GLOBAL = "global:\n  smtp: { smarthost: 'smtp.example.com:587', from: am@example.com }\n";

/** A routing file: the global SMTP settings, the given route block, receivers, and extra blocks. */
export const routing = (route: string, extra = '', receivers = RECEIVERS) => `kind: Routing\n${GLOBAL}route:\n${route}${receivers}${extra}`;

export const SEVERITY_ROUTES = `  receiver: default
  routes:
    - { severity: critical, receiver: pager }
    - { severity: warning, receiver: chat }
    - { severity: info, receiver: mail }
`;

/** The routing file with one string replaced, failing loudly when the string is not there. */
export function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the fixture`);
  return text.replace(from, to);
}

/** A routing case: the routing file, the service (default SERVICE), and the findings of the check under test. */
export interface Case {
  readonly name: string;
  readonly routing: string;
  readonly service?: string;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (routing: string, service: string) => readonly string[];
}

/** The two files of a case. */
export const files = ({ routing, service = SERVICE }: Pick<Case, 'routing' | 'service'>) => ({ [R]: routing, [S]: service });
