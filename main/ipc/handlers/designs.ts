/** Handlers for the designer: saved designs, images made in Node, badge links, fonts, icons, pictures. */
import { BadgeError } from '../../../shared/errors.js';
import { designFileStem } from '../../../shared/design/file-name.js';
import { cleanIconNodes } from '../../../shared/design/svg.js';
import { requireDesign, serializeDesign } from '../../../shared/design/restore.js';
import { TEMPLATES, templateDesign } from '../../../shared/design/templates.js';
import { listBadges } from '../../db/repos/badges.js';
import {
  fontCatalogue,
  fontFaceFiles,
  designAssets,
  searchIcons,
} from '../../services/design-assets.js';
import { designImageFromBytes } from '../../services/design-images.js';
import { renderDesignPng, renderDesignSvg } from '../../services/design-render.js';
import {
  deleteDesign,
  importDesignBytes,
  linkDesignToBadge,
  listDesigns,
  loadDesign,
  saveDesign,
} from '../../services/designs.js';
import type { HandlerGroup } from '../dispatch.js';

type DesignsChannel =
  | 'designs.list'
  | 'designs.load'
  | 'designs.save'
  | 'designs.delete'
  | 'designs.templates'
  | 'designs.create'
  | 'designs.importFile'
  | 'designs.exportFile'
  | 'designs.render'
  | 'designs.badges'
  | 'designs.link'
  | 'designs.fonts'
  | 'designs.fontFace'
  | 'designs.searchIcons'
  | 'designs.iconNodes'
  | 'designs.importImage';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function iconEntries(ids: readonly string[]) {
  const { icons } = designAssets();
  return ids.flatMap((id) => {
    const nodes = icons.icon(id);
    return nodes
      ? [
          {
            id,
            nodes: cleanIconNodes(nodes).map(
              ([tag, attributes]): [string, Record<string, string>] => [tag, { ...attributes }],
            ),
          },
        ]
      : [];
  });
}

export const designsHandlers: HandlerGroup<DesignsChannel> = {
  'designs.list': (_req, session) => listDesigns(session.requireWorkspace()),

  'designs.load': ({ id }, session) => {
    const workspace = session.requireWorkspace();
    const document = loadDesign(workspace, id);
    const summary = listDesigns(workspace).find((design) => design.id === id)!;
    return { summary, document };
  },

  'designs.save': ({ document }, session) => saveDesign(session.requireWorkspace(), document),

  'designs.delete': ({ id }, session) => ({
    deleted: deleteDesign(session.requireWorkspace(), id),
  }),

  'designs.templates': ({ language }) =>
    TEMPLATES.map((template) => ({
      id: template.id,
      label: template.label[language],
      thumbnail: renderDesignSvg(templateDesign(template.id, language)!, { size: 96 }),
    })),

  'designs.create': ({ template, language }, session) => {
    const workspace = session.requireWorkspace();
    const document = templateDesign(template, language);
    if (!document) {
      throw new BadgeError(
        'ERR_DESIGN_TEMPLATE_UNKNOWN',
        `There is no template "${template}"; pick one of ${TEMPLATES.map((t) => t.id).join(', ')}.`,
      );
    }
    const named = { ...document, name: TEMPLATES.find((t) => t.id === template)!.label[language] };
    return { summary: saveDesign(workspace, named), document: named };
  },

  'designs.importFile': ({ file }, session) => {
    const workspace = session.requireWorkspace();
    const summary = importDesignBytes(workspace, Buffer.from(file.base64, 'base64'), file.name);
    return { summary, document: loadDesign(workspace, summary.id) };
  },

  'designs.exportFile': ({ id }, session) => {
    const design = loadDesign(session.requireWorkspace(), id);
    return {
      name: `${designFileStem(design.name)}.badgesmith.json`,
      base64: Buffer.from(serializeDesign(design), 'utf8').toString('base64'),
    };
  },

  'designs.render': ({ document, format, size, fields, missingFields }) => {
    const design = requireDesign(document);
    const options = { size, fields, missingFields };
    const name = `${designFileStem(design.name)}.${format}`;
    if (format === 'png') return { name, base64: base64(renderDesignPng(design, options)) };
    return {
      name,
      base64: Buffer.from(renderDesignSvg(design, options), 'utf8').toString('base64'),
    };
  },

  'designs.badges': (_req, session) => {
    const workspace = session.requireWorkspace();
    const linked = new Map(
      listDesigns(workspace)
        .filter((design) => design.badgeId !== null)
        .map((design) => [design.badgeId!, design.id]),
    );
    return listBadges(workspace.db).map((badge) => ({
      id: badge.id,
      name: badge.name,
      designId: linked.get(badge.id) ?? null,
    }));
  },

  'designs.link': async ({ designId, badgeId }, session) => {
    const linked = await linkDesignToBadge(session.requireWorkspace(), designId, badgeId);
    return {
      badge: { id: linked.badge.id, name: linked.badge.name, image: linked.badge.image ?? '' },
      fields: linked.fields,
    };
  },

  'designs.fonts': () => fontCatalogue(),

  'designs.fontFace': (spec) => {
    const face = fontFaceFiles(spec);
    return {
      key: face.key,
      weight: face.weight,
      italic: face.italic,
      files: face.files.map(base64),
    };
  },

  'designs.searchIcons': ({ query, limit }) => iconEntries(searchIcons(query, limit ?? 60)),

  'designs.iconNodes': ({ ids }) => iconEntries(ids),

  'designs.importImage': ({ file }) =>
    designImageFromBytes(new Uint8Array(Buffer.from(file.base64, 'base64')), file.name),
};
