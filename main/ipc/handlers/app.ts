/** Handlers for the app's state and the workspace it has open. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { createAssociation } from '../../services/create-association.js';
import { DEMO_PASSPHRASE, runDemo } from '../../services/demo.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';
import { issueRunner } from './issue.js';
import { BadgeError } from '../../../shared/errors.js';

type AppChannel =
  | 'app.state'
  | 'app.setLanguage'
  | 'workspace.openSample'
  | 'workspace.create'
  | 'workspace.open'
  | 'workspace.unlock'
  | 'workspace.lock'
  | 'workspace.summary'
  | 'workspace.close';

/** Switching workspace would close the database under a running issue job. */
function requireNoRunningJob(session: AppSession): void {
  if (issueRunner(session).isRunning()) {
    throw new BadgeError(
      'ERR_ISSUE_RUNNING',
      'Badges are being issued. Wait for the run to finish, or cancel it, before switching workspace.',
    );
  }
}

function appState(session: AppSession): ResValue<'app.state'> {
  const prefs = session.env.prefs.get();
  return {
    language: prefs.language,
    canRememberPassphrase: session.env.vault.available,
    transport: session.env.transport,
    workspace: session.workspace ? session.status() : null,
    recentWorkspaces: prefs.recentWorkspaces,
  };
}

export const appHandlers: HandlerGroup<AppChannel> = {
  'app.state': (_req, session) => appState(session),

  'app.setLanguage': ({ language }, session) => {
    session.env.prefs.update({ language });
    return appState(session);
  },

  'workspace.openSample': async (_req, session) => {
    requireNoRunningJob(session);
    const dir = resolve(session.env.sampleDir);
    if (!existsSync(join(dir, 'workspace', 'badgesmith.db'))) {
      await runDemo(dir, { clock: session.env.clock, keystore: session.env.keystoreOptions });
    }
    const prefs = session.env.prefs.get();
    const workspaceDir = join(dir, 'workspace');
    session.env.prefs.update({
      outputs: {
        ...prefs.outputs,
        [workspaceDir]: { site: join(dir, 'site'), issued: join(dir, 'credentials') },
      },
    });
    session.open(workspaceDir);
    await session.unlock(DEMO_PASSPHRASE);
    return { summary: session.status(), passphrase: DEMO_PASSPHRASE };
  },

  'workspace.create': async (req, session) => {
    requireNoRunningJob(session);
    const dir = resolve(req.dir || session.env.defaultWorkspaceDir);
    const created = await createAssociation(
      dir,
      {
        name: req.name,
        url: req.url,
        siteUrl: req.siteUrl,
        email: req.email ?? null,
        language: req.language,
      },
      req.passphrase,
      { clock: session.env.clock, keystore: session.env.keystoreOptions },
    );
    session.adopt(created.workspace, created.keystore, req.passphrase);
    session.env.prefs.update({ language: req.language });
    return session.status();
  },

  'workspace.open': ({ dir }, session) => {
    requireNoRunningJob(session);
    session.open(dir);
    return session.status();
  },

  'workspace.unlock': async ({ passphrase, remember }, session) => {
    await session.unlock(passphrase, remember ?? false);
    return session.status();
  },

  'workspace.lock': (_req, session) => {
    session.lock();
    return session.status();
  },

  'workspace.summary': (_req, session) => session.status(),

  'workspace.close': (_req, session) => {
    requireNoRunningJob(session);
    session.close();
    session.env.prefs.update({ lastWorkspace: null });
    return appState(session);
  },
};
