import { BadgeError } from '../../shared/errors.js';
import type { CliIo } from './command.js';

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let answer = '';
    const wasRaw = stdin.isRaw;
    // Raw mode (no echo) before the question: an answer typed as soon as it shows must not be echoed.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new BadgeError('ERR_CANCELLED', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** Asks for a secret on the terminal without echo; undefined when there is no terminal to ask on. */
export async function askSecret(io: CliIo, question: string): Promise<string | undefined> {
  if (io.prompt) return io.prompt(question);
  if (io.isTty && process.stdin.isTTY) return promptHidden(question);
  return undefined;
}

/**
 * The workspace passphrase: BADGESMITH_PASSPHRASE, else a prompt without echo on a terminal,
 * else ERR_PASSPHRASE_REQUIRED. `confirm` asks twice (choosing a new passphrase at init).
 */
export async function readPassphrase(io: CliIo, options: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = io.env.BADGESMITH_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const first = await askSecret(io, 'Workspace passphrase: ');
  if (first === undefined) {
    throw new BadgeError(
      'ERR_PASSPHRASE_REQUIRED',
      'The workspace keys need a passphrase: set BADGESMITH_PASSPHRASE or run the command in a terminal to be asked for it.',
    );
  }
  if (!first) throw new BadgeError('ERR_PASSPHRASE_REQUIRED', 'The passphrase cannot be empty.');
  if (options.confirm && (await askSecret(io, 'Repeat the passphrase: ')) !== first) {
    throw new BadgeError('ERR_PASSPHRASE_MISMATCH', 'The two passphrases differ; run the command again.');
  }
  return first;
}

/** The key-backup passphrase: BADGESMITH_BACKUP_PASSPHRASE, else the workspace passphrase. */
export async function readBackupPassphrase(io: CliIo): Promise<string> {
  return io.env.BADGESMITH_BACKUP_PASSPHRASE || readPassphrase(io);
}
