import { describe, expect, it } from 'vitest';
import { buildSite } from '../../../shared/site/build.js';
import { relativeHref } from '../../../shared/site/html.js';
import { siteStrings, type SiteLanguage } from '../../../shared/site/i18n.js';
import type { SiteBadge, SiteCredential, SiteModel } from '../../../shared/site/model.js';
import { siteLayout } from '../../../shared/site/urls.js';

const SITE_URL = 'https://assoc.example.org/badges/2026/';
const HOSTILE = `"Quotes' </title><script>alert(1)</script> & <b>bold</b>`;

function badge(id: string, overrides: Partial<SiteBadge> = {}): SiteBadge {
  return {
    id,
    name: `Atelier ${id}`,
    description: 'Premier paragraphe.\n\nSecond paragraphe.',
    criteriaNarrative: 'Présence.',
    criteriaUrl: null,
    tags: ['atelier'],
    alignments: [{ targetName: 'Compétence', targetUrl: 'https://competences.example.org/1' }],
    achievementType: 'Badge',
    image: { extension: 'png', content: new Uint8Array([137, 80, 78, 71]) },
    endorsements: [],
    ...overrides,
  };
}

function credential(id: string, badgeId: string, overrides: Partial<SiteCredential> = {}): SiteCredential {
  return {
    id,
    credentialId: `urn:uuid:00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    badgeId,
    format: 'ob3-di',
    issuedOn: '2026-03-02T10:00:00Z',
    validUntil: '2027-09-30T00:00:00Z',
    revoked: false,
    revocationReason: null,
    revokedAt: null,
    recipientName: null,
    files: { json: '{"type":["VerifiableCredential"]}\n', png: new Uint8Array([1, 2, 3]) },
    ...overrides,
  };
}

function model(language: SiteLanguage, overrides: Partial<SiteModel> = {}): SiteModel {
  const layout = siteLayout(SITE_URL);
  return {
    issuer: {
      name: 'Les Amis du Code',
      url: 'https://amis.example.org/',
      email: 'contact@amis.example.org',
      description: 'Association de bénévoles.',
      language,
      siteUrl: layout.siteUrl,
      did: layout.did,
    },
    keys: [],
    badges: [badge('soudure', { endorsements: [{ endorserName: 'Fédération des Ateliers', comment: 'Formation solide et bien encadrée.' }] }), badge('accueil')],
    credentials: [
      credential('c1', 'soudure', { recipientName: 'Élodie Martin' }),
      credential('c2', 'soudure', { revoked: true, revokedAt: '2026-04-05T08:00:00Z', revocationReason: 'Attribué par erreur', format: 'ob2-hosted' }),
      credential('c3', 'accueil', { format: 'ob3-jwt', validUntil: null, files: { jws: 'a.b.c', svg: '<svg/>' } }),
    ],
    statusLists: [],
    ...overrides,
  };
}

async function textFiles(m: SiteModel): Promise<Map<string, string>> {
  const entries = await buildSite(m);
  const decoder = new TextDecoder();
  return new Map(
    entries.map((entry) => {
      const { content } = entry;
      const text = typeof content === 'string' ? content : content instanceof Uint8Array ? decoder.decode(content) : '';
      return [entry.path, text];
    }),
  );
}

const htmlPages = (files: Map<string, string>): [string, string][] => [...files].filter(([path]) => path.endsWith('.html'));

/** Attribute values of `attr` in a page, with HTML entities of attributes decoded. */
function attributes(html: string, attr: 'href' | 'src' | 'content'): string[] {
  return [...html.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, 'g'))].map((match) => match[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function metaContent(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(html);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('shared/site pages: escaping', () => {
  it('hostile names, descriptions, comments and reasons are escaped everywhere, never markup', async () => {
    const hostile = model('en', {
      issuer: { ...model('en').issuer, name: HOSTILE, description: HOSTILE },
      badges: [
        badge('soudure', { name: HOSTILE, description: HOSTILE, criteriaNarrative: HOSTILE, tags: [HOSTILE], alignments: [{ targetName: HOSTILE, targetUrl: 'https://x.example/"onmouseover="alert(1)' }], endorsements: [{ endorserName: HOSTILE, comment: HOSTILE }] }),
      ],
      credentials: [credential('c1', 'soudure', { recipientName: HOSTILE }), credential('c2', 'soudure', { revoked: true, revokedAt: '2026-04-05T08:00:00Z', revocationReason: HOSTILE })],
    });
    const files = await textFiles(hostile);
    const pages = htmlPages(files);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const [path, html] of pages) {
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<b>bold');
      expect(html, path).not.toContain('"onmouseover=');
      expect(html.match(/<title>/g), path).toHaveLength(1);
      expect(html.match(/<\/title>/g), path).toHaveLength(1);
      // The only scripts are the verifier's own file and its JSON configuration.
      for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag, path).toMatch(/^<script (type="module" src="verifier\.js"|type="application\/json" id="verifier-config")>$/);
      expect(html, path).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    }
    const config = /<script type="application\/json" id="verifier-config">([\s\S]*?)<\/script>/.exec(files.get('verify/index.html')!)![1]!;
    expect(config).not.toContain('<');
    expect(() => JSON.parse(config) as unknown).not.toThrow();
    const page = files.get('credentials/c1.html')!;
    expect(page).toContain('&quot;Quotes&#39;');
    expect(metaContent(page, 'og:site_name')).toBe(HOSTILE);
    expect(page).toContain(`<dd>&quot;Quotes&#39; &lt;/title&gt;`);
    expect(files.get('credentials/c2.html')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // JSON documents carry the same text as data, correctly encoded.
    expect(JSON.parse(files.get('badges/soudure/achievement.json')!)).toMatchObject({ name: HOSTILE });
  });
});

