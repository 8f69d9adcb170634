/**
 * promtool is the oracle for `monc lint --rules`. Every rule file of the public corpus
 * (test/fixtures/corpus/rules) and mutants generated from them go through
 * `promtool check rules` (Debian's 2.42, one batched call) and `monc lint --rules --format
 * json` (one in-process run), and the verdicts are compared per file:
 *
 * - a file promtool accepts, monc accepts (no error diagnostics), unless STRICTER lists the
 *   case with the reason monc is stricter;
 * - a file promtool rejects, monc rejects, unless KNOWN_GAPS lists the case (a check that
 *   is not built yet). A known gap that closes must leave the list.
 *
 * Mutants each break one rule of one corpus file in one way (a deleted parenthesis, a
 * misspelt function, a bad duration, a broken template, …), so a file verdict is in effect
 * a verdict on that rule. The agreement counts are printed for the closing note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type JsonDiagnostic } from '../helpers/project.ts';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/corpus/rules');
const PROMTOOL = '/usr/bin/promtool';

/** Cases where monc rejects what promtool 2.42 accepts, on purpose. Keys: mutant kind or corpus path. */
const STRICTER: Readonly<Record<string, string>> = {
  'range-result':
    'a range vector as the result of a rule: promtool parses it, but Prometheus fails the rule at every evaluation ("rule result is not a vector or scalar")',
};

/** Cases where promtool rejects and monc does not yet: each waits for a check that is not built. */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

// ---------------------------------------------------------------- mutants

