import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../main/ipc/dispatch.js';
import { handlers } from '../../../main/ipc/handlers/index.js';
import { BadgeError } from '../../../shared/errors.js';
import { createAppFixture, createAssociationFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
afterEach(() => fixture?.cleanup());

describe('dispatch (the one way into the handlers)', () => {
  it('rejects an unknown channel with ERR_IPC_UNKNOWN_CHANNEL', async () => {
    fixture = createAppFixture();
    const result = await fixture.core.call('keys.exportPrivate', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_IPC_UNKNOWN_CHANNEL' } });
  });

  it('answers a malformed request with ERR_IPC_BAD_REQUEST naming the field', async () => {
    fixture = createAppFixture();
    const result = await fixture.core.call('app.setLanguage', { language: 'de' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_IPC_BAD_REQUEST');
    expect(result.error.details).toEqual({ field: 'language' });
    const extra = await fixture.core.call('workspace.lock', { sneaky: true });
    expect(extra).toMatchObject({
      ok: false,
      error: { code: 'ERR_IPC_BAD_REQUEST', details: { field: 'sneaky' } },
    });
  });

  it('turns a handler exception into ERR_INTERNAL, logged in main, with no stack in the answer', async () => {
    fixture = createAppFixture();
    const broken: Handlers = {
      ...handlers,
      'app.state': () => Promise.reject(new TypeError('boom at /secret/path')),
    };
    const result = await dispatch(broken, fixture.core.session, 'app.state', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(fixture.logged).toHaveLength(1);
  });

  it('passes a service BadgeError through with its code, and strips response fields the contract does not name', async () => {
    fixture = createAppFixture();
    const coded: Handlers = {
      ...handlers,
      'app.state': () => Promise.reject(new BadgeError('ERR_WORKSPACE_BUSY', 'busy')),
    };
    expect(await dispatch(coded, fixture.core.session, 'app.state', {})).toMatchObject({
      ok: false,
      error: { code: 'ERR_WORKSPACE_BUSY' },
    });
    const leaky: Handlers = {
      ...handlers,
      'app.state': async (req, session) =>
        ({ ...(await handlers['app.state'](req, session)), privateJwk: { d: 'secret' } }) as never,
    };
    const result = await dispatch(leaky, fixture.core.session, 'app.state', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('workspace channels', () => {
  it('creates an association, keeps it as the last workspace, locks and unlocks it', async () => {
    fixture = await createAssociationFixture();
    const summary = await fixture.value('workspace.summary', {});
    expect(summary).toMatchObject({
      issuerName: 'Randonneurs du Vercors',
      locked: false,
      badges: 0,
      people: 0,
      siteOutOfDate: true,
      language: 'fr',
    });
    expect((await fixture.value('app.state', {})).language).toBe('fr');
    expect((await fixture.value('workspace.lock', {})).locked).toBe(true);
    const wrong = await fixture.call('workspace.unlock', { passphrase: 'wrong one' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'ERR_PASSPHRASE_WRONG' } });
    expect(
      (await fixture.value('workspace.unlock', { passphrase: 'correct horse battery' })).locked,
    ).toBe(false);
    expect(fixture.core.session.env.prefs.get().lastWorkspace).toBe(summary.dir);
  });

  it('refuses a second association in the same folder and a too-short passphrase', async () => {
    fixture = await createAssociationFixture();
    const again = await fixture.call('workspace.create', {
      name: 'Autre',
      url: 'https://autre.example.org/',
      siteUrl: 'https://autre.example.org/badges/',
      language: 'en',
      passphrase: 'long enough passphrase',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ERR_WORKSPACE_EXISTS' } });
    const short = await fixture.call('workspace.create', {
      name: 'X',
      url: 'https://x.example/',
      siteUrl: 'https://x.example/b/',
      language: 'en',
      passphrase: 'short',
      dir: `${fixture.root}/other`,
    });
    expect(short).toMatchObject({ ok: false, error: { code: 'ERR_PASSPHRASE_TOO_SHORT' } });
  });

  it('closes the workspace to switch to another one; it stays in the recent list, not as the one to reopen', async () => {
    fixture = await createAssociationFixture();
    const dir = (await fixture.value('workspace.summary', {})).dir;
    const state = await fixture.value('workspace.close', {});
    expect(state.workspace).toBeNull();
    expect(state.recentWorkspaces).toEqual([dir]);
    expect(fixture.core.session.env.prefs.get().lastWorkspace).toBeNull();
    expect(await fixture.call('workspace.summary', {})).toMatchObject({
      ok: false,
      error: { code: 'ERR_WORKSPACE_NOT_OPEN' },
    });
    expect((await fixture.value('workspace.open', { dir })).locked).toBe(true);
  });

  it('opening a folder with no workspace says so', async () => {
    fixture = createAppFixture();
    expect(await fixture.call('workspace.open', { dir: fixture.root })).toMatchObject({
      ok: false,
      error: { code: 'ERR_WORKSPACE_NOT_FOUND' },
    });
    expect(await fixture.call('workspace.summary', {})).toMatchObject({
      ok: false,
      error: { code: 'ERR_WORKSPACE_NOT_OPEN' },
    });
  });
});
