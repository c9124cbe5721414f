/** Handlers for the People screen: the award service (list, one award, files, revoke). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { siteLayout } from '../../../shared/site/urls.js';
import { listBadges } from '../../db/repos/badges.js';
import { requireIssuer } from '../../db/repos/issuer.js';
import { credentialFileRefs, readAwardFile } from '../../services/award-files.js';
import { getAwardView, requireAward, type AwardView } from '../../services/awards.js';
import { listPeople } from '../../services/people.js';
import { revokeAward } from '../../services/revoke.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';

type PeopleChannel = 'people.list' | 'people.award' | 'people.download' | 'people.revoke';

/** An award with, per credential, its downloadable files and its page in the built site (when built). */
function awardDetail(session: AppSession, view: AwardView): ResValue<'people.award'> {
  const siteDir = session.outputDirs().site;
  const layout = siteLayout(requireIssuer(session.requireWorkspace().db).siteUrl);
  return {
    ...view,
    credentials: view.credentials.map((credential) => {
      const page = layout.credential(credential.id, 'html');
      return {
        ...credential,
        sitePage: credential.state === 'done' && existsSync(join(siteDir, page)) ? page : null,
        files: credentialFileRefs(view.badge.id, credential).map(({ kind, name }) => ({ kind, name })),
      };
    }),
  };
}

export const peopleHandlers: HandlerGroup<PeopleChannel> = {
  'people.list': (req, session) => {
    const workspace = session.requireWorkspace();
    const page = listPeople(workspace, {
      ...(req.search?.trim() ? { search: req.search } : {}),
      ...(req.badgeId ? { badgeId: req.badgeId } : {}),
      offset: req.offset ?? 0,
      limit: req.limit ?? 50,
    });
    return { ...page, badges: listBadges(workspace.db).map(({ id, name }) => ({ id, name })) };
  },

  'people.award': ({ awardId }, session) => {
    const workspace = session.requireWorkspace();
    return awardDetail(session, getAwardView(workspace, requireAward(workspace, awardId).id));
  },

  'people.download': async ({ awardId, credential, kind }, session) => {
    const workspace = session.requireWorkspace();
    const file = await readAwardFile(workspace, awardId, credential, kind, [session.outputDirs().issued]);
    return { name: file.name, type: file.type, base64: Buffer.from(file.bytes).toString('base64') };
  },

  'people.revoke': ({ awardId, reason }, session) => {
    const workspace = session.requireWorkspace();
    const result = revokeAward(workspace, { awardId }, reason);
    const view = result.awards[0] as AwardView;
    return { award: awardDetail(session, view), revoked: result.revoked, alreadyRevoked: result.alreadyRevoked };
  },
};
