/**
 * When the machine refuses (a full disk, a read-only file system, no permission), a build says
 * so in one line naming the path, exits 1, and leaves the old out/ exactly as it was. Faults
 * are injected into node:fs and node:fs/promises at the exact operation; read-only folders are also made
 * for real, with the build run as an unprivileged user.
 */
import { chmodSync, chownSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProject, runCli, writeFiles, type Files } from '../helpers/project.ts';

interface Fault {
  readonly operation: 'writeFile' | 'mkdir' | 'mkdtemp' | 'rename' | 'rm' | 'link' | 'copyFile';
  readonly code: string;
  /** Which calls fail: their first path argument, relative to the project. */
  readonly path: (relative: string) => boolean;
}

const faults: { project: string; list: Fault[] } = { project: '', list: [] };

/** Throws the fault injected for this operation and path, if any. */
function injected(operation: Fault['operation'], syscall: string, target: string): void {
  const relative = path.relative(faults.project, target);
  const fault = faults.list.find((f) => f.operation === operation && f.path(relative));
  if (fault) throw Object.assign(new Error(`${fault.code}: injected, ${syscall} '${target}'`), { code: fault.code, syscall, path: target, errno: -1 });
}

// out-dir.ts writes files with the callback API, links and copies them synchronously, and makes the staged tree's folders so.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const faulty =
    <A extends unknown[], R>(operation: Fault['operation'], syscall: string, original: (...args: A) => R) =>
    (...args: A): R => {
      injected(operation, syscall, String(args[0]));
      return original(...args);
    };
  // The callback API reports the fault through its callback, as a real failure would.
  const writeFile = ((file: string, data: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    try {
      injected('writeFile', 'open', String(file));
    } catch (error) {
      process.nextTick(callback, error);
      return;
    }
    actual.writeFile(file, data, callback);
  }) as typeof actual.writeFile;
  const mocked = {
    ...actual,
    writeFile,
    writeFileSync: faulty('writeFile', 'open', actual.writeFileSync),
    mkdirSync: faulty('mkdir', 'mkdir', actual.mkdirSync),
    linkSync: faulty('link', 'link', actual.linkSync),
    copyFileSync: faulty('copyFile', 'copyfile', actual.copyFileSync),
  };
  return { ...mocked, default: mocked };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const faulty =
    <A extends unknown[], R>(operation: Fault['operation'], syscall: string, original: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      injected(operation, syscall, String(args[0]));
      return original(...args);
    };
  return {
    ...actual,
    writeFile: faulty('writeFile', 'open', actual.writeFile),
    mkdir: faulty('mkdir', 'mkdir', actual.mkdir),
    rename: faulty('rename', 'rename', actual.rename),
    rm: faulty('rm', 'rm', actual.rm),
    mkdtemp: faulty('mkdtemp', 'mkdtemp', actual.mkdtemp),
    link: faulty('link', 'link', actual.link),
    copyFile: faulty('copyFile', 'copyfile', actual.copyFile),
  };
});

afterEach(() => {
  faults.list = [];
});

const WEB_YAML = `kind: Service
name: web
team: frontend
scrape:
  targets: ['web-1:8080']
alerts:
  - name: WebDown
    expr: up{job="web"} == 0
    for: 2m
    severity: warning
    summary: web is down
    runbook: https://runbooks.example/web-down
`;

/** Every file and folder below `dir`, with content for files. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        entries[`${file}/`] = '';
        walk(file);
      } else entries[file] = `${lstatSync(path.join(dir, file)).ino}:${readFileSync(path.join(dir, file), 'utf8')}`;
    }
  };
  walk('');
  return entries;
}

/** A built project whose definitions then change, so the next build rewrites out/. */
async function changedProject(files: Files = {}): Promise<string> {
  const dir = makeProject({ 'definitions/web.yaml': WEB_YAML, ...files });
  const first = await runCli(dir, ['build']);
  expect(first.code, first.stderr).toBe(0);
  writeFiles(dir, { 'definitions/web.yaml': WEB_YAML.replace('for: 2m', 'for: 9m') });
  return dir;
}

