import { BadgeError } from '../../../shared/errors.js';
import { describeSvgRemovals } from '../../../shared/bake/sanitize.js';
import { ACHIEVEMENT_TYPES } from '../../../shared/ob3/schema.js';
import {
  BADGE_ID_PATTERN,
  CREDENTIAL_FORMATS,
  checkBadgeTexts,
  getBadge,
  insertBadge,
  listBadges,
  requireBadge,
  updateBadge,
  type Alignment,
  type BadgeClass,
  type BadgeUpdate,
  type CredentialFormat,
} from '../../db/repos/badges.js';
import { DURATION, MAX_IMAGE_BYTES, freeBadgeId, slugify, storeArtwork as storeBadgeArtwork } from '../../services/badge-classes.js';
import { newDesignId } from '../../../shared/design/ops.js';
import { getDesignRecord } from '../../db/repos/designs.js';
import { linkDesignToBadge, parseDesignFile, saveDesign } from '../../services/designs.js';
import { readInputFile } from '../../services/files.js';
import { forgetImageDesign, imageDesign, personalisedArtworkNeedsDesign } from '../../services/personalised-artwork.js';
import type { Workspace } from '../../services/workspace.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type CliIo, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

function parseDuration(text: string): string | null {
  if (text === '' || text === 'none') return null;
  if (!DURATION.test(text)) {
    throw new BadgeError('ERR_USAGE', `--expires-after "${text}" is not an ISO 8601 duration such as P1Y, P6M or P90D.`);
  }
  // A zero duration would make every credential expire the moment it is issued.
  if ((text.match(/\d+/g) ?? []).every((digits) => Number(digits) === 0)) {
    throw new BadgeError('ERR_USAGE', `--expires-after "${text}" is zero: badges would expire as soon as they are issued. Give a duration such as P1Y, or none for no expiry.`);
  }
  return text;
}

