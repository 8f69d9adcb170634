/** Every registered check has its own table-driven test file, test/checks/<group>/<name>.test.ts. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.ts';

describe('every registered check has its own test file', () => {
  it.each(CHECKS.map((check) => check.id))('%s', (id) => {
    expect(existsSync(path.join(import.meta.dirname, `${id}.test.ts`)), `missing test/checks/${id}.test.ts`).toBe(true);
  });
});
