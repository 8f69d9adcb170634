/**
 * Temporary folders the tests make, removed after each test file by test/helpers/setup.ts: a
 * hook registered in a shared helper would belong to the first file only where files share
 * modules (vitest's `isolate: false`). Imports nothing of monc, so that the setup file loads no
 * module before a test file's vi.mock() can replace it.
 */
import { rmSync } from 'node:fs';

const folders: string[] = [];

export function trackTemporaryFolder(dir: string): void {
  folders.push(dir);
}

export function removeTemporaryFolders(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}
