/**
 * How `monc lint --rules` names each rule file: by its path relative to the working directory.
 * A plain relative path is taken as it is, without resolving it; the table checks that this
 * is exactly what resolving gives, and that any other path is resolved.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromCwd } from '../../src/cli/lint-rules.ts';

const CWD = '/home/sre/monitoring';
const resolved = (file: string) => {
  const absolute = path.resolve(CWD, file);
  return { shown: path.relative(CWD, absolute) || file, absolute };
};

describe('the path a rule file is shown by', () => {
  it.each([
    ['a file in the working directory', 'rules.yml', 'rules.yml'],
    ['a file in a folder', 'rules/app.yml', 'rules/app.yml'],
    ['a file named with dots', 'rules/app.v2..yml', 'rules/app.v2..yml'],
    ['a hidden folder', '.github/rules.yml', '.github/rules.yml'],
    ['a ./ prefix', './rules/app.yml', 'rules/app.yml'],
    ['a .. that comes back', 'rules/../rules/app.yml', 'rules/app.yml'],
    ['a doubled slash', 'rules//app.yml', 'rules/app.yml'],
    ['a folder outside', '../shared/rules.yml', '../shared/rules.yml'],
    ['an absolute path inside', '/home/sre/monitoring/rules/app.yml', 'rules/app.yml'],
    ['an absolute path outside', '/etc/prometheus/rules.yml', '../../../etc/prometheus/rules.yml'],
  ])('%s: %s is shown as %s, as resolving it gives', (_, file, shown) => {
    expect(fromCwd(CWD, file)).toEqual({ shown, absolute: resolved(file).absolute });
    expect(fromCwd(CWD, file).shown).toBe(resolved(file).shown);
  });
});
