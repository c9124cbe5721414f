/** Files across the boundary: dropped files arrive as base64; workspace images leave as base64. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artworkKind } from '../../services/artwork.js';
import type { Workspace } from '../../services/workspace.js';

/** An image larger than this is not sent to the UI for display (the site still publishes it). */
const MAX_DISPLAY_BYTES = 2 * 1024 * 1024;

export function decodeFile(file: { base64: string }): Uint8Array {
  return new Uint8Array(Buffer.from(file.base64, 'base64'));
}

/** A workspace artwork file for display, or null when there is none, it is missing or too large. */
export async function artworkData(
  workspace: Workspace,
  file: string | null,
): Promise<{ kind: 'png' | 'svg'; base64: string } | null> {
  const kind = artworkKind(file);
  if (!file || !kind || !/^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/.test(file)) return null;
  const bytes = await readFile(join(workspace.paths.artwork, file)).catch(() => undefined);
  if (!bytes || bytes.length > MAX_DISPLAY_BYTES) return null;
  return { kind, base64: bytes.toString('base64') };
}
