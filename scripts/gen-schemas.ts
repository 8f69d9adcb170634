// Writes schemas/*.json and src/api/types.gen.ts from src/api/schema.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedApiFiles } from '../src/api/generate.ts';

for (const file of generatedApiFiles()) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.content);
  console.log(`wrote ${file.path}`);
}
