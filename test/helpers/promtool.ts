/** promtool for the tests that check what monc writes: one run, or many test files on every core. */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

export interface PromtoolRun {
  readonly status: number | null;
  /** stdout and stderr, as a terminal shows them. */
  readonly output: string;
}

export function promtool(args: readonly string[], options: { readonly cwd?: string } = {}): Promise<PromtoolRun> {
  return new Promise((resolve) => {
    const child = spawn(PROMTOOL, args, options);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** `promtool test rules` on each file, as many at a time as the machine has cores, the largest first so that none is left to run alone at the end. */
export async function promtoolTests(files: readonly string[]): Promise<PromtoolRun[]> {
  const queue = [...files].sort((a, b) => statSync(b).size - statSync(a).size);
  const runs: PromtoolRun[] = [];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) runs.push(await promtool(['test', 'rules', file]));
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return runs;
}
