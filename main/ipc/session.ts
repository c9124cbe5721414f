/**
 * What the app has open: one workspace and, once unlocked, its keystore. Handlers get the session;
 * they never hold a workspace of their own.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { EventName } from '../../shared/ipc/channels.js';
import type { EventPayload } from '../../shared/ipc/contract/index.js';
import { openKeystore, type Keystore, type KeystoreOptions } from '../services/keystore.js';
import { openWorkspace, type Workspace } from '../services/workspace.js';
import {
  appOutputDirs,
  workspaceStatus,
  type WorkspaceStatus,
} from '../services/workspace-summary.js';
import type { PassphraseVault, PreferenceStore } from './preferences.js';

export interface AppEnvironment {
  transport: 'electron' | 'loopback';
  prefs: PreferenceStore;
  vault: PassphraseVault;
  clock: Clock;
  /** Where "Try the sample association" builds (or finds) the demo. */
  sampleDir: string;
  /** Where a new association's workspace goes when the wizard names no folder. */
  defaultWorkspaceDir: string;
  /** scrypt cost override (tests). */
  keystoreOptions?: KeystoreOptions;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  logError(error: unknown): void;
}

export class AppSession {
  private current: Workspace | null = null;
  private keys: Keystore | null = null;
  private passphrase: string | null = null;

  constructor(readonly env: AppEnvironment) {}

  get workspace(): Workspace | null {
    return this.current;
  }

  requireWorkspace(): Workspace {
    if (!this.current)
      {throw new BadgeError(
        'ERR_WORKSPACE_NOT_OPEN',
        'No workspace is open. Open your association or try the sample first.',
      );}
    return this.current;
  }

  /** The unlocked keystore, for jobs that sign. */
  requireKeystore(): Keystore {
    this.requireWorkspace();
    if (!this.keys)
      {throw new BadgeError(
        'ERR_WORKSPACE_LOCKED',
        'The keys are locked. Enter the workspace passphrase to unlock them.',
      );}
    return this.keys;
  }

  /** The passphrase that unlocked the keys (backups are encrypted under it). */
  requirePassphrase(): string {
    this.requireKeystore();
    return this.passphrase as string;
  }

  outputDirs(): { site: string; issued: string } {
    const workspace = this.requireWorkspace();
    return this.env.prefs.get().outputs[workspace.paths.dir] ?? appOutputDirs(workspace);
  }

  isSample(): boolean {
    return (
      this.current !== null &&
      this.current.paths.dir === resolve(join(this.env.sampleDir, 'workspace'))
    );
  }

  open(dir: string): Workspace {
    const full = resolve(dir);
    if (!existsSync(join(full, 'badgesmith.db'))) {
      throw new BadgeError(
        'ERR_WORKSPACE_NOT_FOUND',
        `${full} holds no Badgesmith workspace. Choose the folder you created your association in.`,
      );
    }
    const workspace = openWorkspace(full, { clock: this.env.clock });
    this.close();
    this.current = workspace;
    this.remember(full);
    const saved = this.env.vault.load(full);
    if (saved !== null) void this.unlock(saved).catch(() => this.env.vault.forget(full));
    return workspace;
  }

  /** Takes over a workspace that was just created, already unlocked. */
  adopt(workspace: Workspace, keystore: Keystore, passphrase: string): void {
    this.close();
    this.current = workspace;
    this.keys = keystore;
    this.passphrase = passphrase;
    this.remember(workspace.paths.dir);
  }

  async unlock(passphrase: string, remember = false): Promise<void> {
    const workspace = this.requireWorkspace();
    this.keys = await openKeystore(workspace, passphrase, this.env.keystoreOptions);
    this.passphrase = passphrase;
    if (remember && this.env.vault.available) this.env.vault.save(workspace.paths.dir, passphrase);
  }

  lock(): void {
    if (this.current) this.env.vault.forget(this.current.paths.dir);
    this.keys = null;
    this.passphrase = null;
  }

  close(): void {
    this.keys = null;
    this.passphrase = null;
    this.current?.close();
    this.current = null;
  }

  status(): WorkspaceStatus & { locked: boolean; isSample: boolean } {
    const workspace = this.requireWorkspace();
    return {
      ...workspaceStatus(workspace, this.outputDirs().site),
      locked: this.keys === null,
      isSample: this.isSample(),
    };
  }

  private remember(dir: string): void {
    const prefs = this.env.prefs.get();
    this.env.prefs.update({
      lastWorkspace: dir,
      recentWorkspaces: [dir, ...prefs.recentWorkspaces.filter((d) => d !== dir)].slice(0, 8),
    });
  }
}
