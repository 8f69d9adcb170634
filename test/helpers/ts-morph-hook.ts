/** Whether a monc process loaded TypeScript (ts-morph) in its main thread: a `--require` hook that says so on stderr at exit. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const TS_MORPH_LOADED = 'ts-morph was loaded';

/** Writes the hook into `dir` and returns the node arguments that load it. */
export function tsMorphHookArgs(dir: string): string[] {
  const hook = path.join(dir, 'ts-morph-hook.cjs');
  writeFileSync(hook, `process.on('exit', () => { if (Object.keys(require.cache).some((k) => k.includes('/ts-morph/'))) process.stderr.write(${JSON.stringify(`${TS_MORPH_LOADED}\n`)}); });\n`);
  return ['--require', hook];
}
