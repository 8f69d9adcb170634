/** The progress line: only on a terminal, only after a second, never in CI or for machine formats, cleared at the end. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { progress } from '../../src/cli/progress.ts';

function terminal(env: Record<string, string> = {}, isTTY = true): { io: CliIo; written: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => void (text += chunk), isTTY };
  return { io: { cwd: '/', stdout: stream, stderr: stream, env }, written: () => text };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the progress line', () => {
  it('appears after a second on a terminal, follows the stages and is cleared when done', () => {
    vi.useFakeTimers();
    const { io, written } = terminal();
    const shown = progress(io);
    shown.stage('loading 1000 monc-yaml files');
    expect(written()).toBe('');
    vi.advanceTimersByTime(1000);
    expect(written()).toBe('\r\x1b[Kmonc: loading 1000 monc-yaml files…');
    shown.stage('checking');
    shown.done();
    expect(written()).toBe('\r\x1b[Kmonc: loading 1000 monc-yaml files…\r\x1b[Kmonc: checking…\r\x1b[K');
  });

  it('says nothing for a build that ends within the second', () => {
    vi.useFakeTimers();
    const { io, written } = terminal();
    const shown = progress(io);
    shown.stage('checking');
    shown.done();
    vi.advanceTimersByTime(5000);
    expect(written()).toBe('');
  });

  it.each([
    ['in CI', terminal({ CI: 'true' }), true],
    ['when stderr is not a terminal', terminal({}, false), true],
    ['for a machine format', terminal(), false],
  ])('is quiet %s', (_name, { io, written }, enabled) => {
    vi.useFakeTimers();
    const shown = progress(io, enabled);
    shown.stage('checking');
    vi.advanceTimersByTime(5000);
    shown.done();
    expect(written()).toBe('');
  });
});
