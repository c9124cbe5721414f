/** A real app core (real SQLite, real keystore with a cheap KDF, real services) in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel } from '../../../shared/ipc/channels.js';
import type { Req, ResValue } from '../../../shared/ipc/contract/index.js';
import type { Result } from '../../../shared/result.js';
import { createAppCore, type AppCore } from '../../../main/ipc/app-core.js';
import { filePreferences, type PassphraseVault } from '../../../main/ipc/preferences.js';

export const FIXED_NOW = '2026-11-29T10:00:00Z';

export interface AppFixture {
  core: AppCore;
  root: string;
  logged: unknown[];
  events: { event: string; payload: unknown }[];
  call<C extends Channel>(channel: C, request: Req<C>): Promise<Result<ResValue<C>>>;
  /** Calls and returns the value, failing the test with the error code otherwise. */
  value<C extends Channel>(channel: C, request: Req<C>): Promise<ResValue<C>>;
  cleanup(): void;
}

export function createAppFixture(
  options: { vault?: PassphraseVault; now?: string } = {},
): AppFixture {
  const root = mkdtempSync(join(tmpdir(), 'bs-app-core-'));
  const logged: unknown[] = [];
  const core = createAppCore({
    transport: 'loopback',
    prefs: filePreferences(join(root, 'prefs')),
    vault: options.vault ?? { available: false, save() {}, load: () => null, forget() {} },
    sampleDir: join(root, 'sample'),
    defaultWorkspaceDir: join(root, 'association'),
    clock: () => new Date(options.now ?? FIXED_NOW),
    keystoreOptions: { cost: { N: 2 ** 10 } },
    logError: (error) => logged.push(error),
  });
  const events: AppFixture['events'] = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  const call = <C extends Channel>(channel: C, request: Req<C>) =>
    core.call(channel, request) as Promise<Result<ResValue<C>>>;
  return {
    core,
    root,
    logged,
    events,
    call,
    async value(channel, request) {
      const result = await call(channel, request);
      if (!result.ok) {
        throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      }
      return result.value;
    },
    cleanup() {
      core.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A created association (unlocked), ready for screens' handlers. */
export async function createAssociationFixture(
  options: { now?: string } = {},
): Promise<AppFixture> {
  const fixture = createAppFixture(options);
  await fixture.value('workspace.create', {
    name: 'Randonneurs du Vercors',
    url: 'https://randonneurs.example.org/',
    siteUrl: 'https://randonneurs.example.org/badges/',
    email: 'contact@randonneurs.example.org',
    language: 'fr',
    passphrase: 'correct horse battery',
  });
  return fixture;
}
