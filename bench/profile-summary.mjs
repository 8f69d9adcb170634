#!/usr/bin/env node
/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, and self
 * time grouped by source (dist bundle, node_modules package, node: internals).
 *
 *   node bench/profile-summary.mjs FILE.cpuprofile [--top 25]
 *
 * To profile a build:  cd PROJECT && node --cpu-prof --cpu-prof-dir=/tmp/prof /path/to/dist/monc.js build
 * (a worker thread, e.g. the TS type check, writes its own profile file next to the main one).
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
if (!file) {
  process.stderr.write('Usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0); // piped into head
  throw error;
});

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
// timeDeltas[i] is the time before samples[i]; attribute it to that sample's node.
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const totalUs = profile.endTime - profile.startTime;

/**
 * esbuild bundles (dist/*.js) mark each module with a `// path/to/module.ts` line; a position
 * in a bundle is attributed to the module whose marker precedes it.
 */
const bundleModules = new Map();
function modulesOf(url) {
  if (!bundleModules.has(url)) {
    let markers = [];
    try {
      const lines = readFileSync(new URL(url), 'utf8').split('\n');
      lines.forEach((line, index) => {
        const match = /^\/\/ ((?:src|node_modules|\.\.?)\/[^\s]+\.[cm]?[jt]s)$/.exec(line);
        if (match) markers.push([index, match[1]]);
      });
    } catch {
      markers = [];
    }
    bundleModules.set(url, markers);
  }
  return bundleModules.get(url);
}

function bundledModule(url, line) {
  let found;
  for (const [start, module] of modulesOf(url)) {
    if (start > line) break;
    found = module;
  }
  return found;
}

function source(url, line = 0) {
  if (!url) return '(native/idle)';
  if (url.startsWith('file://') && /\/dist\/[^/]+\.js$/.test(url)) {
    const module = bundledModule(url, line);
    if (module) url = module;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `pkg ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '').replace(/^.*\/(dist|src)\//, '$1/').replace(/\/[^/]+$/, '/');
}

function frameKey(callFrame) {
  const name = callFrame.functionName || '(anonymous)';
  if (!callFrame.url) return name;
  const url = callFrame.url;
  const module = url.startsWith('file://') && /\/dist\/[^/]+\.js$/.test(url) ? bundledModule(url, callFrame.lineNumber) : undefined;
  const where = (module ?? url.replace(/^file:\/\//, '')).replace(/^.*node_modules\//, '');
  return `${name}  ${where}${module ? ` (dist line ${callFrame.lineNumber + 1})` : `:${callFrame.lineNumber + 1}`}`;
}

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const inclusive = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
    const { callFrame } = nodes.get(id);
    if (!callFrame.url || !/\/(src|dist)\//.test(callFrame.url)) continue;
    const module = callFrame.url.startsWith('file://') && /\/dist\/[^/]+\.js$/.test(callFrame.url) ? bundledModule(callFrame.url, callFrame.lineNumber) : 'src/';
    if (!module?.startsWith('src/')) continue; // monc's own code only
    seen.add(frameKey(callFrame));
  }
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const byFunction = new Map();
const bySource = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const name = callFrame.functionName || '(anonymous)';
  const key = frameKey(callFrame);
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const src = ['(garbage collector)', '(program)', '(idle)'].includes(name) ? name : source(callFrame.url, callFrame.lineNumber);
  bySource.set(src, (bySource.get(src) ?? 0) + us);
}

const ms = (us) => (us / 1000).toFixed(0).padStart(6);
const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
process.stdout.write(`profile ${file}: ${(totalUs / 1000).toFixed(0)} ms\n\nself time by source\n`);
for (const [src, us] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${ms(us)} ms ${pct(us)}  ${src}\n`);
process.stdout.write(`\ntop ${top} functions by self time\n`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ms ${pct(us)}  ${key}\n`);
process.stdout.write(`\ntop ${top} monc (src/) functions by total time, callees included\n`);
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ms ${pct(us)}  ${key}\n`);
