/** The benchmark's workload is what bench/README.md says it is: a 1000-service project that lints clean and builds. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: bench/ is plain JavaScript, without type declarations.
import { generateProject } from '../../bench/generate.mjs';
import { compileFiles } from '../helpers/lint.ts';

describe('the benchmark workload', () => {
  it('lints clean at 1000 services in YAML: no errors, no warnings, no infos', async () => {
    const files = Object.fromEntries(generateProject({ services: 1000, format: 'yaml' }) as Map<string, string>);
    const { diagnostics, artifacts } = await compileFiles(files);
    expect(diagnostics.map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    expect(artifacts.filter((a) => a.path.startsWith('prometheus/rules/'))).toHaveLength(1000);
  });
});
