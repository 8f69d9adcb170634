/** The only place that touches process globals and exits. */
import { asksForHelp } from './args.ts';
import { ignoreClosedReader } from './closed-reader.ts';
import { tuneTieringForShortRuns } from './tiering.ts';

const argv = process.argv.slice(2);
// A build or lint of definitions may type-check TS: its warm-up loads first (a lint of rule
// files, often answered from the cache, loads none of it).
if ((argv[0] === 'build' || argv[0] === 'lint') && !argv.includes('--rules') && !asksForHelp(argv)) await (await import('./warm-up.ts')).warmUp(argv, process.cwd());
// Loaded after the warm-up starts: it is most of monc.
const { run } = await import('./main.ts');
tuneTieringForShortRuns();

ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());
const io = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, signal: interrupted.signal };

run(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`monc: internal error: ${message}\n`);
    if (process.env['MONC_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    else process.stderr.write('monc: this is a bug in monc; rerun with MONC_DEBUG=1 for details and report it\n');
    process.exitCode = 70;
  },
);
