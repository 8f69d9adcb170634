#!/usr/bin/env node
/**
 * monc benchmark runner.
 *
 *   node bench/run.mjs [--runs K] [--sizes 10,100,1000] [--formats yaml,ts] [--slos-per-service K]
 *                      [--no-cold] [--no-promtool] [--json] [--monc FILE] [--rss node]
 *
 * For every size × format it generates a project (bench/generate.mjs) into a temporary
 * directory, runs `node dist/monc.js build` there once to warm up, then K timed times, and
 * reports the median wall time (min–max) and the median peak RSS of the monc process.
 * Every timed run starts from an empty out/, so it compiles AND writes every artifact.
 * When promtool is on the PATH, each timed build is followed by `promtool check rules` on the
 * rule files it wrote, so both run in the same rounds; the table gives the median of the
 * rounds' ratios. It also gives the size of the generated promtool tests, and how the time
 * grows from one size to the next.
 *
 * TS projects are measured twice: with monc's type-check cache warm (the usual local
 * re-build), and cold (the cache deleted before each run, as on a fresh CI checkout).
 * The children get their own TMPDIR, so the cache and esbuild bundles never touch the
 * machine's shared tmp dir.
 *
 * Peak RSS comes from GNU `/usr/bin/time -f %M` when present, else from bench/maxrss.mjs
 * preloaded into the monc process (process.resourceUsage().maxRSS at exit).
 * Exits non-zero (after printing monc's stderr) if any build fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProject } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
let MONC = path.join(root, 'dist', 'monc.js');
const MAXRSS = path.join(here, 'maxrss.mjs');
const GNU_TIME = '/usr/bin/time';

function usage(code) {
  (code === 0 ? process.stdout : process.stderr).write(
    'Usage: node bench/run.mjs [--runs K] [--sizes 10,100,1000] [--formats yaml,ts] [--slos-per-service K] [--no-cold] [--no-promtool] [--json] [--monc FILE] [--rss node]\n' +
      '  --runs K      timed builds per case, after one warm-up (default 5)\n' +
      '  --sizes LIST  numbers of services (default 10,100,1000)\n' +
      '  --formats L   yaml, ts or both (default yaml,ts)\n' +
      '  --slos-per-service K  SLOs per service (default 0; --slos K is the same)\n' +
      '  --no-cold     skip the TS runs without the type-check cache\n' +
      '  --no-promtool do not time promtool check rules on each build\'s rule files\n' +
      '  --json        print the results as JSON instead of a Markdown table\n' +
      '  --monc FILE   the monc CLI to run (default: dist/monc.js), e.g. another build to compare\n' +
      '  --rss node    measure peak RSS with process.resourceUsage() even where GNU time exists\n',
  );
  process.exit(code);
}

function parseArgs(argv) {
  const options = { runs: 5, sizes: [10, 100, 1000], formats: ['yaml', 'ts'], slos: 0, cold: true, promtool: true, json: false, monc: MONC, rss: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(2);
      return v;
    };
    const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
    switch (flag) {
      case '--runs': options.runs = Number(value()); break;
      case '--sizes': options.sizes = list(value()).map(Number); break;
      case '--formats': options.formats = list(value()); break;
      case '--slos-per-service':
      case '--slos': options.slos = Number(value()); break;
      case '--no-cold': options.cold = false; break;
      case '--no-promtool': options.promtool = false; break;
      case '--json': options.json = true; break;
      case '--monc': options.monc = path.resolve(value()); break;
      case '--rss': options.rss = value(); break;
      case '-h': case '--help': usage(0); break;
      default:
        process.stderr.write(`run: unknown argument ${arg}\n`);
        usage(2);
    }
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) fail('--runs must be a positive integer');
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) fail('--sizes must be positive integers');
  if (options.formats.some((f) => f !== 'yaml' && f !== 'ts')) fail('--formats must be yaml and/or ts');
  if (!Number.isInteger(options.slos) || options.slos < 0) fail('--slos-per-service must be a whole number');
  if (options.rss !== 'auto' && options.rss !== 'node') fail('--rss must be node');
  return options;
}

function fail(message) {
  process.stderr.write(`run: ${message}\n`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);

/** GNU time with -f/-o, probed once. */
function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', process.execPath, '-e', ''], { stdio: 'ignore' });
  return probe.status === 0;
}

class BuildFailed extends Error {}

