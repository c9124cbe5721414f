/**
 * The association's SMTP account as the app remembers it, in the workspace folder
 * (`delivery-smtp.json`): server, port, security, user name and sender. Never the password: the
 * type has no place for it, and what is read back is rebuilt field by field.
 */
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ownedTempName } from './process-files.js';
import type { SmtpSecurity } from './smtp-delivery.js';
import type { Workspace } from './workspace.js';

export const SMTP_ACCOUNT_FILE = 'delivery-smtp.json';

export interface SmtpAccount {
  host: string;
  port: number | null;
  security: SmtpSecurity;
  user: string | null;
  from: string | null;
}

const SECURITY: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 320) : null;

/** The remembered account, or null when none was saved (or the file is unusable). */
export function loadSmtpAccount(workspace: Workspace): SmtpAccount | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(join(workspace.paths.dir, SMTP_ACCOUNT_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
  const host = textOrNull(raw.host);
  if (!host || !SECURITY.includes(raw.security as SmtpSecurity)) return null;
  const port =
    Number.isInteger(raw.port) && (raw.port as number) > 0 && (raw.port as number) < 65536
      ? (raw.port as number)
      : null;
  return {
    host,
    port,
    security: raw.security as SmtpSecurity,
    user: textOrNull(raw.user),
    from: textOrNull(raw.from),
  };
}

/** Remembers the account (written atomically); a read-only workspace simply does not remember. */
export async function saveSmtpAccount(workspace: Workspace, account: SmtpAccount): Promise<void> {
  if (workspace.readOnly) return;
  const clean: SmtpAccount = {
    host: account.host.trim(),
    port: account.port,
    security: account.security,
    user: textOrNull(account.user),
    from: textOrNull(account.from),
  };
  const file = join(workspace.paths.dir, SMTP_ACCOUNT_FILE);
  const temp = join(workspace.paths.dir, ownedTempName('smtp'));
  await writeFile(temp, `${JSON.stringify(clean, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
