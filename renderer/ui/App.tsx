import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.js';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen.js';
import { AppContext, type AppContextValue, type AppState } from './app-context.js';
import { ErrorNote } from './ErrorNote.js';
import { Shell } from './Shell.js';
import { UnlockDialog } from './UnlockDialog.js';
import { call } from './use-call.js';
import type { BadgeErrorShape } from '../../shared/errors.js';

function currentRoute(): string {
  return /^#\/([\w-]+)/.exec(window.location.hash)?.[1] ?? 'home';
}

export function App() {
  const { t } = useTranslation('common');
  const [state, setStateRaw] = useState<AppState | null>(null);
  const [loadError, setLoadError] = useState<BadgeErrorShape | null>(null);
  const [route, setRoute] = useState(currentRoute);
  const [unlocking, setUnlocking] = useState(false);
  const unlockWaiters = useRef<((ok: boolean) => void)[]>([]);

  const setState = useCallback((next: AppState) => {
    setLanguage(next.language);
    setStateRaw(next);
  }, []);

  const refresh = useCallback(async () => {
    const result = await call('app.state', {});
    if (result.ok) setState(result.value);
    else setLoadError(result.error);
  }, [setState]);

  useEffect(() => {
    void refresh();
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [refresh]);

  const value = useMemo<AppContextValue | null>(
    () =>
      state && {
        state,
        refresh,
        setState,
        route,
        navigate: (next) => {
          window.location.hash = `#/${next}`;
        },
        ensureUnlocked: () => {
          if (state.workspace && !state.workspace.locked) return Promise.resolve(true);
          setUnlocking(true);
          return new Promise<boolean>((resolve) => unlockWaiters.current.push(resolve));
        },
      },
    [state, refresh, setState, route],
  );

  if (loadError) {
    return (
      <main className="fatal">
        <ErrorNote error={loadError} />
      </main>
    );
  }
  if (!value) {
    return (
      <main className="loading" aria-busy="true">
        {t('loading')}
      </main>
    );
  }

  return (
    <AppContext.Provider value={value}>
      {value.state.workspace ? <Shell /> : <WelcomeScreen />}
      <UnlockDialog
        open={unlocking}
        canRemember={value.state.canRememberPassphrase}
        onDone={(summary) => {
          setUnlocking(false);
          if (summary && value.state) setState({ ...value.state, workspace: summary });
          for (const resolve of unlockWaiters.current.splice(0)) resolve(summary != null);
        }}
      />
    </AppContext.Provider>
  );
}
