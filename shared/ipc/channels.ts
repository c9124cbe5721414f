/**
 * Channel and event names only, so the preload bundle stays tiny. `contract.ts` must describe
 * exactly these channels (a missing or extra one is a compile error).
 */
export const channels = [
  'app.state',
  'app.setLanguage',
  'workspace.openSample',
  'workspace.create',
  'workspace.open',
  'workspace.unlock',
  'workspace.lock',
  'workspace.summary',
  'workspace.close',
  'issue.preview',
  'issue.start',
  'issue.cancel',
  'issue.status',
  'people.list',
  'people.award',
  'people.download',
  'people.revoke',
  'publish.status',
  'publish.build',
  'publish.preview',
  'publish.stopPreview',
  'publish.openFolder',
  'publish.zip',
  'publish.git',
  'verify.file',
  'designs.list',
  'designs.load',
  'designs.save',
  'designs.delete',
  'designs.templates',
  'designs.create',
  'designs.importFile',
  'designs.exportFile',
  'designs.render',
  'designs.badges',
  'designs.link',
  'designs.fonts',
  'designs.fontFace',
  'designs.searchIcons',
  'designs.iconNodes',
  'designs.importImage',
  'issuer.get',
  'issuer.update',
  'keys.list',
  'keys.rotate',
  'keys.export',
  'keys.import',
  'backup.create',
  'backup.restore',
  'badges.list',
  'badges.get',
  'badges.create',
  'badges.update',
  'badges.preview',
  'badges.attachEndorsement',
  'delivery.status',
  'delivery.states',
  'delivery.drafts',
  'delivery.checkAccount',
  'delivery.send',
  'delivery.cancel',
  'delivery.certificates',
  'delivery.openFolder',
  'delivery.awardDraft',
  'delivery.awardCertificate',
  'delivery.template',
  'delivery.saveTemplate',
] as const;

export type Channel = (typeof channels)[number];

/** Push events from main to the UI (progress of long jobs). */
export const events = ['issue.progress', 'site.progress', 'delivery.progress'] as const;

export type EventName = (typeof events)[number];

/** The one Electron IPC channel main pushes events on (`{ event, payload }`); the preload fans them out. */
export const EVENT_CHANNEL = 'badgesmith:event';

export function isChannel(name: string): name is Channel {
  return (channels as readonly string[]).includes(name);
}
