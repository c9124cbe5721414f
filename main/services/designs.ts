/**
 * Designs saved in the workspace: save (what the designer's autosave calls), load, list, delete,
 * `.badgesmith.json` import and export, and linking a design to a badge class: its SVG master and
 * PNG are rendered into the artwork folder and become the images that are baked and published.
 * Every document goes through restoreDesign on the way in and on the way out of the database.
 */
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { utf8Decode } from '../../shared/bytes.js';
import type { BadgeDesign, FieldValues } from '../../shared/design/model.js';
import { parseDesignJson, requireDesign, serializeDesign } from '../../shared/design/restore.js';
import { fieldsUsed } from '../../shared/design/fields.js';
import { requireBadge, updateBadge, type BadgeClass } from '../db/repos/badges.js';
import {
  deleteDesignRecord,
  designForBadge,
  getDesignRecord,
  listDesignRecords,
  setDesignBadge,
  upsertDesign,
} from '../db/repos/designs.js';
import { renderDesignImages } from './design-render.js';
import { readInputFile, writeFileAtomic } from './files.js';
import { requireWritable, type Workspace } from './workspace.js';

export interface DesignSummary {
  id: string;
  name: string;
  badgeId: string | null;
  created: string;
  updated: string;
}

/** Size of the PNG made for a badge class (the SVG master has no size). */
export const BADGE_PNG_SIZE = 512;

function requireRecord(workspace: Workspace, id: string) {
  const record = getDesignRecord(workspace.db, id);
  if (!record)
    {throw new BadgeError(
      'ERR_DESIGN_NOT_FOUND',
      `There is no design "${id}" in this workspace; \`badgesmith design list\` shows the saved designs.`,
    );}
  return record;
}

function summary(workspace: Workspace, id: string): DesignSummary {
  const { document: _document, ...rest } = requireRecord(workspace, id);
  return rest;
}

/** Validates and saves a design (new or changed); returns what the list shows. The designer's autosave calls this. */
export function saveDesign(workspace: Workspace, input: unknown): DesignSummary {
  requireWritable(workspace);
  const design = requireDesign(input);
  upsertDesign(
    workspace.db,
    { id: design.id, name: design.name, document: JSON.stringify(design) },
    workspace.now(),
  );
  return summary(workspace, design.id);
}

export function loadDesign(workspace: Workspace, id: string): BadgeDesign {
  const record = requireRecord(workspace, id);
  const restored = parseDesignJson(record.document);
  if (!restored.ok)
    {throw new BadgeError(
      restored.error.code,
      `The saved design "${record.name}" (${id}) cannot be read: ${restored.error.message}`,
    );}
  return restored.value;
}

export function listDesigns(workspace: Workspace): DesignSummary[] {
  return listDesignRecords(workspace.db);
}

/** Deletes a saved design. A linked badge class keeps the images already made from it. */
export function deleteDesign(workspace: Workspace, id: string): boolean {
  requireWritable(workspace);
  return deleteDesignRecord(workspace.db, id);
}

/** Saves the design in a `.badgesmith.json` file's bytes (ERR_DESIGN_INVALID, ERR_DESIGN_VERSION_UNSUPPORTED). */
export function importDesignBytes(
  workspace: Workspace,
  bytes: Uint8Array,
  name: string,
): DesignSummary {
  return saveDesign(workspace, parseDesignFile(bytes, name));
}

/** The design in a `.badgesmith.json` file's bytes, restored (ERR_DESIGN_INVALID, ERR_DESIGN_VERSION_UNSUPPORTED). */
export function parseDesignFile(bytes: Uint8Array, name: string): BadgeDesign {
  let text: string;
  try {
    text = utf8Decode(bytes);
  } catch {
    throw new BadgeError(
      'ERR_DESIGN_INVALID',
      `${name} is not UTF-8 text; give a .badgesmith.json design file.`,
    );
  }
  const restored = parseDesignJson(text);
  if (!restored.ok) throw new BadgeError(restored.error.code, `${name}: ${restored.error.message}`);
  return restored.value;
}

/** Reads a `.badgesmith.json` file and saves it in the workspace (ERR_DESIGN_INVALID, ERR_DESIGN_VERSION_UNSUPPORTED). */
export async function importDesignFile(workspace: Workspace, path: string): Promise<DesignSummary> {
  return importDesignBytes(workspace, await readInputFile(path, 'design'), path);
}

export async function exportDesignFile(
  workspace: Workspace,
  id: string,
  path: string,
): Promise<void> {
  await writeFileAtomic(path, serializeDesign(loadDesign(workspace, id)));
}

/** File names of a badge class's design images in the artwork folder. */
export function designArtworkNames(badgeId: string): { svg: string; png: string } {
  return { svg: `${badgeId}.svg`, png: `${badgeId}.png` };
}

/**
 * The badge class's master images from a design: `{{badge.name}}` filled, other fields removed
 * (a personal name never lands in the class's own image).
 */
export function badgeDesignImages(
  design: BadgeDesign,
  badge: Pick<BadgeClass, 'name'>,
  fields: FieldValues = {},
): { svg: Uint8Array; png: Uint8Array } {
  return renderDesignImages(design, {
    fields: { 'badge.name': badge.name, ...fields },
    missingFields: 'blank',
    size: BADGE_PNG_SIZE,
  });
}

/**
 * Makes the design the badge class's image: writes its SVG master and PNG into the artwork folder
 * and points the badge at the SVG (the PNG beside it is used where a PNG is baked). Run it again
 * after changing the design to refresh the images.
 */
export async function linkDesignToBadge(
  workspace: Workspace,
  designId: string,
  badgeId: string,
): Promise<{ badge: BadgeClass; files: { svg: string; png: string }; fields: string[] }> {
  requireWritable(workspace);
  const design = loadDesign(workspace, designId);
  const badge = requireBadge(workspace.db, badgeId);
  const images = badgeDesignImages(design, badge);
  const names = designArtworkNames(badgeId);
  await writeFileAtomic(join(workspace.paths.artwork, names.png), images.png);
  await writeFileAtomic(join(workspace.paths.artwork, names.svg), images.svg);
  const now = workspace.now();
  setDesignBadge(workspace.db, designId, badgeId, now);
  const updated = updateBadge(workspace.db, badgeId, { image: names.svg }, now);
  return {
    badge: updated,
    files: {
      svg: join(workspace.paths.artwork, names.svg),
      png: join(workspace.paths.artwork, names.png),
    },
    fields: fieldsUsed(design),
  };
}

/** The design linked to a badge class, if any. */
export function badgeDesign(workspace: Workspace, badgeId: string): BadgeDesign | undefined {
  const record = designForBadge(workspace.db, badgeId);
  return record ? loadDesign(workspace, record.id) : undefined;
}
