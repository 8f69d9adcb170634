/**
 * A reader that stops early (`monc lint | head`) closes the pipe, and the next write fails with
 * EPIPE. Other programs die of SIGPIPE there, which Node ignores, so the failed write became an
 * unhandled 'error' with a stack trace. monc drops what the reader no longer wants and finishes
 * the run: a build still writes out/ whole, and the exit code is still the run's.
 */
export function isClosedReader(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

export function ignoreClosedReader(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: unknown) => {
    if (!isClosedReader(error)) throw error;
  });
}
