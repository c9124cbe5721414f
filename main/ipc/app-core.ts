/** The app's main side without any transport: a session, the handlers and the event bus, wired once. */
import type { Clock } from '../../shared/clock.js';
import type { KeystoreOptions } from '../services/keystore.js';
import { dispatch } from './dispatch.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { handlers } from './handlers/index.js';
import type { PassphraseVault, PreferenceStore } from './preferences.js';
import { AppSession } from './session.js';

export interface AppCoreOptions {
  transport: 'electron' | 'loopback';
  prefs: PreferenceStore;
  vault: PassphraseVault;
  sampleDir: string;
  defaultWorkspaceDir: string;
  clock?: Clock;
  keystoreOptions?: KeystoreOptions;
  logError?: (error: unknown) => void;
}

export interface AppCore {
  session: AppSession;
  events: EventBus;
  call(channel: string, request: unknown): ReturnType<typeof dispatch>;
  close(): void;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const events = createEventBus();
  const session = new AppSession({
    transport: options.transport,
    prefs: options.prefs,
    vault: options.vault,
    clock: options.clock ?? (() => new Date()),
    sampleDir: options.sampleDir,
    defaultWorkspaceDir: options.defaultWorkspaceDir,
    keystoreOptions: options.keystoreOptions,
    emit: (event, payload) => events.emit(event, payload),
    logError: options.logError ?? ((error) => console.error(error)),
  });
  const last = options.prefs.get().lastWorkspace;
  if (last) {
    try {
      session.open(last);
    } catch (error) {
      session.env.logError(error);
    }
  }
  return {
    session,
    events,
    call: (channel, request) => dispatch(handlers, session, channel, request),
    close: () => session.close(),
  };
}
