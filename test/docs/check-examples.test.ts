/**
 * The examples on the check pages are real: every `$ monc lint` block shows what monc prints
 * for the files labelled above it.
 *
 * Convention in docs/checks/<group>/<name>.md: a line that is only a path in backticks
 * followed by a colon (`` `definitions/checkout.yaml`: ``) labels the next code block as
 * that file. A ```console block starting with `$ monc lint` runs lint on a project made of
 * the files labelled since the previous console block, and must print the rest of the block.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.ts';
import { blockText, codeBlocks } from '../helpers/markdown.ts';
import { REPO_ROOT, makeProject, runCli } from '../helpers/project.ts';

/** Pages whose example cannot be written as text, with the reason. */
const NOT_REPRODUCIBLE: Readonly<Record<string, string>> = {
  'load/encoding': 'the example file holds a byte that is not UTF-8, which the page cannot contain',
  'online/series-missing': 'it needs a live Prometheus with known series; test/checks/online/series-missing.test.ts runs the same cases against one',
  'online/labels': 'it needs a live Prometheus with known series; test/checks/online/labels.test.ts runs such cases against one',
  'online/cardinality': 'it needs a live Prometheus with known series; test/checks/online/cardinality.test.ts runs such cases against one',
  'online/query-cost': 'it needs a live Prometheus with query stats and known series; test/checks/online/query-cost.test.ts runs such cases against one',
  'online/scrape-interval': 'it needs a live Prometheus with known targets and series; test/checks/online/scrape-interval.test.ts runs such cases against one',
  'online/skipped': 'it needs a live server that lacks most of the query API; test/checks/online/skipped.test.ts runs it against one',
  'online/alertmanager-drift': 'it needs a live Alertmanager; test/checks/online/alertmanager-drift.test.ts runs such a case against one',
  'online/rules-drift': 'it needs a live Prometheus with rules loaded; test/checks/online/rules-drift.test.ts runs such a case against one',
};

/**
 * A project needs definitions: an example whose files are all at the project root (only
 * monc.config.yaml) gets this clean one added.
 */
const QUIET_DEFINITIONS = { 'definitions/example.yaml': 'kind: Service\nname: example\nteam: example\n' };

interface Example {
  readonly files: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  readonly expected: string;
}

function examplesOf(id: string): Example[] {
  const examples: Example[] = [];
  let files: Record<string, string> = {};
  for (const block of codeBlocks(readFileSync(path.join(REPO_ROOT, 'docs/checks', `${id}.md`), 'utf8'))) {
    const command = block.lang === 'console' ? /^\$ monc lint(.*)$/.exec(block.lines[0] ?? '') : null;
    if (command) {
      examples.push({
        files,
        args: (command[1] ?? '').trim().split(/\s+/).filter(Boolean),
        expected: `${block.lines.slice(1).join('\n')}\n`,
      });
      files = {};
    } else if (block.label) {
      files = { ...files, [block.label]: blockText(block) };
    }
  }
  return examples;
}

const ids = CHECKS.map((check) => check.id).filter((id) => !(id in NOT_REPRODUCIBLE));
/** [number of the example on its page, check id, example], for test names. */
const rows = ids.flatMap((id) => examplesOf(id).map((example, i) => [i + 1, id, example] as const));

describe('the examples on the check pages show what monc lint prints for them', () => {
  it.each(ids)('the page for %s has at least one example with its monc lint output', (id) => {
    expect(examplesOf(id).length).toBeGreaterThan(0);
  });

  it.each(rows)('example %i on the %s page prints the diagnostics shown under it', async (_n, _id, { files, args, expected }) => {
    expect(Object.keys(files).length, 'no labelled files above this monc lint block').toBeGreaterThan(0);
    const needsDefinitions = !Object.keys(files).some((file) => file.includes('/'));
    const dir = makeProject(needsDefinitions ? { ...QUIET_DEFINITIONS, ...files } : files);
    const result = await runCli(dir, ['lint', ...args]);
    expect(result.stdout).toBe(expected);
  });
});
