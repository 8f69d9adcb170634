/**
 * scrape/relabel against the real consumer: promtool 2.42 checks the prometheus.yml monc writes
 * for each rule (with scrape/relabel off, so that it is written). monc reports a rule exactly
 * when promtool rejects the config, in promtool's words, except where the case says why monc
 * is stricter.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFiles } from '../helpers/lint.ts';
import { makeProject } from '../helpers/project.ts';
import { CONFIG, RELABEL_CASES, relabelFiles } from '../checks/scrape/fixture.ts';

const ID = 'scrape/relabel';

describe(`${ID} agrees with promtool check config`, () => {
  it.each(RELABEL_CASES)('$name', async (c) => {
    const files = relabelFiles(c);
    const silenced = { ...files, [CONFIG]: `${(files[CONFIG] as string | undefined) ?? ''}checks:\n  ${ID}: off\n` };
    const reported = (await compileFiles(files)).diagnostics.filter((d) => d.check === ID).map((d) => d.message);
    const { artifacts } = await compileFiles(silenced);
    const dir = makeProject(Object.fromEntries(artifacts.map((a) => [a.path, a.content])));
    const result = spawnSync('promtool', ['check', 'config', path.join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    if (c.promtool === undefined) {
      expect(result.status, output).toBe(0);
      expect(reported.length > 0, 'monc reports a rule promtool accepts without saying why').toBe(c.stricter !== undefined);
    } else {
      expect(result.status, output).not.toBe(0);
      expect(output).toContain(c.promtool);
      expect(reported.length, 'promtool rejects what monc accepts').toBeGreaterThan(0);
      expect(reported.every((message) => message.includes(c.promtool ?? ''))).toBe(true);
    }
  });
});
