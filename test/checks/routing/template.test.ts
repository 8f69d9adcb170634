/** routing/template: Alertmanager's template files and templated receiver fields parse with its functions, and use only defined templates. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, RECEIVERS, replace, routing, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/template';

/** The fixture's routing with one template file holding `content` (a YAML single-quoted string's inside). */
const withTemplate = (content: string, receivers = RECEIVERS) => routing(SEVERITY_ROUTES, `templates:\n  - name: a.tmpl\n    content: '${content}'\n`, receivers);
/** The fixture's routing with the Slack integration's title set to `title`. */
const withSlackTitle = (title: string, extra = '') => routing(SEVERITY_ROUTES, extra, replace(RECEIVERS, "channel: '#alerts',", `channel: '#alerts', title: '${title}',`));

const CASES: readonly Case[] = [
  { name: 'A template file with defines, pipelines and Alertmanager functions passes.', routing: withTemplate('{{ define "t" }}{{ .Status | toUpper }} {{ join ", " .GroupLabels.Values }}{{ range .Alerts }}{{ .Labels.job }}{{ end }}{{ end }}'), expected: () => [] },
  { name: 'A receiver field using a defined template passes.', routing: withSlackTitle('{{ template "t" . }}', 'templates:\n  - name: a.tmpl\n    content: \'{{ define "t" }}x{{ end }}\'\n'), expected: () => [] },
  { name: "A receiver field using Alertmanager's own templates passes.", routing: withSlackTitle('{{ template "slack.default.title" . }} {{ template "__subject" . }}'), expected: () => [] },
  { name: 'A template file that does not parse is flagged at the mistake.', routing: withTemplate('{{ define "t" }}{{ if }}{{ end }}{{ end }}'), expected: (r) => [at(ID, R, r, '}}{{ end }}{{ end }}')] },
  { name: 'A template file calling an unknown function is flagged at the function.', routing: withTemplate('{{ define "t" }}{{ nosuchfunc . }}{{ end }}'), expected: (r) => [at(ID, R, r, 'nosuchfunc')] },
  { name: "A Prometheus-only function (humanize) is flagged: Alertmanager 0.25 does not define it.", routing: withTemplate('{{ define "t" }}{{ humanize 1 }}{{ end }}'), expected: (r) => [at(ID, R, r, 'humanize')] },
  { name: 'A receiver field that does not parse is flagged at the mistake.', routing: withSlackTitle('{{ .Status '), expected: (r) => [at(ID, R, r, '{{ .Status')] },
  { name: 'A receiver field using an undefined template is flagged at its name.', routing: withSlackTitle('{{ template "nope" . }}'), expected: (r) => [at(ID, R, r, '"nope"')] },
  { name: 'A Prometheus variable ($labels) in a receiver field is flagged.', routing: withSlackTitle('{{ $labels.job }}'), expected: (r) => [at(ID, R, r, '$labels')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.routing, ''));
  });

  it('names the template file or the receiver field', async () => {
    const messages = async (r: string) => (await lint(files({ routing: r }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(withTemplate('{{ define "t" }}{{ toupper . }}{{ end }}'))).toEqual(['template file a.tmpl: function "toupper" not defined; did you mean "toUpper"?']);
    expect(await messages(withSlackTitle('{{ template "nope" . }}'))).toEqual(['receiver "chat" slack title: template "nope" is not defined; define it with {{ define "nope" }} in one of the routing\'s templates']);
  });
});
