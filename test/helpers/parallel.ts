/** Running tool processes for tests: one to its end, or many on every core. */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `binary` with `args` to its end; never rejects (a binary that cannot start has status null and the reason in stderr). */
export function runProcess(binary: string, args: readonly string[], options: { readonly cwd?: string } = {}): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `fn` over every item, as many at a time as the machine has cores, in the items' order (start the slowest first). */
export async function mapOnEveryCore<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), items.length) }, worker));
  return results;
}
