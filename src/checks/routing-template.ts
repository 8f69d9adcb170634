import type { Origin, PathSegment } from '../model/origin.ts';
import type { Routing } from '../model/model.ts';
import { ALERTMANAGER_TEMPLATES, checkTemplate } from '../templates/go-template.ts';
import { modelCheck } from './check.ts';

/**
 * Alertmanager parses its template files when it loads the config (amtool check-config
 * fails on one that does not parse) and a receiver's templated fields when it sends, when a
 * broken one costs the notification. Both must parse with Alertmanager's functions, and
 * every {{ template "name" }} must be defined.
 */
export const routingTemplate = modelCheck({
  id: 'routing/template',
  summary: 'An Alertmanager template (a template file, or a templated receiver field) does not parse, calls an unknown function, or uses a template no file defines.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const routing = model.routing;
    if (!routing) return;
    const templates = templatesOf(routing);
    const defined = new Set(templates.flatMap((t) => [...t.text.matchAll(DEFINITION)].map((m) => m[2] ?? '')));
    for (const { origin, path, what, text } of templates) {
      if (!text.includes('{{')) continue;
      const expr = { text, origin: origin.child(...path) };
      const error = checkTemplate(text, ALERTMANAGER_TEMPLATES);
      if (error) {
        ctx.report({ at: ctx.spanInExpr(expr, error.from, error.to), message: `${what}: ${error.message}` });
        continue;
      }
      for (const use of text.matchAll(USE)) {
        const name = use[2] ?? '';
        if (defined.has(name) || BUILT_IN.test(name)) continue;
        const from = (use.index ?? 0) + use[0].length - name.length - 2; // the opening quote
        ctx.report({
          at: ctx.spanInExpr(expr, from, from + name.length + 2),
          message: `${what}: template "${name}" is not defined; define it with {{ define "${name}" }} in one of the routing's templates`,
        });
      }
    }
  },
});

/** {{ define "name" }} or {{ block "name" … }}: a template's name. */
const DEFINITION = /\{\{-?\s*(define|block)\s+"([^"]*)"/g;
/** {{ template "name" … }}: a use. */
const USE = /\{\{-?\s*(template)\s+"([^"]*)"/g;
/** Alertmanager's own templates (default.tmpl): __subject, slack.default.title, … */
const BUILT_IN = /^(__|[a-z]+\.default\.)/;

interface TemplateText {
  readonly origin: Origin;
  readonly path: readonly PathSegment[];
  readonly what: string;
  readonly text: string;
}

/** Every template of the routing: the files, and the receiver fields Alertmanager expands. */
function templatesOf(routing: Routing): TemplateText[] {
  const texts: TemplateText[] = routing.templates.map((t, i) => ({ origin: routing.origin, path: ['templates', i, 'content'], what: `template file ${t.name}`, text: t.content }));
  for (const receiver of routing.receivers) {
    const fields = <T extends object>(kind: string, integrations: readonly T[], names: readonly (keyof T & string)[]) =>
      integrations.forEach((integration, i) => {
        for (const name of names) {
          const text = integration[name];
          if (typeof text === 'string') texts.push({ origin: receiver.origin, path: [kind, i, name], what: `receiver "${receiver.name}" ${kind} ${name}`, text });
        }
      });
    fields('pagerduty', receiver.pagerduty, ['severity', 'description']);
    fields('slack', receiver.slack, ['channel', 'title', 'text']);
    fields('email', receiver.email, ['to']);
    fields('opsgenie', receiver.opsgenie, ['priority', 'message']);
  }
  return texts;
}
