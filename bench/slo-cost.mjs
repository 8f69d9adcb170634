#!/usr/bin/env node
/**
 * Evaluation cost of an SLO rule layout against Sloth's, in a real Prometheus.
 *
 *   node bench/slo-cost.mjs --ours FILE [--groups REGEX] [--sloth FILE] [--days 3] [--series 50]
 *                           [--evals 20] [--query EXPR]... [--json]
 *
 * The SLO is myservice, 99.9% availability over 30d, errors http_requests_total{job="myservice",
 * code=~"5.."}. For each layout (Sloth's, default bench/fixtures/sloth-style.yml, then ours):
 *   1. raw data: http_requests_total{job="myservice",instance,code} for ceil(series/5)
 *      instances × 5 codes, 15 s samples over the last D days, written relative to "now" so both
 *      layouts see the same data (~0.1% 5xx, a day curve, a daily 30-min incident with 1.5% 500s
 *      ending 9 h before now), backfilled with promtool, one file per block, in parallel;
 *   2. history of recorded series: recording rules that some rule reads over a range (`x[30d]`),
 *      plus what they read, are backfilled with `promtool tsdb create-blocks-from rules` at their
 *      nominal interval, in dependency passes against a Prometheus holding the data so far;
 *   3. Prometheus starts with every group's interval rewritten to 1s; the first 3 evaluations of
 *      each group are discarded, then /api/v1/rules is polled until each group has K fresh
 *      `evaluationTime`s; samples per evaluation come from `/api/v1/query?stats=all` per rule.
 * The table gives, per layout, rules (recording + alerting), groups, eval ms/cycle (the sum of
 * the group medians; groups run concurrently, so this is CPU work, not latency), samples/cycle,
 * eval s/h at the groups' nominal intervals (default 1m), and ours/sloth ratios.
 *
 * Counters stop at "now" (nothing scrapes), so 5m windows thin out during the ~25 s of
 * measurement; both layouts see the same. Every Prometheus binds 127.0.0.1:0 and is stopped by
 * its pid; temporary directories are removed, also on Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const queries = args.flatMap((a, i) => (a === '--query' && args[i + 1] !== undefined ? [args[i + 1]] : []));
const ours = option('--ours', undefined);
if (ours === undefined || args.includes('--help')) {
  console.error('usage: node bench/slo-cost.mjs --ours FILE [--groups REGEX] [--sloth FILE] [--days 3] [--series 50] [--evals 20] [--query EXPR]... [--json]');
  process.exit(args.includes('--help') ? 0 : 2);
}
const groupFilter = option('--groups', undefined); // keep only these groups of --ours (a monc file may hold other rules)
const sloth = option('--sloth', path.join(here, 'fixtures', 'sloth-style.yml'));
const DAYS = Number(option('--days', '3'));
const SERIES = Number(option('--series', '50'));
const EVALS = Number(option('--evals', '20'));
const DISCARD = 3;
const STEP = 15;
const json = args.includes('--json');
const log = (...parts) => console.error(...parts);

// ---------------------------------------------------------------- cleanup

const children = new Set();
const dirs = new Set();
const cleanup = () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

// ---------------------------------------------------------------- durations and rule files

const UNIT = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
function seconds(duration) {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(n) * UNIT[unit];
  return total;
}

function loadLayout(file, groupPattern) {
  const doc = parse(readFileSync(file, 'utf8'));
  if (groupPattern !== undefined) {
    doc.groups = (doc?.groups ?? []).filter((g) => new RegExp(groupPattern).test(g.name));
    if (doc.groups.length === 0) throw new Error(`${file}: no group matches --groups ${groupPattern}`);
  }
  const groups = (doc?.groups ?? []).map((g) => ({ name: g.name, interval: g.interval ?? null, rules: g.rules ?? [] }));
  const rules = groups.flatMap((g) => g.rules);
  return {
    file,
    doc,
    groups,
    recording: rules.filter((r) => r.record !== undefined).length,
    alerting: rules.filter((r) => r.alert !== undefined).length,
  };
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const readsAny = (expr, name) => new RegExp(`(?<![\\w:])${escapeRe(name)}(?![\\w:])`).test(expr);
const readsRange = (expr, name) => new RegExp(`(?<![\\w:])${escapeRe(name)}\\s*(\\{[^}]*\\})?\\s*\\[`).test(expr);

/** Passes of recording rules to backfill: those read over a range, and what they read, dependencies first. */
function historyPasses(layout) {
  const recordings = layout.groups.flatMap((g) => g.rules.filter((r) => r.record !== undefined).map((rule) => ({ group: g, rule })));
  const names = [...new Set(recordings.map((r) => r.rule.record))];
  const exprs = layout.groups.flatMap((g) => g.rules.map((r) => String(r.expr)));
  const needed = new Set(names.filter((n) => exprs.some((e) => readsRange(e, n))));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { rule } of recordings) {
      if (!needed.has(rule.record)) continue;
      for (const n of names) {
        if (!needed.has(n) && n !== rule.record && readsAny(String(rule.expr), n)) {
          needed.add(n);
          grew = true;
        }
      }
    }
  }
  const passes = [];
  const done = new Set();
  let left = recordings.filter((r) => needed.has(r.rule.record));
  while (left.length > 0) {
    const ready = left.filter(({ rule }) => [...needed].every((n) => n === rule.record || done.has(n) || !readsAny(String(rule.expr), n)));
    if (ready.length === 0) throw new Error(`recording rules read each other in a cycle: ${left.map((r) => r.rule.record).join(', ')}`);
    passes.push(ready);
    left = left.filter((r) => !ready.includes(r));
    for (const r of ready) done.add(r.rule.record);
  }
  return passes;
}

