/**
 * The code blocks of a docs page, as the pages' runnable examples are written: a line that is
 * only a path in backticks followed by a colon (`` `definitions/checkout.yaml`: ``) labels the
 * next code block as that file.
 */
export interface CodeBlock {
  /** The fence's language (`console`, `yaml`, or empty). */
  readonly lang: string;
  /** The file the block is labelled as, if any. */
  readonly label: string | undefined;
  readonly lines: readonly string[];
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  let label: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const labelled = /^`([^`\s]+)`:$/.exec(line);
    if (labelled) {
      label = labelled[1];
      continue;
    }
    const fence = /^```(\w*)$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ lang: fence[1] ?? '', label, lines: lines.slice(i + 1, end) });
    i = end;
    label = undefined;
  }
  return blocks;
}

/** A block's text as a file holds it. */
export const blockText = (block: CodeBlock): string => `${block.lines.join('\n')}\n`;
