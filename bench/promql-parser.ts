/**
 * monc's PromQL parser (src/promql/parser.ts, written against Prometheus' grammar) against the
 * lezer grammar monc used before (@prometheus-io/lezer-promql), cold, on every rule
 * expression of the public corpus.
 *
 *   npx tsx bench/promql-parser.ts [--runs 7] [--corpus DIR]
 *
 * Each round starts two fresh processes, one per parser, and times only the loop over the
 * expressions (module loading excluded), the first and only pass, as one `monc lint` run
 * parses. For lezer that is the parse plus the walk over its tree for error nodes, a lower
 * bound of the old path: the conversion of the tree into monc's AST, which came on top, is not
 * counted. Ratios are the medians of the rounds' ratios.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, corpus: { type: 'string', default: path.join(ROOT, 'test/fixtures/corpus/rules') }, child: { type: 'string' } } });

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

async function child(which: string, exprs: readonly string[]): Promise<void> {
  if (which === 'monc') {
    const { parsePromql } = await import('../src/promql/parse.ts');
    const start = performance.now();
    let errors = 0;
    for (const text of exprs) if (parsePromql(text).error) errors++;
    process.stdout.write(JSON.stringify({ ms: performance.now() - start, errors }));
  } else {
    const { parser } = await import('@prometheus-io/lezer-promql');
    const start = performance.now();
    let errors = 0;
    for (const text of exprs) {
      const cursor = parser.parse(text).cursor();
      let bad = false;
      do if (cursor.type.isError) bad = true;
      while (cursor.next());
      if (bad) errors++;
    }
    process.stdout.write(JSON.stringify({ ms: performance.now() - start, errors }));
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const exprs = expressions(values.corpus);
if (values.child !== undefined) {
  await child(values.child, exprs);
} else {
  const runs = Number(values.runs);
  const samples: Record<string, number[]> = { monc: [], lezer: [] };
  const errors: Record<string, number> = {};
  for (let round = 0; round < runs; round++) {
    for (const which of ['monc', 'lezer']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/promql-parser.ts'), '--child', which, '--corpus', values.corpus], { encoding: 'utf8', cwd: ROOT });
      if (run.status !== 0) throw new Error(`${which}: ${run.stderr}`);
      const result = JSON.parse(run.stdout) as { ms: number; errors: number };
      samples[which]?.push(result.ms);
      errors[which] = result.errors;
    }
  }
  const ratio = median((samples['lezer'] ?? []).map((ms, i) => ms / (samples['monc']?.[i] ?? 1)));
  console.log(`${exprs.length} expressions from ${path.relative(ROOT, values.corpus)}, ${runs} rounds, cold, medians`);
  for (const [name, xs] of Object.entries(samples)) console.log(`  ${name.padEnd(6)} ${median(xs).toFixed(1).padStart(7)} ms  (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})  ${errors[name]} with a syntax error`);
  console.log(`  lezer parse + error scan / monc parse to AST: ${ratio.toFixed(2)}× (monc is that much faster)`);
}