function parseFormats(text: string): CredentialFormat[] {
  const formats = [...new Set(text.split(',').map((f) => f.trim()).filter(Boolean))];
  const unknown = formats.filter((f) => !(CREDENTIAL_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new BadgeError('ERR_USAGE', `Unknown format "${unknown[0] ?? text}"; use ${CREDENTIAL_FORMATS.join(', ')}.`);
  }
  return formats as CredentialFormat[];
}

function parseAchievementType(text: string): string {
  if ((ACHIEVEMENT_TYPES as readonly string[]).includes(text) || /^ext:[A-Za-z0-9._-]+$/.test(text)) return text;
  throw new BadgeError('ERR_USAGE', `Unknown achievement type "${text}"; use an Open Badges value such as Badge, Certificate, Course, or ext:YourType.`);
}

function parseUrl(text: string, flag: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  throw new BadgeError('ERR_USAGE', `--${flag} "${text}" is not a web address.`);
}

/** Validates PNG/SVG artwork (SVG sanitised, what was removed said on stderr) and stores it as artwork/<badge id>.<ext>. */
async function storeArtwork(io: CliIo, workspace: Workspace, badgeId: string, file: string): Promise<string> {
  const stored = await storeBadgeArtwork(workspace, badgeId, await readInputFile(resolvePath(io, file), 'badge image', MAX_IMAGE_BYTES));
  for (const line of describeSvgRemovals(stored.removed)) io.stderr(`${file}: ${line}\n`);
  return stored.image;
}

/**
 * Saves the design file in the workspace and makes it the badge's image (its SVG master and PNG),
 * then sets personalised artwork when asked; returns the badge's changed fields.
 */
async function useDesign(io: CliIo, workspace: Workspace, badgeId: string, file: string, personalised: boolean | undefined): Promise<BadgeClass> {
  const path = resolvePath(io, file);
  let document = parseDesignFile(await readInputFile(path, 'design'), path);
  // The same file given to a second badge becomes its own copy: the first badge keeps its design.
  const existing = getDesignRecord(workspace.db, document.id);
  if (existing?.badgeId && existing.badgeId !== badgeId) document = { ...document, id: newDesignId() };
  const design = saveDesign(workspace, document);
  const linked = await linkDesignToBadge(workspace, design.id, badgeId);
  io.stderr(`${file}: design "${design.name}" is now the image of badge ${badgeId}${linked.fields.length ? ` (fields: ${linked.fields.join(', ')})` : ''}.\n`);
  return personalised === undefined ? linked.badge : updateBadge(workspace.db, badgeId, { personalisedArtwork: personalised }, workspace.now());
}

const BADGE_OPTIONS = {
  ...COMMON_OPTIONS,
  name: { type: 'string' },
  description: { type: 'string' },
  criteria: { type: 'string' },
  'criteria-url': { type: 'string' },
  image: { type: 'string' },
  'expires-after': { type: 'string' },
  tags: { type: 'string' },
  'achievement-type': { type: 'string' },
  formats: { type: 'string' },
  'show-name': { type: 'boolean' },
  'hide-name': { type: 'boolean' },
  design: { type: 'string' },
  'personalised-artwork': { type: 'boolean' },
  'no-personalised-artwork': { type: 'boolean' },
  alignment: { type: 'string', multiple: true },
} as const;

type BadgeFlags = {
  [K in keyof typeof BADGE_OPTIONS]?: (typeof BADGE_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof BADGE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/** `--alignment "NAME|URL[|CODE]"` (repeatable) → the badge's alignments; `--alignment none` clears them. */
function parseAlignments(values: string[]): Alignment[] {
  if (values.length === 1 && values[0]!.trim().toLowerCase() === 'none') return [];
  return values.map((value) => {
    const [targetName, targetUrl, targetCode, ...rest] = value.split('|').map((part) => part.trim());
    if (!targetName || !targetUrl || rest.length > 0) {
      throw new BadgeError('ERR_USAGE', `--alignment "${value}" must be "NAME|URL" or "NAME|URL|CODE", e.g. "Référentiel PSC1|https://example.org/psc1|PSC1".`);
    }
    return { targetName, targetUrl: parseUrl(targetUrl, 'alignment'), ...(targetCode ? { targetCode } : {}) };
  });
}

function changesFrom(values: BadgeFlags): BadgeUpdate {
  const changes: BadgeUpdate = {};
  if (values.name !== undefined) changes.name = values.name.trim();
  if (values.description !== undefined) changes.description = values.description.trim();
  if (values.criteria !== undefined) changes.criteriaNarrative = values.criteria.trim() || null;
  if (values['criteria-url'] !== undefined) changes.criteriaUrl = values['criteria-url'] ? parseUrl(values['criteria-url'], 'criteria-url') : null;
  if (values['expires-after'] !== undefined) changes.expiresAfter = parseDuration(values['expires-after']);
  if (values.tags !== undefined) changes.tags = [...new Set(values.tags.split(',').map((t) => t.trim()).filter(Boolean))];
  if (values['achievement-type'] !== undefined) changes.achievementType = parseAchievementType(values['achievement-type']);
  if (values.formats !== undefined) changes.formats = parseFormats(values.formats);
  if (values['show-name'] && values['hide-name']) throw new BadgeError('ERR_USAGE', 'Use either --show-name or --hide-name, not both.');
  if (values['show-name']) changes.showRecipientName = true;
  if (values['hide-name']) changes.showRecipientName = false;
  if (values['personalised-artwork'] && values['no-personalised-artwork']) {
    throw new BadgeError('ERR_USAGE', 'Use either --personalised-artwork or --no-personalised-artwork, not both.');
  }
  if (values['personalised-artwork']) changes.personalisedArtwork = true;
  if (values['no-personalised-artwork']) changes.personalisedArtwork = false;
  if (values.image !== undefined && values.design !== undefined) {
    throw new BadgeError('ERR_USAGE', 'Give the badge image either as a file (--image) or as a design (--design), not both.');
  }
  if (values.alignment !== undefined) changes.alignments = parseAlignments(values.alignment);
  if (changes.name === '') throw new BadgeError('ERR_USAGE', 'The badge name cannot be empty.');
  if (changes.description === '') throw new BadgeError('ERR_USAGE', 'The badge description cannot be empty.');
  // Before the workspace is touched (artwork stored): a refused text changes nothing.
  checkBadgeTexts(changes);
  return changes;
}

function printBadge(io: CliIo, badge: BadgeClass): void {
  const lines = [
    `Id:           ${badge.id}`,
    `Name:         ${badge.name}`,
    `Description:  ${badge.description}`,
    `Criteria:     ${badge.criteriaNarrative ?? '-'}${badge.criteriaUrl ? ` (${badge.criteriaUrl})` : ''}`,
    `Image:        ${badge.image ?? '-'}`,
    `Type:         ${badge.achievementType}`,
    `Tags:         ${badge.tags.join(', ') || '-'}`,
    `Alignments:   ${badge.alignments.map((a) => `${a.targetName} <${a.targetUrl}>${a.targetCode ? ` (${a.targetCode})` : ''}`).join('; ') || '-'}`,
    `Expires:      ${badge.expiresAfter ? `${badge.expiresAfter} after issuing` : 'never'}`,
    `Formats:      ${badge.formats.join(', ')}`,
    `Shows name:   ${badge.showRecipientName ? 'yes' : 'no'}`,
    `Personalised: ${badge.personalisedArtwork ? "yes (each earner's name in their baked image)" : 'no'}`,
    `Endorsements: ${badge.endorsements.length}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
}

const addUsage =
  'badgesmith badge add --name N --description D --criteria TEXT [--criteria-url URL] [--image FILE.png|svg] [--expires-after P1Y] [--tags a,b] [--alignment "NAME|URL[|CODE]"]... [--achievement-type Badge] [--formats ob3-di,...] [--show-name] [--design FILE.badgesmith.json [--personalised-artwork]] [--id SLUG] [--workspace DIR] [--json]';

export const badgeAddCommand: Command = {
  name: 'badge add',
  summary: 'Add a badge class (name, description, criteria, artwork, expiry, formats)',
  usage: addUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...BADGE_OPTIONS, id: { type: 'string' } }, addUsage);
    requireFlag(values.name, 'name', addUsage);
    requireFlag(values.description, 'description', addUsage);
    if (!values.criteria && !values['criteria-url']) throw new BadgeError('ERR_USAGE', `Missing --criteria. Usage: ${addUsage}`);
    const changes = changesFrom(values);
    if (values.id !== undefined && !BADGE_ID_PATTERN.test(values.id)) {
      throw new BadgeError('ERR_USAGE', `--id "${values.id}" must use lower-case letters, digits and dashes.`);
    }
    await withWorkspace(io, values.workspace, async (workspace) => {
      const id = values.id ?? freeBadgeId(workspace, slugify(values.name as string));
      if (getBadge(workspace.db, id)) throw new BadgeError('ERR_BADGE_EXISTS', `A badge with id "${id}" already exists; pick another --id or use \`badge update\`.`);
      if (changes.personalisedArtwork && values.design === undefined) throw personalisedArtworkNeedsDesign(id);
      const now = workspace.now();
      const badge: BadgeClass = {
        id,
        name: changes.name as string,
        description: changes.description as string,
        criteriaNarrative: changes.criteriaNarrative ?? null,
        criteriaUrl: changes.criteriaUrl ?? null,
        image: values.image ? await storeArtwork(io, workspace, id, values.image) : null,
        tags: changes.tags ?? [],
        alignments: changes.alignments ?? [],
        achievementType: changes.achievementType ?? 'Badge',
        expiresAfter: changes.expiresAfter ?? null,
        formats: changes.formats ?? ['ob3-di'],
        showRecipientName: changes.showRecipientName ?? false,
        endorsements: [],
        created: now,
        updated: now,
      };
      insertBadge(workspace.db, badge);
      if (values.design !== undefined) {
        Object.assign(badge, await useDesign(io, workspace, id, values.design, changes.personalisedArtwork));
      }
      if (values.json) printJson(io, badge);
      else io.stdout(`Badge "${badge.name}" added with id ${badge.id}. Issue it with: badgesmith issue --badge ${badge.id} --csv FILE --out DIR\n`);
    });
    return 0;
  },
};

