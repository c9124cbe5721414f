import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../../shared/site/build.js';
import type { SiteBadge, SiteCredential, SiteModel } from '../../../shared/site/model.js';
import { signedRecipientName } from '../../../shared/site/signed-name.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { isWebUrl } from '../../../shared/site/validate.js';

const layout = siteLayout('https://assoc.example.org/badges/');
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const badge: SiteBadge = {
  id: 'soudure',
  name: 'Atelier soudure',
  description: 'Description.',
  criteriaNarrative: null,
  criteriaUrl: 'https://assoc.example.org/criteres',
  tags: [],
  alignments: [{ targetName: 'Compétence', targetUrl: 'http://competences.example.org/1' }],
  achievementType: 'Badge',
  endorsements: [],
};

function credential(overrides: Partial<SiteCredential> = {}): SiteCredential {
  return {
    id: 'c1',
    credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    badgeId: 'soudure',
    format: 'ob3-di',
    issuedOn: '2026-03-02T10:00:00Z',
    validUntil: null,
    revoked: false,
    revocationReason: null,
    revokedAt: null,
    recipientName: null,
    files: { json: '{}' },
    ...overrides,
  };
}

function model(overrides: Partial<SiteModel> = {}, credentials: SiteCredential[] = [credential()]): SiteModel {
  return {
    issuer: { name: 'Amis', url: 'https://amis.example.org/', email: null, description: null, language: 'en', siteUrl: layout.siteUrl, did: layout.did },
    keys: [],
    badges: [badge],
    credentials,
    statusLists: [],
    ...overrides,
  };
}

describe('signedRecipientName: the name inside the signed credential', () => {
  const subject = (name: unknown) => ({ credentialSubject: { type: ['AchievementSubject'], name } });

  it('reads credentialSubject.name from a Data Integrity credential and from a VC-JWT payload', () => {
    expect(signedRecipientName('ob3-di', JSON.stringify(subject('Élodie Martin')))).toBe('Élodie Martin');
    expect(signedRecipientName('ob3-jwt', `${b64url({ alg: 'RS256' })}.${b64url(subject('Chloé Dubois'))}.c2ln\n`)).toBe('Chloé Dubois');
  });

  it('negative vector signed-name-absent: no name, OB 2.0 assertions, damaged files and control characters give no name', () => {
    expect(signedRecipientName('ob3-di', JSON.stringify({ credentialSubject: {} }))).toBeNull();
    expect(signedRecipientName('ob2-hosted', JSON.stringify(subject('Élodie')))).toBeNull();
    expect(signedRecipientName('ob2-signed', `${b64url({})}.${b64url(subject('Élodie'))}.x`)).toBeNull();
    expect(signedRecipientName('ob3-di', 'not json')).toBeNull();
    expect(signedRecipientName('ob3-jwt', 'a.%%%.c')).toBeNull();
    expect(signedRecipientName('ob3-jwt', `${b64url({})}.${b64url(subject('x'))}`)).toBeNull();
    expect(signedRecipientName('ob3-di', JSON.stringify(subject('Evil\u001b]0;title\u0007')))).toBeNull();
    expect(signedRecipientName('ob3-di', JSON.stringify(subject({ en: 'Élodie' })))).toBeNull();
    expect(signedRecipientName('ob3-di', JSON.stringify(subject('x'.repeat(501))))).toBeNull();
  });
});

describe('buildSite: a deferred name is read only when its page is rendered', () => {
  it('lazy pages do not read the name; rendering shows it; the page inputs follow the key, not the value', async () => {
    let reads = 0;
    const deferred = (key: string, name: string): SiteCredential['recipientName'] => ({ kind: 'deferred', key, get: () => ((reads += 1), name) });
    const entries = await buildSite(model({}, [credential({ recipientName: deferred('k1', 'Élodie Martin') })]), { digest });
    expect(reads).toBe(0);
    const page = entries.find((entry) => entry.path === 'credentials/c1.html')!.content;
    if (typeof page !== 'object' || page instanceof Uint8Array || page.kind !== 'lazy') throw new Error('expected a lazy page');
    expect(page.render()).toContain('Élodie Martin');
    expect(reads).toBe(1);
    const same = await buildSite(model({}, [credential({ recipientName: deferred('k1', 'whatever') })]), { digest });
    const other = await buildSite(model({}, [credential({ recipientName: deferred('k2', 'Élodie Martin') })]), { digest });
    const inputs = (list: typeof entries) => (list.find((e) => e.path === 'credentials/c1.html')!.content as { inputs: string }).inputs;
    expect(inputs(same)).toBe(page.inputs);
    expect(inputs(other)).not.toBe(page.inputs);
  });
});

describe('buildSite: the model is validated before anything is built', () => {
  it('isWebUrl accepts http(s) only', () => {
    for (const url of ['https://a.example/', 'http://a.example/x?y#z']) expect(isWebUrl(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', '//a.example/', '/x', '', 'https://u:p@a.example/']) {
      expect(isWebUrl(url), url).toBe(false);
    }
  });

  it('negative vector model-url-scheme: unsafe issuer, criteria and alignment URLs are refused (ERR_SITE_URL_UNSAFE)', async () => {
    const bad = 'javascript:alert(1)';
    await expect(buildSite(model({ issuer: { ...model().issuer, url: bad } }))).rejects.toMatchObject({ code: 'ERR_SITE_URL_UNSAFE' });
    await expect(buildSite(model({ badges: [{ ...badge, criteriaUrl: bad }] }))).rejects.toMatchObject({ code: 'ERR_SITE_URL_UNSAFE' });
    await expect(buildSite(model({ badges: [{ ...badge, alignments: [{ targetName: 'x', targetUrl: bad }] }] }))).rejects.toMatchObject({ code: 'ERR_SITE_URL_UNSAFE' });
  });

  it('negative vector model-credential-fields: unknown formats, dates without a time zone, bad hashes and control characters are refused', async () => {
    const refused = async (c: Partial<SiteCredential>, code = 'ERR_SITE_MODEL_INVALID') =>
      expect(buildSite(model({}, [credential(c)]))).rejects.toMatchObject({ code });
    await refused({ format: 'ob9' as never });
    await refused({ issuedOn: '2026-03-02' });
    await refused({ validUntil: 'tomorrow' });
    await refused({ revokedAt: '2026-03-02T10:00:00' });
    await refused({ recipientName: 'Evil\u001b[31m' });
    await refused({ files: { json: { kind: 'ref', source: '/etc/passwd', sha256: 'x' } } }, 'ERR_SITE_SOURCE_HASH_INVALID');
    await expect(buildSite(model())).resolves.toBeInstanceOf(Array);
  });
});
