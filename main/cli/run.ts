import { BadgeError, isBadgeError } from '../../shared/errors.js';
import { printJson, type CliIo, type Command, type ExitCode } from './command.js';
import { COMMANDS } from './commands/index.js';
import { explainError } from '../services/system-errors.js';
import { terminalSafe } from './terminal-text.js';

export type { CliIo } from './command.js';

function helpText(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `badgesmith: design, sign, bake and verify Open Badges offline

Usage: badgesmith <command> [options]

Commands:
${lines.join('\n')}

Every command accepts --help, --json and --workspace DIR (or BADGESMITH_WORKSPACE).
Exit codes: 0 success or verified, 1 negative result, 2 usage or environment error.
`;
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

/**
 * Prints one line with the code and a sentence: never a stack trace. With `json`, stdout also
 * gets the error as its one JSON document, so scripts reading stdout always get JSON.
 */
export function reportError(io: CliIo, thrown: unknown, json = false): ExitCode {
  const error = explainError(thrown);
  let code: string;
  let message: string;
  if (isBadgeError(error)) {
    code = error.code;
    message = error.message;
  } else {
    code = 'ERR_INTERNAL';
    const raw = error instanceof Error ? error.message : String(error);
    message = `${raw.split('\n')[0]} (this is a bug in badgesmith; please report it)`;
  }
  io.stderr(`${code}: ${message}\n`);
  if (code === 'ERR_INTERNAL' && io.env.BADGESMITH_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  if (json) printJson(io, { error: { code, message } });
  return code === 'ERR_NEGATIVE' ? 1 : 2;
}

function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText(COMMANDS));
    return 0;
  }
  if (first === '--version') {
    io.stdout('badgesmith 0.1.0\n');
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    const hint = group.length > 0 ? ` Try: ${group.map((c) => `badgesmith ${c.name}`).join(', ')}.` : '';
    return reportError(
      io,
      new BadgeError('ERR_USAGE', `"${argv.slice(0, 2).join(' ')}" is not a badgesmith command.${hint} Run \`badgesmith --help\` for the list.`),
      wantsJson(argv),
    );
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(`${found.command.summary}\n\nUsage: ${found.command.usage}\n`);
    return 0;
  }
  // Whatever a command prints, data in it cannot drive the terminal (progress lines use io.terminal).
  const safe: CliIo = { ...io, stdout: (text) => io.stdout(terminalSafe(text)), stderr: (text) => io.stderr(terminalSafe(text)), terminal: io.terminal ?? { stderr: io.stderr } };
  try {
    return await found.command.run(found.rest, safe);
  } catch (error) {
    return reportError(safe, error, wantsJson(found.rest));
  }
}
