/** What a command may touch of the process: injected, so tests run the CLI in-process. */
export interface Stream {
  write(text: string): void;
  readonly isTTY?: boolean | undefined;
}

export interface CliIo {
  readonly cwd: string;
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the user interrupts (Ctrl-C): long-running commands (build --watch) stop cleanly. */
  readonly signal?: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** Colour only on a terminal, unless NO_COLOR or FORCE_COLOR says otherwise. */
export function useColor(io: CliIo, stream: Stream): boolean {
  if (io.env['NO_COLOR']) return false;
  if (io.env['FORCE_COLOR'] && io.env['FORCE_COLOR'] !== '0') return true;
  return stream.isTTY === true;
}
