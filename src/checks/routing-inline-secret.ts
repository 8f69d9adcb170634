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
const NO_FILE = 'Alertmanager 0.25 cannot read a webhook URL from a file, so route through a relay that holds it (or suppress this finding where the repository itself is secret)';

/** Services whose webhook URLs are themselves the secret, by host (and where it matters, path). */
const SECRET_URL_SERVICES: readonly { readonly name: string; readonly host: RegExp; readonly path?: RegExp; readonly fix: string }[] = [
  { name: 'Slack', host: /^hooks\.slack(-gov)?\.com$/, fix: 'use a slack receiver with apiUrlFile instead' },
  { name: 'Discord', host: /^((ptb|canary)\.)?discord(app)?\.com$/, path: /^\/api\/webhooks\//, fix: NO_FILE },
  { name: 'Microsoft Teams', host: /(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/, path: /^\/webhook/, fix: NO_FILE },
  { name: 'PagerDuty', host: /(^|\.)pagerduty\.com$/, path: /\/integration\/[^/]+/, fix: 'use a pagerduty receiver with routingKeyFile instead' },
  { name: 'Telegram', host: /^api\.telegram\.org$/, path: /^\/bot[^/]+/, fix: NO_FILE },
  { name: 'Google Chat', host: /^chat\.googleapis\.com$/, fix: NO_FILE },
];

/**
 * Query and fragment parameters that carry a secret, by name with case and separators
 * ignored: `token`, `access_token`, `X-Auth-Token`, `api-key`, `client_secret`, `sig`,
 * and Azure Functions' `code`.
 */
const SECRET_PARAMETER = /(token|secret|password|passwd|pwd|apikey|key|signature|sig|auth|credential|credentials)$|^code$/;

/** A path segment after a "hooks" segment is a webhook's token (Mattermost, Rocket.Chat, Gitea and the like). */
const HOOK_TOKEN_PATH = /\/(hooks?|webhooks?|webhookb2)\/[A-Za-z0-9_-]{16,}/i;

/** What secret a URL carries (credentials, a known service's webhook path, a token-like parameter), and the fix. */
export function urlSecret(text: string): { what: string; fix: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.password !== '') return { what: 'a password (user:password@)', fix: BASIC_AUTH };
  if (url.username !== '') return { what: 'credentials in its user part (…@host)', fix: BASIC_AUTH };
  // "hooks.slack.com." is the same host as "hooks.slack.com".
  const host = url.hostname.replace(/\.+$/, '');
  const service = SECRET_URL_SERVICES.find((s) => s.host.test(host) && (s.path === undefined || s.path.test(url.pathname)));
  if (service) return { what: `the ${service.name} webhook secret in its path`, fix: service.fix };
  const parameter = secretParameter(url.searchParams) ?? secretParameter(new URLSearchParams(url.hash.slice(1)));
  if (parameter !== undefined) return { what: `a secret in its ${url.searchParams.has(parameter) ? 'query' : 'fragment'} (${parameter}=…)`, fix: BASIC_AUTH };
  if (HOOK_TOKEN_PATH.test(url.pathname)) return { what: 'a webhook token in its path', fix: NO_FILE };
  return undefined;
}

function secretParameter(parameters: URLSearchParams): string | undefined {
  return [...parameters.keys()].find((key) => SECRET_PARAMETER.test(key.toLowerCase().replace(/[^a-z0-9]/g, '')));
}
