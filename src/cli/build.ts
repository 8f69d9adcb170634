import { diffOut, isCurrent, recoverOut, writeOut, type WriteOutcome } from '../io/out-dir.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { progress, type Progress } from './progress.ts';
import { assertDedicatedOut, compileFoundProject, findProject, type ProjectOptions } from './project.ts';
import { describeSystemError } from './system-error.ts';

export interface BuildOptions extends ProjectOptions {
  readonly check: boolean;
}

/** `monc build [--check]`: compile definitions into out/, or prove out/ is current. */
export async function buildCommand(io: CliIo, options: BuildOptions): Promise<number> {
  const shown = progress(io);
  try {
    return await build(io, options, shown);
  } finally {
    shown.done();
  }
}

async function build(io: CliIo, options: BuildOptions, shown: Progress): Promise<number> {
  const found = await findProject(io, options);
  assertDedicatedOut(found, io.cwd);
  const { project, result } = await compileFoundProject(io, found, { onStage: (stage) => shown.stage(stage) });
  const outDir = project.outDir;
  const out = project.shown(outDir);
  io.stderr.write(formatPretty(result.diagnostics, result.sources, useColor(io, io.stderr)));
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`monc: ${summary(result.diagnostics)}; nothing was written to ${out}/\n`);
    return EXIT.failed;
  }
  await recoverOut(outDir);
  const diff = await diffOut(outDir, result.artifacts);
  if (options.check) {
    if (isCurrent(diff)) {
      io.stderr.write(`monc: ${out}/ is up to date (${result.artifacts.length} files)\n`);
      return EXIT.ok;
    }
    const list = (label: string, files: readonly string[]) => files.map((f) => `  ${label} ${out}/${f}\n`).join('');
    io.stderr.write(
      `monc: ${out}/ does not match the definitions; run monc build\n` +
        list('stale  ', diff.stale) +
        list('missing', diff.missing) +
        list('extra  ', diff.extra),
    );
    return EXIT.failed;
  }
  if (diff.foreign.length > 0) {
    io.stderr.write(
      `monc: these paths in ${out}/ are in the way of files monc writes, and monc did not generate them; move them away:\n` +
        diff.foreign.map((f) => `  ${out}/${f}\n`).join(''),
    );
    return EXIT.failed;
  }
  shown.stage(`writing ${out}/`);
  let outcome: WriteOutcome;
  try {
    outcome = await writeOut(outDir, result.artifacts, diff);
  } catch (error) {
    const line = describeSystemError(error, io.cwd);
    if (line === undefined) throw error;
    shown.done();
    io.stderr.write(`monc: ${line}; ${out}/ is as it was\n`);
    return EXIT.failed;
  }
  shown.done();
  if (outcome.leftover) {
    io.stderr.write(`monc: warning: the new ${out}/ is in place, but ${describeSystemError(outcome.leftover.error, io.cwd) ?? String(outcome.leftover.error)}; remove ${project.shown(outcome.leftover.path)} by hand\n`);
  }
  const unchanged = result.artifacts.length - diff.stale.length - diff.missing.length;
  io.stderr.write(
    isCurrent(diff)
      ? `monc: ${out}/ is up to date (${result.artifacts.length} files)\n`
      : `monc: updated ${out}/: ${diff.missing.length} new, ${diff.stale.length} changed, ${diff.extra.length} removed, ${unchanged} unchanged\n`,
  );
  return EXIT.ok;
}
