#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('ERR_NOT_BUILT: the badgesmith command is not built yet. Run `npm run build` (npm ci does it for you).');
  process.exit(2);
}
await import('../out/cli.js');
