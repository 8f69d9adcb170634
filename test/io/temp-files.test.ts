/**
 * Where TS definitions are bundled and type-check results cached: a private mkdtemp folder
 * removed after every run, and the user's own cache folder, never a predictable shared path
 * that another local user could plant first.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/project.ts';

const SERVICE_TS = "import { defineService } from 'monc';\n\ndefineService({ name: 'web', team: 'frontend' });\n";

describe('temporary and cache files of TS definitions', () => {
  const saved = { TMPDIR: process.env['TMPDIR'], XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] };
  let root: string;
  let tmp: string;
  let cache: string;
  let victim: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'monc-temp-files-'));
    tmp = path.join(root, 'tmp');
    cache = path.join(root, 'cache');
    victim = path.join(root, 'victim');
    for (const dir of [tmp, cache, victim]) mkdirSync(dir);
    // Another user got there first: the old predictable folder is a link to someone else's files.
    symlinkSync(victim, path.join(tmp, 'monc'));
    process.env['TMPDIR'] = tmp;
    process.env['XDG_CACHE_HOME'] = cache;
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it.each([
    ['a definition that loads', SERVICE_TS, 0],
    ['a definition that throws', "import { defineService } from 'monc';\n\nthrow new Error('boom');\n", 1],
    ['a definition with a type error', "import { defineService } from 'monc';\n\ndefineService({ name: 'web', team: 3 });\n", 1],
  ])('after %s, nothing is left in the temporary folder and nothing is written through a planted link', async (_name, text, code) => {
    const dir = makeProject({ 'definitions/web.ts': text });
    const result = await runCli(dir, ['build']);
    expect(result.code, result.stderr).toBe(code);
    // The project itself is made there too, as monc-test-*.
    expect(readdirSync(tmp).filter((name) => !name.startsWith('monc-test-'))).toEqual(['monc']);
    expect(lstatSync(path.join(tmp, 'monc')).isSymbolicLink()).toBe(true);
    expect(readdirSync(victim)).toEqual([]);
  });

  it("caches type-check results in the user's cache folder, readable by the user alone", async () => {
    const dir = makeProject({ 'definitions/web.ts': SERVICE_TS });
    expect((await runCli(dir, ['lint'])).code).toBe(0);
    const files = readdirSync(path.join(cache, 'monc'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typecheck-[0-9a-f]{16}\.json$/);
    expect(statSync(path.join(cache, 'monc', files[0] ?? '')).mode & 0o077).toBe(0);
    expect(statSync(path.join(cache, 'monc')).mode & 0o077).toBe(0);
  });
});
