#!/usr/bin/env node
/**
 * `monc build` of this repository's definitions/ against a bare `node -e ''`, interleaved.
 *
 *   node bench/seed-build.mjs [--runs K]
 *
 * One warm-up of each (it fills the type-check cache, as a developer's second build finds it),
 * then K rounds (default 9) of both in turn; prints the median wall time (min–max) of each and
 * the median of the rounds' ratios. Every build must leave out/ as committed. Rebuild dist/
 * first: `node scripts/bundle.mjs`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, median, option } from './common.mjs';

const runs = Number(option('--runs', '9'));
const commands = {
  "node -e ''": [process.execPath, ['-e', '']],
  'monc build': [process.execPath, [path.join(ROOT, 'dist/monc.js'), 'build']],
};

function time(name) {
  const [command, argv] = commands[name];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    console.error(`bench/seed-build: ${name} exited ${result.status}:\n${result.stderr}`);
    process.exit(2);
  }
  return ms;
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const name of Object.keys(commands)) time(name);
for (let i = 0; i < runs; i++) for (const name of Object.keys(commands)) samples[name].push(time(name));
const check = spawnSync(process.execPath, [path.join(ROOT, 'dist/monc.js'), 'build', '--check'], { cwd: ROOT, encoding: 'utf8' });
if (check.status !== 0) {
  console.error(`bench/seed-build: out/ is not as committed after the builds:\n${check.stderr}`);
  process.exit(2);
}

console.log(`monc build of definitions/ (type check cached), ${runs} rounds, medians`);
for (const [name, xs] of Object.entries(samples)) console.log(`  ${name.padEnd(11)} ${median(xs).toFixed(0).padStart(5)} ms  (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`);
const ratio = median(samples['monc build'].map((ms, i) => ms / samples["node -e ''"][i]));
console.log(`  monc build / node -e '', median of the rounds' ratios: ${ratio.toFixed(2)}×`);
