#!/usr/bin/env node
/**
 * `monc lint --rules` against `promtool check rules` on the public rule corpus.
 *
 *   node bench/rules.mjs [--runs K] [--corpus DIR] [--json]
 *
 * Runs `node dist/monc.js lint --rules --format json <every corpus file>` and
 * `promtool check rules --lint=none <the same files>` once each to warm up, then K times
 * each (default 5), alternating, and prints the median wall time (min–max) of each and the
 * ratio monc / promtool. Both exit 1 on the corpus (two files in it are invalid); any
 * other exit code is a failure. Rebuild dist/ first: `node scripts/bundle.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARGS, ROOT, median, option, yamlFiles } from './common.mjs';

const root = ROOT;
const args = ARGS;
const runs = Number(option('--runs', '5'));
const corpus = path.resolve(option('--corpus', path.join(root, 'test/fixtures/corpus/rules')));
const promtool = option('--promtool', '/usr/bin/promtool');
const monc = path.join(root, 'dist/monc.js');

if (!existsSync(monc)) fail(`${monc} is missing: run node scripts/bundle.mjs first`);
if (!existsSync(promtool)) fail(`${promtool} is missing`);

const files = yamlFiles(corpus);
if (files.length === 0) fail(`no rule files under ${corpus}`);

const commands = {
  monc: [process.execPath, [monc, 'lint', '--rules', '--format', 'json', ...files]],
  promtool: [promtool, ['check', 'rules', '--lint=none', ...files]],
};

function time(name) {
  const [command, argv] = commands[name];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) fail(`${name} exited ${result.status}:\n${result.stderr}`);
  return ms;
}

const samples = { monc: [], promtool: [] };
time('monc');
time('promtool');
for (let i = 0; i < runs; i++) for (const name of ['monc', 'promtool']) samples[name].push(time(name));

const summary = Object.fromEntries(
  Object.entries(samples).map(([name, xs]) => [name, { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) }]),
);
const ratio = summary.monc.medianMs / summary.promtool.medianMs;

if (args.includes('--json')) {
  console.log(JSON.stringify({ files: files.length, runs, ...summary, ratio }, null, 2));
} else {
  console.log(`${files.length} rule files from ${path.relative(process.cwd(), corpus) || corpus}, median of ${runs} runs each`);
  for (const [name, s] of Object.entries(summary)) {
    console.log(`  ${name.padEnd(9)} ${s.medianMs.toFixed(0).padStart(6)} ms  (${s.minMs.toFixed(0)}–${s.maxMs.toFixed(0)})`);
  }
  console.log(`  monc / promtool: ${ratio.toFixed(2)}×`);
}

function fail(message) {
  console.error(`bench/rules: ${message}`);
  process.exit(2);
}