// ---------------------------------------------------------------- raw data

const CODES = [
  ['200', 0.93],
  ['204', 0.05],
  ['404', 0.019],
  ['500', 0.0007],
  ['503', 0.0003],
];
const INCIDENT_500 = 0.015;

/** Largest block range Prometheus' own compactor would make for this retention (10% of it). */
function blockSeconds(retentionSeconds) {
  let block = 7200;
  while (block * 3 <= retentionSeconds / 10) block *= 3;
  return block;
}

/** Writes one OpenMetrics file per block window into `dir`; returns their paths. */
function writeRawData(dir, end, days, block) {
  const instances = Math.ceil(SERIES / CODES.length);
  const start = end - days * 86400;
  const series = [];
  for (let i = 0; i < instances; i++) {
    for (const [code, share] of CODES) series.push({ labels: `job="myservice",instance="i${String(i).padStart(3, '0')}",code="${code}"`, i, code, share, acc: 0 });
  }
  const files = [];
  const firstWindow = Math.floor(start / block) * block;
  for (let w = firstWindow; w <= end; w += block) {
    const from = Math.max(start, w);
    const to = Math.min(end, w + block - 1);
    const first = Math.ceil((from - start) / STEP);
    const last = Math.floor((to - start) / STEP);
    if (last < first) continue;
    const file = path.join(dir, `raw-${w}.om`);
    const fd = openSync(file, 'w');
    writeSync(fd, '# TYPE http_requests counter\n');
    for (const s of series) {
      const base = 4 + (s.i % 7); // requests per second of this instance
      const lines = [];
      for (let k = first; k <= last; k++) {
        const t = start + k * STEP;
        const age = end - t;
        const incident = ((((age - 9 * 3600) % 86400) + 86400) % 86400) < 1800;
        const day = 1 + 0.5 * Math.sin((2 * Math.PI * age) / 86400);
        const traffic = base * day * (incident ? 0.65 : 1);
        let share = s.share;
        if (incident && s.code === '500') share = INCIDENT_500;
        if (incident && s.code === '200') share = s.share - (INCIDENT_500 - 0.0007);
        if (k > 0) s.acc += traffic * share * STEP;
        lines.push(`http_requests_total{${s.labels}} ${Math.floor(s.acc)} ${t}\n`);
      }
      writeSync(fd, lines.join(''));
    }
    writeSync(fd, '# EOF\n');
    closeSync(fd);
    files.push(file);
  }
  return { files, samples: series.length * (Math.floor((end - start) / STEP) + 1), series: series.length };
}

