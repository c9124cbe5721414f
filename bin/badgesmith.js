#!/usr/bin/env node
// Works from any folder and through symlinks (`npm link`, `npm install --global`, a link in ~/bin):
// the built command is found beside the real file, never relative to the current folder.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..');
const cli = join(root, 'out', 'cli.js');
if (!existsSync(cli)) {
  console.error(`ERR_NOT_BUILT: the badgesmith command is not built yet. Run \`npm run build\` in ${root} (npm ci does it for you).`);
  process.exit(2);
}
await import(pathToFileURL(cli).href);
