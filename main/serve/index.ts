/**
 * `npm start` without an Electron binary: the app's UI served on 127.0.0.1 with the same handlers.
 * Prints the address (with its token) and opens the default browser when there is one.
 * Environment: BADGESMITH_APP_DIR (preferences and the sample; default: the per-user config folder),
 * BADGESMITH_WORKSPACE (the default folder for a new association), PORT, BADGESMITH_NO_BROWSER=1.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../ipc/app-core.js';
import { filePreferences, noPassphraseVault } from '../ipc/preferences.js';
import { defaultWorkspaceDir } from '../services/workspace-dir.js';
import { startLoopbackServer } from './loopback.js';

function appDir(): string {
  if (process.env.BADGESMITH_APP_DIR) return process.env.BADGESMITH_APP_DIR;
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'badgesmith-app');
}

function openBrowser(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(
    'ERR_APP_NOT_BUILT: the UI is not built. Run `npm run build` (or `npm start`) first.',
  );
  process.exit(2);
}

const dir = appDir();
// Tests only: a cheap key derivation so that end-to-end runs do not spend their time in scrypt.
const fastKdf = process.env.BADGESMITH_INSECURE_TEST_KDF === '1';
if (fastKdf) {
  console.error(
    'Warning: BADGESMITH_INSECURE_TEST_KDF=1: keys created now are protected by a weak key derivation. For tests only.',
  );
}
const core = createAppCore({
  keystoreOptions: fastKdf ? { cost: { N: 2 ** 10 } } : undefined,
  transport: 'loopback',
  prefs: filePreferences(dir),
  vault: noPassphraseVault,
  sampleDir: join(dir, 'sample'),
  defaultWorkspaceDir:
    process.env.BADGESMITH_WORKSPACE ||
    defaultWorkspaceDir(process.env, process.platform, homedir()),
});
const server = await startLoopbackServer(
  { call: core.call, subscribe: core.events.subscribe },
  {
    staticDir,
    port: process.env.PORT ? Number(process.env.PORT) : 0,
    logError: (error) => console.error(error),
  },
);
console.log(`Badgesmith is running at ${server.url}`);
console.log(
  "(No Electron binary here, so the app runs in your browser. Keep this address to yourself: it holds this session's key. Ctrl+C stops.)",
);
if (!process.env.BADGESMITH_NO_BROWSER && process.env.CI === undefined) openBrowser(server.url);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => {
      core.close();
      process.exit(0);
    });
  });
}
