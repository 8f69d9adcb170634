import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, compileProject } from '../helpers/project.ts';

const CASES_DIR = path.join(import.meta.dirname, 'cases');

/** Every file below `dir`, as posix paths relative to it, with contents. */
function tree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(path.join(dir, prefix))) return files;
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [k, v] of tree(dir, relative)) files.set(k, v);
    else files.set(relative, readFileSync(path.join(dir, relative), 'utf8'));
  }
  return files;
}

const compileCase = compileProject;

describe('golden cases: definitions compile to exactly the expected out/ tree', () => {
  it.each(readdirSync(CASES_DIR))('case %s', async (name) => {
    const caseDir = path.join(CASES_DIR, name);
    const result = await compileCase(caseDir);
    expect(result.diagnostics).toEqual([]);
    const produced = new Map(result.artifacts.map((a) => [a.path, a.content]));
    const expectedDir = path.join(caseDir, 'expected');
    if (process.env['UPDATE_GOLDEN']) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const [file, content] of produced) {
        mkdirSync(path.dirname(path.join(expectedDir, file)), { recursive: true });
        writeFileSync(path.join(expectedDir, file), content);
      }
    }
    const expected = tree(expectedDir);
    expect([...produced.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, content] of produced) expect(content, `${name}: ${file}`).toBe(expected.get(file));
  });
});

describe('the committed out/ of this repository', () => {
  it('is exactly what definitions/ compiles to', async () => {
    const result = await compileCase(REPO_ROOT);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const committed = tree(path.join(REPO_ROOT, 'out'));
    expect(new Map(result.artifacts.map((a) => [a.path, a.content]))).toEqual(committed);
  });
});
