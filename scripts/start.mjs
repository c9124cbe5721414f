// `npm start` (after the build): the desktop app. With an Electron binary, open its window; without
// one (this machine), serve the very same UI on 127.0.0.1 (out/serve.js), which prints the address
// with its one-time token. The static site preview is `badgesmith site serve DIR`.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable, if the `electron` package resolves to one that exists. */
export function electronBinary() {
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    if (typeof path !== 'string') return null;
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`ERR_APP_START: ${command} could not start (${error.message}).`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  run(electron, [root]);
} else {
  console.log('No Electron binary found: starting the app in your browser instead.');
  run(process.execPath, [join(root, 'out', 'serve.js')]);
}
