/**
 * What the File and Help menus do. Workspace changes go through the same channels as the UI; the
 * page then reloads and reads the new state. Errors are shown in the app's language.
 */
import { dialog, type BrowserWindow } from 'electron';
import { messageFor } from '../../shared/messages/index.js';
import type { Result } from '../../shared/result.js';
import type { AppCore } from '../ipc/app-core.js';
import type { MenuActions, MenuLanguage } from './menu.js';
import { openExternalSafely } from './window.js';

export interface MenuActionDeps {
  core: Pick<AppCore, 'call' | 'session'>;
  window(): BrowserWindow | null;
  language(): MenuLanguage;
  version: string;
  website: string | null;
}

const TEXT = {
  en: {
    chooseFolder: 'Open a Badgesmith workspace',
    open: 'Open',
    aboutDetail:
      'Design, sign, bake and verify Open Badges offline, and publish a website where anyone can verify them.',
    failed: 'Badgesmith could not do that',
  },
  fr: {
    chooseFolder: 'Ouvrir un espace de travail Badgesmith',
    open: 'Ouvrir',
    aboutDetail:
      'Concevez, signez, intégrez et vérifiez des Open Badges hors ligne, et publiez un site où chacun peut les vérifier.',
    failed: 'Badgesmith n’a pas pu le faire',
  },
} as const;

export function createMenuActions(deps: MenuActionDeps): MenuActions {
  const reload = () => deps.window()?.webContents.reload();

  async function showResult(result: Result<unknown>): Promise<void> {
    if (result.ok) return reload();
    const lang = deps.language();
    const window = deps.window();
    const box = {
      type: 'error' as const,
      title: TEXT[lang].failed,
      message: messageFor(result.error.code, lang),
      detail: result.error.code,
    };
    await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  }

  return {
    newAssociation() {
      // The welcome screen (shown when nothing is open) holds the "Create my association" wizard.
      deps.core.session.close();
      reload();
    },
    openWorkspace() {
      void (async () => {
        const lang = deps.language();
        const window = deps.window();
        const options = {
          title: TEXT[lang].chooseFolder,
          buttonLabel: TEXT[lang].open,
          properties: ['openDirectory' as const],
        };
        const chosen = await (window
          ? dialog.showOpenDialog(window, options)
          : dialog.showOpenDialog(options));
        const dir = chosen.filePaths[0];
        if (chosen.canceled || !dir) return;
        await showResult(await deps.core.call('workspace.open', { dir }));
      })();
    },
    openSample() {
      void (async () => showResult(await deps.core.call('workspace.openSample', {})))();
    },
    openWebsite() {
      if (deps.website) openExternalSafely(deps.website);
    },
    about() {
      const lang = deps.language();
      const window = deps.window();
      const box = {
        type: 'info' as const,
        title: 'Badgesmith',
        message: `Badgesmith ${deps.version}`,
        detail: TEXT[lang].aboutDetail,
      };
      void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
    },
  };
}
