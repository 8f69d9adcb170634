import type { InhibitRule, Receiver, Route, Routing, TimeInterval } from '../../model/model.ts';
import { OUT_PATHS, alertmanagerTemplatePath, generatedHeader } from '../../model/conventions.ts';
import { formatMatcher } from '../../routing/matchers.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, TargetEmitter } from '../artifact.ts';
import { defined } from '../defined.ts';
import { ALERTMANAGER_KEY_ORDER, type AlertmanagerConfigDto, type GlobalDto, type InhibitRuleDto, type ReceiverDto, type RouteDto, type TimeIntervalDto } from './types.ts';

/** alertmanager.yml and its template files, when the definitions have routing. */
export const alertmanagerTarget: TargetEmitter = {
  emit(model, expanded) {
    const routing = model.routing;
    if (!routing) return [];
    const sources = [routing.origin.file];
    return [
      { path: OUT_PATHS.alertmanagerConfig, content: toYaml(toConfig(routing, expanded.inhibitRules), generatedHeader(sources), ALERTMANAGER_KEY_ORDER) },
      ...routing.templates.map((template): Artifact => ({
        path: alertmanagerTemplatePath(template.name),
        content: `${generatedHeader(sources, 'go-template')}${template.content.trimEnd()}\n`,
      })),
    ];
  },
};

/** Where the Alertmanager that reads the file finds what it names. */
export interface ConfigPaths {
  /** A credential file, from the path the definitions give. */
  readonly credential: (file: string) => string;
  /** The glob of the template files. */
  readonly templates: string;
}

/** Next to out/alertmanager/alertmanager.yml: credential files where the definitions say, templates beside it. */
const PLAIN_PATHS: ConfigPaths = { credential: (file) => file, templates: alertmanagerTemplatePath('*.tmpl').replace(/^alertmanager\//, '') };

export function toConfig(routing: Routing, inhibitRules: readonly InhibitRule[], paths: ConfigPaths = PLAIN_PATHS): AlertmanagerConfigDto {
  const file = (path: string | undefined) => path && paths.credential(path);
  const global = toGlobal(routing.global, file);
  return {
    ...(global && { global }),
    ...(routing.templates.length > 0 && { templates: [paths.templates] }),
    route: toRoute(routing.route),
    ...(inhibitRules.length > 0 && { inhibit_rules: inhibitRules.map(toInhibitRule) }),
    receivers: routing.receivers.map((receiver) => toReceiver(receiver, file)),
    ...(routing.timeIntervals.length > 0 && { time_intervals: routing.timeIntervals.map(toTimeInterval) }),
  };
}

type CredentialPath = (file: string | undefined) => string | undefined;

function toGlobal(global: Routing['global'], file: CredentialPath): GlobalDto | undefined {
  if (!global) return undefined;
  return defined({
    resolve_timeout: global.resolveTimeout,
    smtp_smarthost: global.smtp?.smarthost,
    smtp_from: global.smtp?.from,
    smtp_auth_username: global.smtp?.authUsername,
    smtp_auth_password_file: file(global.smtp?.authPasswordFile),
    smtp_require_tls: global.smtp?.requireTls,
    slack_api_url_file: file(global.slackApiUrlFile),
    opsgenie_api_key_file: file(global.opsgenieApiKeyFile),
  });
}

function toRoute(route: Route): RouteDto {
  return defined({
    receiver: route.receiver,
    matchers: route.matchers.map(formatMatcher),
    group_by: route.groupBy,
    group_wait: route.groupWait,
    group_interval: route.groupInterval,
    repeat_interval: route.repeatInterval,
    continue: route.continue || undefined,
    mute_time_intervals: route.muteTimeIntervals,
    active_time_intervals: route.activeTimeIntervals,
    routes: route.routes.map(toRoute),
  });
}

function toInhibitRule(rule: InhibitRule): InhibitRuleDto {
  return defined({ source_matchers: rule.source.map(formatMatcher), target_matchers: rule.target.map(formatMatcher), equal: rule.equal });
}

function toReceiver(receiver: Receiver, file: CredentialPath): ReceiverDto {
  return defined({
    name: receiver.name,
    pagerduty_configs: receiver.pagerduty.map((c) =>
      defined({ routing_key_file: file(c.routingKeyFile), service_key_file: file(c.serviceKeyFile), severity: c.severity, description: c.description, send_resolved: c.sendResolved }),
    ),
    slack_configs: receiver.slack.map((c) => defined({ api_url_file: file(c.apiUrlFile), channel: c.channel, title: c.title, text: c.text, send_resolved: c.sendResolved })),
    email_configs: receiver.email.map((c) =>
      defined({
        to: c.to,
        from: c.from,
        smarthost: c.smarthost,
        auth_username: c.authUsername,
        auth_password_file: file(c.authPasswordFile),
        require_tls: c.requireTls,
        send_resolved: c.sendResolved,
      }),
    ),
    webhook_configs: receiver.webhook.map((c) =>
      defined({
        url: c.url,
        max_alerts: c.maxAlerts,
        http_config: c.username === undefined && c.passwordFile === undefined ? undefined : { basic_auth: defined({ username: c.username, password_file: file(c.passwordFile) }) },
        send_resolved: c.sendResolved,
      }),
    ),
    opsgenie_configs: receiver.opsgenie.map((c) => defined({ api_key_file: file(c.apiKeyFile), priority: c.priority, message: c.message, send_resolved: c.sendResolved })),
  });
}

function toTimeInterval(interval: TimeInterval): TimeIntervalDto {
  return {
    name: interval.name,
    time_intervals: interval.ranges.map((i) =>
      defined({
        times: i.times?.map((t) => ({ start_time: t.start, end_time: t.end })),
        weekdays: i.weekdays,
        days_of_month: i.daysOfMonth,
        months: i.months,
        years: i.years,
        location: i.location,
      }),
    ),
  };
}