interface Rule {
  record?: unknown;
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  keep_firing_for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Group {
  name?: unknown;
  interval?: unknown;
  rules?: Rule[];
  [key: string]: unknown;
}
interface RuleFile {
  groups: Group[];
}

type Mutation = (file: RuleFile) => boolean;

const rules = (file: RuleFile) => file.groups.flatMap((g) => g.rules ?? []);
const firstRule = (file: RuleFile, test: (rule: Rule) => boolean) => rules(file).find(test);
const isAlert = (rule: Rule) => typeof rule.alert === 'string';
const isRecord = (rule: Rule) => typeof rule.record === 'string';
const editExpr = (edit: (expr: string) => string | undefined): Mutation => (file) => {
  for (const rule of rules(file)) {
    const next = typeof rule.expr === 'string' ? edit(rule.expr) : undefined;
    if (next !== undefined && next !== rule.expr) {
      rule.expr = next;
      return true;
    }
  }
  return false;
};
const onRule = (test: (rule: Rule) => boolean, edit: (rule: Rule) => void): Mutation => (file) => {
  const rule = firstRule(file, test);
  if (!rule) return false;
  edit(rule);
  return true;
};
const onAnnotation = (edit: (value: string) => string): Mutation =>
  onRule(
    (rule) => isAlert(rule) && Object.values(rule.annotations ?? {}).some((v) => typeof v === 'string'),
    (rule) => {
      const annotations = rule.annotations ?? {};
      const key = Object.keys(annotations).find((k) => typeof annotations[k] === 'string') ?? 'summary';
      annotations[key] = edit(String(annotations[key]));
    },
  );

/** Each kind breaks (or, for a few, deliberately keeps valid) one rule of a corpus file. */
const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'delete-closing-paren': editExpr((e) => (e.includes(')') ? e.slice(0, e.lastIndexOf(')')) + e.slice(e.lastIndexOf(')') + 1) : undefined)),
  'misspelt-function': editExpr((e) => (e.includes('rate(') ? e.replace('rate(', 'rte(') : e.includes('sum(') ? e.replace('sum(', 'summ(') : undefined)),
  'rate-of-instant-vector': editExpr((e) => {
    const next = e.replace(/\b(rate|increase|irate)\(([a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?)\[[^\]]+\]\)/, '$1($2)');
    return next === e ? undefined : next;
  }),
  'range-result': onRule(isRecord, (rule) => void (rule.expr = 'up[5m]')),
  'grouping-without-parens': onRule(() => true, (rule) => void (rule.expr = 'sum by job (up)')),
  'offset-without-duration': onRule(() => true, (rule) => void (rule.expr = 'sum(up offset)')),
  'binary-op-on-range-vector': onRule(isAlert, (rule) => void (rule.expr = 'up[5m] > 0')),
  'function-newer-than-2.42': onRule(() => true, (rule) => void (rule.expr = 'limitk(2, up)')),
  'invalid-regex': onRule(() => true, (rule) => void (rule.expr = 'up{job=~"(unclosed"}')),
  'bad-for-duration': onRule(isAlert, (rule) => void (rule.for = '5x')),
  'for-without-unit': onRule(isAlert, (rule) => void (rule.for = '10')),
  'keep-firing-for-fraction': onRule(isAlert, (rule) => void (rule.keep_firing_for = '1.5m')),
  'bad-group-interval': (file) => {
    const group = file.groups[0];
    if (!group) return false;
    group.interval = '30x';
    return true;
  },
  'invalid-record-name': onRule(isRecord, (rule) => void (rule.record = 'job-bad name:rate5m')),
  'empty-alert-name': onRule(isAlert, (rule) => void (rule.alert = '')),
  'unknown-rule-field': onRule(() => true, (rule) => void (rule['severity'] = 'critical')),
  'unknown-group-field': (file) => {
    const group = file.groups[0];
    if (!group) return false;
    group['query_offset'] = '1m';
    return true;
  },
  'invalid-label-name': onRule(() => true, (rule) => void (rule.labels = { ...rule.labels, 'bad-label': 'x' })),
  'name-label': onRule(isRecord, (rule) => void (rule.labels = { ...rule.labels, __name__: 'x' })),
  'invalid-annotation-name': onRule(isAlert, (rule) => void (rule.annotations = { ...rule.annotations, 'runbook.url': 'x' })),
  'record-and-alert': onRule(isRecord, (rule) => void (rule.alert = 'Both')),
  'neither-record-nor-alert': onRule(isAlert, (rule) => void delete rule.alert),
  'missing-expr': onRule(() => true, (rule) => void delete rule.expr),
  'for-on-recording-rule': onRule(isRecord, (rule) => void (rule.for = '5m')),
  'annotations-on-recording-rule': onRule(isRecord, (rule) => void (rule.annotations = { summary: 'x' })),
  'duplicate-group-name': (file) => {
    const [first] = file.groups;
    if (!first) return false;
    file.groups.push({ ...first, rules: [] });
    return true;
  },
  'empty-group-name': (file) => {
    const group = file.groups[0];
    if (!group) return false;
    group.name = '';
    return true;
  },
  'unclosed-template-action': onAnnotation((v) => `${v} {{ $labels.instance`),
  'unknown-template-function': onAnnotation((v) => `${v} {{ $value | humanise }}`),
  'undefined-template-variable': onAnnotation((v) => `${v} {{ $label.job }}`),
  'template-if-without-end': onAnnotation((v) => `{{ if gt $value 1.0 }}high ${v}`),
  'template-end-without-if': onAnnotation((v) => `${v}{{ end }}`),
  'broken-template-in-label': onRule(isAlert, (rule) => void (rule.labels = { ...rule.labels, team: '{{ $labels.team ' })),
  // Valid on purpose: monc must accept these too.
  'valid-duplicate-rule': (file) => {
    const group = file.groups[0];
    const rule = group?.rules?.[0];
    if (!group?.rules || !rule) return false;
    group.rules.push({ ...rule });
    return true;
  },
  'valid-template-control-flow': onAnnotation((v) => `${v} {{ if gt $value 1.0 }}high{{ else }}low{{ end }} {{ range $i, $s := query "up" }}{{ $s.Labels.job }}{{ end }} {{ with $labels.job }}{{ . | toUpper }}{{ end }}`),
  'valid-durations': onRule(isAlert, (rule) => {
    rule.for = '1h30m';
    rule.keep_firing_for = '0';
  }),
};

/** How many corpus files each mutation is applied to, spread over the corpus. */
const MUTANTS_PER_KIND = 3;

// ---------------------------------------------------------------- running both tools

interface Verdict {
  /** Corpus path relative to the corpus, or `mutant:<kind>:<n>`. */
  readonly id: string;
  /** The key STRICTER and KNOWN_GAPS use: the mutant kind, or the corpus path. */
  readonly key: string;
  readonly file: string;
  readonly promtool: 'accept' | 'reject';
  readonly promtoolSays: string;
  readonly monc: 'accept' | 'reject';
  readonly moncSays: string;
}

function corpusFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
  return walk(CORPUS).sort();
}

