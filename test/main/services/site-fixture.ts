/**
 * A workspace with issued credentials in all four formats, written the way `issue --out` writes
 * them (files + issuance rows with hashes), for the site tests, the Playwright spec and the bench.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verificationMethodId } from '../../../shared/did/web.js';
import { bake } from '../../../shared/bake/prepare.js';
import { buildOb2Assertion, ob2EmailRecipient } from '../../../shared/ob2/build.js';
import { buildOpenBadgeCredential } from '../../../shared/ob3/credential.js';
import { emailIdentityObject } from '../../../shared/ob3/identity.js';
import { signDataIntegrity } from '../../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { signOb2Jws, signVcJwt } from '../../../shared/sign/jwt.js';
import { achievementDocument } from '../../../shared/site/documents.js';
import type { SiteBadge } from '../../../shared/site/model.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { insertBadge, type BadgeClass, type CredentialFormat } from '../../../main/db/repos/badges.js';
import { insertIssuance, markIssuanceDone, markIssuanceRevoked, type IssuedFile } from '../../../main/db/repos/issuances.js';
import { upsertRecipient } from '../../../main/db/repos/recipients.js';
import { reserveStatusIndex } from '../../../main/db/repos/status-lists.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { makePng } from '../../shared/bake/fixtures.js';

export const SITE_URL = 'https://badges.example.org/amis/';
export const NOW = '2026-03-02T10:00:00Z';
export const FORMATS: readonly CredentialFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];

export interface FixtureCredential {
  id: string;
  badgeId: string;
  format: CredentialFormat;
  email: string;
  name: string;
  revoked: boolean;
  /** Absolute paths of the issued files by kind. */
  files: Record<string, string>;
}

export interface SiteFixture {
  workspace: Workspace;
  keystore: Keystore;
  issuedDir: string;
  credentials: FixtureCredential[];
}

const RECIPIENTS = [
  { email: 'Élodie.Martin@example.fr', name: 'Élodie Martin' },
  { email: 'francois.lefevre@example.fr', name: 'François Lefèvre' },
  { email: 'chloe.dubois@example.fr', name: 'Chloé Dubois' },
];

function badgeClass(id: string, name: string, showRecipientName: boolean): BadgeClass {
  return {
    id,
    name,
    description: `${name}: badge de l’association <Les Amis> & co.`,
    criteriaNarrative: 'A participé à l’atelier complet.',
    criteriaUrl: null,
    image: `${id}.png`,
    tags: ['atelier'],
    alignments: [{ targetName: 'Compétence numérique', targetUrl: 'https://competences.example.org/numerique' }],
    achievementType: 'Badge',
    expiresAfter: null,
    formats: [...FORMATS],
    showRecipientName,
    endorsements: [],
    created: NOW,
    updated: NOW,
  };
}

