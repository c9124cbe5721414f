import { BadgeError } from '../../../shared/errors.js';
import { assertText } from '../../../shared/text.js';
import type { Db } from '../open.js';

export type IssuerLanguage = 'en' | 'fr';

export interface IssuerProfile {
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  /** File name in the workspace's artwork/ folder. */
  image: string | null;
  language: IssuerLanguage;
  siteUrl: string;
  did: string;
  created: string;
  updated: string;
}

interface IssuerRow {
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  image: string | null;
  language: string;
  site_url: string;
  did: string;
  created: string;
  updated: string;
}

function fromRow(row: IssuerRow): IssuerProfile {
  if (row.language !== 'en' && row.language !== 'fr') {
    throw new BadgeError('ERR_WORKSPACE_CORRUPT', `The workspace database is damaged: issuer has an unknown language "${row.language}".`);
  }
  return {
    name: row.name,
    url: row.url,
    email: row.email,
    description: row.description,
    image: row.image,
    language: row.language,
    siteUrl: row.site_url,
    did: row.did,
    created: row.created,
    updated: row.updated,
  };
}

export function getIssuer(db: Db): IssuerProfile | undefined {
  const row = db.prepare('SELECT * FROM issuer WHERE id = 1').get() as IssuerRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function requireIssuer(db: Db): IssuerProfile {
  const issuer = getIssuer(db);
  if (!issuer) {
    throw new BadgeError('ERR_WORKSPACE_NOT_INITIALISED', 'This workspace has no issuer yet. Run `badgesmith init --name N --url URL --site-url URL` first.');
  }
  return issuer;
}

export function insertIssuer(db: Db, issuer: IssuerProfile): void {
  assertText(issuer.name, 'issuer name');
  assertText(issuer.description, 'issuer description', { multiline: true });
  db.prepare(
    `INSERT INTO issuer (id, name, url, email, description, image, language, site_url, did, created, updated)
     VALUES (1, @name, @url, @email, @description, @image, @language, @siteUrl, @did, @created, @updated)`,
  ).run(issuer);
}

export type IssuerUpdate = Partial<Pick<IssuerProfile, 'name' | 'url' | 'email' | 'description' | 'image' | 'language'>>;

export function updateIssuer(db: Db, changes: IssuerUpdate, updated: string): IssuerProfile {
  assertText(changes.name, 'issuer name');
  assertText(changes.description, 'issuer description', { multiline: true });
  const next = { ...requireIssuer(db), ...changes, updated };
  db.prepare(
    `UPDATE issuer SET name = @name, url = @url, email = @email, description = @description, image = @image,
     language = @language, updated = @updated WHERE id = 1`,
  ).run(next);
  return next;
}
