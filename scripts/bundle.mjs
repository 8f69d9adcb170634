// Bundles the CLI, the type-check worker, the authoring API and the library API into dist/
// (run by `npm install` via `prepare`, and by `npm run build`). Dependencies are bundled too: loading one file is
// much faster than loading typebox's and ajv's hundreds of modules. esbuild (a native binary)
// and ts-morph (large, loaded only when TS definitions need it) stay external.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

// The JSON Schema validators, compiled now rather than on every run (ajv's standalone code):
// scripts/standalone-validators.ts is bundled on its own, run, and its module replaces
// src/load/precompiled-validators.ts in the bundle below.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'monc-bundle-'));
// src/api/schema.ts is replaced the same way by its exports as data: TypeBox builds them once, here.
let precompiledValidators;
let schemaData;
try {
  const generator = path.join(scratch, 'standalone-validators.mjs');
  await build({ entryPoints: ['scripts/standalone-validators.ts'], outfile: generator, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" } });
  const generated = await import(pathToFileURL(generator).href);
  precompiledValidators = generated.precompiledValidatorsModule();
  schemaData = generated.schemaDataModule();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const precompiled = {
  name: 'precompiled-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]load[\\/]precompiled-validators\.ts$/ }, () => ({ contents: precompiledValidators, loader: 'ts', resolveDir: path.resolve('src/load') }));
    build.onLoad({ filter: /[\\/]src[\\/]api[\\/]schema\.ts$/ }, () => ({ contents: schemaData, loader: 'js' }));
  },
};

// The Grafana SDK is CommonJS, so esbuild cannot leave out what monc never calls. Each panel
// and query package's index also re-exports builders for the v2 dashboard schema, which pull
// in that whole schema (130 modules, half of the SDK's bytes); monc writes v1 dashboards. So
// each index is bundled with those modules' exports replaced by getters that throw: a future
// use of one fails loudly in the tests instead of finding undefined.
const grafanaV1Only = {
  name: 'grafana-v1-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]grafana-foundation-sdk[\\/]dist[\\/][^\\/]+[\\/]index\.js$/ }, (args) => {
      const leftOut = (line, module) => {
        const source = readFileSync(path.join(path.dirname(args.path), `${module}.js`), 'utf8');
        if (!/require\("\.\.\/dashboardv2/.test(source)) return line;
        const names = [...new Set([...source.matchAll(/^exports\.(\w+) = /gm)].map((match) => match[1]))];
        const error = `throw new Error("monc's bundle leaves out the Grafana SDK's v2-schema builders (scripts/bundle.mjs)")`;
        return names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get() { ${error}; } });`).join('\n');
      };
      return { contents: readFileSync(args.path, 'utf8').replace(/^.*require\("\.\/([\w.]+)"\).*$/gm, leftOut), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['esbuild', 'ts-morph'],
  logLevel: 'warning',
  plugins: [precompiled, grafanaV1Only],
  // Bundled CommonJS dependencies (ajv) call require() for Node built-ins.
  banner: { js: "import { createRequire as __monc_createRequire } from 'node:module'; const require = __monc_createRequire(import.meta.url);" },
};
// Code splitting lets bin start the type-check warm-up before it loads the rest of monc.
await build({
  ...common,
  entryPoints: {
    monc: 'src/cli/bin.ts',
    'typecheck-worker': 'src/io/typecheck-worker.ts',
    api: 'src/api/index.ts',
    index: 'src/index.ts',
  },
  outdir: 'dist',
  splitting: true,
  // Chunks sit next to the entries: their import.meta.url finds the worker, docs/ and src/api/.
  chunkNames: '[name]-[hash]',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});

// The bin: CommonJS, which Node starts without its ES module loader, so that a lint answered
// from the result cache prints sooner; any other run imports monc.js above. Its modules'
// import.meta.url (the cache's build id beside them) is this file's URL.
await build({
  ...common,
  entryPoints: { monc: 'src/cli/cached-bin.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [],
  banner: { js: '#!/usr/bin/env node' },
  define: { 'import.meta.url': '__monc_module_url' },
  inject: ['scripts/cjs-module-url.js'],
});

// The bundle's identity, for caches of what a run printed (src/io/lint-cache.ts): another
// build of monc is another id, so a result cached by one is never shown by the other.
const id = createHash('sha256');
for (const file of readdirSync('dist').sort()) id.update(`${file}\0`).update(readFileSync(`dist/${file}`));
writeFileSync('dist/build-id.txt', `${id.digest('hex')}\n`);
