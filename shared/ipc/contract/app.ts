/** Application state and the workspace: what is open, creating one, unlocking its keys. */
import * as v from 'valibot';
import {
  count,
  empty,
  isoDateTime,
  language,
  nonEmpty,
  text,
  type ChannelSpec,
} from '../schemas.js';

export const workspaceSummary = v.object({
  dir: v.string(),
  issuerName: v.string(),
  siteUrl: v.string(),
  did: v.string(),
  language,
  locked: v.boolean(),
  readOnly: v.boolean(),
  badges: count,
  people: count,
  awards: count,
  credentials: count,
  revoked: count,
  lastSiteBuild: v.nullable(isoDateTime),
  siteOutOfDate: v.boolean(),
  isSample: v.boolean(),
});

export const appState = v.object({
  language,
  /** Whether the UI may offer "remember passphrase on this computer" (Electron's safeStorage). */
  canRememberPassphrase: v.boolean(),
  transport: v.picklist(['electron', 'loopback']),
  workspace: v.nullable(workspaceSummary),
  recentWorkspaces: v.array(v.string()),
});

const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));

export const createWorkspaceRequest = v.strictObject({
  dir: v.optional(text(4096)),
  name: nonEmpty(200),
  url: nonEmpty(2000),
  siteUrl: nonEmpty(2000),
  email: v.optional(text(320)),
  language,
  passphrase: v.pipe(v.string(), v.minLength(8, 'ERR_PASSPHRASE_TOO_SHORT'), v.maxLength(1024)),
});

export const appContract = {
  'app.state': { req: empty, res: appState },
  'app.setLanguage': { req: v.strictObject({ language }), res: appState },
  'workspace.openSample': {
    req: empty,
    res: v.object({ summary: workspaceSummary, passphrase: v.string() }),
  },
  'workspace.create': { req: createWorkspaceRequest, res: workspaceSummary },
  'workspace.open': { req: v.strictObject({ dir: nonEmpty(4096) }), res: workspaceSummary },
  'workspace.unlock': {
    req: v.strictObject({ passphrase, remember: v.optional(v.boolean()) }),
    res: workspaceSummary,
  },
  'workspace.lock': { req: empty, res: workspaceSummary },
  'workspace.summary': { req: empty, res: workspaceSummary },
  'workspace.close': { req: empty, res: appState },
} satisfies Record<string, ChannelSpec>;
