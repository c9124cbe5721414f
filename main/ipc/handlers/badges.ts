/** Handlers for badge classes: list, one badge, save a draft, preview its page, attach an endorsement. */
import { BadgeError } from '../../../shared/errors.js';
import { checkJsonText } from '../../../shared/json-limits.js';
import type { ReqValue, ResValue } from '../../../shared/ipc/contract/index.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { listBadges, requireBadge, type BadgeClass } from '../../db/repos/badges.js';
import { listEndorsements } from '../../db/repos/endorsements.js';
import { requireIssuer } from '../../db/repos/issuer.js';
import {
  ACHIEVEMENT_TYPES,
  addBadgeClass,
  peopleByBadge,
  updateBadgeClass,
  type BadgeDraft,
} from '../../services/badge-classes.js';
import { renderBadgePreview } from '../../services/badge-preview.js';
import { attachEndorsement } from '../../services/endorse.js';
import { createOfflineResolver } from '../../services/offline-resolver.js';
import { imageDesign } from '../../services/personalised-artwork.js';
import type { Workspace } from '../../services/workspace.js';
import type { HandlerGroup } from '../dispatch.js';
import { artworkData, decodeFile } from './files.js';

type BadgesChannel =
  | 'badges.list'
  | 'badges.get'
  | 'badges.create'
  | 'badges.update'
  | 'badges.preview'
  | 'badges.attachEndorsement';

type Detail = ResValue<'badges.get'>;

/** The form's draft (empty text = none) as the service's draft. */
function toDraft(form: ReqValue<'badges.create'>['draft']): BadgeDraft {
  return {
    name: form.name,
    description: form.description,
    criteriaNarrative: form.criteriaNarrative || null,
    criteriaUrl: form.criteriaUrl || null,
    tags: form.tags,
    alignments: form.alignments.map((a) => ({ ...a })),
    achievementType: form.achievementType,
    expiresAfter: form.expiresAfter || null,
    formats: form.formats,
    showRecipientName: form.showRecipientName,
    ...(form.personalisedArtwork !== undefined ? { personalisedArtwork: form.personalisedArtwork } : {}),
  };
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function endorserOf(source: unknown): string {
  if (typeof source === 'string') return source;
  if (source && typeof source === 'object') {
    const { name, id } = source as { name?: unknown; id?: unknown };
    return textOf(name) ?? textOf(id) ?? '';
  }
  return '';
}

/** Endorsements received as files (attached to the class) and those this issuer signed about it. */
function endorsementsOf(workspace: Workspace, badge: BadgeClass): Detail['endorsements'] {
  const records = listEndorsements(workspace.db, { subjectType: 'badge', subjectId: badge.id });
  const received = new Map(records.filter((e) => e.received).map((e) => [e.id, e]));
  const attached = badge.endorsements.map((credential) => {
    const id = String(credential.id);
    const record = received.get(id);
    const subject = credential.credentialSubject as { endorsementComment?: unknown } | undefined;
    return {
      id,
      endorser: endorserOf(record?.endorser ?? credential.issuer),
      comment: record?.comment ?? textOf(subject?.endorsementComment),
      received: true,
      date: textOf(credential.validFrom) ?? record?.created ?? null,
    };
  });
  const own = records
    .filter((e) => !e.received)
    .map((e) => ({
      id: e.id,
      endorser: endorserOf(e.endorser),
      comment: e.comment,
      received: false,
      date: e.created,
    }));
  return [...attached, ...own];
}

async function summaryOf(workspace: Workspace, badge: BadgeClass, people: Map<string, number>) {
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    achievementType: badge.achievementType,
    expiresAfter: badge.expiresAfter,
    formats: badge.formats,
    people: people.get(badge.id) ?? 0,
    image: await artworkData(workspace, badge.image),
    updated: badge.updated,
  };
}

