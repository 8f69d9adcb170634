#!/usr/bin/env node
/**
 * `monc lint --rules` against `promtool check rules` on the public rule corpus.
 *
 *   node bench/rules.mjs [--runs K] [--corpus DIR] [--json]
 *
 * Runs monc's bin (package.json's `bin`, dist/monc.cjs) as `lint --rules --format json <every
 * corpus file>` cold (`--no-cache`)
 * and from its result cache (the warm-up run fills it), and `promtool check rules --lint=none
 * <the same files>`, once each to warm up, then K rounds (default 5) of all three in turn, and
 * prints the median wall time (min–max) of each and the median of each round's ratio to
 * promtool, with a bare `node -e ''` for Node's start-up. Both exit 1 on the corpus (two files in it are invalid); any other exit code is a
 * failure, and so is a cached run that prints other bytes. Rebuild dist/ first:
 * `node scripts/bundle.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARGS, ROOT, median, option, yamlFiles } from './common.mjs';

const root = ROOT;
const args = ARGS;
const runs = Number(option('--runs', '5'));
const corpus = path.resolve(option('--corpus', path.join(root, 'test/fixtures/corpus/rules')));
const promtool = option('--promtool', '/usr/bin/promtool');
// The command users run: package.json's bin.
const monc = path.join(root, JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin.monc);

if (!existsSync(monc)) fail(`${monc} is missing: run node scripts/bundle.mjs first`);
if (!existsSync(promtool)) fail(`${promtool} is missing`);

const files = yamlFiles(corpus);
if (files.length === 0) fail(`no rule files under ${corpus}`);

const lint = [monc, 'lint', '--rules', '--format', 'json'];
const commands = {
  'monc cold': [process.execPath, [...lint, '--no-cache', ...files]],
  'monc cached': [process.execPath, [...lint, ...files]],
  promtool: [promtool, ['check', 'rules', '--lint=none', ...files]],
  // Node's own start-up: the floor under any cached run.
  "node -e ''": [process.execPath, ['-e', '']],
};

// Run in a folder of its own: no monc.config.yaml above it (the repository's would be honoured,
// as in a monc project), and a node_modules/ for the result cache. Removed on exit.
const work = mkdtempSync(path.join(os.tmpdir(), 'monc-bench-rules-'));
mkdirSync(path.join(work, 'node_modules'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function time(name) {
  const [command, argv] = commands[name];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: work, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) fail(`${name} exited ${result.status}:\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

const names = Object.keys(commands);
const samples = Object.fromEntries(names.map((name) => [name, []]));
const expected = time('monc cold').stdout;
for (const name of names) time(name);
for (let i = 0; i < runs; i++) {
  for (const name of names) {
    const run = time(name);
    if (name.startsWith('monc') && run.stdout !== expected) fail(`${name} printed other bytes than the first run`);
    samples[name].push(run.ms);
  }
}

const summary = Object.fromEntries(
  Object.entries(samples).map(([name, xs]) => [name, { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) }]),
);
const ratioOf = (name) => median(samples[name].map((ms, i) => ms / samples.promtool[i]));
const ratios = { cold: ratioOf('monc cold'), cached: ratioOf('monc cached') };

if (args.includes('--json')) {
  console.log(JSON.stringify({ files: files.length, runs, ...summary, ratios }, null, 2));
} else {
  console.log(`${files.length} rule files from ${path.relative(process.cwd(), corpus) || corpus}, ${runs} rounds, medians`);
  for (const [name, s] of Object.entries(summary)) {
    console.log(`  ${name.padEnd(12)} ${s.medianMs.toFixed(0).padStart(6)} ms  (${s.minMs.toFixed(0)}–${s.maxMs.toFixed(0)})`);
  }
  console.log(`  monc / promtool, median of the rounds' ratios: ${ratios.cold.toFixed(2)}× cold, ${ratios.cached.toFixed(2)}× cached`);
}

function fail(message) {
  console.error(`bench/rules: ${message}`);
  process.exit(2);
}