function run(cmd, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}

async function parallel(items, fn, limit = os.cpus().length) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) await fn(queue.shift());
  }));
}

// ---------------------------------------------------------------- Prometheus

async function startPrometheus(dir, dataDir, ruleFiles, retentionDays) {
  writeFileSync(path.join(dir, 'prometheus.yml'), `global:\n  evaluation_interval: 1s\nrule_files: ${JSON.stringify(ruleFiles)}\n`);
  const child = spawn('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${dataDir}`,
    `--storage.tsdb.retention.time=${retentionDays}d`,
    '--web.listen-address=127.0.0.1:0',
    '--log.level=info',
  ], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on('exit', () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-65536)));
  const fail = (what) => new Error(`${what}\n--- prometheus stderr ---\n${stderr.trimEnd().split('\n').slice(-15).join('\n')}`);
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await exit;
  };
  const startedAt = Date.now();
  try {
    let url;
    while (url === undefined) {
      const m = /msg="Listening on" address=(\S+)/.exec(stderr);
      if (m) url = `http://${m[1]}`;
      else if (exited) throw fail('prometheus exited before listening');
      else if (Date.now() - startedAt > 60_000) throw fail('prometheus did not listen within 60 s');
      else await sleep(20);
    }
    for (;;) {
      const ok = await fetch(`${url}/-/ready`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (exited) throw fail('prometheus exited before it was ready');
      if (Date.now() - startedAt > 60_000) throw fail('prometheus not ready within 60 s');
      await sleep(20);
    }
    const api = async (p) => {
      const body = await (await fetch(`${url}${p}`)).json();
      if (body.status !== 'success') throw fail(`GET ${p}: ${body.error}`);
      return body.data;
    };
    return { url, api, stop, startedAt, fail };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function backfillHistory(dir, dataDir, layout, end, days, block, retentionDays) {
  const passes = historyPasses(layout);
  const start = end - days * 86400;
  for (const [index, pass] of passes.entries()) {
    const t0 = Date.now();
    // Recording rules only (promtool 2.42 writes alert expressions as series too), nominal intervals kept.
    const groups = [...new Set(pass.map((p) => p.group))].map((g) => ({
      name: g.name,
      ...(g.interval !== null ? { interval: g.interval } : {}),
      rules: pass.filter((p) => p.group === g).map((p) => p.rule),
    }));
    const file = path.join(dir, `history-${index}.yml`);
    writeFileSync(file, stringify({ groups }));
    const out = path.join(dir, `history-${index}`);
    const prom = await startPrometheus(dir, dataDir, [], retentionDays);
    try {
      // A query may cover at most 11,000 points per series: keep blocks under that at the finest interval.
      const finest = Math.min(...groups.map((g) => seconds(g.interval ?? '1m')));
      const historyBlock = Math.min(block, blockSeconds(finest * 10_000 * 10));
      await run('promtool', ['tsdb', 'create-blocks-from', 'rules', '--quiet', `--url=${prom.url}`, `--start=${start}`, `--end=${end}`,
        `--output-dir=${out}`, '--eval-interval=60s', `--max-block-duration=${historyBlock}s`, file]);
    } finally {
      await prom.stop();
    }
    for (const ulid of readdirSync(out)) renameSync(path.join(out, ulid), path.join(dataDir, ulid));
    log(`  history pass ${index + 1}/${passes.length}: ${pass.map((p) => p.rule.record).join(', ')} (${Date.now() - t0} ms)`);
  }
  return passes.map((p) => p.map((r) => r.rule.record));
}

// ---------------------------------------------------------------- measurement

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measureLayout(label, layout) {
  const file = layout.file;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-slo-cost-'));
  dirs.add(dir);
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  const retentionDays = Math.max(15, DAYS + 2);
  const block = blockSeconds(retentionDays * 86400);
  const end = Math.floor(Date.now() / 1000);
  log(`${label}: ${file}: ${layout.recording} recording + ${layout.alerting} alerting rules in ${layout.groups.length} groups`);

  let t0 = Date.now();
  const raw = writeRawData(dir, end, DAYS, block);
  const written = Date.now() - t0;
  t0 = Date.now();
  await parallel(raw.files, (f) => run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', `--max-block-duration=${block}s`, f, dataDir]));
  for (const f of raw.files) rmSync(f);
  log(`  raw data: ${raw.series} series, ${raw.samples.toLocaleString('en')} samples, ${raw.files.length} blocks of ${block / 3600}h: written ${written} ms, backfilled ${Date.now() - t0} ms`);

  const history = await backfillHistory(dir, dataDir, layout, end, DAYS, block, retentionDays);

  // Every group at 1s; nominal intervals kept for the per-hour figures.
  const doc = structuredClone(layout.doc);
  for (const g of doc.groups) g.interval = '1s';
  writeFileSync(path.join(dir, 'rules.yml'), stringify(doc));
  const prom = await startPrometheus(dir, dataDir, ['rules.yml'], retentionDays);
  try {
    const seen = new Map(); // group key -> { lastEvaluation set, evals: [{ group ms, rules: {name#i: ms} }] }
    const pollStart = Date.now();
    for (;;) {
      const groups = (await prom.api('/api/v1/rules')).groups;
      for (const g of groups) {
        const key = `${g.file}\u0000${g.name}`;
        let state = seen.get(key);
        if (state === undefined) seen.set(key, (state = { name: g.name, count: 0, last: null, evals: [] }));
        for (const r of g.rules) {
          if (r.health === 'err') throw prom.fail(`${label}: rule ${r.name} in group ${g.name} fails: ${r.lastError}`);
        }
        if (g.lastEvaluation.startsWith('0001-') || g.lastEvaluation === state.last) continue;
        state.last = g.lastEvaluation;
        state.count++;
        if (state.count > DISCARD) state.evals.push({ ms: g.evaluationTime * 1000, rules: g.rules.map((r) => r.evaluationTime * 1000) });
      }
      const states = [...seen.values()];
      if (states.length === layout.groups.length && states.every((s) => s.evals.length >= EVALS)) break;
      if (Date.now() - pollStart > 300_000) throw prom.fail(`${label}: fewer than ${EVALS} evaluations per group after 300 s`);
      await sleep(100);
    }
    const since = (Date.now() - prom.startedAt) / 1000;
    if (since > 58) log(`  note: measured until ${since.toFixed(0)} s after start; Prometheus' first compaction (at 60 s) may have run meanwhile`);

    // Per group and per rule medians; samples per evaluation at now; recorded series that came out empty.
    const groups = [];
    const ruleStats = [];
    const empty = [];
    for (const [gi, g] of layout.groups.entries()) {
      const state = [...seen.values()].find((s) => s.name === g.name);
      const nominal = seconds(g.interval ?? '1m');
      const groupMs = median(state.evals.slice(0, EVALS).map((e) => e.ms));
      groups.push({ name: g.name, rules: g.rules.length, nominalInterval: g.interval ?? '1m', medianMs: groupMs, p90Ms: quantile(state.evals.map((e) => e.ms), 0.9), evalSecondsPerHour: (groupMs / 1000) * (3600 / nominal), samplesPerEval: 0 });
      for (const [ri, rule] of g.rules.entries()) {
        const stats = (await prom.api(`/api/v1/query?stats=all&query=${encodeURIComponent(String(rule.expr))}`)).stats;
        const samples = stats?.samples?.totalQueryableSamples ?? 0;
        groups[gi].samplesPerEval += samples;
        ruleStats.push({ group: g.name, name: rule.record ?? rule.alert, medianMs: median(state.evals.map((e) => e.rules[ri] ?? NaN)), samples });
        if (rule.record !== undefined && (await prom.api(`/api/v1/query?query=${encodeURIComponent(`count(${rule.record})`)}`)).result.length === 0) empty.push(rule.record);
      }
    }
    if (empty.length > 0) log(`  warning: no series recorded for ${[...new Set(empty)].join(', ')}; the data may not match the rules`);
    const values = [];
    for (const q of queries) {
      const result = (await prom.api(`/api/v1/query?query=${encodeURIComponent(q)}`)).result;
      values.push({ query: q, result: Array.isArray(result) ? result.map((r) => ({ metric: r.metric, value: r.value[1] })) : result });
    }
    const total = {
      layout: label,
      file,
      rules: layout.recording + layout.alerting,
      recording: layout.recording,
      alerting: layout.alerting,
      groups: layout.groups.length,
      evalMsPerCycle: groups.reduce((a, g) => a + g.medianMs, 0),
      samplesPerCycle: groups.reduce((a, g) => a + g.samplesPerEval, 0),
      evalSecondsPerHour: groups.reduce((a, g) => a + g.evalSecondsPerHour, 0),
      history,
      perGroup: groups,
      heaviest: ruleStats.sort((a, b) => b.medianMs - a.medianMs),
      values,
    };
    for (const g of groups) log(`  group ${g.name} (${g.rules} rules, nominal ${g.nominalInterval}): median ${g.medianMs.toFixed(2)} ms, p90 ${g.p90Ms.toFixed(2)} ms, ${g.samplesPerEval.toLocaleString('en')} samples`);
    log(`  heaviest: ${total.heaviest.slice(0, 3).map((r) => `${r.name} ${r.medianMs.toFixed(2)} ms`).join('; ')}`);
    for (const v of values) log(`  ${v.query} = ${JSON.stringify(v.result)}`);
    return total;
  } finally {
    await prom.stop();
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  }
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- main

const startedAt = Date.now();
const check = spawnSync('promtool', ['check', 'rules', sloth, ours], { encoding: 'utf8' });
if (check.error !== undefined || check.status !== 0) {
  console.error(`promtool check rules failed:\n${check.stdout ?? ''}${check.stderr ?? check.error?.message ?? ''}`);
  process.exit(1);
}
const results = [];
try {
  const layouts = [['sloth', loadLayout(sloth, undefined)], ['ours', loadLayout(ours, groupFilter)]];
  for (const [, layout] of layouts) historyPasses(layout); // fail on a cycle before any work
  for (const [label, layout] of layouts) results.push(await measureLayout(label, layout));
} catch (error) {
  console.error(error instanceof Error && !/^Error: /.test(String(error)) ? error.stack : String(error));
  process.exit(1);
}
const [a, b] = results;
const ratio = (x, y) => (y === 0 ? NaN : x / y);
const ratios = {
  rules: ratio(b.rules, a.rules),
  evalMsPerCycle: ratio(b.evalMsPerCycle, a.evalMsPerCycle),
  samplesPerCycle: ratio(b.samplesPerCycle, a.samplesPerCycle),
  evalSecondsPerHour: ratio(b.evalSecondsPerHour, a.evalSecondsPerHour),
};
const setup = { days: DAYS, rawSeries: Math.ceil(SERIES / CODES.length) * CODES.length, evals: EVALS, discarded: DISCARD, sampleStep: STEP, groupInterval: '1s' };
if (json) {
  console.log(JSON.stringify({ setup, layouts: results, ratios, runSeconds: (Date.now() - startedAt) / 1000 }, null, 2));
} else {
  const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  console.log(`SLO rule cost: ${setup.days} d of 15 s data, ${setup.rawSeries} raw series, ${EVALS} evaluations per group at 1s (first ${DISCARD} discarded)\n`);
  console.log('| layout | rules (rec + alert) | groups | eval ms/cycle | samples/cycle | eval s/h @nominal |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.layout} (${path.basename(r.file)}) | ${r.rules} (${r.recording} + ${r.alerting}) | ${r.groups} | ${f(r.evalMsPerCycle)} | ${r.samplesPerCycle.toLocaleString('en')} | ${f(r.evalSecondsPerHour, 3)} |`);
  }
  console.log(`| ours/sloth | ${f(ratios.rules, 3)} | | ${f(ratios.evalMsPerCycle, 3)} | ${f(ratios.samplesPerCycle, 4)} | ${f(ratios.evalSecondsPerHour, 3)} |`);
  console.log(`\n(run took ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
}
