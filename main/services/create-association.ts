/** A new association: its workspace, issuer profile (did:web identity) and encrypted keys. Used by `init` and the app's wizard. */
import { existsSync } from 'node:fs';
import { BadgeError } from '../../shared/errors.js';
import { assertText } from '../../shared/text.js';
import { siteLayout } from '../../shared/site/urls.js';
import type { Clock } from '../../shared/clock.js';
import { checkDatabaseFile } from '../db/open.js';
import type { IssuerLanguage, IssuerProfile } from '../db/repos/issuer.js';
import { initKeystore, type Keystore, type KeystoreOptions } from './keystore.js';
import { createIssuer, createWorkspace, validateIssuerUrl, type Workspace } from './workspace.js';
import { workspacePaths } from './workspace-dir.js';

export interface AssociationInput {
  name: string;
  url: string;
  siteUrl: string;
  email?: string | null;
  description?: string | null;
  language: IssuerLanguage;
}

export interface CreatedAssociation {
  workspace: Workspace;
  keystore: Keystore;
  issuer: IssuerProfile;
  didDocumentUrl: string;
}

/** Checks everything before anything is created, so a retry with corrected input works. */
export function checkAssociationInput(
  dir: string,
  input: AssociationInput,
): { url: string; siteUrl: string; didDocumentUrl: string } {
  assertText(input.name, 'issuer name');
  assertText(input.description, 'issuer description', { multiline: true });
  const url = validateIssuerUrl(input.url);
  const layout = siteLayout(input.siteUrl);
  if (existsSync(workspacePaths(dir).database)) {
    checkDatabaseFile(workspacePaths(dir).database, true);
    throw new BadgeError(
      'ERR_WORKSPACE_EXISTS',
      `${dir} already holds a Badgesmith workspace; use it, or choose an empty folder.`,
    );
  }
  return { url, siteUrl: layout.siteUrl, didDocumentUrl: layout.url(layout.didDocument) };
}

export async function createAssociation(
  dir: string,
  input: AssociationInput,
  passphrase: string,
  options: { clock?: Clock; keystore?: KeystoreOptions } = {},
): Promise<CreatedAssociation> {
  const { url, siteUrl, didDocumentUrl } = checkAssociationInput(dir, input);
  if (!passphrase)
    {throw new BadgeError(
      'ERR_PASSPHRASE_REQUIRED',
      'An empty passphrase cannot protect the keys; choose a passphrase.',
    );}
  const workspace = createWorkspace(dir, { clock: options.clock });
  try {
    const issuer = createIssuer(workspace, {
      name: input.name,
      url,
      siteUrl,
      email: input.email || null,
      description: input.description || null,
      language: input.language,
    });
    const keystore = await initKeystore(workspace, passphrase, options.keystore);
    return { workspace, keystore, issuer, didDocumentUrl };
  } catch (error) {
    workspace.close();
    throw error;
  }
}
