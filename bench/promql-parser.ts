/**
 * monc's PromQL parser (src/promql/parser.ts, written against Prometheus' grammar) against the
 * path it replaced: the lezer grammar (@prometheus-io/lezer-promql), the walk for its error
 * nodes and the conversion of its tree into monc's AST, cold, on every rule expression of the
 * public corpus.
 *
 *   npx tsx bench/promql-parser.ts [--runs 11] [--corpus DIR] [--cli-tiering]
 *
 * The old path is taken from git (src/promql/parse.ts and ast.ts before commit 3651fbf, where
 * the own parser replaced them), so this needs the repository's history. Both parsers are
 * bundled by esbuild into plain ES modules in node_modules/.cache/monc-bench/promql-parser/, as
 * monc's bundle carries them. Each round starts two fresh Node processes, one per parser, which
 * time the one pass over the expressions that one `monc lint` run makes, and that pass plus
 * loading the parser's module. Ratios are the medians of the rounds' ratios. With
 * --cli-tiering both processes run with the V8 flag monc's CLI sets (src/cli/tiering.ts), as
 * the parse runs inside `monc lint` and `monc build` now.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { CLI_V8_FLAG } from '../src/cli/tiering.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, corpus: { type: 'string', default: path.join(ROOT, 'test/fixtures/corpus/rules') }, 'cli-tiering': { type: 'boolean', default: false } },
});
const nodeFlags = values['cli-tiering'] ? [CLI_V8_FLAG] : [];

/** Every `expr:` string of the rule files under `dir` (groups files and PrometheusRule objects). */
function expressions(dir: string): string[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'expr' && typeof value === 'string') found.push(value);
        else visit(value);
      }
    }
  };
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'))) {
      try {
        visit(doc.toJS());
      } catch {
        // a file that is not YAML data has no expressions to time
      }
    }
  }
  return found;
}

/** The lezer path as it was before the own parser replaced it, from git. */
const WORK = path.join(ROOT, 'node_modules/.cache/monc-bench/promql-parser');
const BEFORE_OWN_PARSER = '3651fbf^';

/** Bundles each parser into one plain ES module, as monc's bundle carries it, and writes the runner. */
async function prepare(exprs: readonly string[]): Promise<void> {
  const baseline = path.join(WORK, 'lezer-baseline');
  mkdirSync(baseline, { recursive: true });
  for (const file of ['parse.ts', 'ast.ts']) {
    const shown = spawnSync('git', ['show', `${BEFORE_OWN_PARSER}:src/promql/${file}`], { cwd: ROOT, encoding: 'utf8' });
    if (shown.status !== 0) throw new Error(`git show ${BEFORE_OWN_PARSER}:src/promql/${file} failed (this needs the repository's history): ${shown.stderr}`);
    writeFileSync(path.join(baseline, file), shown.stdout);
  }
  const { build } = await import('esbuild');
  const entries = { monc: path.join(ROOT, 'src/promql/parse.ts'), lezer: path.join(baseline, 'parse.ts') };
  for (const [name, entry] of Object.entries(entries)) {
    await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: path.join(WORK, `${name}.mjs`), logLevel: 'error' });
  }
  writeFileSync(path.join(WORK, 'expressions.json'), JSON.stringify(exprs));
  // The runner times the import of the parser's module and the one pass over the expressions.
  writeFileSync(
    path.join(WORK, 'run.mjs'),
    `import { readFileSync } from 'node:fs';
const exprs = JSON.parse(readFileSync(new URL('./expressions.json', import.meta.url), 'utf8'));
const loading = performance.now();
const { parsePromql } = await import(new URL(\`./\${process.argv[2]}.mjs\`, import.meta.url).href);
const start = performance.now();
let errors = 0;
for (const text of exprs) if (parsePromql(text).error) errors++;
const end = performance.now();
process.stdout.write(JSON.stringify({ ms: end - start, withLoad: end - loading, errors }));
`,
  );
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const exprs = expressions(values.corpus);
await prepare(exprs);
const runs = Number(values.runs);
const samples: Record<string, { ms: number[]; withLoad: number[] }> = { monc: { ms: [], withLoad: [] }, lezer: { ms: [], withLoad: [] } };
const errors: Record<string, number> = {};
for (let round = 0; round < runs; round++) {
  for (const which of ['monc', 'lezer']) {
    const run = spawnSync(process.execPath, [...nodeFlags, path.join(WORK, 'run.mjs'), which], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${which}: ${run.stderr}`);
    const result = JSON.parse(run.stdout) as { ms: number; withLoad: number; errors: number };
    samples[which]?.ms.push(result.ms);
    samples[which]?.withLoad.push(result.withLoad);
    errors[which] = result.errors;
  }
}
const ratio = (key: 'ms' | 'withLoad') => median((samples['lezer']?.[key] ?? []).map((ms, i) => ms / (samples['monc']?.[key][i] ?? 1)));
const range = (xs: readonly number[]) => `${median(xs).toFixed(1).padStart(7)} ms  (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
console.log(`${exprs.length} expressions from ${path.relative(ROOT, values.corpus)}, ${runs} rounds, cold, medians${nodeFlags.length > 0 ? `, both with ${nodeFlags.join(' ')} (monc's CLI)` : ''}`);
console.log('           parse loop                      module load + parse loop');
for (const [name, { ms, withLoad }] of Object.entries(samples)) console.log(`  ${name.padEnd(6)} ${range(ms)}   ${range(withLoad)}   ${errors[name]} with a syntax error`);
console.log(`  lezer parse + error scan + AST / monc parse to AST: ${ratio('ms').toFixed(2)}× the parse loop, ${ratio('withLoad').toFixed(2)}× with the module load`);
