import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { folderOpener, openFolder } from '../../../main/services/open-folder.js';
import { createAppFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
beforeAll(async () => {
  fixture = createAppFixture();
  await fixture.value('workspace.openSample', {});
}, 60_000);
afterAll(async () => {
  await fixture.call('publish.stopPreview', {});
  fixture.cleanup();
});

type Progress = {
  jobId: string;
  phase: string;
  done: number;
  total: number | null;
  finished: boolean;
};
const progressOf = (jobId: string) =>
  fixture.events
    .filter((e) => e.event === 'site.progress')
    .map((e) => e.payload as Progress)
    .filter((p) => p.jobId === jobId);

describe('publish.build', () => {
  it('builds the site with progress events and reports what changed; a rebuild changes nothing', async () => {
    const status = await fixture.value('publish.status', {});
    expect(status.built).toBe(true);
    expect(status.siteDir).toBe(join(fixture.root, 'sample', 'site'));

    const [jerome] = (await fixture.value('people.list', { search: 'jérôme' })).people;
    const award = jerome!.awards.find((a) => a.badge.id === 'premiers-secours')!;
    await fixture.value('people.revoke', { awardId: award.id, reason: 'Erreur de saisie.' });

    const built = await fixture.value('publish.build', { jobId: 'build-1' });
    const events = progressOf('build-1');
    expect(events.map((e) => e.phase)).toEqual(
      expect.arrayContaining(['load', 'build', 'check', 'write', 'done']),
    );
    expect(events.at(-1)).toMatchObject({ phase: 'done', finished: true });
    expect(events.filter((e) => e.finished)).toHaveLength(1);
    const checked = events.filter((e) => e.phase === 'check').at(-1)!;
    expect(checked.done).toBe(checked.total);
    expect(checked.total).toBe(built.files);

    // OB 3.0: the status list; OB 2.0: the revocation list and the hosted assertion's revoked stub; the credential pages.
    expect(built.written).toEqual(
      expect.arrayContaining(['status/1.json', 'ob2/revocations.json']),
    );
    expect(built.writtenCount).toBe(built.written.length);
    expect(built.unchanged + built.writtenCount).toBe(built.files);
    expect(built.removedCount).toBe(0);

    const again = await fixture.value('publish.build', { jobId: 'build-2' });
    expect(again).toMatchObject({ writtenCount: 0, written: [], unchanged: built.files });
  }, 60_000);

  it('needs the keys unlocked (the status lists are signed)', async () => {
    await fixture.value('workspace.lock', {});
    try {
      const locked = await fixture.call('publish.build', { jobId: 'locked' });
      expect(!locked.ok && locked.error.code).toBe('ERR_WORKSPACE_LOCKED');
      expect(progressOf('locked')).toEqual([]);
    } finally {
      await fixture.value('workspace.unlock', { passphrase: 'demo' });
    }
  });
});

describe('publish.zip', () => {
  it('gives the built site as one zip: every file of the folder, nothing else', async () => {
    const zip = await fixture.value('publish.zip', {});
    expect(zip.base64).not.toBeNull();
    const bytes = Buffer.from(zip.base64!, 'base64');
    expect(bytes.length).toBe(zip.bytes);
    // Handed over: its temporary copy is gone.
    expect(existsSync(zip.path)).toBe(false);
    const entries = unzipSync(new Uint8Array(bytes));
    const site = (await fixture.value('publish.status', {})).siteDir;
    expect(zip.name).toBe('badgesmith-site.zip');
    expect(Object.keys(entries)).toHaveLength(zip.files);
    expect(Buffer.from(entries['did.json']!).equals(readFileSync(join(site, 'did.json')))).toBe(
      true,
    );
    expect(Object.keys(entries)).toContain('index.html');
    expect(Object.keys(entries).some((name) => name.startsWith('/') || name.includes('..'))).toBe(
      false,
    );
  });
});

describe('publish.preview', () => {
  it('serves the built site on 127.0.0.1 and lets the app frame it; one preview per session', async () => {
    const preview = await fixture.value('publish.preview', {});
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/randonneurs\/$/);
    expect((await fixture.value('publish.preview', {})).url).toBe(preview.url);
    expect((await fixture.value('publish.status', {})).previewUrl).toBe(preview.url);
    const response = await fetch(preview.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy') ?? '').not.toContain('frame-ancestors');
    expect(await response.text()).toContain('Randonneurs');
    expect(await fixture.value('publish.stopPreview', {})).toEqual({ stopped: true });
    expect((await fixture.value('publish.status', {})).previewUrl).toBeNull();
    await expect(fetch(preview.url)).rejects.toThrow();
  });
});

describe('open the output folder', () => {
  it('finds the platform opener on PATH, or says there is none', () => {
    const bin = join(fixture.root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'xdg-open'), 0o755);
    expect(folderOpener('linux', { PATH: bin })).toBe(join(bin, 'xdg-open'));
    expect(folderOpener('linux', { PATH: join(fixture.root, 'empty') })).toBeNull();
    expect(folderOpener('darwin', { PATH: bin })).toBeNull();
  });

  it('runs the opener with the folder, and reports a failing opener', async () => {
    const bin = join(fixture.root, 'bin2');
    mkdirSync(bin, { recursive: true });
    const marker = join(fixture.root, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${marker}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const site = (await fixture.value('publish.status', {})).siteDir;
    expect(await openFolder(site, join(bin, 'xdg-open'), 'linux')).toBe(true);
    expect(readFileSync(marker, 'utf8')).toBe(site);
    writeFileSync(join(bin, 'fails'), '#!/bin/sh\nexit 3\n');
    chmodSync(join(bin, 'fails'), 0o755);
    expect(await openFolder(site, join(bin, 'fails'), 'linux')).toBe(false);
    expect(await openFolder(site, null, 'linux')).toBe(false);
  });
});
