/**
 * V8's tiering, tuned for a command that runs for a fraction of a second.
 *
 * V8 hands a function to its optimising compiler once it has run about 66 KB of bytecode three
 * times over. Most of a monc run is code that is hot for only tens of milliseconds (a lint of
 * 140 rule files parses 1,645 expressions once), so those compiles, on the machine's other
 * core, often finish after the work they were for: on 2 vCPUs a cold `lint --rules` spent more
 * CPU in the optimising compiler than in the lint, and ran slower for it. Four times the
 * budget leaves short-lived code to the interpreter and baseline code and still optimises what
 * a long build runs for seconds. Measured in bench/README.md ("V8's tiering").
 */
import v8 from 'node:v8';

const DEFAULT_INTERRUPT_BUDGET = 67_584;

/** The V8 flag monc's CLI runs with (bench/promql-parser.ts can run both parsers with it too). */
export const CLI_V8_FLAG = `--interrupt-budget=${4 * DEFAULT_INTERRUPT_BUDGET}`;

/**
 * Call after Node's own modules are loaded: a changed flag makes V8 refuse the code cache that
 * Node's built-in modules are compiled from, so each loaded later is compiled from source.
 */
export function tuneTieringForShortRuns(): void {
  v8.setFlagsFromString(CLI_V8_FLAG);
}
