/**
 * monc's verdict on PromQL texts against promtool's: each text is a recording rule in one
 * rule file, `promtool check rules` names every rule it rejects (`rule N`), and monc's
 * verdict is what a rule file's expression gets from `monc lint --rules` on a Prometheus 2
 * target: a syntax error, or a problem of the type checker (types, version, regex).
 * Used by test/promql/differential.tools.test.ts and bench/promql-differential.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePromql } from '../../src/promql/parse.ts';
import { typeCheck } from '../../src/promql/typecheck.ts';
import { toYaml } from '../../src/serialize/yaml.ts';

/** Why monc rejects a text (undefined: monc accepts it). */
export function moncRejection(text: string): string | undefined {
  const parsed = parsePromql(text);
  if (parsed.error) return `promql/syntax: ${parsed.error.message}`;
  // Deeper trees are syntax-checked only (promql/depth, an info finding).
  if (!parsed.ast) return undefined;
  const problem = typeCheck(parsed.ast, 2).problems[0];
  return problem && `promql/${problem.kind}: ${problem.message}`;
}

/** promtool's message for each rejected text, by index; texts it accepts are absent. */
export function promtoolRejections(texts: readonly string[]): Map<number, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-promql-differential-'));
  try {
    const rules = texts.map((expr) => ({ record: 'job:up:test', expr }));
    writeFileSync(path.join(dir, 'rules.yml'), toYaml({ groups: [{ name: 'g', rules }] }, '', ['record', 'expr']));
    const result = spawnSync('promtool', ['check', 'rules', 'rules.yml'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw result.error;
    const output = `${result.stdout}${result.stderr}`;
    const rejected = new Map<number, string>();
    for (const match of output.matchAll(/group "g", rule (\d+), "job:up:test": (.*)/g)) {
      const index = Number(match[1]) - 1;
      if (!rejected.has(index)) rejected.set(index, match[2] ?? '');
    }
    if (result.status !== 0 && rejected.size === 0) throw new Error(`promtool failed without naming a rule:\n${output.slice(0, 2000)}`);
    return rejected;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where monc is stricter than promtool 2.42 on purpose: each is a text Prometheus 3 rejects,
 * and monc follows 3 for every target.
 */
export const DELIBERATELY_STRICTER: readonly { readonly reason: RegExp; readonly why: string }[] = [
  {
    reason: /unexpected character in duration expression: '#'/,
    why: 'a comment inside [ ]: Prometheus 3 lexes [ ] as a duration expression and rejects it; 2.42 rejects it only right after the [',
  },
  {
    reason: /unexpected "[A-Za-z_:][\w:]*" in the (range selector|subquery)/,
    why: "a word inside [ ]: 2.42's lexer reads any letter there as ':' (up[5m s] is up[5m:]); Prometheus 3 rejects it",
  },
];

/** The reason monc is stricter on purpose, or undefined for a disagreement to fix. */
export const deliberatelyStricter = (reason: string) => DELIBERATELY_STRICTER.find((known) => known.reason.test(reason))?.why;

export interface Disagreement {
  readonly text: string;
  /** What the side that rejects says. */
  readonly reason: string;
}

export interface Differential {
  readonly compared: number;
  /** How many of them promtool rejects. */
  readonly promtoolRejected: number;
  /** monc accepts, promtool rejects: monc would ship a file Prometheus refuses. */
  readonly acceptedInvalid: Disagreement[];
  /** monc rejects, promtool accepts: a false error. */
  readonly rejectedValid: Disagreement[];
}

/**
 * Compares the verdicts on texts a rule file can hold (well-formed UTF-16; monc reports lone
 * surrogates before PromQL is looked at, as load/encoding).
 */
export function differential(texts: readonly string[]): Differential {
  const comparable = texts.filter((text) => !/[\ud800-\udfff]/u.test(text));
  const promtool = promtoolRejections(comparable);
  const acceptedInvalid: Disagreement[] = [];
  const rejectedValid: Disagreement[] = [];
  comparable.forEach((text, i) => {
    const monc = moncRejection(text);
    const theirs = promtool.get(i);
    if (monc === undefined && theirs !== undefined) acceptedInvalid.push({ text, reason: theirs });
    if (monc !== undefined && theirs === undefined) rejectedValid.push({ text, reason: monc });
  });
  return { compared: comparable.length, promtoolRejected: promtool.size, acceptedInvalid, rejectedValid };
}
