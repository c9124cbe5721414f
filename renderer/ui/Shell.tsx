import { FolderSync, Lock, LockOpen } from 'lucide-react';
import { Suspense, useState } from 'react';
import type { BadgeErrorShape } from '../../shared/errors.js';
import { ErrorNote } from './ErrorNote.js';
import { useTranslation } from 'react-i18next';
import { screens } from '../screens/index.js';
import { useApp } from './app-context.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { call } from './use-call.js';

/** Navigation, the open workspace and its lock, and the current screen. */
export function Shell() {
  const { t } = useTranslation('common');
  const { state, route, ensureUnlocked, setState } = useApp();
  const workspace = state.workspace;
  const [switchError, setSwitchError] = useState<BadgeErrorShape | null>(null);
  const current = screens.find((screen) => screen.id === route) ?? screens[0];
  if (!workspace || !current) return null;
  const Screen = current.component;

  async function switchWorkspace() {
    const result = await call('workspace.close', {});
    if (result.ok) setState(result.value);
    else setSwitchError(result.error);
  }

  async function lock() {
    const result = await call('workspace.lock', {});
    if (result.ok) setState({ ...state, workspace: result.value });
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('navigation')}>
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>Badgesmith</span>
        </div>
        <p className="workspace-name" title={workspace.dir}>
          {workspace.issuerName}
          {workspace.isSample && <span className="tag">{t('sample')}</span>}
        </p>
        <ul>
          {screens.map((screen) => {
            const Icon = screen.icon;
            return (
              <li key={screen.id}>
                <a
                  href={`#/${screen.id}`}
                  aria-current={screen.id === current.id ? 'page' : undefined}
                >
                  <Icon aria-hidden size={18} />
                  <span>{t('title', { ns: screen.namespace })}</span>
                </a>
              </li>
            );
          })}
        </ul>
        <div className="sidebar-foot">
          {workspace.locked ? (
            <button type="button" className="secondary" onClick={() => void ensureUnlocked()}>
              <Lock aria-hidden size={16} /> {t('unlock.button')}
            </button>
          ) : (
            <button type="button" className="secondary" onClick={() => void lock()}>
              <LockOpen aria-hidden size={16} /> {t('lock')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => void switchWorkspace()}>
            <FolderSync aria-hidden size={16} /> {t('switchWorkspace')}
          </button>
          <ErrorNote error={switchError} />
          <LanguageSwitch />
        </div>
      </nav>
      <main id="main" className="screen" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="loading" aria-busy="true">
              {t('loading')}
            </p>
          }
        >
          <Screen key={current.id} />
        </Suspense>
      </main>
    </div>
  );
}