/** One `monc build` in cwd: wall ms and peak RSS KiB. Throws BuildFailed with stderr if it fails. */
function runBuild({ cwd, env, rssFile, gnuTime }) {
  const nodeArgs = gnuTime ? [MONC, 'build'] : ['--import', MAXRSS, MONC, 'build'];
  const [command, args] = gnuTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...env, MONC_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', async (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) {
        const output = Buffer.concat(stderr).toString() + Buffer.concat(stdout).toString();
        reject(new BuildFailed(`monc build in ${cwd} exited with ${code ?? signal}:\n${output}`));
        return;
      }
      try {
        // GNU time's output file holds only %M (a "Command exited…" line would precede it on failure).
        const text = await readFile(rssFile, 'utf8');
        const rssKiB = Number(text.trim().split('\n').pop());
        resolve({ wallMs, rssKiB });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** promtool on the PATH, probed once; undefined without it. */
function findPromtool() {
  const probe = spawnSync('promtool', ['--version'], { stdio: 'ignore' });
  return probe.status === 0 ? 'promtool' : undefined;
}

/** `promtool check rules` on every rule file monc wrote: wall ms. Throws BuildFailed if it rejects them. */
async function runPromtool(promtool, outDir) {
  const rulesDir = path.join(outDir, 'prometheus', 'rules');
  const files = (await readdir(rulesDir)).filter((f) => f.endsWith('.yml')).sort().map((f) => path.join(rulesDir, f));
  const started = process.hrtime.bigint();
  const run = spawnSync(promtool, ['check', 'rules', ...files], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 2 ** 20 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new BuildFailed(`promtool check rules rejected monc's rule files in ${rulesDir}:\n${run.stderr}`);
  return wallMs;
}

/** Bytes of the generated promtool tests, out/prometheus/tests/. */
async function testBytes(outDir) {
  const testsDir = path.join(outDir, 'prometheus', 'tests');
  if (!existsSync(testsDir)) return 0;
  let bytes = 0;
  for (const file of await readdir(testsDir)) bytes += (await stat(path.join(testsDir, file))).size;
  return bytes;
}

/** Alerting + recording rules in out/prometheus/rules/*.yml, and the number of rule files. */
async function countRules(outDir) {
  const rulesDir = path.join(outDir, 'prometheus', 'rules');
  const files = (await readdir(rulesDir)).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));
  let alerts = 0;
  let records = 0;
  for (const file of files) {
    const text = await readFile(path.join(rulesDir, file), 'utf8');
    alerts += (text.match(/^\s*- alert:/gm) ?? []).length;
    records += (text.match(/^\s*- record:/gm) ?? []).length;
  }
  return { ruleFiles: files.length, alerts, records, rules: alerts + records };
}

async function countFiles(dir) {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    n += entry.isDirectory() ? await countFiles(path.join(dir, entry.name)) : 1;
  }
  return n;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

function summarize(base, runs) {
  const rss = runs.map((r) => r.rssKiB / 1024);
  const promtool = runs.filter((r) => r.promtoolMs !== undefined);
  return {
    ...base,
    runs,
    wallMs: spread(runs.map((r) => r.wallMs)),
    peakRssMiB: spread(rss),
    ...(promtool.length > 0 && {
      promtoolMs: spread(promtool.map((r) => r.promtoolMs)),
      vsPromtool: median(promtool.map((r) => r.wallMs / r.promtoolMs)),
    }),
  };
}

