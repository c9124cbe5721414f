import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.js';

const gitIn = (repo: string, ...args: string[]): string =>
  execFileSync('git', [`--git-dir=${repo}`, ...args], { encoding: 'utf8' });

let fixture: AppFixture;
let remotes: string;
beforeAll(async () => {
  fixture = createAppFixture();
  remotes = mkdtempSync(join(tmpdir(), 'bs-app-git-'));
  await fixture.value('workspace.openSample', {});
}, 60_000);
afterAll(() => {
  fixture.cleanup();
  rmSync(remotes, { recursive: true, force: true });
});

const bare = (name: string): string => {
  const repo = join(remotes, name);
  execFileSync('git', ['init', '--quiet', '--bare', repo]);
  return repo;
};

describe('publish.git', () => {
  it('publishes the site to a bare repository with progress; after a revocation only what changed; remembers the target', async () => {
    const remote = bare('site.git');
    expect((await fixture.value('publish.status', {})).gitTarget).toBeNull();

    const first = await fixture.value('publish.git', { jobId: 'git-1', url: remote, branch: '' });
    const siteDir = (await fixture.value('publish.status', {})).siteDir;
    const published = gitIn(remote, 'ls-tree', '-r', '--name-only', 'gh-pages').trim().split('\n');
    expect(first).toMatchObject({ url: remote, branch: 'gh-pages', modified: 0, deleted: 0 });
    expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(first.added).toBe(published.length);
    expect(first.changeCount).toBe(first.files);
    expect(gitIn(remote, 'show', 'gh-pages:index.html')).toBe(
      readFileSync(join(siteDir, 'index.html'), 'utf8'),
    );
    const phases = fixture.events
      .filter((e) => e.event === 'site.progress')
      .map((e) => e.payload as { jobId: string; phase: string; finished: boolean })
      .filter((p) => p.jobId === 'git-1');
    expect(phases.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['load', 'build', 'fetch', 'commit', 'push', 'done']),
    );
    expect(phases.filter((p) => p.finished)).toEqual([expect.objectContaining({ phase: 'done' })]);
    expect((await fixture.value('publish.status', {})).gitTarget).toEqual({
      url: remote,
      branch: 'gh-pages',
    });

    const again = await fixture.value('publish.git', {
      jobId: 'git-2',
      url: remote,
      branch: 'gh-pages',
    });
    expect(again).toMatchObject({
      commit: null,
      added: 0,
      modified: 0,
      deleted: 0,
      changeCount: 0,
    });

    const [jerome] = (await fixture.value('people.list', { search: 'jérôme' })).people;
    const award = jerome!.awards.find((a) => a.revokedAt === null)!;
    await fixture.value('people.revoke', { awardId: award.id, reason: 'Erreur de saisie.' });
    const second = await fixture.value('publish.git', {
      jobId: 'git-3',
      url: remote,
      branch: 'gh-pages',
    });
    expect(second.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(second.modified).toBeGreaterThan(0);
    expect(second.changeCount).toBe(second.added + second.modified + second.deleted);
    expect(second.changeCount).toBeLessThan(first.changeCount / 4);
    const paths = second.changes.map((c) => c.path).sort();
    expect(paths).toContain('badgesmith-site.json');
    expect(paths).toEqual(expect.arrayContaining(['status/1.json']));
    expect(
      gitIn(remote, 'diff', '--name-only', 'gh-pages~1', 'gh-pages').trim().split('\n').sort(),
    ).toEqual(paths);
    expect(gitIn(remote, 'rev-list', '--count', 'gh-pages').trim()).toBe('2');
  }, 120_000);

  it('says what to fix: no repository there, a password in the address, a bad branch, a branch holding something else', async () => {
    const codeOf = async (url: string, branch: string): Promise<string | undefined> => {
      const result = await fixture.call('publish.git', { jobId: 'bad', url, branch });
      return result.ok ? undefined : result.error.code;
    };
    expect(await codeOf(join(remotes, 'missing.git'), 'gh-pages')).toBe(
      'ERR_PUBLISH_GIT_NOT_REPOSITORY',
    );
    expect(await codeOf('https://me:ghp_secret@github.com/me/site.git', 'gh-pages')).toBe(
      'ERR_PUBLISH_GIT_TOKEN_IN_ADDRESS',
    );
    expect(await codeOf('site.git', 'gh-pages')).toBe('ERR_PUBLISH_GIT_ADDRESS');
    expect(await codeOf(bare('x.git'), '../main')).toBe('ERR_PUBLISH_GIT_BRANCH');

    // A repository whose main branch holds the project's source: the site never replaces it.
    const source = bare('source.git');
    const work = mkdtempSync(join(remotes, 'work-'));
    execFileSync('git', ['init', '--quiet', '-b', 'main', work]);
    writeFileSync(join(work, 'package.json'), '{}\n');
    const gitWork = (...args: string[]) =>
      execFileSync('git', [
        '-C',
        work,
        '-c',
        'user.name=T',
        '-c',
        'user.email=t@example.org',
        ...args,
      ]);
    gitWork('add', 'package.json');
    gitWork('commit', '--quiet', '-m', 'source');
    gitWork('push', '--quiet', source, 'main');
    expect(await codeOf(source, 'main')).toBe('ERR_PUBLISH_GIT_BRANCH_IN_USE');
    expect(gitIn(source, 'ls-tree', '--name-only', 'main').trim()).toBe('package.json');

    // What ssh says is turned into the fix: a host not trusted yet, a key the host refused (no network: git's ssh is a script here).
    const sshSays = async (line: string): Promise<string | undefined> => {
      const before = process.env.GIT_SSH_COMMAND;
      process.env.GIT_SSH_COMMAND = `sh -c 'echo "${line}" >&2; exit 255'`;
      try {
        return await codeOf('git@pages.example.org:association/site.git', 'gh-pages');
      } finally {
        if (before === undefined) delete process.env.GIT_SSH_COMMAND;
        else process.env.GIT_SSH_COMMAND = before;
      }
    };
    expect(await sshSays('Host key verification failed.')).toBe('ERR_PUBLISH_GIT_HOST_KEY');
    expect(await sshSays('git@pages.example.org: Permission denied (publickey).')).toBe(
      'ERR_PUBLISH_GIT_AUTH',
    );

    // The refused password was not remembered; the last address that could be checked was.
    expect((await fixture.value('publish.status', {})).gitTarget).toEqual({
      url: 'git@pages.example.org:association/site.git',
      branch: 'gh-pages',
    });
  }, 120_000);
});
