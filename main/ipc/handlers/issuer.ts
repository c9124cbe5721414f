/** Handlers for the issuer profile, its keys (public parts only) and backups. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { BadgeError } from '../../../shared/errors.js';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { requireIssuer } from '../../db/repos/issuer.js';
import { slugify } from '../../services/badge-classes.js';
import {
  keyLocations,
  keySummaries,
  updateIssuerProfile,
  type KeySummary,
} from '../../services/issuer-profile.js';
import { exportKeys, importKeys } from '../../services/keystore.js';
import { backupWorkspace, restoreWorkspace } from '../../services/workspace-backup.js';
import type { Workspace } from '../../services/workspace.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';
import { artworkData, decodeFile } from './files.js';

type IssuerChannel =
  | 'issuer.get'
  | 'issuer.update'
  | 'keys.list'
  | 'keys.rotate'
  | 'keys.export'
  | 'keys.import'
  | 'backup.create'
  | 'backup.restore';

/** A backup larger than this is written to disk only, not sent back for download. */
const MAX_DOWNLOAD_BYTES = 40 * 1024 * 1024;

async function profileOf(workspace: Workspace): Promise<ResValue<'issuer.get'>['profile']> {
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  return {
    name: issuer.name,
    url: issuer.url,
    email: issuer.email,
    description: issuer.description,
    language: issuer.language,
    siteUrl: issuer.siteUrl,
    did: issuer.did,
    didDocumentUrl: layout.url(layout.didDocument),
    image: await artworkData(workspace, issuer.image),
    created: issuer.created,
    updated: issuer.updated,
  };
}

function keyInfo(workspace: Workspace, key: KeySummary): ResValue<'keys.list'>['keys'][number] {
  requireIssuer(workspace.db);
  const { verificationMethod, jwkUrl } = keyLocations(workspace, key);
  return { ...key, verificationMethod: verificationMethod!, jwkUrl: jwkUrl! };
}

/** `<parent of the workspace>/<association>-backup-<date>.bsw` (.bsw: a workspace backup; .bsk: keys only). */
function suggestedBackupFile(session: AppSession): string {
  const workspace = session.requireWorkspace();
  const date = session.env.clock().toISOString().slice(0, 10);
  const name = slugify(requireIssuer(workspace.db).name);
  return join(dirname(resolve(workspace.paths.dir)), `${name}-backup-${date}.bsw`);
}

export const issuerHandlers: HandlerGroup<IssuerChannel> = {
  'issuer.get': async (_req, session) => ({
    profile: await profileOf(session.requireWorkspace()),
    suggestedBackupFile: suggestedBackupFile(session),
  }),

  'issuer.update': async (req, session) => {
    const workspace = session.requireWorkspace();
    const { removed } = await updateIssuerProfile(workspace, {
      name: req.name,
      url: req.url,
      email: req.email,
      description: req.description,
      language: req.language,
      ...(req.image === null ? { image: null } : {}),
      ...(req.image ? { image: decodeFile(req.image) } : {}),
    });
    return { profile: await profileOf(workspace), removed };
  },

  'keys.list': (_req, session) => {
    const workspace = session.requireWorkspace();
    return { keys: keySummaries(workspace).map((key) => keyInfo(workspace, key)) };
  },

  'keys.rotate': async ({ type }, session) => {
    const keystore = session.requireKeystore();
    const workspace = session.requireWorkspace();
    const previous = keystore.list().find((key) => key.type === type && key.status === 'active');
    const created = await keystore.rotate(type);
    const summary = keySummaries(workspace).find((key) => key.id === created.id) as KeySummary;
    return { key: keyInfo(workspace, summary), retired: previous?.id ?? null };
  },

  'keys.export': async ({ passphrase, confirm }, session) => {
    const keystore = session.requireKeystore();
    const workspace = session.requireWorkspace();
    if (passphrase !== confirm) {
      throw new BadgeError(
        'ERR_PASSPHRASE_MISMATCH',
        'The two backup passphrases differ; type the same one twice.',
      );
    }
    const backup = await exportKeys(workspace, keystore, passphrase, session.env.keystoreOptions);
    const date = session.env.clock().toISOString().slice(0, 10);
    return {
      name: `${slugify(requireIssuer(workspace.db).name)}-keys-${date}.bsk`,
      base64: Buffer.from(backup).toString('base64'),
      keys: keystore.list().length,
    };
  },

  'keys.import': async ({ file, passphrase }, session) => {
    const workspacePassphrase = session.requirePassphrase();
    const result = await importKeys(
      session.requireWorkspace(),
      decodeFile(file),
      passphrase,
      workspacePassphrase,
      session.env.keystoreOptions,
    );
    return {
      imported: result.imported.length,
      skipped: result.skipped.length,
      issuerRestored: result.issuerRestored,
    };
  },

  'backup.create': async ({ path, overwrite, download }, session) => {
    const passphrase = session.requirePassphrase();
    const workspace = session.requireWorkspace();
    const result = await backupWorkspace({
      workspaceDir: workspace.paths.dir,
      outFile: resolve(path),
      passphrase,
      overwrite: overwrite === true,
      clock: session.env.clock,
      ...(session.env.keystoreOptions?.cost ? { cost: session.env.keystoreOptions.cost } : {}),
    });
    const sendBack = download === true && result.bytes <= MAX_DOWNLOAD_BYTES;
    return {
      file: result.file,
      bytes: result.bytes,
      created: result.created,
      files: result.entries.length,
      issuedIncluded: result.issuedFiles.included,
      notBackedUp: [...result.issuedFiles.missing, ...result.issuedFiles.changed],
      base64: sendBack ? (await readFile(result.file)).toString('base64') : null,
    };
  },

  'backup.restore': async ({ file, path, targetDir, passphrase }, session) => {
    if ((file === undefined) === (path === undefined)) {
      throw new BadgeError(
        'ERR_IPC_BAD_REQUEST',
        'Give the backup either as a file or as a path, not both.',
        {
          details: { field: 'file' },
        },
      );
    }
    let scratch: string | undefined;
    let backupFile = path === undefined ? '' : resolve(path);
    try {
      if (file !== undefined) {
        scratch = await mkdtemp(join(tmpdir(), 'badgesmith-restore-'));
        backupFile = join(scratch, basename(file.name).replace(/[^\w.-]/g, '_') || 'backup.bsw');
        await writeFile(backupFile, decodeFile(file), { mode: 0o600 });
      }
      const result = await restoreWorkspace({
        backupFile,
        targetDir: resolve(targetDir),
        passphrase,
        clock: session.env.clock,
      });
      return {
        workspaceDir: result.workspaceDir,
        created: result.created,
        issuer: result.issuer,
        counts: result.counts,
      };
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    }
  },
};
