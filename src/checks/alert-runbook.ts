import { modelCheck } from './check.ts';

/** The person paged at 3 a.m. needs to know what to do next. */
export const alertRunbook = modelCheck({
  id: 'alert/runbook',
  summary: 'An alert has no runbook (neither a URL nor runbook text), or its runbook is not a URL.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const alert of model.alerts) {
      if (alert.runbook === undefined && alert.runbookText === undefined) {
        ctx.report({ at: alert.origin.at('name'), message: `alert "${alert.name}" has no runbook; link the page that says what to do, or write it as runbookText` });
      } else if (alert.runbook === undefined) {
        if (model.runbooksUrl === undefined) ctx.report({ at: alert.origin.at('runbookText'), message: `alert "${alert.name}" has runbook text but no runbook_url: set runbooks.url in monc.config.yaml to where out/docs/runbooks is published` });
      } else if (!/^https?:\/\/[^\s/]+/.test(alert.runbook)) {
        ctx.report({ at: alert.origin.at('runbook'), message: `runbook "${alert.runbook}" is not an http(s) URL` });
      }
    }
  },
});
