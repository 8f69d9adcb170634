/**
 * Positions inside TS definitions come from a TypeScript syntax tree that is loaded only when
 * a diagnostic needs one: a clean build of this repository's definitions (TS services, SLOs,
 * dashboards) never loads TypeScript in the main thread. A check that computes a position
 * before it knows it has a finding costs every build a quarter of a second.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.ts';
import { TS_MORPH_LOADED, tsMorphHookArgs } from '../helpers/ts-morph-hook.ts';

describe('a clean build', () => {
  it('does not load TypeScript in the main thread to locate positions', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'monc-lazy-ts-'));
    try {
      const run = spawnSync(process.execPath, [...tsMorphHookArgs(dir), path.join(REPO_ROOT, 'dist/monc.js'), 'build', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
      expect(run.stderr).toContain('out/ is up to date');
      expect(run.stderr).not.toContain(TS_MORPH_LOADED);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
