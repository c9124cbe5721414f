import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIssuer, createWorkspace, openWorkspace, workspaceLayout } from '../../../main/services/workspace.js';
import { defaultWorkspaceDir, resolveWorkspaceDir } from '../../../main/services/workspace-dir.js';

describe('workspace folder', () => {
  it('resolves --workspace, then BADGESMITH_WORKSPACE, then the platform default', () => {
    const base = { cwd: '/home/ada/projets', home: '/home/ada', platform: 'linux' as const };
    expect(resolveWorkspaceDir({ ...base, flag: 'ws', env: { BADGESMITH_WORKSPACE: '/elsewhere' } })).toBe('/home/ada/projets/ws');
    expect(resolveWorkspaceDir({ ...base, env: { BADGESMITH_WORKSPACE: '/elsewhere' } })).toBe('/elsewhere');
    expect(resolveWorkspaceDir({ ...base, env: { XDG_DATA_HOME: '/data' } })).toBe('/data/badgesmith');
    expect(resolveWorkspaceDir({ ...base, env: {} })).toBe('/home/ada/.local/share/badgesmith');
    expect(defaultWorkspaceDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/badgesmith');
    expect(defaultWorkspaceDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toContain('badgesmith');
  });

  it('creates the layout, stores the issuer with its did:web and reopens', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bs-ws-')), 'nested', 'ws');
    const ws = createWorkspace(dir, { clock: () => new Date('2026-02-03T04:05:06.789Z') });
    const issuer = createIssuer(ws, { name: ' Club ', url: 'https://club.example', siteUrl: 'https://club.example' });
    expect(issuer).toMatchObject({ name: 'Club', did: 'did:web:club.example', siteUrl: 'https://club.example/', created: '2026-02-03T04:05:06Z' });
    expect(workspaceLayout(ws).didDocument).toBe('.well-known/did.json');
    ws.close();
    expect(() => createWorkspace(dir)).toThrow(expect.objectContaining({ code: 'ERR_WORKSPACE_EXISTS' }));
    const again = openWorkspace(dir);
    expect(workspaceLayout(again).did).toBe('did:web:club.example');
    again.close();
    expect(() => openWorkspace(join(dir, 'missing'))).toThrow(expect.objectContaining({ code: 'ERR_WORKSPACE_MISSING' }));
  });
});
