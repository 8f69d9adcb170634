/**
 * The worked examples on the migrating pages are real: a ```console block starting with
 * `$ monc import` runs the import on a project made of the files labelled above it (a line
 * `` `rules/checkout.yml`: `` labels the next code block), and must print the rest of the
 * block (stderr and stdout as a terminal shows them); the files labelled below it are what
 * the import wrote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { blockText, codeBlocks } from '../helpers/markdown.ts';
import { makeProject, readProjectFile, REPO_ROOT } from '../helpers/project.ts';

const DIR = path.join(REPO_ROOT, 'docs/migrating');

interface Example {
  readonly inputs: Record<string, string>;
  readonly args: string[];
  readonly printed: string;
  readonly outputs: Record<string, string>;
}

function exampleOf(page: string): Example | undefined {
  const inputs: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  let command: { args: string[]; printed: string } | undefined;
  for (const block of codeBlocks(readFileSync(path.join(DIR, page), 'utf8'))) {
    const run = block.lang === 'console' ? /^\$ monc (import .*)$/.exec(block.lines[0] ?? '') : null;
    if (run) command = { args: (run[1] ?? '').split(/\s+/), printed: `${block.lines.slice(1).join('\n')}\n` };
    else if (block.label) (command ? outputs : inputs)[block.label] = blockText(block);
  }
  return command && { inputs, outputs, ...command };
}

const pages = readdirSync(DIR).filter((page) => page.endsWith('.md') && page !== 'README.md');

describe('the worked examples of the migrating pages show what monc import prints and writes', () => {
  it.each(pages)('%s has a worked example with its input, its output and the files written', (page) => {
    const example = exampleOf(page);
    expect(Object.keys(example?.inputs ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(example?.outputs ?? {}).length).toBeGreaterThan(0);
  });

  it.each(pages)('the example on %s is what monc import prints and writes', async (page) => {
    const example = exampleOf(page);
    if (!example) throw new Error(`${page} has no $ monc import example`);
    const dir = makeProject({ 'package.json': '{}\n', ...example.inputs });
    let printed = '';
    const terminal = { write: (text: string) => void (printed += text), isTTY: false };
    await run(example.args, { cwd: dir, stdout: terminal, stderr: terminal, env: {} });
    expect(printed).toBe(example.printed);
    for (const [file, text] of Object.entries(example.outputs)) expect(readProjectFile(dir, file), file).toBe(text);
  });
});
