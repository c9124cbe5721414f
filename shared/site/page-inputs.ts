import type { CredentialFileKind, SiteBadge, SiteCredential, SiteFormat, TextDigest } from './model.js';
import { renderCredentialPage, type PageContext } from './pages.js';

const FORMATS: readonly SiteFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];
const ALL_FILES: SiteCredential['files'] = { json: '', jws: '', png: '', svg: '' };

/** Sample credentials that take every branch of the credential page template. */
function sampleCredentials(badge: SiteBadge): SiteCredential[] {
  const base = { id: 'sample', credentialId: 'urn:uuid:sample', badgeId: badge.id, issuedOn: '2000-01-02T03:04:05Z' };
  const samples: SiteCredential[] = [];
  for (const format of FORMATS) {
    const full = { ...base, format, validUntil: '2001-02-03T04:05:06Z', recipientName: 'Sample', files: ALL_FILES };
    samples.push({ ...full, revoked: false, revocationReason: null, revokedAt: null });
    samples.push({ ...full, revoked: true, revocationReason: 'sample', revokedAt: '2000-06-07T08:09:10Z' });
    samples.push({ ...base, format, validUntil: null, recipientName: null, files: { png: '' }, revoked: true, revocationReason: null, revokedAt: null });
  }
  return samples;
}

/**
 * What every credential page of a badge class shares: the issuer, the layout, the badge and the
 * template itself, captured by rendering sample credentials. A change to any of them (including a
 * new version of the templates) changes the fingerprint, so no stale page can be kept.
 */
export function badgePagesFingerprint(ctx: PageContext, badge: SiteBadge, digest: TextDigest): string {
  return digest(sampleCredentials(badge).map((sample) => renderCredentialPage(ctx, badge, sample)).join('\u0000'));
}

/** The digest of one credential page's inputs: the badge fingerprint and the credential's own fields. */
export function credentialPageInputs(fingerprint: string, credential: SiteCredential, digest: TextDigest): string {
  const kinds = (Object.keys(credential.files) as CredentialFileKind[]).filter((kind) => credential.files[kind] !== undefined).sort();
  const name = credential.recipientName;
  // A deferred name is represented by its key (the digest of the signed file it is read from): same file, same name.
  const recipientName = name !== null && typeof name === 'object' ? { deferred: name.key } : name;
  return digest(`${fingerprint}\n${JSON.stringify({ ...credential, recipientName, files: kinds })}`);
}
