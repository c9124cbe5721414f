/**
 * Ordinary trouble with files, disks and the workspace database, as BadgeErrors a person can act
 * on, instead of "internal errors": a full disk, a read-only folder, a file where a folder was
 * expected, a database another process is writing. Anything else is left as it is.
 */
import { BadgeError, isBadgeError } from '../../shared/errors.js';

interface SystemError {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  message?: unknown;
}

function where(error: SystemError): string {
  return typeof error.path === 'string' ? ` (${error.path})` : '';
}

/** SQLite result codes (better-sqlite3's SqliteError.code) for a database someone else holds, a read-only one, a full disk. */
function sqliteError(code: string, error: SystemError): BadgeError | undefined {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new BadgeError(
      'ERR_WORKSPACE_BUSY',
      'The workspace is busy: another badgesmith command is writing to it. Wait for that command to finish, then run this one again.',
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new BadgeError(
      'ERR_WORKSPACE_READONLY',
      'The workspace folder is read-only, so this change cannot be saved. Make the folder writable (or copy it somewhere you can write), then run the command again.',
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new BadgeError('ERR_DISK_FULL', 'The disk holding the workspace is full. Free some space, then run the command again; nothing was half-saved.', { cause: error });
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return new BadgeError('ERR_DISK_IO', 'The workspace database could not be read or written (a disk error). Check the disk, then run the command again.', { cause: error });
  }
  return undefined;
}

/** A BadgeError for a Node.js file-system or SQLite error; undefined for anything else. */
export function systemError(error: unknown): BadgeError | undefined {
  if (isBadgeError(error) || typeof error !== 'object' || error === null) return undefined;
  const e = error as SystemError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_')) return sqliteError(code, e);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BadgeError('ERR_DISK_FULL', `The disk is full${where(e)}. Free some space, then run the same command again.`, { cause: error });
    case 'EROFS':
      return new BadgeError('ERR_READ_ONLY', `That place is on a read-only disk${where(e)}. Choose a folder you can write to.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new BadgeError('ERR_PERMISSION_DENIED', `Permission denied${where(e)}. Choose a file or folder you can use, or change its permissions.`, { cause: error });
    case 'ENOTDIR':
      return new BadgeError('ERR_NOT_A_FOLDER', `A part of the path is a file where a folder was expected${where(e)}. Check the path.`, { cause: error });
    case 'EISDIR':
      return new BadgeError('ERR_FILE_IS_DIRECTORY', `A folder is in the way where a file was expected${where(e)}. Check the path.`, { cause: error });
    case 'EEXIST':
      return new BadgeError('ERR_FILE_EXISTS', `Something is already in the way${where(e)}. Choose another path or move it away.`, { cause: error });
    case 'ENOENT':
      return new BadgeError('ERR_FILE_NOT_FOUND', `A file or folder does not exist${where(e)}. Check the path.`, { cause: error });
    case 'EMFILE':
    case 'ENFILE':
      return new BadgeError('ERR_TOO_MANY_OPEN_FILES', 'Too many files are open on this computer. Close some programs, then run the command again.', { cause: error });
    case 'EIO':
      return new BadgeError('ERR_DISK_IO', `The disk reported an error${where(e)}. Check the disk, then run the command again.`, { cause: error });
    default:
      return undefined;
  }
}

/** The error itself when it is a BadgeError, its system-error translation when there is one, else the error unchanged. */
export function explainError(error: unknown): unknown {
  return systemError(error) ?? error;
}
