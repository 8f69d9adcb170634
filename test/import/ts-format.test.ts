/**
 * `monc import --format ts` writes the definitions `--format yaml` writes: the same import of
 * real corpus files (test/fixtures/corpus/, attribution in SOURCES.md) written both ways
 * type-checks against monc's API, builds byte-identical out/ (but for the definitions' file
 * names, which the generated headers and docs name), and `monc lint` reports the same
 * findings on both, each at the same part of its own file: the suppressions the import
 * writes silence in TypeScript what they silence in YAML.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/load/source-text.ts';
import { makeProject, REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus');
const corpus = (file: string) => ({ [file]: readFileSync(path.join(CORPUS, file), 'utf8') });

/** A configuration whose template file holds what a TS literal must escape. */
const TEMPLATED = {
  'alertmanager/alertmanager.yml': `route:
  receiver: team
receivers:
  - name: team
    slack_configs:
      - channel: '#team'
        api_url_file: /etc/alertmanager/slack
        title: '{{ template "team.title" . }}'
templates: [templates/*.tmpl]
`,
  'alertmanager/templates/team.tmpl': '{{ define "team.title" }}`${{ .Status }}` \\ {{ "\\t" }}\r\n{{ end }}\n',
};

const CASES: readonly { readonly name: string; readonly kind: string; readonly inputs: Readonly<Record<string, string>> }[] = [
  // alert/severity silenced on alerts without one, catalog/unknown-label on built-in series.
  { name: 'kube-prometheus rules', kind: 'rules', inputs: corpus('rules/prometheus-operator__kube-prometheus/manifests/kubePrometheus-prometheusRule.spec.rules.yaml') },
  // model/duplicate silenced on recording rules that repeat a series; multi-line expressions.
  { name: 'kube-prometheus control plane rules', kind: 'rules', inputs: corpus('rules/prometheus-operator__kube-prometheus/manifests/kubernetesControlPlane-prometheusRule.spec.rules.yaml') },
  // alert/severity silenced on a severity field outside monc's.
  { name: 'Sloth rules', kind: 'rules', inputs: corpus('rules/slok__sloth/examples/_gen/contrib-slo-plugins.yml') },
  // catalog/template-label silenced on annotations; a histogram.
  { name: 'nginx rules', kind: 'rules', inputs: corpus('rules/samber__awesome-prometheus-alerts/dist/rules/nginx/knyar-nginx-exporter.yml') },
  { name: "Alertmanager's own test config", kind: 'alertmanager', inputs: corpus('alertmanager/prometheus__alertmanager@v0.25.0/config/testdata/conf.good.yml') },
  { name: "karma's demo config", kind: 'alertmanager', inputs: corpus('alertmanager/prymitive__karma/demo/alertmanager.yaml') },
  { name: 'a prometheus-operator config with time intervals', kind: 'alertmanager', inputs: corpus('alertmanager/prometheus-operator__prometheus-operator/pkg/alertmanager/testdata/CR_with_Mute_Time_Intervals.golden') },
  { name: 'a config with a template file', kind: 'alertmanager', inputs: TEMPLATED },
];

interface Imported {
  readonly dir: string;
  readonly written: readonly string[];
  readonly diagnostics: readonly JsonDiagnostic[];
  readonly out: ReadonlyMap<string, string>;
}

/** Import, lint and build in a project of its own. */
async function importAs(format: 'yaml' | 'ts', kind: string, inputs: Readonly<Record<string, string>>): Promise<Imported> {
  const dir = makeProject({ 'package.json': '{}\n', ...inputs });
  const sources = Object.keys(inputs).filter((file) => !file.endsWith('.tmpl'));
  const imported = await runCli(dir, ['import', kind, ...sources, '--format', format, '--report', 'json']);
  expect(imported.code, imported.stderr).toBe(0);
  const lint = await runCli(dir, ['lint', '--format', 'json']);
  const build = await runCli(dir, ['build']);
  expect(build.code, build.stderr).toBe(0);
  return {
    dir,
    written: (JSON.parse(imported.stdout) as { written: string[] }).written,
    diagnostics: (JSON.parse(lint.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics,
    out: new Map(treeOf(path.join(dir, 'out')).map((file) => [file, readFileSync(path.join(dir, 'out', file), 'utf8')])),
  };
}

function treeOf(root: string, under = ''): string[] {
  return readdirSync(path.join(root, under))
    .sort()
    .flatMap((entry) => {
      const file = path.posix.join(under, entry);
      return statSync(path.join(root, file)).isDirectory() ? treeOf(root, file) : [file];
    });
}

/**
 * What a finding points at: the text of its span, unquoted (YAML and TS quote differently),
 * or for a span over several lines (a whole part), the first key in it.
 */
function pointedAt(dir: string, d: JsonDiagnostic): string {
  const source = new SourceText(d.file, readFileSync(path.join(dir, d.file), 'utf8'));
  const text = source.text.slice(source.offset({ line: d.line, column: d.column }), source.offset({ line: d.endLine, column: d.endColumn }));
  if (!text.includes('\n')) return text.replace(/^(['"])(.*)\1$/, '$2');
  const key = /^\s*(?:-\s+|\{\s*)?(?:'([^']*)'|"([^"]*)"|([\w$]+))\s*:(?:\s|$)/m.exec(text);
  return key ? `${key[1] ?? key[2] ?? key[3]}:` : text;
}

/** The code blocks of a docs page labelled with a file name (a line `` `rules/checkout.yml`: `` above the block). */
function labelledBlocks(page: string): Map<string, string> {
  const text = readFileSync(path.join(REPO_ROOT, page), 'utf8');
  return new Map([...text.matchAll(/^`([^`\s]+)`:\n\n```\w*\n([\s\S]*?)^```$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

describe('docs/migrating/README.md', () => {
  it('shows the TypeScript that monc import --format ts writes for the rule file of the worked example', async () => {
    const input = labelledBlocks('docs/migrating/prometheus-rules.md').get('rules/checkout.yml') ?? '';
    const shown = labelledBlocks('docs/migrating/README.md');
    expect([...shown.keys()]).toEqual(['definitions/checkout.ts', 'definitions/checkout-metrics.ts']);
    const { dir } = await importAs('ts', 'rules', { 'rules/checkout.yml': input });
    for (const [file, text] of shown) expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(text);
  });
});

describe('monc import --format ts writes the definitions --format yaml writes', () => {
  it.each(CASES)('$name: the same out/, no type error, the same findings at the same parts', async ({ kind, inputs }) => {
    const [yaml, ts] = await Promise.all([importAs('yaml', kind, inputs), importAs('ts', kind, inputs)]);
    expect(ts.written).toEqual(yaml.written.map((file) => file.replace(/\.yaml$/, '.ts')));
    const asYaml = (text: string) => ts.written.reduce((result, file, i) => result.replaceAll(file, yaml.written[i] ?? file), text);

    expect([...ts.out.keys()]).toEqual([...yaml.out.keys()]);
    for (const [file, text] of ts.out) {
      // The manifest holds the hashes of the files, whose headers name the definitions.
      if (file !== '.monc-manifest.json') expect(asYaml(text), file).toBe(yaml.out.get(file));
    }

    expect(ts.diagnostics.filter((d) => /^(ts|load|config)\//.test(d.check)).map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    const findings = (imported: Imported, file: (name: string) => string) =>
      imported.diagnostics.map((d) => `${d.check} ${d.severity} ${file(d.file)} at ${pointedAt(imported.dir, d)} ${file(d.message)}`).sort();
    expect(findings(ts, asYaml)).toEqual(findings(yaml, (text) => text));
  });
});