const listUsage = 'badgesmith badge list [--workspace DIR] [--json]';

export const badgeListCommand: Command = {
  name: 'badge list',
  summary: 'List the badge classes',
  usage: listUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, COMMON_OPTIONS, listUsage);
    await withWorkspace(io, values.workspace, (workspace) => {
      const badges = listBadges(workspace.db);
      if (values.json) printJson(io, { badges });
      else if (badges.length === 0) io.stdout('No badges yet. Add one with `badgesmith badge add --name N --description D --criteria C`.\n');
      else for (const badge of badges) io.stdout(`${badge.id.padEnd(24)} ${badge.name}${badge.expiresAfter ? `  (expires ${badge.expiresAfter})` : ''}\n`);
    });
    return 0;
  },
};

const showUsage = 'badgesmith badge show ID [--workspace DIR] [--json]';

export const badgeShowCommand: Command = {
  name: 'badge show',
  summary: 'Show one badge class',
  usage: showUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, COMMON_OPTIONS, showUsage, true);
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `Give one badge id. Usage: ${showUsage}`);
    await withWorkspace(io, values.workspace, (workspace) => {
      const badge = requireBadge(workspace.db, positionals[0] as string);
      if (values.json) printJson(io, badge);
      else printBadge(io, badge);
    });
    return 0;
  },
};

