/**
 * The `monc` command (package.json's bin), bundled as CommonJS: Node starts a CommonJS file
 * without its ES module loader, some milliseconds sooner. A `lint --rules` run that the
 * result cache holds is printed from here, with a few small modules loaded; any other run
 * loads monc (bin.ts, bundled as monc.js), which reads its arguments afresh.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ignoreClosedReader, isClosedReader } from './closed-reader.ts';
import type { Stream } from './io.ts';
import { cachedRulesLint } from './lint-rules.ts';

/**
 * stdout written with write(2): making process.stdout (a stream, and for a pipe a socket)
 * costs more than the rest of a cached run. What the file descriptor does not take at once
 * (a full non-blocking pipe) and any other error go through process.stdout as before; a
 * closed reader (EPIPE) gets nothing more.
 */
const stdout: Stream = {
  get isTTY() {
    return process.stdout.isTTY;
  },
  write(text: string) {
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if (isClosedReader(error)) return;
      ignoreClosedReader(process.stdout);
      process.stdout.write(bytes.subarray(written));
    }
  },
};

const cached = cachedRulesLint(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout,
  get stderr() {
    return process.stderr;
  },
  env: process.env,
});
if (cached) {
  stdout.write(cached.stdout);
  process.exitCode = cached.code;
} else {
  // __dirname: this file is CommonJS once bundled, beside monc.js.
  void import(pathToFileURL(path.join(__dirname, 'monc.js')).href);
}
