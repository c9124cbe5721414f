// `npm start` without an Electron binary: make sure a sample exists (badgesmith demo), then serve its
// static verification site on 127.0.0.1 and print the URL. PORT=NNNN picks the port.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'badgesmith.js');
const demo = join(root, 'demo');

if (!existsSync(join(demo, 'site', 'badgesmith-site.json'))) {
  const made = spawnSync(process.execPath, [cli, 'demo', '--out', demo], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 2);
} else {
  console.log(`Using the sample in ${demo} (delete that folder to make a fresh one).`);
}

const args = [cli, 'site', 'serve', join(demo, 'site'), ...(process.env.PORT ? ['--port', process.env.PORT] : [])];
const server = spawn(process.execPath, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
