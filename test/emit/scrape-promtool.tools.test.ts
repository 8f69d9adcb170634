/**
 * scrape/relabel and scrape/credentials against the real consumer: promtool 2.42 checks the
 * prometheus.yml monc writes for each case (with the check off, so that it is written). monc
 * reports a case exactly when promtool rejects the config, in promtool's words, except where
 * the case says why monc is stricter.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFiles } from '../helpers/lint.ts';
import { makeProject, type Files } from '../helpers/project.ts';
import { CONFIG, CREDENTIAL_CASES, credentialFiles, RELABEL_CASES, relabelFiles, WITHOUT_PROMETHEUS_YML } from '../checks/scrape/fixture.ts';

/** promtool's verdict on the prometheus.yml monc writes for `files` with `check` off, and what `check` reports. */
async function judge(check: string, files: Files, args: readonly string[]): Promise<{ reported: string[]; status: number | null; output: string }> {
  const silenced = { ...files, [CONFIG]: `${(files[CONFIG] as string | undefined) ?? ''}checks:\n  ${check}: off\n` };
  const reported = (await compileFiles(files)).diagnostics.filter((d) => d.check === check).map((d) => d.message);
  const { artifacts } = await compileFiles(silenced);
  const dir = makeProject(Object.fromEntries(artifacts.map((a) => [a.path, a.content])));
  const result = spawnSync('promtool', ['check', 'config', ...args, path.join(dir, 'prometheus/prometheus.yml')], { encoding: 'utf8' });
  return { reported, status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** monc reports exactly what promtool rejects, in its words, or says why it is stricter. */
function expectAgreement({ reported, status, output }: Awaited<ReturnType<typeof judge>>, promtool: string | undefined, stricter: string | undefined): void {
  if (promtool === undefined) {
    expect(status, output).toBe(0);
    expect(reported.length > 0, 'monc reports what promtool accepts without saying why').toBe(stricter !== undefined);
  } else {
    expect(status, output).not.toBe(0);
    expect(output).toContain(promtool);
    expect(reported.length, 'promtool rejects what monc accepts').toBeGreaterThan(0);
    expect(reported.every((message) => message.includes(promtool))).toBe(true);
  }
}

describe('scrape/relabel agrees with promtool check config', () => {
  // The full check, which also relabels the static targets (and finds a target without an address).
  it.each(RELABEL_CASES)('$name', async (c) => {
    expectAgreement(await judge('scrape/relabel', relabelFiles(c), []), c.promtool, c.stricter);
  });
});

describe('scrape/credentials agrees with promtool check config --syntax-only', () => {
  // Syntax only: the credential files the cases name do not exist here. A project that writes no prometheus.yml has nothing to judge.
  it.each(CREDENTIAL_CASES.filter((c) => c.config !== WITHOUT_PROMETHEUS_YML))('$name', async (c) => {
    expectAgreement(await judge('scrape/credentials', credentialFiles(c), ['--syntax-only']), c.promtool, c.stricter);
  });
});
