// Bundles the CLI, the type-check worker, the authoring API and the library API into dist/ (run by `npm install`
// via `prepare`, and by `npm run build`). Dependencies are bundled too: loading one file is
// much faster than loading typebox's and ajv's hundreds of modules. esbuild (a native binary)
// and ts-morph (large, loaded only when TS definitions need it) stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['esbuild', 'ts-morph'],
  logLevel: 'warning',
  // Bundled CommonJS dependencies (ajv) call require() for Node built-ins.
  banner: { js: "import { createRequire as __monc_createRequire } from 'node:module'; const require = __monc_createRequire(import.meta.url);" },
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/monc.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  build({ ...common, entryPoints: ['src/io/typecheck-worker.ts'], outfile: 'dist/typecheck-worker.js' }),
  build({ ...common, entryPoints: ['src/api/index.ts'], outfile: 'dist/api.js' }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
]);
