/** Test projects on disk and the CLI run in-process against them. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.ts';
import type { Diagnostic } from '../../src/diagnostic.ts';
import { trackTemporaryFolder } from './temporary-folders.ts';

export type Files = Readonly<Record<string, string | Uint8Array>>;

/** A temporary project folder holding `files` (paths relative to it). */
export function makeProject(files: Files): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-test-'));
  trackTemporaryFolder(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Files): void {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export function readProjectFile(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(cwd: string, argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

/** A diagnostic as `monc lint --format json` prints it. */
export type JsonDiagnostic = Omit<Diagnostic, 'related'>;

/** `monc lint --format json` on a project made of `files`. */
export async function lintJson(files: Files): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const dir = makeProject(files);
  const result = await runCli(dir, ['lint', '--format', 'json']);
  const parsed = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  return { code: result.code, diagnostics: parsed.diagnostics };
}

/** Where a diagnostic points, as `check@line:column`, for compact assertions. */
export function where(d: JsonDiagnostic): string {
  return `${d.check}@${d.file}:${d.line}:${d.column}`;
}

export { compileProject, REPO_ROOT } from './compile-project.ts';