async function detailOf(workspace: Workspace, badge: BadgeClass): Promise<Detail> {
  const layout = siteLayout(requireIssuer(workspace.db).siteUrl);
  return {
    ...(await summaryOf(workspace, badge, peopleByBadge(workspace))),
    criteriaNarrative: badge.criteriaNarrative,
    criteriaUrl: badge.criteriaUrl,
    tags: badge.tags,
    alignments: badge.alignments.map(
      ({ targetName, targetUrl, targetCode, targetFramework, targetDescription }) => ({
        targetName,
        targetUrl,
        ...(targetCode ? { targetCode } : {}),
        ...(targetFramework ? { targetFramework } : {}),
        ...(targetDescription ? { targetDescription } : {}),
      }),
    ),
    showRecipientName: badge.showRecipientName,
    personalisedArtwork: badge.personalisedArtwork === true,
    imageFromDesign: imageDesign(workspace, badge) !== undefined,
    endorsements: endorsementsOf(workspace, badge),
    pageUrl: layout.url(layout.badgePage(badge.id)),
  };
}

function parseJson(file: { name: string; base64: string }, what: string): unknown {
  const text = Buffer.from(file.base64, 'base64').toString('utf8');
  checkJsonText(text, { what: file.name.slice(0, 120) });
  try {
    return JSON.parse(text);
  } catch {
    throw new BadgeError(
      'ERR_JSON_INVALID',
      `${file.name.slice(0, 120)} is not a JSON file (${what}).`,
      {
        details: { file: file.name.slice(0, 120) },
      },
    );
  }
}

export const badgesHandlers: HandlerGroup<BadgesChannel> = {
  'badges.list': async (_req, session) => {
    const workspace = session.requireWorkspace();
    const people = peopleByBadge(workspace);
    return {
      badges: await Promise.all(
        listBadges(workspace.db).map((badge) => summaryOf(workspace, badge, people)),
      ),
      achievementTypes: [...ACHIEVEMENT_TYPES],
    };
  },

  'badges.get': async ({ id }, session) => {
    const workspace = session.requireWorkspace();
    return detailOf(workspace, requireBadge(workspace.db, id));
  },

  'badges.create': async ({ draft, id, image }, session) => {
    const workspace = session.requireWorkspace();
    const saved = await addBadgeClass(workspace, toDraft(draft), {
      ...(id ? { id } : {}),
      ...(image ? { image: decodeFile(image) } : {}),
    });
    return { badge: await detailOf(workspace, saved.badge), removed: saved.removed };
  },

  'badges.update': async ({ id, draft, image }, session) => {
    const workspace = session.requireWorkspace();
    const saved = await updateBadgeClass(
      workspace,
      id,
      toDraft(draft),
      image ? { image: decodeFile(image) } : {},
    );
    return { badge: await detailOf(workspace, saved.badge), removed: saved.removed };
  },

  'badges.preview': async ({ id, draft, image }, session) => ({
    html: await renderBadgePreview(session.requireWorkspace(), toDraft(draft), {
      ...(id ? { badgeId: id } : {}),
      ...(image ? { image: decodeFile(image) } : {}),
    }),
  }),

  'badges.attachEndorsement': async ({ id, file, didDocuments }, session) => {
    const workspace = session.requireWorkspace();
    const document = parseJson(file, 'an endorsement');
    const documents = (didDocuments ?? []).map((doc) => {
      const parsed = parseJson(doc, 'a DID document');
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        typeof (parsed as { id?: unknown }).id !== 'string'
      ) {
        throw new BadgeError(
          'ERR_DID_DOCUMENT_INVALID',
          `${doc.name.slice(0, 120)} is not a DID document (it has no "id").`,
        );
      }
      return parsed as Record<string, unknown>;
    });
    const badge = await attachEndorsement(workspace, id, document, {
      resolve: createOfflineResolver({ didDocuments: documents }),
    });
    return detailOf(workspace, badge);
  },
};
