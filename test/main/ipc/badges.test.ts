import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/ipc/channels.js';
import type { Req } from '../../../shared/ipc/contract/index.js';
import { openKeystore } from '../../../main/services/keystore.js';
import { endorse } from '../../../main/services/endorse.js';
import { createAssociationFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
afterEach(() => fixture?.cleanup());

const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">' +
  '<script>alert(1)</script><a href="https://evil.example/"><circle cx="32" cy="32" r="30" fill="#b42318"/></a></svg>';

type Draft = Req<'badges.create'>['draft'];
const draft: Draft = {
  name: 'Premiers secours (niveau 1)',
  description: 'Sait porter secours.',
  criteriaNarrative: 'A suivi la formation de 7 heures.',
  criteriaUrl: 'https://randonneurs.example.org/psc1',
  tags: ['secourisme', ' santé ', 'secourisme'],
  alignments: [
    { targetName: 'Référentiel PSC1', targetUrl: 'https://example.org/psc1', targetCode: 'PSC1' },
  ],
  achievementType: 'Certificate',
  expiresAfter: 'P2Y',
  formats: ['ob3-di', 'ob2-hosted'],
  showRecipientName: true,
};

async function errorCode(channel: Channel, request: unknown): Promise<string | undefined> {
  const result = await fixture.core.call(channel, request);
  return result.ok ? undefined : result.error.code;
}

describe('badge classes', () => {
  it('creates a badge with every field, an id from its name, and lists it with its image and people count', async () => {
    fixture = await createAssociationFixture();
    const { badge, removed } = await fixture.value('badges.create', {
      draft,
      image: { name: 'psc1.svg', base64: base64(HOSTILE_SVG) },
    });
    expect(badge).toMatchObject({
      id: 'premiers-secours-niveau-1',
      name: 'Premiers secours (niveau 1)',
      criteriaUrl: 'https://randonneurs.example.org/psc1',
      tags: ['secourisme', 'santé'],
      alignments: [
        {
          targetName: 'Référentiel PSC1',
          targetUrl: 'https://example.org/psc1',
          targetCode: 'PSC1',
        },
      ],
      achievementType: 'Certificate',
      expiresAfter: 'P2Y',
      formats: ['ob3-di', 'ob2-hosted'],
      showRecipientName: true,
      people: 0,
      endorsements: [],
      pageUrl: 'https://randonneurs.example.org/badges/badges/premiers-secours-niveau-1/index.html',
    });
    expect(removed.map((r) => r.reason).sort()).toEqual(['external-reference', 'script']);
    expect(Buffer.from(badge.image!.base64, 'base64').toString()).not.toMatch(/script|evil/);

    const second = await fixture.value('badges.create', {
      draft: { ...draft, criteriaUrl: '', expiresAfter: '' },
    });
    expect(second.badge).toMatchObject({
      id: 'premiers-secours-niveau-1-2',
      criteriaUrl: null,
      expiresAfter: null,
      image: null,
    });
    const list = await fixture.value('badges.list', {});
    expect(list.badges.map((b) => [b.id, b.people, b.image?.kind ?? null])).toEqual([
      ['premiers-secours-niveau-1', 0, 'svg'],
      ['premiers-secours-niveau-1-2', 0, null],
    ]);
    expect(list.achievementTypes).toContain('Badge');
    expect((await fixture.value('workspace.summary', {})).badges).toBe(2);
  });

  it('refuses each bad field with its own code and saves nothing', async () => {
    fixture = await createAssociationFixture();
    const cases: [Partial<Draft>, string][] = [
      [{ name: ' ' }, 'ERR_BADGE_NAME_REQUIRED'],
      [{ description: '' }, 'ERR_BADGE_DESCRIPTION_REQUIRED'],
      [{ criteriaNarrative: '', criteriaUrl: '' }, 'ERR_BADGE_CRITERIA_REQUIRED'],
      [{ criteriaUrl: 'psc1 page' }, 'ERR_BADGE_URL_INVALID'],
      [
        { alignments: [{ targetName: 'PSC1', targetUrl: 'javascript:alert(1)' }] },
        'ERR_BADGE_URL_INVALID',
      ],
      [
        { alignments: [{ targetName: '', targetUrl: 'https://example.org/' }] },
        'ERR_ALIGNMENT_NAME_REQUIRED',
      ],
      [{ expiresAfter: '2 years' }, 'ERR_DURATION_INVALID'],
      [{ expiresAfter: 'P0D' }, 'ERR_DURATION_INVALID'],
      [{ achievementType: 'Trophy' }, 'ERR_ACHIEVEMENT_TYPE_INVALID'],
      [{ formats: [] }, 'ERR_BADGE_FORMATS_REQUIRED'],
      [{ name: 'Secours\u202e' }, 'ERR_TEXT_INVALID'],
    ];
    for (const [change, code] of cases) {
      expect([
        change,
        await errorCode('badges.create', { draft: { ...draft, ...change } }),
      ]).toEqual([change, code]);
    }
    expect(await errorCode('badges.create', { draft: { ...draft, formats: ['ob9'] } })).toBe(
      'ERR_IPC_BAD_REQUEST',
    );
    expect(await errorCode('badges.create', { draft, id: 'Not An Id' })).toBe(
      'ERR_BADGE_ID_INVALID',
    );
    expect(
      await errorCode('badges.create', { draft, image: { name: 'x.svg', base64: base64('<svg') } }),
    ).toBe('ERR_IMAGE_UNSUPPORTED');
    expect((await fixture.value('badges.list', {})).badges).toEqual([]);
    await fixture.value('badges.create', { draft, id: 'psc1' });
    expect(await errorCode('badges.create', { draft, id: 'psc1' })).toBe('ERR_BADGE_EXISTS');
  });

  it('updates every field of a badge and keeps its image unless a new one is given', async () => {
    fixture = await createAssociationFixture();
    await fixture.value('badges.create', {
      draft,
      id: 'psc1',
      image: { name: 'a.svg', base64: base64(HOSTILE_SVG) },
    });
    const { badge } = await fixture.value('badges.update', {
      id: 'psc1',
      draft: {
        ...draft,
        name: 'PSC1',
        tags: [],
        alignments: [],
        achievementType: 'ext:Secourisme',
        expiresAfter: '',
        formats: ['ob3-jwt'],
        showRecipientName: false,
      },
    });
    expect(badge).toMatchObject({
      id: 'psc1',
      name: 'PSC1',
      tags: [],
      alignments: [],
      achievementType: 'ext:Secourisme',
      expiresAfter: null,
      formats: ['ob3-jwt'],
      showRecipientName: false,
    });
    expect(badge.image?.kind).toBe('svg');
    expect(await fixture.value('badges.get', { id: 'psc1' })).toEqual(badge);
    expect(await errorCode('badges.update', { id: 'nope', draft })).toBe('ERR_BADGE_NOT_FOUND');
    expect(await errorCode('badges.get', { id: 'nope' })).toBe('ERR_BADGE_NOT_FOUND');
    expect(
      await errorCode('badges.update', { id: 'psc1', draft: { ...draft, criteriaUrl: 'ftp://x' } }),
    ).toBe('ERR_BADGE_URL_INVALID');
    expect((await fixture.value('badges.get', { id: 'psc1' })).name).toBe('PSC1');
  });
});

describe('badge page preview', () => {
  it('renders the draft with the site page builder, self-contained and inert', async () => {
    fixture = await createAssociationFixture();
    const { html } = await fixture.value('badges.preview', {
      draft: { ...draft, name: 'Orientation <b>&</b> carte' },
      image: { name: 'a.svg', base64: base64(HOSTILE_SVG) },
    });
    expect(html).toContain('<h1>Orientation &lt;b&gt;&amp;&lt;/b&gt; carte</h1>');
    expect(html).toContain('Référentiel PSC1');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(
      "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"",
    );
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(html).not.toMatch(/<link rel="stylesheet"|<a [^>]*href=|<script/);
    const image = /base64,([A-Za-z0-9+/=]+)/.exec(html)![1]!;
    expect(Buffer.from(image, 'base64').toString()).not.toMatch(/script|evil/);
  });

  it('previews an empty draft, and a saved badge with its stored image', async () => {
    fixture = await createAssociationFixture();
    const empty: Draft = {
      ...draft,
      name: '',
      description: '',
      criteriaNarrative: '',
      criteriaUrl: '',
      alignments: [],
      tags: [],
    };
    expect((await fixture.value('badges.preview', { draft: empty })).html).toContain('<h1></h1>');
    await fixture.value('badges.create', {
      draft,
      id: 'psc1',
      image: { name: 'a.svg', base64: base64(HOSTILE_SVG) },
    });
    const { html } = await fixture.value('badges.preview', {
      id: 'psc1',
      draft: { ...draft, name: 'PSC1 bis' },
    });
    expect(html).toContain('<h1>PSC1 bis</h1>');
    expect(html).toContain('data:image/svg+xml;base64,');
    expect(await errorCode('badges.preview', { draft: { ...draft, name: 5 } })).toBe(
      'ERR_IPC_BAD_REQUEST',
    );
  });
});

describe('endorsements', () => {
  it('attaches a verified endorsement file and lists it; refuses an unsigned or foreign one', async () => {
    fixture = await createAssociationFixture();
    await fixture.value('badges.create', { draft, id: 'psc1' });
    const workspace = fixture.core.session.requireWorkspace();
    const keystore = await openKeystore(workspace, 'correct horse battery', {
      cost: { N: 2 ** 10 },
    });
    // An endorsement this issuer signed about its own badge, attached as a file (its key resolves from the workspace).
    const signed = await endorse(workspace, keystore, {
      badgeId: 'psc1',
      comment: 'Formation sérieuse.',
    });
    const file = { name: 'endorsement.json', base64: base64(JSON.stringify(signed.credential)) };
    const badge = await fixture.value('badges.attachEndorsement', { id: 'psc1', file });
    expect(
      badge.endorsements.some(
        (e) =>
          e.received &&
          e.comment === 'Formation sérieuse.' &&
          e.endorser === 'Randonneurs du Vercors',
      ),
    ).toBe(true);
    expect((await fixture.value('badges.preview', { id: 'psc1', draft })).html).toContain(
      'Formation sérieuse.',
    );

    const { proof: _proof, ...unsigned } = signed.credential;
    expect(
      await errorCode('badges.attachEndorsement', {
        id: 'psc1',
        file: { name: 'u.json', base64: base64(JSON.stringify(unsigned)) },
      }),
    ).toBe('ERR_ENDORSEMENT_UNSIGNED');
    await fixture.value('badges.create', { draft, id: 'other' });
    expect(await errorCode('badges.attachEndorsement', { id: 'other', file })).toBe(
      'ERR_ENDORSEMENT_SUBJECT',
    );
    expect(
      await errorCode('badges.attachEndorsement', {
        id: 'psc1',
        file: { name: 'x.json', base64: base64('not json') },
      }),
    ).toBe('ERR_JSON_INVALID');
    expect(
      await errorCode('badges.attachEndorsement', {
        id: 'psc1',
        file,
        didDocuments: [{ name: 'd.json', base64: base64('{}') }],
      }),
    ).toBe('ERR_DID_DOCUMENT_INVALID');
  });
});
