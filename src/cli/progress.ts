/**
 * What a long build is doing, on a terminal: after a second, one line that says the current
 * stage (loading 1000 files, checking, writing), rewritten in place and cleared at the end.
 * Quiet when stderr is not a terminal, in CI, and with --format json (or any machine format).
 */
import type { CliIo } from './io.ts';

const DELAY_MS = 1000;

export interface Progress {
  stage(text: string): void;
  done(): void;
}

export function progress(io: CliIo, enabled = true): Progress {
  if (!enabled || io.stderr.isTTY !== true || io.env['CI']) return { stage: () => {}, done: () => {} };
  let current = 'starting';
  let shown = false;
  const show = () => {
    shown = true;
    io.stderr.write(`\r\x1b[Kmonc: ${current}…`);
  };
  const timer = setTimeout(show, DELAY_MS);
  timer.unref();
  return {
    stage(text) {
      current = text;
      if (shown) show();
    },
    done() {
      clearTimeout(timer);
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
