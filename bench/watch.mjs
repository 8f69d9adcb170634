#!/usr/bin/env node
/**
 * `monc build --watch` after a one-file edit, against a full cold `monc build`, on the
 * generated workload (default 1000 YAML services).
 *
 *   node bench/watch.mjs [--services N] [--runs K] [--json]
 *
 * Cold: K runs of `node dist/monc.js build` with no out/ (the median wall time, Node start-up
 * included). Watch: one `monc build --watch` process; after its first build, K edits, each to
 * one service file (an alert threshold), timed from the write to the rebuild's summary line
 * on stderr. Prints both medians and their ratio. Rebuild dist/ first: node scripts/bundle.mjs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARGS, ROOT, median, option } from './common.mjs';
import { writeProject } from './generate.mjs';

const services = Number(option('--services', '1000'));
const runs = Number(option('--runs', '5'));
const monc = path.join(ROOT, 'dist/monc.js');
if (!existsSync(monc)) fail(`${monc} is missing: run node scripts/bundle.mjs first`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-bench-watch-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

await writeProject(dir, { services, format: 'yaml' });
const env = { ...process.env, TMPDIR: dir };

const cold = [];
for (let i = 0; i < runs + 1; i++) {
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [monc, 'build'], { cwd: dir, env, encoding: 'utf8' });
  if (result.status !== 0) fail(`monc build failed:\n${result.stderr}`);
  if (i > 0) cold.push(Number(process.hrtime.bigint() - start) / 1e6); // the first run warms the disk cache
}

const child = spawn(process.execPath, [monc, 'build', '--watch'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
let buffered = '';
const waiting = [];
child.stderr.on('data', (chunk) => {
  buffered += chunk.toString();
  for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (/^monc: \[\d\d:\d\d:\d\d\] /.test(line)) waiting.shift()?.(line);
  }
});
const nextBuild = () => new Promise((resolve) => waiting.push(resolve));

await nextBuild(); // the first, full build
const file = path.join(dir, 'definitions', `svc${String(7).padStart(Math.max(3, String(services).length), '0')}.yaml`);
const original = readFileSync(file, 'utf8');
const rebuilds = [];
const reported = [];
for (let i = 0; i < runs; i++) {
  const edited = original.replace(/> 0\.0\d+\b/, `> 0.0${(i % 8) + 1}5`);
  const done = nextBuild();
  const start = process.hrtime.bigint();
  writeFileSync(file, edited);
  const line = await done;
  rebuilds.push(Number(process.hrtime.bigint() - start) / 1e6);
  reported.push(Number(/in (\d+) ms$/.exec(line)?.[1] ?? Number.NaN));
  if (!/wrote [1-9]\d* files/.test(line)) fail(`unexpected rebuild: ${line}`);
}
child.kill('SIGINT');

const result = {
  services,
  runs,
  coldBuildMs: Math.round(median(cold)),
  rebuildMs: Math.round(median(rebuilds)),
  rebuildReportedMs: Math.round(median(reported)),
  ratio: Number((median(rebuilds) / median(cold)).toFixed(3)),
};
if (ARGS.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`| ${services} YAML services | median of ${runs} |`);
  console.log('|---|---:|');
  console.log(`| cold \`monc build\` (process, no out/) | ${result.coldBuildMs} ms |`);
  console.log(`| \`build --watch\` rebuild after a one-file edit (write → summary line) | ${result.rebuildMs} ms |`);
  console.log(`| the rebuild as the summary line reports it | ${result.rebuildReportedMs} ms |`);
  console.log(`| rebuild / cold build | ${(result.ratio * 100).toFixed(1)}% |`);
}

function fail(message) {
  process.stderr.write(`bench/watch: ${message}\n`);
  process.exit(1);
}