function siteBadgeOf(badge: BadgeClass): SiteBadge {
  return { ...badge, image: { extension: 'png', content: new Uint8Array() }, endorsements: [] };
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const uuid = (n: number, f: number): string => `5f0c1d2e-${String(f).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * `recipients` credentials per badge and format (names cycle through three French recipients).
 * `reuseSignatures` signs one credential per badge and format and copies it (bench: only the
 * site build is measured, not signing).
 */
export async function createSiteFixture(
  dir: string,
  options: { recipients?: number; revoke?: boolean; reuseSignatures?: boolean; language?: 'en' | 'fr' } = {},
): Promise<SiteFixture> {
  const workspace = createWorkspace(join(dir, 'workspace'), { clock: () => new Date(NOW) });
  const issuer = createIssuer(workspace, {
    name: 'Les Amis du Code',
    url: 'https://amis.example.org/',
    siteUrl: SITE_URL,
    email: 'contact@amis.example.org',
    description: 'Association de bénévoles.',
    language: options.language ?? 'fr',
  });
  const keystore = await initKeystore(workspace, 'demo', { cost: { N: 2 ** 10 } });
  const layout = siteLayout(issuer.siteUrl);
  const edKey = keystore.activeKey('Ed25519');
  const rsaKey = keystore.activeKey('RSA');
  const edPrivate = (await keystore.privateJwk(edKey.id)) as unknown as Ed25519PrivateJwk;
  const rsaPrivate = (await keystore.privateJwk(rsaKey.id)) as JsonWebKey;
  const png = makePng(64, 64, 7);
  const badges = [badgeClass('atelier-soudure', 'Atelier soudure', true), badgeClass('benevole-2026', 'Bénévole 2026', false)];
  mkdirSync(workspace.paths.artwork, { recursive: true });
  for (const badge of badges) {
    insertBadge(workspace.db, badge);
    writeFileSync(join(workspace.paths.artwork, badge.image!), png);
  }
  const issuedDir = join(dir, 'issued');
  const credentials: FixtureCredential[] = [];
  const count = options.recipients ?? 3;
  const cache = new Map<string, { payload: string; files: Record<string, Uint8Array> }>();
  let n = 0;
  for (const badge of badges) {
    const achievement = achievementDocument(layout, siteBadgeOf(badge));
    const { '@context': _context, ...achievementBody } = achievement;
    mkdirSync(join(issuedDir, badge.id), { recursive: true });
    for (let r = 0; r < count; r += 1) {
      const person = RECIPIENTS[r % RECIPIENTS.length]!;
      const email = count > RECIPIENTS.length ? person.email.replace('@', `+${r}@`) : person.email;
      const recipient = upsertRecipient(workspace.db, { email: email.toLowerCase(), name: person.name }, NOW);
      for (const [f, format] of FORMATS.entries()) {
        n += 1;
        const id = `c${String(n).padStart(6, '0')}`;
        const status = format.startsWith('ob3') ? reserveStatusIndex(workspace.db, NOW) : undefined;
        const credentialId = format === 'ob2-hosted' ? layout.url(layout.credential(id, 'json')) : `urn:uuid:${uuid(n, f)}`;
        const key = `${badge.id}:${format}:${person.name}`;
        let produced = options.reuseSignatures ? cache.get(key) : undefined;
        if (!produced) {
          let payload: string;
          if (format.startsWith('ob3')) {
            const credential = buildOpenBadgeCredential({
              id: credentialId,
              issuer: { id: issuer.did, name: issuer.name, url: issuer.url },
              achievement: achievementBody as never,
              // As \`issue\` does: the name goes into the credential when the badge class shows names.
              recipient: { identifier: [await emailIdentityObject(email)], ...(badge.showRecipientName ? { name: person.name } : {}) },
              validFrom: NOW,
              credentialStatus: { statusListCredential: layout.url(layout.statusList(status!.listId)), statusListIndex: status!.index },
            }) as unknown as Record<string, unknown>;
            payload =
              format === 'ob3-di'
                ? JSON.stringify(await signDataIntegrity(credential, { privateKey: edPrivate, verificationMethod: verificationMethodId(issuer.did, edKey), created: NOW }), null, 2)
                : await signVcJwt(credential, { privateKey: rsaPrivate, alg: 'RS256', kid: layout.url(layout.keyJwk(rsaKey.id)) });
          } else {
            const assertion = buildOb2Assertion({
              id: credentialId,
              recipient: await ob2EmailRecipient(email),
              badge: layout.url(layout.ob2BadgeClass(badge.id)),
              issuedOn: NOW,
              verification: format === 'ob2-hosted' ? { type: 'HostedBadge' } : { type: 'SignedBadge', creator: layout.url(layout.ob2Key(rsaKey.id)) },
            });
            payload = format === 'ob2-hosted' ? JSON.stringify(assertion, null, 2) : await signOb2Jws(assertion, { privateKey: rsaPrivate });
          }
          const text = format === 'ob3-jwt' || format === 'ob2-signed' ? 'jws' : 'json';
          produced = { payload, files: { [text]: new TextEncoder().encode(payload), png: bake(png, payload, format.startsWith('ob3') ? 'ob3' : 'ob2') } };
          cache.set(key, produced);
        }
        const issued: IssuedFile[] = [];
        const paths: Record<string, string> = {};
        for (const [kind, bytes] of Object.entries(produced.files)) {
          const path = `${badge.id}/${id}.${kind}`;
          writeFileSync(join(issuedDir, path), bytes);
          issued.push({ path, sha256: sha256(bytes), bytes: bytes.length });
          paths[kind] = join(issuedDir, path);
        }
        insertIssuance(workspace.db, {
          id,
          credentialId,
          badgeId: badge.id,
          recipientId: recipient.id,
          format,
          keyId: format === 'ob3-di' ? edKey.id : rsaKey.id,
          issuedOn: NOW,
          validUntil: null,
          statusList: status?.listId ?? null,
          statusIndex: status?.index ?? null,
          batchId: null,
          rowKey: null,
          created: NOW,
        });
        markIssuanceDone(workspace.db, id, issued);
        credentials.push({ id, badgeId: badge.id, format, email, name: person.name, revoked: false, files: paths });
      }
    }
  }
  if (options.revoke !== false) {
    for (const format of ['ob3-di', 'ob2-hosted', 'ob2-signed'] as const) {
      const victim = credentials.find((c) => c.format === format && c.badgeId === 'benevole-2026')!;
      revokeFixtureCredential(workspace, victim, '2026-03-05T08:00:00Z');
    }
  }
  return { workspace, keystore, issuedDir, credentials };
}

export function revokeFixtureCredential(workspace: Workspace, credential: FixtureCredential, at: string): void {
  markIssuanceRevoked(workspace.db, credential.id, 'Attribué par erreur', at);
  credential.revoked = true;
}
