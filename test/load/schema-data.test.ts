/**
 * The bundle carries src/api/schema.ts as data (scripts/standalone-validators.ts
 * schemaDataModule): each export is the value TypeBox builds, less TypeBox's symbol keys, and
 * the bundled CLI loads no TypeBox.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaDataModule } from '../../scripts/standalone-validators.ts';
import * as built from '../../src/api/schema.ts';
import { REPO_ROOT } from '../helpers/project.ts';

describe('src/api/schema.ts in the bundle', () => {
  it('exports every name of the TypeBox module, each with the same JSON value', async () => {
    const data = (await import(`data:text/javascript,${encodeURIComponent(schemaDataModule())}`)) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(Object.keys(built).sort());
    for (const [name, value] of Object.entries(built)) expect(data[name], name).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('is what the bundled CLI holds: no module of TypeBox is in dist/', () => {
    const bundled = readdirSync(path.join(REPO_ROOT, 'dist')).filter((file) => /\.c?js$/.test(file));
    expect(bundled.length).toBeGreaterThan(0);
    expect(bundled.filter((file) => readFileSync(path.join(REPO_ROOT, 'dist', file), 'utf8').includes('node_modules/typebox/'))).toEqual([]);
  });
});
