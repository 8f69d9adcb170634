/**
 * Markdown pieces the docs pages share. Links are relative, so they work on GitHub. Text from
 * the definitions goes through text(), code() or markdown(): it renders as written, and no
 * definition can put raw HTML (a <script>) or a javascript: link into the docs.
 */
import path from 'node:path/posix';

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return 'None.';
  const cell = (text: string) => (text.includes('|') || text.includes('\n') ? text.replace(/\|/g, '\\|').replace(/\n/g, ' ') : text);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** Text shown as written: no HTML, no links, no images; other Markdown marks stay (they only format). */
export function text(value: string): string {
  // Only a < that could open a tag or an autolink, and only an & that could start an entity.
  return value.replace(/[\\[\]]|<(?=[a-z/!?])|&(?=#?[a-z0-9]+;)/gi, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '[': '\\[', ']': '\\]', '<': '&lt;', '&': '&amp;' };

/** The longest run of backticks in `value`. */
function longestBacktickRun(value: string): number {
  if (!value.includes('`')) return 0;
  return Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
}

/** `code`, whatever backticks it holds. */
export function code(value: string): string {
  const fence = '`'.repeat(longestBacktickRun(value) + 1);
  const inner = value.replace(/\n/g, ' ');
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/** A fenced block that no line of `value` can close. */
export function codeBlock(value: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(value) + 1));
  return `${fence}${language}\n${value.trim()}\n${fence}`;
}

/** A link from the page at `from` to `to`, both paths under out/. */
export function link(label: string, from: string, to: string): string {
  return `[${text(label)}](${relativeUrl(from, to)})`;
}

/** The same few targets are linked from each page thousands of times (every alert links its service's page). */
const relativeUrls = new Map<string, string>();

function relativeUrl(from: string, to: string): string {
  const key = `${from}\u0000${to}`;
  let url = relativeUrls.get(key);
  if (url === undefined) {
    url = path.relative(path.dirname(from), to).split('/').map(encodeURIComponent).join('/');
    if (relativeUrls.size < 100_000) relativeUrls.set(key, url);
  }
  return url;
}

/** A web or mail address, or a relative path, is a link; anything else (javascript:, data:) is shown as code. */
export function externalLink(label: string, url: string): string {
  if (!isSafeUrl(url)) return `${text(label)}: ${code(url)}`;
  const destination = /[\s()<>]/.test(url) ? `<${url.replace(/[\s<>]/g, (ch) => encodeURIComponent(ch))}>` : url;
  return `[${text(label)}](${destination})`;
}

function isSafeUrl(url: string): boolean {
  // Browsers drop tabs and line breaks inside URLs ("java\tscript:"), so a relative URL holds no control character.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is checked
  const control = /[\u0000-\u001f]/;
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined ? !control.test(url) : SAFE_SCHEMES.has(scheme.toLowerCase());
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Markdown written by the team (a runbook), kept as Markdown, without raw HTML (escaped outside
 * code) and without links to anything but web, mail and relative addresses.
 */
export function markdown(value: string): string {
  let fence: string | undefined;
  return value
    .split('\n')
    .map((line) => {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined;
        return line;
      }
      if (opening !== undefined) {
        fence = opening;
        return line;
      }
      return outsideCodeSpans(line);
    })
    .join('\n');
}

/** Escapes HTML and defuses unsafe link targets in the parts of a line outside `code spans`. */
function outsideCodeSpans(line: string): string {
  return line
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : defuseLinks(part.replace(/<(?=[a-z/!?])/gi, '&lt;'))))
    .join('');
}

/** `[x](javascript:…)` and `[x]: javascript:…` are shown as text. */
function defuseLinks(part: string): string {
  return part
    .replace(/\]\(\s*([^)\s]*)/g, (whole, target: string) => (isSafeUrl(target.replace(/^&lt;/, '')) ? whole : `]\\(${target}`))
    .replace(/^(\s{0,3})\[([^\]]*)\]:\s*(\S+)/, (whole, indent: string, label: string, target: string) => (isSafeUrl(target.replace(/^&lt;/, '')) ? whole : `${indent}\\[${label}\\]: ${target}`));
}

export function page(header: string, title: string, sections: readonly string[]): string {
  return `${header}# ${title}\n\n${sections.filter((s) => s.trim() !== '').join('\n\n')}\n`;
}
