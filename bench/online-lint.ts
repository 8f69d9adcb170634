/**
 * How long `monc lint --prometheus URL --alertmanager URL` takes on our definitions/, against
 * the seed as deployed (test/e2e/seed-deployed.ts: a real Prometheus and Alertmanager on
 * 127.0.0.1 running the generated files, stand-in exporters serving every declared metric).
 * Interleaved in each round with the same lint offline and a bare `node -e ''`, so the online
 * part's own cost shows; medians over the rounds.
 *
 *   npx tsx bench/online-lint.ts [--runs 5] [--monc dist/monc.js]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/helpers/compile-project.ts';
import { runProcess } from '../test/helpers/parallel.ts';
import { startDeployedSeed } from '../test/e2e/seed-deployed.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, monc: { type: 'string', default: 'dist/monc.js' } } });
const runs = Number(values.runs);
const monc = path.resolve(REPO_ROOT, values.monc);

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return (s.length % 2 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2) ?? 0;
}

/** Runs node with `args`, asynchronously: the stand-in exporters live in this process and must answer scrapes meanwhile. */
async function timed(args: readonly string[]): Promise<{ ms: number; code: number | null; output: string }> {
  const start = process.hrtime.bigint();
  const run = await runProcess(process.execPath, args, { cwd: REPO_ROOT });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, code: run.status, output: `${run.stdout}${run.stderr}` };
}

const seed = await startDeployedSeed();
try {
  process.stderr.write('waiting for the first scrape of every job…\n');
  await seed.scraped();
  const cases: Record<string, readonly string[]> = {
    "node -e ''": ['-e', ''],
    'monc lint (offline)': [monc, 'lint'],
    'monc lint --prometheus --alertmanager': [monc, 'lint', '--prometheus', seed.prometheus.url, '--alertmanager', seed.alertmanager.url],
  };
  // One warm-up of each: the type-check cache and the OS file cache, as on a developer's machine.
  for (const args of Object.values(cases)) {
    const warm = await timed(args);
    if (warm.code !== 0) throw new Error(`${args.join(' ')} exited ${warm.code}:\n${warm.output}`);
  }
  const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
  for (let round = 1; round <= runs; round++) {
    for (const [name, args] of Object.entries(cases)) {
      const run = await timed(args);
      if (run.code !== 0 || (args.includes('lint') && !/no problems/i.test(run.output))) throw new Error(`${name} did not lint clean:\n${run.output}`);
      times.get(name)?.push(run.ms);
    }
    process.stderr.write(`round ${round}/${runs}\n`);
  }
  console.log(`| command (${runs} rounds, interleaved) | median ms | min | max |`);
  console.log('|---|---:|---:|---:|');
  for (const [name, ms] of times) console.log(`| ${name} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`);
} finally {
  await seed.stop();
}
