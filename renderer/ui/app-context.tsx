/** What every screen may use: the app state (open workspace, language), refreshing it, unlocking keys, navigating. */
import { createContext, useContext } from 'react';
import type { ResValue } from '../../shared/ipc/contract/index.js';

export type AppState = ResValue<'app.state'>;
export type WorkspaceSummary = NonNullable<AppState['workspace']>;

export interface AppContextValue {
  state: AppState;
  /** Reads the app state again (after a change a screen made). */
  refresh(): Promise<void>;
  setState(state: AppState): void;
  /** Resolves true once the keys are unlocked (asking for the passphrase if needed), false if the user cancels. */
  ensureUnlocked(): Promise<boolean>;
  route: string;
  navigate(route: string): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <App>');
  return value;
}

/** The open workspace (screens behind the welcome screen always have one). */
export function useWorkspace(): WorkspaceSummary {
  const { state } = useApp();
  if (!state.workspace) throw new Error('no workspace open');
  return state.workspace;
}
