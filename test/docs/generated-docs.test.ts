/**
 * out/docs works as a website on GitHub: every relative link resolves to a file (and an
 * anchor, where it names one, to a heading), and every alert's runbook_url points at a
 * runbook page monc wrote.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.ts';

const DOCS = path.join(REPO_ROOT, 'out/docs');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(full) : entry.name.endsWith('.md') ? [full] : [];
  });
}

/** [text](target) outside code blocks and code spans. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
}

function headingAnchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#+ (.+)$/gm)].map((m) => (m[1] ?? '').toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
}

describe('the committed out/docs', () => {
  const files = markdownFiles(DOCS);

  it('has the index, the alerts, routing and metrics pages, a page per service and runbook pages', () => {
    const names = files.map((f) => path.relative(DOCS, f));
    for (const page of ['README.md', 'alerts.md', 'routing.md', 'metrics.md']) expect(names).toContain(page);
    expect(names.filter((n) => n.startsWith('services/')).length).toBeGreaterThan(3);
    expect(names.filter((n) => n.startsWith('runbooks/')).length).toBeGreaterThan(0);
  });

  it('links only to files that exist, and to headings that exist', () => {
    const broken = files.flatMap((file) =>
      links(readFileSync(file, 'utf8'))
        .filter((target) => !/^[a-z]+:/.test(target))
        .flatMap((target) => {
          const [relative = '', hash] = target.split('#');
          const resolved = relative === '' ? file : path.resolve(path.dirname(file), ...relative.split('/').map(decodeURIComponent));
          if (!existsSync(resolved)) return [`${path.relative(DOCS, file)} → ${target}: no such file`];
          if (hash && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(hash)) return [`${path.relative(DOCS, file)} → ${target}: no such heading`];
          return [];
        }),
    );
    expect(broken).toEqual([]);
  });

  it("points every alert's runbook_url at a runbook page it wrote", () => {
    const config = parse(readFileSync(path.join(REPO_ROOT, 'monc.config.yaml'), 'utf8')) as { runbooks?: { url?: string } };
    const base = config.runbooks?.url ?? '';
    expect(base).toMatch(/^https:\/\//);
    const rulesDir = path.join(REPO_ROOT, 'out/prometheus/rules');
    const alerts = readdirSync(rulesDir).flatMap((file) => {
      const groups = (parse(readFileSync(path.join(rulesDir, file), 'utf8')) as { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] }).groups;
      return groups.flatMap((g) => g.rules.filter((r) => r.alert !== undefined));
    });
    expect(alerts.length).toBeGreaterThan(20);
    const problems = alerts.flatMap((rule) => {
      const url = rule.annotations?.['runbook_url'];
      if (url === undefined) return [`${rule.alert}: no runbook_url`];
      if (!url.startsWith(`${base}/`)) return [`${rule.alert}: ${url} is not under ${base}`];
      const page = path.join(DOCS, 'runbooks', url.slice(base.length + 1));
      return existsSync(page) ? [] : [`${rule.alert}: ${url} has no page (${path.relative(REPO_ROOT, page)})`];
    });
    expect(problems).toEqual([]);
  });
});
