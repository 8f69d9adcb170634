/** Command-line parsing shared by the commands (main.ts) and the cached lint (cached-lint.ts). */
import { parseArgs } from 'node:util';
import { UsageError } from './io.ts';

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Where the project is: every command that compiles takes these. */
export const PROJECT_OPTIONS = { definitions: { type: 'string' }, config: { type: 'string' } } as const satisfies OptionSpec;

const HELP = ['-h', '--help', 'help'];

/** No command, `help`, or a -h/--help anywhere after it: monc prints its usage. */
export function asksForHelp(argv: readonly string[]): boolean {
  const [command, ...rest] = argv;
  return command === undefined || HELP.includes(command) || rest.some((arg) => arg === '-h' || arg === '--help');
}

export function parse(args: readonly string[], options: OptionSpec, allowPositionals = false) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function oneOf<T extends string>(flag: string, value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${choices.join(', ')}`);
}

export function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}
