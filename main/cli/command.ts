import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadgeError } from '../../shared/errors.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stderr is a terminal (progress bars, prompts). */
  isTty?: boolean;
  /**
   * Unfiltered stderr, for the command's own terminal controls only (the progress line's
   * carriage return and erase): stdout and stderr escape control characters from data.
   */
  terminal?: { stderr: (text: string) => void };
  /** Reads a secret from the terminal; absent when there is no TTY. */
  prompt?: (question: string) => Promise<string>;
}

export type ExitCode = 0 | 1 | 2;

export interface Command {
  /** One or two words, e.g. `verify` or `keys rotate`. */
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[], io: CliIo) => Promise<ExitCode>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict flag parsing; every mistake becomes ERR_USAGE with the command's usage hint. */
export function parseFlags<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BadgeError('ERR_USAGE', `${reason}. Usage: ${usage}`);
  }
}

export function requireFlag(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') {
    throw new BadgeError('ERR_USAGE', `Missing --${flag}. Usage: ${usage}`);
  }
  return value;
}

/** Standard options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  workspace: { type: 'string' },
} as const;

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