/** One promtool run over every file; the verdict of each from its `Checking` block. */
function promtoolVerdicts(files: readonly string[]): Map<string, { verdict: 'accept' | 'reject'; says: string }> {
  // --lint=none: the duplicate-rules lint prints FAILED but exits 0; monc reports it as a warning.
  const run = spawnSync('sh', ['-c', `${PROMTOOL} check rules --lint=none "$@" 2>&1`, 'sh', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const verdicts = new Map<string, { verdict: 'accept' | 'reject'; says: string }>();
  for (const block of run.stdout.split(/^Checking /m).slice(1)) {
    const [file = '', ...rest] = block.split('\n');
    const text = rest.join('\n').trim();
    verdicts.set(file, { verdict: /^\s*SUCCESS/m.test(text) ? 'accept' : 'reject', says: text.replace(/^\s*FAILED:\s*/, '').split('\n').slice(0, 2).join(' ') });
  }
  return verdicts;
}

async function moncVerdicts(cwd: string, files: readonly string[]): Promise<Map<string, { verdict: 'accept' | 'reject'; says: string }>> {
  const result = await runCli(cwd, ['lint', '--rules', ...files, '--format', 'json']);
  const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  const verdicts = new Map<string, { verdict: 'accept' | 'reject'; says: string }>();
  for (const file of files) verdicts.set(file, { verdict: 'accept', says: '' });
  for (const d of diagnostics.filter((x) => x.severity === 'error')) {
    const file = path.resolve(cwd, d.file);
    const earlier = verdicts.get(file);
    const says = `${d.line}:${d.column} ${d.check} ${d.message}`;
    verdicts.set(file, { verdict: 'reject', says: earlier?.says ? earlier.says : says });
  }
  return verdicts;
}

// ---------------------------------------------------------------- the test

describe('monc lint --rules agrees with promtool check rules on the corpus and its mutants', () => {
  const verdicts: Verdict[] = [];
  let workDir = '';

  beforeAll(async () => {
    // Never skipped: without the oracle or the corpus this test fails and says why.
    if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: npm test installs Debian's prometheus package`);
    if (!existsSync(CORPUS)) throw new Error(`the rule corpus is missing at ${CORPUS} (test/fixtures/corpus/rules)`);
    workDir = mkdtempSync(path.join(os.tmpdir(), 'monc-promtool-'));
    const corpus = corpusFiles();
    const entries: { id: string; key: string; file: string }[] = corpus.map((file) => ({ id: path.relative(CORPUS, file), key: path.relative(CORPUS, file), file }));
    const sources = corpus
      .map((file) => ({ file, parsed: (parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJS() ?? null) as RuleFile | null }))
      .filter((s): s is { file: string; parsed: RuleFile } => Array.isArray(s.parsed?.groups) && s.parsed.groups.length > 0);
    mkdirSync(path.join(workDir, 'mutants'));
    for (const [kind, mutate] of Object.entries(MUTATIONS)) {
      let made = 0;
      // Spread over the corpus: start at a different file for each kind.
      const start = (kind.length * 37) % sources.length;
      for (let k = 0; k < sources.length && made < MUTANTS_PER_KIND; k++) {
        const source = sources[(start + k * 11) % sources.length];
        if (!source) continue;
        const copy = structuredClone(source.parsed);
        if (!mutate(copy)) continue;
        made++;
        const file = path.join(workDir, 'mutants', `${kind}.${made}.yml`);
        writeFileSync(file, `# ${kind} of ${path.relative(CORPUS, source.file)}\n${stringify(copy, { lineWidth: 0 })}`);
        entries.push({ id: `mutant:${kind}:${made} (${path.relative(CORPUS, source.file)})`, key: kind, file });
      }
    }
    // A YAML syntax error, which no object mutation can make.
    const yamlBroken = path.join(workDir, 'mutants', 'yaml-syntax.1.yml');
    writeFileSync(yamlBroken, `${readFileSync(corpus[0] ?? '', 'utf8')}\n  - name: [broken\n`);
    entries.push({ id: 'mutant:yaml-syntax:1', key: 'yaml-syntax', file: yamlBroken });

    const files = entries.map((e) => e.file);
    const promtool = promtoolVerdicts(files);
    const monc = await moncVerdicts(workDir, files);
    for (const entry of entries) {
      const p = promtool.get(entry.file);
      const m = monc.get(entry.file);
      if (!p || !m) throw new Error(`no verdict for ${entry.file}`);
      verdicts.push({ ...entry, promtool: p.verdict, promtoolSays: p.says, monc: m.verdict, moncSays: m.says });
    }
    report(verdicts);
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('every corpus file and every mutant kind got a verdict from both tools', () => {
    expect(verdicts.filter((v) => !v.id.startsWith('mutant:')).length).toBeGreaterThanOrEqual(100);
    const kinds = new Set(verdicts.filter((v) => v.id.startsWith('mutant:')).map((v) => v.key));
    expect([...Object.keys(MUTATIONS), 'yaml-syntax'].filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('promtool agrees with the corpus VERDICTS.tsv, so the oracle is the one the corpus was judged with', () => {
    const expected = readFileSync(path.join(CORPUS, 'VERDICTS.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .map(([file = '', ok = '']) => [file.replace(/^rules\//, ''), ok === 'true' ? 'accept' : 'reject']);
    const actual = new Map(verdicts.filter((v) => !v.id.startsWith('mutant:')).map((v) => [v.id, v.promtool]));
    expect(expected.filter(([file, verdict]) => actual.get(file ?? '') !== verdict)).toEqual([]);
  });

  it('every mutant that breaks a rule is rejected by promtool, so each mutant tests what its name says', () => {
    const unbroken = verdicts.filter((v) => v.id.startsWith('mutant:') && !v.key.startsWith('valid-') && v.key !== 'range-result' && v.promtool === 'accept');
    expect(unbroken.map((v) => v.id)).toEqual([]);
  });

  it('every file promtool accepts, monc accepts, or STRICTER gives the reason monc is stricter', () => {
    const stricter = verdicts.filter((v) => v.promtool === 'accept' && v.monc === 'reject' && !(v.key in STRICTER));
    expect(stricter.map((v) => `${v.id}: monc says ${v.moncSays}`)).toEqual([]);
  });

  it('every file promtool rejects, monc rejects, except the KNOWN_GAPS listed for checks still to come', () => {
    const laxer = verdicts.filter((v) => v.promtool === 'reject' && v.monc === 'accept' && !(v.key in KNOWN_GAPS));
    expect(laxer.map((v) => `${v.id}: promtool says ${v.promtoolSays}`)).toEqual([]);
  });

  it('every KNOWN_GAPS entry is still a gap: a gap that closed leaves the list', () => {
    const open = new Set(verdicts.filter((v) => v.promtool === 'reject' && v.monc === 'accept').map((v) => v.key));
    expect(Object.keys(KNOWN_GAPS).filter((key) => !open.has(key))).toEqual([]);
  });
});

/** The agreement counts and every disagreement, for the closing note. */
function report(verdicts: readonly Verdict[]): void {
  const count = (test: (v: Verdict) => boolean) => verdicts.filter(test).length;
  const lines = [
    `promtool conformance: ${verdicts.length} files (${count((v) => !v.id.startsWith('mutant:'))} corpus, ${count((v) => v.id.startsWith('mutant:'))} mutants)`,
    `  accepted by both: ${count((v) => v.promtool === 'accept' && v.monc === 'accept')}`,
    `  rejected by both: ${count((v) => v.promtool === 'reject' && v.monc === 'reject')}`,
    `  monc stricter (listed in STRICTER): ${count((v) => v.promtool === 'accept' && v.monc === 'reject' && v.key in STRICTER)}`,
    `  monc stricter (unlisted): ${count((v) => v.promtool === 'accept' && v.monc === 'reject' && !(v.key in STRICTER))}`,
    `  monc laxer (KNOWN_GAPS): ${count((v) => v.promtool === 'reject' && v.monc === 'accept' && v.key in KNOWN_GAPS)}`,
    `  monc laxer (unlisted): ${count((v) => v.promtool === 'reject' && v.monc === 'accept' && !(v.key in KNOWN_GAPS))}`,
    ...verdicts
      .filter((v) => v.promtool !== v.monc)
      .map((v) =>
        v.monc === 'reject'
          ? `  stricter: ${v.id}: monc says ${v.moncSays}${v.key in STRICTER ? ` [STRICTER: ${STRICTER[v.key]}]` : ''}`
          : `  KNOWN GAP: ${v.id}: promtool says ${v.promtoolSays}${v.key in KNOWN_GAPS ? ` [${KNOWN_GAPS[v.key]}]` : ' [unlisted]'}`,
      ),
  ];
  console.info(lines.join('\n'));
}