describe('a build the file system refuses says why in one line and leaves out/ as it was', () => {
  const CASES: { name: string; fault: Fault; message: string }[] = [
    {
      name: 'the disk fills up while the new tree is written',
      fault: { operation: 'writeFile', code: 'ENOSPC', path: (p) => p.endsWith('rules/web.yml') },
      message: 'monc: cannot open out/prometheus/rules/web.yml: no space left on the device (ENOSPC); free some space and run the command again; out/ is as it was\n',
    },
    {
      name: 'the file system is read-only',
      fault: { operation: 'mkdtemp', code: 'EROFS', path: (p) => p.startsWith('.monc-probe-') },
      message: 'monc: cannot write to .: the file system is read-only (EROFS); choose a folder on a writable file system; out/ is as it was\n',
    },
    {
      name: 'a folder of out/ is not writable',
      fault: { operation: 'mkdtemp', code: 'EACCES', path: (p) => p.startsWith('out/prometheus/.monc-probe-') },
      message: 'monc: cannot write to out/prometheus: permission denied (EACCES); make it writable (or readable) for this user, or choose another folder; out/ is as it was\n',
    },
    {
      name: 'the new tree cannot be moved into place',
      fault: { operation: 'rename', code: 'EACCES', path: (p) => p === 'out.monc-staging' },
      message: 'monc: cannot move out.monc-staging: permission denied (EACCES); make it writable (or readable) for this user, or choose another folder; out/ is as it was\n',
    },
    {
      name: 'the old tree cannot be moved aside',
      fault: { operation: 'rename', code: 'EBUSY', path: (p) => p === 'out' },
      message: 'monc: cannot move out: it is busy (EBUSY); close what holds it and run the command again; out/ is as it was\n',
    },
    {
      name: 'a folder of the new tree cannot be made',
      fault: { operation: 'mkdir', code: 'EDQUOT', path: (p) => p.startsWith('out.monc-staging/docs') },
      message: 'monc: cannot create the folder out/docs',
    },
  ];

  it.each(CASES)('when $name', async ({ fault, message }) => {
    const dir = await changedProject({ 'out/README.md': 'mine\n' });
    const before = snapshot(path.join(dir, 'out'));
    faults.project = dir;
    faults.list = [fault];
    const result = await runCli(dir, ['build']);
    faults.list = [];
    expect(result.stderr.startsWith(message) || result.stderr === message, result.stderr).toBe(true);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.code).toBe(1);
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('out.'))).toEqual([]);
    // Nothing is left to recover: the next build writes the change.
    const next = await runCli(dir, ['build']);
    expect(next.code, next.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'out/prometheus/rules/web.yml'), 'utf8')).toContain('for: 9m');
  });

  it('warns, and exits 0, when only the old tree could not be removed after the new one is in place', async () => {
    const dir = await changedProject();
    faults.project = dir;
    faults.list = [{ operation: 'rm', code: 'EACCES', path: (p) => p === 'out.monc-previous' }];
    const result = await runCli(dir, ['build']);
    faults.list = [];
    expect(result.stderr).toContain('monc: warning: the new out/ is in place, but cannot remove out.monc-previous: permission denied (EACCES)');
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/prometheus/rules/web.yml'), 'utf8')).toContain('for: 9m');
    // The next command clears it.
    expect((await runCli(dir, ['build', '--check'])).code).toBe(0);
    expect(existsSync(path.join(dir, 'out.monc-previous'))).toBe(false);
  });
});

/** Runs `fn` as an unprivileged user where the tests run as root (root ignores permissions). */
async function unprivileged<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return fn();
  const nobody = 65534;
  const chownTree = (file: string) => {
    chownSync(file, nobody, nobody);
    if (lstatSync(file).isDirectory()) for (const entry of readdirSync(file)) chownTree(path.join(file, entry));
  };
  chownTree(dir);
  process.setegid(nobody);
  process.seteuid(nobody);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}

describe('read-only folders, for real', () => {
  it('a read-only out/ is refused before anything moves', async () => {
    const dir = await changedProject({ 'out/README.md': 'mine\n' });
    const before = snapshot(path.join(dir, 'out'));
    const result = await unprivileged(dir, async () => {
      chmodSync(path.join(dir, 'out'), 0o555);
      try {
        return await runCli(dir, ['build']);
      } finally {
        chmodSync(path.join(dir, 'out'), 0o755);
      }
    });
    expect(result.stderr).toBe('monc: cannot write to out: permission denied (EACCES); make it writable (or readable) for this user, or choose another folder; out/ is as it was\n');
    expect(result.code).toBe(1);
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.startsWith('out.'))).toEqual([]);
  });

  it('a read-only project folder is refused with out/ as it was', async () => {
    const dir = await changedProject();
    const before = snapshot(path.join(dir, 'out'));
    const result = await unprivileged(dir, async () => {
      chmodSync(dir, 0o555);
      try {
        return await runCli(dir, ['build']);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
    expect(result.stderr).toBe('monc: cannot write to .: permission denied (EACCES); make it writable (or readable) for this user, or choose another folder; out/ is as it was\n');
    expect(result.code).toBe(1);
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
  });

  it('an interrupted swap in a read-only project is still reported in one line', async () => {
    const dir = await changedProject();
    renameSync(path.join(dir, 'out'), path.join(dir, 'out.monc-previous'));
    const result = await unprivileged(dir, async () => {
      chmodSync(dir, 0o555);
      try {
        return await runCli(dir, ['build', '--check']);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
    expect(result.stderr).toMatch(/^monc: cannot move out\.monc-previous: permission denied \(EACCES\); [^\n]*\n$/);
    expect(result.code).toBe(1);
  });
});
