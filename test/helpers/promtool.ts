/** promtool for the tests that check what monc writes: one run, or many test files on every core. */
import { statSync } from 'node:fs';
import { mapOnEveryCore, runProcess } from './parallel.ts';

export const PROMTOOL = process.env['MONC_TEST_PROMTOOL'] ?? 'promtool';

export interface PromtoolRun {
  readonly status: number | null;
  /** stdout and stderr, as a terminal shows them. */
  readonly output: string;
}

export async function promtool(args: readonly string[], options: { readonly cwd?: string } = {}): Promise<PromtoolRun> {
  const run = await runProcess(PROMTOOL, args, options);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** `promtool test rules` on each file, as many at a time as the machine has cores, the largest first so that none is left to run alone at the end. */
export function promtoolTests(files: readonly string[]): Promise<PromtoolRun[]> {
  const bySize = [...files].sort((a, b) => statSync(b).size - statSync(a).size);
  return mapOnEveryCore(bySize, (file) => promtool(['test', 'rules', file]));
}