describe('shared/site pages: relative links', () => {
  it('relativeHref climbs exactly as deep as the page', () => {
    expect(relativeHref('index.html', 'style.css')).toBe('style.css');
    expect(relativeHref('index.html', 'badges/a/index.html')).toBe('badges/a/index.html');
    expect(relativeHref('badges/a/index.html', 'style.css')).toBe('../../style.css');
    expect(relativeHref('badges/a/index.html', 'badges/a/image.png')).toBe('image.png');
    expect(relativeHref('badges/a/index.html', 'badges/b/index.html')).toBe('../b/index.html');
    expect(relativeHref('credentials/c1.html', 'credentials/c1.png')).toBe('c1.png');
    expect(relativeHref('credentials/c1.html', 'verify/index.html')).toBe('../verify/index.html');
    expect(relativeHref('verify/index.html', 'index.html')).toBe('../index.html');
    expect(relativeHref('ab/x.html', 'abc/y.html')).toBe('../abc/y.html');
    expect(relativeHref('a/b/x.html', 'a')).toBe('../../a');
    expect(relativeHref('a/b/x.html', 'a/b')).toBe('../b');
    expect(relativeHref('a/b/c/x.html', 'a/d/y.html')).toBe('../../d/y.html');
  });

  it('every link and image of every page (but 404.html) is relative and resolves to a file of the tree', async () => {
    const files = await textFiles(model('fr'));
    const base = 'https://any.host/some/sub/path/';
    let checked = 0;
    for (const [path, html] of htmlPages(files)) {
      if (path === '404.html') continue;
      for (const link of [...attributes(html, 'href'), ...attributes(html, 'src')]) {
        if (/^(https?|mailto):/.test(link) || link.startsWith('#')) continue;
        expect(link, `${path}: ${link}`).not.toMatch(/^\//);
        const target = new URL(link, new URL(path, base));
        expect(target.href.startsWith(base), `${path}: ${link}`).toBe(true);
        const file = decodeURIComponent(target.pathname.slice(new URL(base).pathname.length));
        expect(files.has(file), `${path}: ${link} → ${file}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('404.html, served at any depth, links absolutely to the site URL', async () => {
    const notFound = (await textFiles(model('en'))).get('404.html')!;
    const links = [...attributes(notFound, 'href'), ...attributes(notFound, 'src')].filter((link) => !link.startsWith('#'));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(SITE_URL), link).toBe(true);
  });

  it('links to other hosts are only plain links (no stylesheet, script or image from elsewhere)', async () => {
    for (const [path, html] of htmlPages(await textFiles(model('en')))) {
      for (const src of attributes(html, 'src')) expect(src, path).not.toMatch(/^(https?:)?\/\//);
      for (const tag of html.match(/<link [^>]*>/g) ?? []) expect(tag, path).not.toMatch(/href="(https?:)?\/\//);
    }
  });
});

describe('shared/site pages: languages', () => {
  it.each([
    ['en', 'March 2, 2026', 'September 30, 2027', 'Does not expire'],
    ['fr', '2 mars 2026', '30 septembre 2027', siteStrings('fr').noExpiry],
  ] as const)('%s pages use the language, its strings and its dates', async (language, issued, expires, noExpiry) => {
    const t = siteStrings(language);
    const files = await textFiles(model(language));
    for (const [path, html] of htmlPages(files)) {
      expect(html, path).toContain(`<html lang="${language}">`);
      expect(html, path).toContain(t.skip);
    }
    const page = files.get('credentials/c1.html')!;
    expect(page).toContain(`<dt>${t.issuedOn}</dt><dd>${issued}</dd>`);
    expect(page).toContain(`<dd>${expires}</dd>`);
    expect(page).toContain(t.linkedIn);
    expect(files.get('credentials/c3.html')).toContain(`<dd>${noExpiry}</dd>`);
    expect(files.get('badges/soudure/index.html')).toContain(`<h2 id="criteria">${t.criteria}</h2>`);
    expect(files.get('index.html')).toContain(t.credentialsIssued(2));
  });

  it('the two languages really differ', () => {
    const en = siteStrings('en');
    const fr = siteStrings('fr');
    for (const key of ['home', 'criteria', 'issuedOn', 'linkedIn', 'endorsements', 'verifyThis'] as const) expect(fr[key], key).not.toBe(en[key]);
  });
});

describe('shared/site pages: content', () => {
  it('endorsements appear on the badge page (endorser and comment), only on the endorsed badge', async () => {
    const files = await textFiles(model('fr'));
    const t = siteStrings('fr');
    const endorsed = files.get('badges/soudure/index.html')!;
    const section = /<section aria-labelledby="endorsements">([\s\S]*?)<\/section>/.exec(endorsed)?.[1];
    expect(section).toContain(`<h2 id="endorsements">${t.endorsements}</h2>`);
    expect(section).toContain('Fédération des Ateliers');
    expect(section).toContain('Formation solide et bien encadrée.');
    expect(files.get('badges/accueil/index.html')).not.toContain('aria-labelledby="endorsements"');
  });

  it('no e-mail address appears on any page; recipient names only where the model has them', async () => {
    const files = await textFiles(model('en'));
    for (const [path, html] of htmlPages(files)) {
      const withoutMarkup = html.replace(/type="email"/g, '');
      expect(withoutMarkup.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g), path).toBeNull();
    }
    expect(files.get('credentials/c1.html')).toContain('Élodie Martin');
    for (const [path, html] of htmlPages(files)) if (path !== 'credentials/c1.html') expect(html, path).not.toContain('Élodie Martin');
  });

  it('credential pages carry Open Graph and Twitter tags with absolute URLs, and an "Add to LinkedIn" link', async () => {
    const files = await textFiles(model('en'));
    const page = files.get('credentials/c1.html')!;
    expect(metaContent(page, 'og:type')).toBe('website');
    expect(metaContent(page, 'og:title')).toBe(siteStrings('en').credentialTitle('Atelier soudure'));
    expect(metaContent(page, 'og:url')).toBe(`${SITE_URL}credentials/c1.html`);
    expect(metaContent(page, 'og:image')).toBe(`${SITE_URL}badges/soudure/image.png`);
    expect(metaContent(page, 'og:description')).toBe('Premier paragraphe.\n\nSecond paragraphe.');
    expect(metaContent(page, 'twitter:card')).toBe('summary');
    expect(metaContent(page, 'twitter:image')).toBe(`${SITE_URL}badges/soudure/image.png`);
    const linkedIn = attributes(page, 'href').find((href) => href.startsWith('https://www.linkedin.com/'));
    expect(linkedIn).toBeDefined();
    const url = new URL(linkedIn!);
    expect(url.pathname).toBe('/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Atelier soudure',
      organizationName: 'Les Amis du Code',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2027',
      expirationMonth: '9',
      certUrl: `${SITE_URL}credentials/c1.html`,
      certId: 'c1',
    });
    expect(metaContent(files.get('badges/soudure/index.html')!, 'og:url')).toBe(`${SITE_URL}badges/soudure/index.html`);
    // A revoked credential is not offered for a LinkedIn profile.
    expect(files.get('credentials/c2.html')).not.toContain('linkedin.com');
  });
});

describe('site icon and badge cards', () => {
  it('every page links one deterministic favicon made from the issuer’s initials', async () => {
    const files = await textFiles(model('fr'));
    const again = await textFiles(model('fr'));
    const icon = files.get('favicon.svg')!;
    expect(icon).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(icon).toBe(again.get('favicon.svg'));
    expect(icon).not.toMatch(/<script|href=|url\(/);
    expect(files.get('index.html')).toContain('<link rel="icon" type="image/svg+xml" href="favicon.svg">');
    expect(files.get('badges/soudure/index.html')).toContain('href="../../favicon.svg"');
    // 404.html is served at any URL: like its stylesheet, it loads nothing by address.
    expect(files.get('404.html')).not.toContain('favicon.svg');
  });

  it('a PNG and an SVG badge get the same card: same image box, reserved before it loads', async () => {
    const files = await textFiles(
      model('en', {
        badges: [badge('soudure'), badge('svgbadge', { image: { extension: 'svg', content: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>') } })],
        credentials: [],
      }),
    );
    const cards = files.get('index.html')!.match(/<li><a [^>]*><img [^>]*>/g) ?? [];
    expect(cards).toHaveLength(2);
    const shapes = cards.map((card) => card.replace(/href="[^"]*"|src="[^"]*"|alt="[^"]*"/g, ''));
    expect(shapes[0]).toBe(shapes[1]);
    expect(shapes[0]).toContain('class="card-image" width="128" height="128"');
  });
});
