import { modelCheck } from './check.ts';

/**
 * Alertmanager refuses a config whose integration cannot send: an email with no SMTP server
 * or sender, a PagerDuty integration with no key, Slack or Opsgenie with no key here or in
 * global. monc checks it so the build fails instead of the deploy.
 */
export const routingIncompleteReceiver = modelCheck({
  id: 'routing/incomplete-receiver',
  summary: 'A receiver integration lacks what Alertmanager needs to send (an SMTP server and sender, a key or webhook URL file), here or in global.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const global = routing.global;
    for (const receiver of routing.receivers) {
      const report = (kind: string, i: number, message: string) => ctx.report({ at: receiver.origin.at(kind, i), message: `receiver "${receiver.name}": ${message}` });
      receiver.email.forEach((c, i) => {
        const missing = [...(c.smarthost ?? global?.smtp?.smarthost ? [] : ['smarthost']), ...(c.from ?? global?.smtp?.from ? [] : ['from'])];
        if (missing.length > 0) report('email', i, `the email integration has no ${missing.join(' or ')}; set ${missing.length > 1 ? 'them' : 'it'} here or in global.smtp`);
      });
      receiver.pagerduty.forEach((c, i) => {
        if (!c.routingKeyFile && !c.serviceKeyFile && c.inlineSecrets.length === 0) report('pagerduty', i, 'the PagerDuty integration has no key; set routingKeyFile (Events API v2) or serviceKeyFile');
      });
      receiver.slack.forEach((c, i) => {
        if (!c.apiUrlFile && c.inlineSecrets.length === 0 && !global?.slackApiUrlFile && !global?.inlineSecrets.includes('slackApiUrl')) report('slack', i, 'the Slack integration has no webhook URL; set apiUrlFile here or slackApiUrlFile in global');
      });
      receiver.opsgenie.forEach((c, i) => {
        if (!c.apiKeyFile && c.inlineSecrets.length === 0 && !global?.opsgenieApiKeyFile && !global?.inlineSecrets.includes('opsgenieApiKey')) report('opsgenie', i, 'the Opsgenie integration has no API key; set apiKeyFile here or opsgenieApiKeyFile in global');
      });
    }
  },
});
