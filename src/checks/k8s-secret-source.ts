import type { Span } from '../diagnostic.ts';
import { alertmanagerCredential } from '../model/conventions.ts';
import type { Model, Routing, Scrape } from '../model/model.ts';
import { modelCheck, type CheckContext } from './check.ts';
import { writesKubernetes } from './k8s-helpers.ts';

/** What a Secret's data keys may be. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The objects read credentials from Secrets in the cluster, never from files beside the
 * definitions: a monitor's credential given only as a file has nothing to read from, and a
 * routing credential file not already where the operator mounts Secrets becomes a key (its file
 * name) of one Secret, which two files cannot share and which must be a valid key.
 */
export const k8sSecretSource = modelCheck({
  id: 'k8s/secret-source',
  summary: 'A scrape written as a ServiceMonitor or PodMonitor has a credential only as a file, or routing credential files do not make distinct Secret keys.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    if (!writesKubernetes(model)) return;
    for (const service of model.services) {
      const scrape = service.scrape;
      if (scrape?.kubernetes) monitorCredentials(scrape, scrape.kubernetes.monitor === 'pod' ? 'PodMonitor' : 'ServiceMonitor', ctx);
    }
    if (model.routing) routingCredentials(model, model.routing, ctx);
  },
});

function monitorCredentials(scrape: Scrape, monitor: string, ctx: CheckContext): void {
  const missing = (at: Span, what: string, field: string) =>
    ctx.report({ at, message: `the ${monitor} reads ${what} from a Secret, not from a file: add ${field}: { name: SECRET, key: KEY } (a Secret in the monitor's namespace)` });
  const { basicAuth, authorization, tls, origin } = scrape;
  if (basicAuth && !basicAuth.usernameSecret) missing(origin.at('basicAuth', 'username'), 'the basic auth user name', 'basicAuth.usernameSecret');
  if (basicAuth?.passwordFile !== undefined && !basicAuth.passwordSecret) missing(origin.at('basicAuth', 'passwordFile'), 'the basic auth password', 'basicAuth.passwordSecret');
  if (authorization && !authorization.credentialsSecret) missing(origin.at('authorization', 'credentialsFile'), 'the Authorization credentials', 'authorization.credentialsSecret');
  if (tls?.caFile !== undefined && !tls.caSecret) missing(origin.at('tls', 'caFile'), 'the CA certificate', 'tls.caSecret');
  if (tls?.certFile !== undefined && !tls.certSecret) missing(origin.at('tls', 'certFile'), 'the client certificate', 'tls.certSecret');
  if (tls?.keyFile !== undefined && !tls.keySecret) missing(origin.at('tls', 'keyFile'), 'the client key', 'tls.keySecret');
}

/** Every credential file of the routing, where it is written. */
function credentialFiles(routing: Routing): { readonly file: string; readonly at: Span }[] {
  const files: { file: string; at: Span }[] = [];
  const add = (file: string | undefined, at: () => Span) => {
    if (file !== undefined) files.push({ file, at: at() });
  };
  const global = routing.global;
  add(global?.smtp?.authPasswordFile, () => routing.origin.at('global', 'smtp', 'authPasswordFile'));
  add(global?.slackApiUrlFile, () => routing.origin.at('global', 'slackApiUrlFile'));
  add(global?.opsgenieApiKeyFile, () => routing.origin.at('global', 'opsgenieApiKeyFile'));
  for (const r of routing.receivers) {
    r.pagerduty.forEach((c, i) => {
      add(c.routingKeyFile, () => r.origin.at('pagerduty', i, 'routingKeyFile'));
      add(c.serviceKeyFile, () => r.origin.at('pagerduty', i, 'serviceKeyFile'));
    });
    r.slack.forEach((c, i) => {
      add(c.apiUrlFile, () => r.origin.at('slack', i, 'apiUrlFile'));
    });
    r.email.forEach((c, i) => {
      add(c.authPasswordFile, () => r.origin.at('email', i, 'authPasswordFile'));
    });
    r.webhook.forEach((c, i) => {
      add(c.passwordFile, () => r.origin.at('webhook', i, 'passwordFile'));
    });
    r.opsgenie.forEach((c, i) => {
      add(c.apiKeyFile, () => r.origin.at('opsgenie', i, 'apiKeyFile'));
    });
  }
  return files;
}

function routingCredentials(model: Model, routing: Routing, ctx: CheckContext): void {
  const byKey = new Map<string, { file: string; at: Span }>();
  for (const { file, at } of credentialFiles(routing)) {
    const { secret, key } = alertmanagerCredential(file, model.kubernetes.alertmanager.name);
    if (!SECRET_KEY.test(key) || key.length > 253) {
      ctx.report({ at, message: `the Alertmanager reads ${file} as key "${key}" of Secret ${secret}, which is no Secret key (letters, digits, -, _ and .): rename the file` });
      continue;
    }
    const earlier = byKey.get(`${secret}/${key}`);
    if (earlier && earlier.file !== file) {
      ctx.report({
        at,
        message: `the Alertmanager reads ${file} as key "${key}" of Secret ${secret}, as it does ${earlier.file}: give the files different names`,
        related: [{ at: earlier.at, message: `${earlier.file}, key "${key}"` }],
      });
    } else if (!earlier) {
      byKey.set(`${secret}/${key}`, { file, at });
    }
  }
}