const updateUsage =
  'badgesmith badge update ID [--name N] [--description D] [--criteria TEXT] [--criteria-url URL] [--image FILE] [--expires-after P1Y|none] [--tags a,b] [--alignment "NAME|URL[|CODE]"|none]... [--achievement-type T] [--formats F,...] [--show-name|--hide-name] [--design FILE.badgesmith.json] [--personalised-artwork|--no-personalised-artwork] [--workspace DIR] [--json]';

export const badgeUpdateCommand: Command = {
  name: 'badge update',
  summary: 'Change a badge class (credentials already issued keep what they were issued with)',
  usage: updateUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, BADGE_OPTIONS, updateUsage, true);
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `Give one badge id. Usage: ${updateUsage}`);
    const id = positionals[0] as string;
    const changes = changesFrom(values);
    await withWorkspace(io, values.workspace, async (workspace) => {
      const current = requireBadge(workspace.db, id);
      if (Object.keys(changes).length === 0 && values.image === undefined && values.design === undefined) {
        throw new BadgeError('ERR_USAGE', `Nothing to change. Usage: ${updateUsage}`);
      }
      if (changes.personalisedArtwork && values.design === undefined && (values.image !== undefined || !imageDesign(workspace, current))) {
        throw personalisedArtworkNeedsDesign(id);
      }
      if (values.image !== undefined) {
        changes.image = await storeArtwork(io, workspace, id, values.image);
        // A file replaces the design as the badge's image.
        changes.personalisedArtwork = false;
        forgetImageDesign(workspace, id);
      }
      const personalised = changes.personalisedArtwork;
      if (values.design !== undefined) delete changes.personalisedArtwork;
      let badge = updateBadge(workspace.db, id, changes, workspace.now());
      if (values.design !== undefined) badge = { ...badge, ...(await useDesign(io, workspace, id, values.design, personalised)) };
      if (values.json) printJson(io, badge);
      else printBadge(io, badge);
    });
    return 0;
  },
};
