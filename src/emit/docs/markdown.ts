/** Markdown pieces the docs pages share. Links are relative, so they work on GitHub. */
import path from 'node:path/posix';

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return 'None.';
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** `code`, with backticks inside kept readable. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function codeBlock(text: string, language = ''): string {
  return `\`\`\`${language}\n${text.trim()}\n\`\`\``;
}

/** A link from the page at `from` to `to`, both paths under out/. */
export function link(text: string, from: string, to: string): string {
  return `[${text}](${path.relative(path.dirname(from), to).split('/').map(encodeURIComponent).join('/')})`;
}

export function page(header: string, title: string, sections: readonly string[]): string {
  return `${header}# ${title}\n\n${sections.filter((s) => s.trim() !== '').join('\n\n')}\n`;
}
