/** load/yaml: every YAML file (definitions, monc.config.yaml, rule files) parses, without duplicate keys or alias bombs. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { CONFIG, lint, type LintOptions } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'load/yaml';
const F = 'definitions/app.yaml';

type Files = Readonly<Record<string, string>>;

interface Case {
  readonly name: string;
  readonly files: Files;
  readonly options?: LintOptions;
  /** The findings of this check, as `check@file:line:column` (where()). */
  readonly expected: (files: Files) => readonly string[];
}

/** Where `needle` (its nth occurrence) is in `file`. */
const inFile = (files: Files, needle: string, nth = 1, file = F) => at(ID, file, files[file] ?? '', needle, nth);
/** The end of `file`, where the parser gives up on an unclosed bracket. */
const atEnd = (files: Files, file = F) => {
  const lines = (files[file] ?? '').split('\n');
  return `${ID}@${file}:${lines.length}:${(lines.at(-1) ?? '').length + 1}`;
};

const SERVICE = 'kind: Service\nname: app\nteam: core\n';
/** An alert of the service, whose summary line is `summary`. */
const alert = (summary: string, extra = '') =>
  `kind: Service\nname: checkout\nteam: payments\nalerts:\n  - name: CheckoutDown\n    expr: up{job="checkout"} == 0\n    for: 5m\n    severity: critical\n    ${summary}\n    runbook: https://runbooks.example.com/checkout/down\n${extra}`;
const ALIAS_BOMB =
  'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';

const CASES: readonly Case[] = [
  { name: 'A well-formed definitions file passes.', files: { [F]: SERVICE }, expected: () => [] },
  { name: 'Several documents separated by --- pass.', files: { [F]: `${SERVICE}---\nkind: Metrics\nmetrics:\n  - { name: app_jobs_total, type: counter, help: Jobs. }\n` }, expected: () => [] },
  { name: 'A quoted summary that starts with a Go template passes.', files: { [F]: alert('summary: "{{ $labels.instance }} is down"') }, expected: () => [] },
  { name: 'A well-formed config passes.', files: { [F]: SERVICE, [CONFIG]: 'prometheus:\n  version: 3\n' }, expected: () => [] },
  { name: 'Broken YAML points at the line and column where parsing fails.', files: { 'definitions/api.yaml': 'kind: Service\nname: api\nteam: [platform\n' }, expected: (f) => [atEnd(f, 'definitions/api.yaml')] },
  { name: 'A duplicate key is a YAML error at the second key.', files: { [F]: 'kind: Service\nname: app\nname: again\nteam: core\n' }, expected: (f) => [inFile(f, 'name', 2)] },
  { name: 'A second for in an alert is a YAML error at the second for.', files: { [F]: alert('summary: Down.', '    for: 10m\n') }, expected: (f) => [inFile(f, 'for', 2)] },
  {
    name: 'An unquoted summary that starts with a Go template is flagged where the flow mapping ends.',
    files: { [F]: alert('summary: {{ $labels.instance }} is down') },
    expected: (f) => [inFile(f, 'is down')],
  },
  { name: 'A tab used for indentation is flagged at the tab.', files: { [F]: `${SERVICE}scrape:\n\ttargets: [app:8080]\n` }, expected: (f) => [inFile(f, '\t')] },
  {
    name: 'Only the first error of a document is reported.',
    files: { [F]: 'kind: Service\nname: app\nname: again\nteam: core\nteam: other\n' },
    expected: (f) => [inFile(f, 'name', 2)],
  },
  {
    name: 'Each document of a file reports its own first error.',
    files: { [F]: 'kind: Service\nname: [app\n---\nkind: Service\nname: b\nname: c\nteam: core\n' },
    expected: (f) => [inFile(f, '---'), inFile(f, 'name: c')],
  },
  { name: 'An alias bomb is refused as a YAML error instead of exhausting memory.', files: { [F]: `kind: Service\nname: bomb\nteam: x\n${ALIAS_BOMB}` }, expected: (f) => [inFile(f, 'kind')] },
  { name: 'Broken YAML in monc.config.yaml is a load/yaml error.', files: { [F]: SERVICE, [CONFIG]: 'prometheus: [\n' }, expected: (f) => [atEnd(f, CONFIG)] },
  { name: 'An alias bomb in monc.config.yaml is refused at the start of the config.', files: { [F]: SERVICE, [CONFIG]: ALIAS_BOMB }, expected: () => [`${ID}@${CONFIG}:1:1`] },
  { name: 'Broken YAML in a rule file points at where parsing fails.', files: { 'rules.yml': 'groups:\n  - name: [g\n' }, options: { family: 'rule-files' }, expected: (f) => [atEnd(f, 'rules.yml')] },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ files, options, expected }) => {
    const diagnostics = await lint(files, options);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(expected(files));
  });

  it("gives the parser's message without its own position and code frame", async () => {
    const messages = async (text: string) => (await lint({ [F]: text })).filter((d) => d.check === ID).map((d) => d.message);
    expect(await messages(alert('summary: Down.', '    for: 10m\n'))).toEqual(['Map keys must be unique']);
    expect(await messages(`${SERVICE}scrape:\n\ttargets: [app:8080]\n`)).toEqual(['Tabs are not allowed as indentation']);
    expect(await messages(alert('summary: {{ $labels.instance }} is down'))).toEqual(['Unexpected scalar at node end']);
  });
});
