import { BadgeError } from '../errors.js';
import type { SiteFormat, SiteModel } from './model.js';

/**
 * The site model is built from the workspace database, which is input like any other: someone with
 * write access to it must not be able to make the site link to a `javascript:` URL or show a
 * credential in a format it does not have. Everything rendered as a link or used to choose what is
 * published is checked here, before anything is built.
 */

const FORMATS: readonly SiteFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** An absolute http(s) URL, the only kind a published page links to (no javascript:, data:, file:…). */
export function isWebUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) || (code >= 0x7f && code < 0xa0)) return true;
  }
  return false;
}

function url(value: string | null | undefined, where: string): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'string' || !isWebUrl(value)) {
    throw new BadgeError(
      'ERR_SITE_URL_UNSAFE',
      `The ${where} stored in the workspace is not an http(s) web address (${JSON.stringify(String(value).slice(0, 60))}); the site links only to http:// or https:// pages. Correct it and build again.`,
    );
  }
}

function date(value: string | null, where: string, nullable: boolean): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadgeError('ERR_SITE_MODEL_INVALID', `The ${where} stored in the workspace is not a date-time with a time zone; the workspace database looks damaged. Restore it from a backup.`);
  }
}

function text(value: string | null, where: string): void {
  if (value === null) return;
  if (typeof value !== 'string' || hasControl(value)) {
    throw new BadgeError('ERR_SITE_MODEL_INVALID', `The ${where} stored in the workspace contains control characters; it is not published. Correct it and build again.`);
  }
}

/** Throws ERR_SITE_URL_UNSAFE or ERR_SITE_MODEL_INVALID for anything the site must not publish. */
export function validateSiteModel(model: SiteModel): void {
  url(model.issuer.url, 'issuer web address');
  for (const badge of model.badges) {
    url(badge.criteriaUrl, `criteria address of badge ${badge.id}`);
    for (const alignment of badge.alignments) url(alignment.targetUrl, `alignment address "${alignment.targetName}" of badge ${badge.id}`);
  }
  for (const credential of model.credentials) {
    const where = `credential ${credential.id}`;
    if (!FORMATS.includes(credential.format)) {
      throw new BadgeError('ERR_SITE_MODEL_INVALID', `The ${where} has an unknown format ${JSON.stringify(String(credential.format).slice(0, 40))}; the workspace database looks damaged.`);
    }
    date(credential.issuedOn, `issue date of ${where}`, false);
    date(credential.validUntil, `expiry date of ${where}`, true);
    date(credential.revokedAt, `revocation date of ${where}`, true);
    if (typeof credential.recipientName === 'string') text(credential.recipientName, `earner's name of ${where}`);
    for (const [kind, content] of Object.entries(credential.files)) {
      if (typeof content === 'object' && !(content instanceof Uint8Array) && !HEX64.test(content.sha256)) {
        throw new BadgeError('ERR_SITE_SOURCE_HASH_INVALID', `The recorded hash of the .${kind} file of ${where} is not a SHA-256 (64 hex digits); the file is not published.`);
      }
    }
  }
}
