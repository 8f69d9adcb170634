import type { Origin, PathSegment } from '../model/origin.ts';
import { RECEIVER_KINDS } from '../model/model.ts';
import { modelCheck } from './check.ts';

/** Fields that hold a secret, and the file field to write instead. */
const SECRET_FIELDS: Readonly<Record<string, string>> = {
  routingKey: 'routingKeyFile',
  serviceKey: 'serviceKeyFile',
  apiUrl: 'apiUrlFile',
  apiKey: 'apiKeyFile',
  authPassword: 'authPasswordFile',
  password: 'passwordFile',
  slackApiUrl: 'slackApiUrlFile',
  opsgenieApiKey: 'opsgenieApiKeyFile',
};

const SECRET_QUERY = /^(token|access_token|api_?key|key|secret|password|passwd|signature|sig|auth)$/i;

/** Secrets in the repository leak with every clone; Alertmanager reads them from files. */
export const routingInlineSecret = modelCheck({
  id: 'routing/inline-secret',
  summary: 'A receiver or the routing global settings hold a secret (key, webhook URL, password) inline instead of in a file.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const fields = (holder: { readonly inlineSecrets: readonly string[] } | undefined, origin: Origin, path: PathSegment[]) => {
      for (const key of holder?.inlineSecrets ?? []) {
        ctx.report({ at: origin.at(...path, key), message: `${key} holds a secret inline, where every clone of the repository can read it; write ${SECRET_FIELDS[key] ?? `${key}File`}: /path/to/a/file holding it, mounted into Alertmanager` });
      }
    };
    fields(routing.global, routing.origin, ['global']);
    fields(routing.global?.smtp, routing.origin, ['global', 'smtp']);
    for (const receiver of routing.receivers) {
      for (const kind of RECEIVER_KINDS) {
        receiver[kind].forEach((config, i) => {
          fields(config, receiver.origin, [kind, i]);
        });
      }
      receiver.webhook.forEach((config, i) => {
        const problem = urlSecret(config.url);
        if (problem) ctx.report({ at: receiver.origin.at('webhook', i, 'url'), message: `the webhook URL carries ${problem.what}; ${problem.fix}` });
      });
    }
  },
});

const BASIC_AUTH = 'Alertmanager 0.25 has no url_file, so send credentials as basic auth with username and passwordFile';

/** What secret a URL carries (user:password@, a Slack webhook, a token-like query parameter), and the fix. */
function urlSecret(text: string): { what: string; fix: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.password !== '') return { what: 'a password (user:password@)', fix: BASIC_AUTH };
  if (url.hostname === 'hooks.slack.com') return { what: 'the Slack webhook secret in its path', fix: 'use a slack receiver with apiUrlFile instead' };
  const parameter = [...url.searchParams.keys()].find((key) => SECRET_QUERY.test(key));
  return parameter === undefined ? undefined : { what: `a secret in its query (${parameter}=…)`, fix: BASIC_AUTH };
}
