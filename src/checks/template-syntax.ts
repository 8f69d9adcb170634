import type { PathSegment } from '../model/origin.ts';
import type { Alert } from '../model/model.ts';
import { checkTemplate } from '../templates/go-template.ts';
import { modelCheck } from './check.ts';

/**
 * Prometheus expands every alert label and annotation as a Go template, and refuses to load
 * a rule file in which one does not parse.
 */
export const templateSyntax = modelCheck({
  id: 'template/syntax',
  summary: 'An alert label or annotation is not a valid Go template.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run({ model }, ctx) {
    for (const alert of model.alerts) {
      for (const { path, what, text } of templatesOf(alert)) {
        if (!text.includes('{{')) continue;
        const error = checkTemplate(text);
        if (!error) continue;
        const at = ctx.spanInExpr({ text, origin: alert.origin.child(...path) }, error.from, error.to);
        ctx.report({ at, message: `${what} of alert "${alert.name}": ${error.message}` });
      }
    }
  },
});

interface Template {
  readonly path: readonly PathSegment[];
  readonly what: string;
  readonly text: string;
}

/** Every templated string of an alert, with the model path of its origin. */
function templatesOf(alert: Alert): Template[] {
  const templates: Template[] = [];
  const field = (name: 'summary' | 'description' | 'runbook' | 'severity', what: string) => {
    const text = alert[name];
    if (text !== undefined) templates.push({ path: [name], what, text });
  };
  field('summary', 'the summary');
  field('description', 'the description');
  field('runbook', 'the runbook');
  field('severity', 'the severity');
  for (const [key, text] of Object.entries(alert.annotations)) templates.push({ path: ['annotations', key], what: `annotation "${key}"`, text });
  for (const [key, text] of Object.entries(alert.labels)) templates.push({ path: ['labels', key], what: `label "${key}"`, text });
  return templates;
}
