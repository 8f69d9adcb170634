/**
 * An npm registry on 127.0.0.1 that serves monc's runtime dependencies from this repository's
 * own node_modules (packed) and package-lock.json (their metadata), so a test can install the
 * packed monc with plain `npm install` and no network.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './project.ts';

interface LockEntry {
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: string[];
  readonly cpu?: string[];
  readonly engines?: Record<string, string>;
}

export interface LocalRegistry {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the dependencies (and theirs) of monc's package.json. */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const entry = (name: string) => lock.packages[`node_modules/${name}`];
  const names = new Set<string>();
  const queue = Object.keys(manifest.dependencies);
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const found = entry(name);
    if (!found || names.has(name)) continue;
    names.add(name);
    queue.push(...Object.keys({ ...found.dependencies, ...found.optionalDependencies }));
  }
  const tarballs = mkdtempSync(path.join(os.tmpdir(), 'monc-registry-'));
  const packed = new Map<string, { file: string; integrity: string }>();
  for (const name of names) {
    const dir = path.join(REPO_ROOT, 'node_modules', name);
    if (!existsSync(dir)) continue; // another platform's optional package: its metadata says so
    const [result] = JSON.parse(execFileSync('npm', ['pack', dir, '--ignore-scripts', '--json', '--pack-destination', tarballs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string }[];
    const file = path.join(tarballs, result?.filename ?? '');
    packed.set(name, { file, integrity: `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}` });
  }
  let url = '';
  const server: Server = createServer((request, response) => {
    const requested = decodeURIComponent((request.url ?? '/').slice(1));
    if (requested.startsWith('-/tarball/')) {
      const tarball = packed.get(requested.slice('-/tarball/'.length));
      if (!tarball) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(tarball.file));
      return;
    }
    const found = entry(requested);
    if (!found || !names.has(requested)) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const tarball = packed.get(requested);
    const version = {
      name: requested,
      version: found.version,
      ...(found.dependencies && { dependencies: found.dependencies }),
      ...(found.optionalDependencies && { optionalDependencies: found.optionalDependencies }),
      ...(found.os && { os: found.os }),
      ...(found.cpu && { cpu: found.cpu }),
      ...(found.engines && { engines: found.engines }),
      dist: { tarball: `${url}-/tarball/${encodeURIComponent(requested)}`, ...(tarball && { integrity: tarball.integrity }) },
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: requested, 'dist-tags': { latest: found.version }, versions: { [found.version]: version } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const close = () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        rmSync(tarballs, { recursive: true, force: true });
        resolve();
      }),
    );
  return { url, close };
}
