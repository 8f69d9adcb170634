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

  it('lints clean with 7 SLOs per service in YAML and TS (5 kinds, then numbered copies)', async () => {
    for (const format of ['yaml', 'ts']) {
      const files = Object.fromEntries(generateProject({ services: 5, format, slos: 7 }) as Map<string, string>);
      const { diagnostics, model } = await compileFiles(files);
      expect(diagnostics.map((d) => `${d.check} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
      expect(model.slos.map((slo) => slo.id).filter((id) => id.startsWith('svc001-'))).toEqual([
        'svc001-availability',
        'svc001-latency',
        'svc001-jobs',
        'svc001-writes',
        'svc001-fast-responses',
        'svc001-availability-1',
        'svc001-latency-1',
      ]);
    }
  });
});
