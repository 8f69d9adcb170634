/**
 * The routing for the operator's Alertmanager: alertmanager.yaml (the alertmanager target's file,
 * credential files moved to where the operator mounts a Secret) in the Secret the Alertmanager
 * resource reads, or an AlertmanagerConfig object. Each credential file is a Secret key
 * (conventions.ts alertmanagerCredential): the one its path names when it is already where the
 * operator mounts Secrets, else a key of alertmanager-<name>-credentials named like the file.
 */
import type { InhibitRule, Matcher, Receiver, Route, Routing, TimeInterval } from '../../model/model.ts';
import {
  ALERTMANAGER_CONFIG_DIR,
  ALERTMANAGER_CONFIG_KEY,
  ALERTMANAGER_CONFIG_OBJECT_NAME,
  alertmanagerConfigSecretName,
  alertmanagerCredential,
  alertmanagerSecretFile,
  alertmanagerTemplatesConfigMapName,
  generatedHeader,
} from '../../model/conventions.ts';
import { toYaml } from '../../serialize/yaml.ts';
import { toConfig } from '../alertmanager/emitter.ts';
import { defined } from '../defined.ts';
import { ALERTMANAGER_KEY_ORDER } from '../alertmanager/types.ts';
import type { AlertmanagerConfigDto, AmReceiverDto, AmRouteDto, AmTimeIntervalDto, ConfigMapDto, MatcherDto, ObjectMetaDto, SecretDto, SecretKeySelectorDto } from './types.ts';

type Metadata = Omit<ObjectMetaDto, 'name'>;

/** alertmanager.yaml and the templates, in the Secret alertmanager-<name>, where the operator reads them. */
export function alertmanagerSecret(routing: Routing, inhibitRules: readonly InhibitRule[], alertmanager: string, metadata: Metadata): SecretDto {
  const config = toConfig(routing, inhibitRules, {
    credential: (file) => {
      const { secret, key } = alertmanagerCredential(file, alertmanager);
      return alertmanagerSecretFile(secret, key);
    },
    // The operator mounts the Secret's other keys beside the configuration.
    templates: `${ALERTMANAGER_CONFIG_DIR}/*.tmpl`,
  });
  const sources = [routing.origin.file];
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { ...metadata, name: alertmanagerConfigSecretName(alertmanager) },
    type: 'Opaque',
    stringData: {
      [ALERTMANAGER_CONFIG_KEY]: toYaml(config, generatedHeader(sources), ALERTMANAGER_KEY_ORDER),
      ...templateFiles(routing),
    },
  };
}

/** The routing as an AlertmanagerConfig, and its templates in a ConfigMap the Alertmanager resource mounts. */
export function alertmanagerConfigObjects(routing: Routing, inhibitRules: readonly InhibitRule[], alertmanager: string, metadata: Metadata): (AlertmanagerConfigDto | ConfigMapDto)[] {
  const secret = (file: string | undefined): SecretKeySelectorDto | undefined => {
    if (file === undefined) return undefined;
    const { secret: name, key } = alertmanagerCredential(file, alertmanager);
    return { name, key };
  };
  const config: AlertmanagerConfigDto = {
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: { ...metadata, name: ALERTMANAGER_CONFIG_OBJECT_NAME },
    spec: {
      route: toRoute(routing.route),
      receivers: routing.receivers.map((receiver) => toReceiver(receiver, routing.global, secret)),
      ...(inhibitRules.length > 0 && {
        inhibitRules: inhibitRules.map((rule) => defined({ sourceMatch: rule.source.map(toMatcher), targetMatch: rule.target.map(toMatcher), equal: rule.equal })),
      }),
      ...(routing.timeIntervals.length > 0 && { muteTimeIntervals: routing.timeIntervals.map(toTimeInterval) }),
    },
  };
  if (routing.templates.length === 0) return [config];
  const templates: ConfigMapDto = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...metadata, name: alertmanagerTemplatesConfigMapName(alertmanager) }, data: templateFiles(routing) };
  return [config, templates];
}

function templateFiles(routing: Routing): Record<string, string> {
  return Object.fromEntries(routing.templates.map((t) => [t.name, `${generatedHeader([routing.origin.file], 'go-template')}${t.content.trimEnd()}\n`]));
}

function toMatcher(matcher: Matcher): MatcherDto {
  return { name: matcher.label, value: matcher.value, matchType: matcher.op };
}

function toRoute(route: Route): AmRouteDto {
  return defined({
    receiver: route.receiver,
    matchers: route.matchers.map(toMatcher),
    groupBy: route.groupBy,
    groupWait: route.groupWait,
    groupInterval: route.groupInterval,
    repeatInterval: route.repeatInterval,
    continue: route.continue || undefined,
    muteTimeIntervals: route.muteTimeIntervals,
    activeTimeIntervals: route.activeTimeIntervals,
    routes: route.routes.map(toRoute),
  });
}

type SecretOf = (file: string | undefined) => SecretKeySelectorDto | undefined;

/** AlertmanagerConfig has no global settings: each integration gets the global values it would have inherited. */
function toReceiver(receiver: Receiver, global: Routing['global'], secret: SecretOf): AmReceiverDto {
  const smtp = global?.smtp;
  return defined({
    name: receiver.name,
    pagerdutyConfigs: receiver.pagerduty.map((c) =>
      defined({ routingKey: secret(c.routingKeyFile), serviceKey: secret(c.serviceKeyFile), severity: c.severity, description: c.description, sendResolved: c.sendResolved }),
    ),
    slackConfigs: receiver.slack.map((c) =>
      defined({ apiURL: secret(c.apiUrlFile ?? global?.slackApiUrlFile), channel: c.channel, title: c.title, text: c.text, sendResolved: c.sendResolved }),
    ),
    emailConfigs: receiver.email.map((c) =>
      defined({
        to: c.to,
        from: c.from ?? smtp?.from,
        smarthost: c.smarthost ?? smtp?.smarthost,
        authUsername: c.authUsername ?? smtp?.authUsername,
        authPassword: secret(c.authPasswordFile ?? smtp?.authPasswordFile),
        requireTLS: c.requireTls ?? smtp?.requireTls,
        sendResolved: c.sendResolved,
      }),
    ),
    // Basic auth reads the user name from a Secret here: k8s/alertmanager-config reports a webhook with one.
    webhookConfigs: receiver.webhook.map((c) => defined({ url: c.url, maxAlerts: c.maxAlerts, sendResolved: c.sendResolved })),
    opsgenieConfigs: receiver.opsgenie.map((c) =>
      defined({ apiKey: secret(c.apiKeyFile ?? global?.opsgenieApiKeyFile), priority: c.priority, message: c.message, sendResolved: c.sendResolved }),
    ),
  });
}

/** Time intervals are UTC here: k8s/alertmanager-config reports one with a location. */
function toTimeInterval(interval: TimeInterval): AmTimeIntervalDto {
  return {
    name: interval.name,
    timeIntervals: interval.ranges.map((range) =>
      defined({
        times: range.times?.map((t) => ({ startTime: t.start, endTime: t.end })),
        weekdays: range.weekdays,
        daysOfMonth: range.daysOfMonth?.map(toDayRange),
        months: range.months,
        years: range.years,
      }),
    ),
  };
}

/** "1:5" is days 1 to 5, "-1" the last day alone. */
function toDayRange(days: string): { start: number; end: number } {
  const [start = '', end = start] = days.split(/(?<=\d):/);
  return { start: Number(start), end: Number(end) };
}
