// Bundles the CLI and the authoring API into dist/ (run by `npm install` via `prepare`).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/monc.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/api/index.ts'], outfile: 'dist/api.js' }),
]);
