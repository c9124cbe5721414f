import type { SiteFormat } from './model.js';

/** Longest name a page shows; a longer one is not a name we signed. */
const MAX_NAME = 500;

function base64UrlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

function subjectName(credential: unknown): string | null {
  if (typeof credential !== 'object' || credential === null) return null;
  const subject = (credential as { credentialSubject?: unknown }).credentialSubject;
  const name = typeof subject === 'object' && subject !== null && !Array.isArray(subject) ? (subject as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) return null;
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return null;
  }
  return name;
}

/**
 * The earner's name inside an issued credential's own file (`credentialSubject.name`): the JSON of
 * a Data Integrity credential, the payload of a VC-JWT. OB 2.0 assertions carry no name: null. A
 * file that is not a credential, or a name that is not plain text, gives null (no name shown).
 * The signature is not checked here: the file is the one `issue` wrote, identified by its SHA-256.
 */
export function signedRecipientName(format: SiteFormat, text: string): string | null {
  if (format === 'ob3-di') {
    try {
      return subjectName(JSON.parse(text));
    } catch {
      return null;
    }
  }
  if (format === 'ob3-jwt') {
    const parts = text.trim().split('.');
    return parts.length === 3 ? subjectName(base64UrlJson(parts[1]!)) : null;
  }
  return null;
}
