import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedApiFiles } from '../../src/api/generate.ts';
import { REPO_ROOT } from '../helpers/project.ts';

describe('the committed schemas and TS types are generated from src/api/schema.ts', () => {
  it.each(generatedApiFiles().map((file) => ({ file: file.path, content: file.content })))(
    '$file matches what npm run schemas generates',
    ({ file, content }) => {
      expect(readFileSync(path.join(REPO_ROOT, file), 'utf8'), `${file} drifted; run npm run schemas`).toBe(content);
    },
  );

  it('every property in the published schemas has a description, so editors can show it on completion', () => {
    const undocumented: string[] = [];
    const visit = (schema: unknown, at: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      for (const [key, value] of Object.entries((node['properties'] as Record<string, unknown>) ?? {})) {
        const property = value as Record<string, unknown>;
        if (key !== 'kind' && typeof property['description'] !== 'string' && !property['properties']) undocumented.push(`${at}.${key}`);
        visit(value, `${at}.${key}`);
      }
      for (const value of Object.values((node['patternProperties'] as Record<string, unknown>) ?? {})) visit(value, `${at}[name]`);
      if (node['items']) visit(node['items'], `${at}[]`);
    };
    for (const file of generatedApiFiles().filter((f) => f.path.endsWith('.json'))) visit(JSON.parse(file.content), file.path);
    expect(undocumented).toEqual([]);
  });
});
