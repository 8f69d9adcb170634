/**
 * Errors of the machine, not of monc or the definitions: a file that cannot be read or
 * written. One line each, naming the path, the reason and what to do, instead of "internal
 * error".
 */
import path from 'node:path';

const REASONS: Readonly<Record<string, { readonly reason: string; readonly fix: string }>> = {
  EACCES: { reason: 'permission denied', fix: 'make it writable (or readable) for this user, or choose another folder' },
  EPERM: { reason: 'operation not permitted', fix: 'check its permissions and attributes, or choose another folder' },
  EROFS: { reason: 'the file system is read-only', fix: 'choose a folder on a writable file system' },
  ENOSPC: { reason: 'no space left on the device', fix: 'free some space and run the command again' },
  EDQUOT: { reason: 'the disk quota is exceeded', fix: 'free some space and run the command again' },
  EISDIR: { reason: 'it is a folder, where a file was expected', fix: 'move the folder away' },
  ENOTDIR: { reason: 'a file is where a folder was expected', fix: 'move the file away' },
  ENOTEMPTY: { reason: 'the folder is not empty', fix: 'move it away' },
  EEXIST: { reason: 'it already exists', fix: 'move it away' },
  ENAMETOOLONG: { reason: 'the name is too long for the file system', fix: 'use a shorter path' },
  ENOENT: { reason: 'it does not exist', fix: 'check the path' },
  ELOOP: { reason: 'it is a loop of symbolic links', fix: 'fix the links' },
  EMFILE: { reason: 'too many files are open', fix: 'raise the limit (ulimit -n) and run the command again' },
  ENFILE: { reason: 'too many files are open on this machine', fix: 'run the command again when fewer are open' },
  EBUSY: { reason: 'it is busy', fix: 'close what holds it and run the command again' },
  EIO: { reason: 'an input/output error occurred', fix: 'check the disk' },
  ETXTBSY: { reason: 'it is busy', fix: 'close what holds it and run the command again' },
};

const VERBS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'move',
  rmdir: 'remove',
  unlink: 'remove',
  rm: 'remove',
  link: 'link',
  copyfile: 'copy',
  scandir: 'list the folder',
  access: 'write to',
  stat: 'read',
  lstat: 'read',
  mkdtemp: 'create a temporary folder in',
};

/** One line for a file-system error (without "monc: "), or undefined for any other error. */
export function describeSystemError(error: unknown, cwd: string): string | undefined {
  const { code, syscall, path: file } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;
  const known = REASONS[code];
  const where = typeof file === 'string' ? ` ${path.relative(cwd, file) || '.'}` : '';
  const verb = VERBS[syscall] ?? syscall;
  if (!known) return `cannot ${verb}${where}: ${(error as Error).message}`;
  return `cannot ${verb}${where}: ${known.reason} (${code}); ${known.fix}`;
}
