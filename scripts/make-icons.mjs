// The app's icons for electron-builder, rendered from our own artwork (renderer/public/icon.svg):
// build/icon.png (1024 px; electron-builder derives the macOS .icns and Windows .ico from it) and
// build/icons/<N>x<N>.png for Linux. Run after changing the artwork: npm run icons.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function renderIcon(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' })
    .render()
    .asPng();
}

const svg = readFileSync(join(root, 'renderer', 'public', 'icon.svg'), 'utf8');
mkdirSync(join(root, 'build', 'icons'), { recursive: true });
for (const size of ICON_SIZES) {
  writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), renderIcon(svg, size));
}
writeFileSync(join(root, 'build', 'icon.png'), renderIcon(svg, 1024));
console.log(`Icons written to build/ (${ICON_SIZES.join(', ')} px).`);
