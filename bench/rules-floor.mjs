#!/usr/bin/env node
/**
 * The least any Node-based `lint --rules` can take on the corpus, against promtool.
 *
 *   node bench/rules-floor.mjs [--runs K] [--corpus DIR] [--json]
 *
 * Times fresh processes doing only the unavoidable part of the work, cold, as a real run is:
 *   - node:      `node -e ''`, Node's own start-up;
 *   - tokenize:  start Node, read every file and run the `yaml` package's lexer over it (tokens
 *                only: no parse tree, no values, no positions);
 *   - promql:    start Node and parse every rule's `expr` with the lezer PromQL grammar that
 *                monc uses (expressions extracted beforehand, so no YAML work is counted);
 *   - floor:     tokenize + promql in one process;
 *   - promtool:  `promtool check rules --lint=none` on the same files, the whole job.
 * Each is run once to warm the file cache, then K times (default 5), alternating; medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARGS, ROOT, median, option, yamlFiles } from './common.mjs';
import { parseAllDocuments } from 'yaml';

const root = ROOT;
const args = ARGS;
const runs = Number(option('--runs', '5'));
const corpus = path.resolve(option('--corpus', path.join(root, 'test/fixtures/corpus/rules')));
const promtool = option('--promtool', '/usr/bin/promtool');

const files = yamlFiles(corpus);

// Extracted here, outside the timed processes.
const expressions = files.flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    const value = doc.errors.length === 0 ? doc.toJS() : undefined;
    const groups = value?.groups ?? value?.spec?.groups ?? [];
    return Array.isArray(groups) ? groups.flatMap((g) => (Array.isArray(g?.rules) ? g.rules : []).map((r) => r?.expr).filter((e) => typeof e === 'string')) : [];
  }),
);

const work = mkdtempSync(path.join(os.tmpdir(), 'monc-floor-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const expressionsFile = path.join(work, 'expressions.json');
writeFileSync(expressionsFile, JSON.stringify(expressions));
const script = (name, body) => {
  const file = path.join(work, `${name}.mjs`);
  writeFileSync(file, body);
  return file;
};
const resolveFromRoot = (specifier) => JSON.stringify(import.meta.resolve(specifier));
const tokenizeBody = `
import { readFileSync } from 'node:fs';
import { Lexer } from ${resolveFromRoot('yaml')};
let tokens = 0;
for (const file of process.argv.slice(2)) for (const _ of new Lexer().lex(readFileSync(file, 'utf8'))) tokens++;
`;
const promqlBody = `
import { readFileSync } from 'node:fs';
import { parser } from ${resolveFromRoot('@prometheus-io/lezer-promql')};
let nodes = 0;
for (const expr of JSON.parse(readFileSync(${JSON.stringify(expressionsFile)}, 'utf8'))) nodes += parser.parse(expr).length;
`;
const commands = {
  node: [process.execPath, ['-e', '']],
  tokenize: [process.execPath, [script('tokenize', tokenizeBody), ...files]],
  promql: [process.execPath, [script('promql', promqlBody)]],
  floor: [process.execPath, [script('floor', tokenizeBody + promqlBody.replace(/^import \{ readFileSync \}.*$/m, '')), ...files]],
  promtool: [promtool, ['check', 'rules', '--lint=none', ...files]],
};

function time(name) {
  const [command, argv] = commands[name];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const ok = result.status === 0 || (name === 'promtool' && result.status === 1);
  if (!ok) {
    console.error(`bench/rules-floor: ${name} exited ${result.status}:\n${result.stderr}`);
    process.exit(2);
  }
  return ms;
}

const names = Object.keys(commands);
for (const name of names) time(name);
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let i = 0; i < runs; i++) for (const name of names) samples[name].push(time(name));
const summary = Object.fromEntries(names.map((name) => [name, median(samples[name])]));

if (args.includes('--json')) {
  console.log(JSON.stringify({ files: files.length, expressions: expressions.length, runs, medianMs: summary }, null, 2));
} else {
  console.log(`${files.length} rule files, ${expressions.length} expressions, median of ${runs} cold runs each`);
  for (const name of names) console.log(`  ${name.padEnd(9)} ${summary[name].toFixed(0).padStart(6)} ms`);
  console.log(`  floor / promtool: ${(summary.floor / summary.promtool).toFixed(2)}×`);
}