async function benchCase({ size, format, options, workRoot, gnuTime, promtool }) {
  const dir = path.join(workRoot, `${format}-${size}`);
  const tmp = path.join(dir, '.tmp'); // the children's TMPDIR: monc's type-check cache lives in $TMPDIR/monc
  const rssFile = path.join(workRoot, 'rss.txt');
  const generateStart = process.hrtime.bigint();
  const files = await writeProject(dir, { services: size, format, slos: options.slos });
  const generateMs = Number(process.hrtime.bigint() - generateStart) / 1e6;
  const definitionBytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  await mkdir(tmp, { recursive: true });
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: '1', FORCE_COLOR: '0' };
  const outDir = path.join(dir, 'out');
  const cacheDir = path.join(tmp, 'monc');
  const build = () => runBuild({ cwd: dir, env, rssFile, gnuTime });

  log(`bench: ${format} × ${size} services: warm-up…`);
  const warmup = await build();
  const outputs = await countRules(outDir);
  const outFiles = await countFiles(outDir);
  const tests = await testBytes(outDir);

  const base = { size, format, services: size, slosPerService: options.slos, definitionFiles: files.size, definitionBytes, generateMs, ...outputs, outFiles, testBytes: tests, warmupWallMs: warmup.wallMs };
  const results = [];
  const modes = format === 'ts' ? (options.cold ? ['cached', 'cold'] : ['cached']) : [null];
  for (const typeCheck of modes) {
    const runs = [];
    for (let i = 0; i < options.runs; i++) {
      await rm(outDir, { recursive: true, force: true });
      if (typeCheck === 'cold') await rm(cacheDir, { recursive: true, force: true });
      const run = await build();
      if (promtool) run.promtoolMs = await runPromtool(promtool, outDir);
      runs.push(run);
      const versus = run.promtoolMs === undefined ? '' : `; promtool check rules ${run.promtoolMs.toFixed(0)} ms`;
      log(`bench: ${format} × ${size}${typeCheck ? ` (type check ${typeCheck})` : ''} run ${i + 1}/${options.runs}: ${run.wallMs.toFixed(0)} ms, ${(run.rssKiB / 1024).toFixed(1)} MiB${versus}`);
    }
    const after = await countRules(outDir);
    if (after.rules !== outputs.rules) throw new BuildFailed(`rule count changed between runs: ${outputs.rules} then ${after.rules}`);
    results.push(summarize({ ...base, typeCheck }, runs));
  }
  await rm(dir, { recursive: true, force: true });
  return results;
}

/** How the median wall time grows from each size to the next, per format and type-check mode. */
function growth(results) {
  const lines = [];
  const key = (r) => `${r.format}${r.typeCheck ? ` (type check ${r.typeCheck})` : ''}`;
  for (const mode of new Set(results.map(key))) {
    const series = results.filter((r) => key(r) === mode).sort((a, b) => a.size - b.size);
    for (let i = 1; i < series.length; i++) {
      const [from, to] = [series[i - 1], series[i]];
      lines.push(`${mode}: ${from.size} → ${to.size} services costs ${(to.wallMs.median / from.wallMs.median).toFixed(1)}× the time (${(to.size / from.size).toFixed(0)}× the services)`);
    }
  }
  return lines;
}

function markdown(results, meta) {
  const range = (s, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  const lines = [
    `monc build, ${meta.runs} runs per case after 1 warm-up, ${meta.slosPerService} SLOs per service; ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}, ${meta.platform}; peak RSS via ${meta.rssSource}; ${meta.promtool ? 'promtool check rules on each build\'s rule files, in the same rounds' : 'no promtool'}.`,
    '',
    '| services | format | type check | rules | out files | tests MiB | wall ms, median (min–max) | peak RSS MiB, median | promtool ms, median | monc / promtool |',
    '|---:|---|---|---:|---:|---:|---|---:|---:|---:|',
  ];
  for (const r of results) {
    const versus = r.promtoolMs ? [r.promtoolMs.median.toFixed(0), `${r.vsPromtool.toFixed(2)}×`] : ['–', '–'];
    lines.push(`| ${r.size} | ${r.format} | ${r.typeCheck ?? '–'} | ${r.rules} | ${r.outFiles} | ${(r.testBytes / 2 ** 20).toFixed(1)} | ${range(r.wallMs)} | ${r.peakRssMiB.median.toFixed(1)} | ${versus.join(' | ')} |`);
  }
  const grown = growth(results);
  return `${[...lines, ...(grown.length > 0 ? ['', ...grown] : [])].join('\n')}\n`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  MONC = options.monc;
  if (!existsSync(MONC)) fail(`${MONC} not found; run npm run prepare first`);
  const gnuTime = options.rss === 'auto' && hasGnuTime();
  const promtool = options.promtool ? findPromtool() : undefined;
  const meta = {
    runs: options.runs,
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    rssSource: gnuTime ? 'GNU time %M' : 'process.resourceUsage().maxRSS',
    slosPerService: options.slos,
    promtool: promtool !== undefined,
  };
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'monc-bench-'));
  const cleanup = () => rm(workRoot, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }
  const results = [];
  try {
    for (const size of options.sizes) {
      for (const format of options.formats) {
        results.push(...(await benchCase({ size, format, options, workRoot, gnuTime, promtool })));
      }
    }
  } catch (error) {
    process.stderr.write(`run: ${error instanceof BuildFailed ? error.message : error.stack ?? error}\n`);
    await cleanup();
    process.exit(1);
  }
  await cleanup();
  process.stdout.write(options.json ? `${JSON.stringify({ meta, results }, null, 2)}\n` : markdown(results, meta));
}

await main();
