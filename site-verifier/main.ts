/**
 * Browser entry of the site's verify/ page (bundled by scripts/build.mjs to out/site-verifier.js).
 * Uses the same shared/verify code as the CLI, WebCrypto, and same-origin fetches of this site's
 * own files only. Nothing is uploaded.
 */
import { createSiteFetchResolver, sitePathOf, type VerifierConfig } from '../shared/site/verifier-page.js';
import { checkName, checkSentence, colon, formatDate, type Lang } from '../shared/messages/index.js';
import { outcomeOf, verifyBytes, type VerificationReport } from '../shared/verify/index.js';

const config = JSON.parse(document.getElementById('verifier-config')?.textContent ?? '{}') as VerifierConfig;
const t = config.strings;
const lang: Lang = config.lang === 'fr' ? 'fr' : 'en';
/** "Verified: x" / "Vérifié : x" (narrow no-break space before the French colon). */
const labelled = (label: string | undefined, value: string): string => `${label ?? ''}${colon(lang)} ${value}`;
const form = document.getElementById('verify-form') as HTMLFormElement;
const input = document.getElementById('badge-file') as HTMLInputElement;
const email = document.getElementById('recipient-email') as HTMLInputElement;
const drop = document.getElementById('drop-zone') as HTMLElement;
const result = document.getElementById('result') as HTMLElement;

async function fetchSameOrigin(relativeUrl: string): Promise<Response | undefined> {
  const url = new URL(relativeUrl, document.baseURI);
  if (url.origin !== location.origin) return undefined;
  const response = await fetch(url, { credentials: 'omit', cache: 'no-cache' });
  return response.ok ? response : undefined;
}

const resolve = createSiteFetchResolver(config, async (relativeUrl) => (await fetchSameOrigin(relativeUrl))?.text());

function element(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function field(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

function fill(template: string | undefined, values: Record<string, string>): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Who issued the badge, from the issuer's own documents as the verifier resolved them; never the credential's claims. */
function issuerText(report: VerificationReport): string | undefined {
  const issuer = report.issuer;
  if (!issuer) return undefined;
  if (!issuer.confirmed) return fill(t.issuerUnconfirmed, { issuer: issuer.id });
  return issuer.name ? `${issuer.name} (${issuer.id})` : issuer.id;
}

/**
 * The badge's name: OB 3.0 from the signed credential's achievement; OB 2.0 only from the BadgeClass its
 * issuer publishes (the report's `badge`), never the URL or a name the assertion merely embeds.
 */
function badgeName(report: VerificationReport): string | undefined {
  if (report.format === 'ob3-di' || report.format === 'ob3-jwt') return field(report.credential, 'credentialSubject', 'achievement', 'name');
  return report.badge?.name;
}

function show(report: VerificationReport, name: string): void {
  const revoked = report.checks.some((check) => check.code === 'ERR_REVOKED');
  const outcome = outcomeOf(report);
  const ok = outcome !== 'not-verified';
  const headline = outcome === 'verified' ? t.verified : outcome === 'verified-with-warnings' ? t.verifiedWithWarnings : revoked ? t.revoked : t.notVerified;
  result.replaceChildren();
  result.className = `result ${ok ? 'ok' : 'bad'}`;
  result.dataset.outcome = ok ? outcome : revoked ? 'revoked' : 'not-verified';
  result.append(element('h2', labelled(headline, name), ok ? 'status-ok' : 'status-bad'));
  const issuer = issuerText(report);
  if (report.issuer && report.issuer.id !== config.did && report.issuer.id !== config.ob2Issuer) {
    const notice = element('p', fill(t.otherIssuer, { site: config.issuerName, issuer: issuer ?? report.issuer.id }), 'other-issuer status-bad');
    notice.dataset.otherIssuer = 'true';
    result.append(notice);
  }
  const credential = report.credential;
  const facts = element('dl', undefined, 'facts');
  const add = (term: string | undefined, value: string | undefined): void => {
    if (!term || !value) return;
    facts.append(element('dt', term), element('dd', value));
  };
  const date = (value: string | undefined): string | undefined => (value === undefined ? undefined : formatDate(value, lang));
  add(t.issuer, issuer);
  add(t.badge, badgeName(report));
  add(t.validFrom, date(field(credential, 'validFrom') ?? field(credential, 'issuanceDate') ?? field(credential, 'issuedOn')));
  add(t.validUntil, date(field(credential, 'validUntil') ?? field(credential, 'expirationDate') ?? field(credential, 'expires')));
  result.append(facts, element('h3', t.checks));
  const list = element('ul', undefined, 'checks');
  for (const check of report.checks) {
    const mark = !check.ok ? '✘' : check.warning ? '⚠' : '✔';
    const code = check.code && (!check.ok || check.warning) ? ` (${check.code})` : '';
    const item = element('li', `${mark} ${labelled(checkName(check.id, lang), checkSentence(check, lang))}${code}`);
    item.dataset.check = check.id;
    item.dataset.ok = String(check.ok);
    list.append(item);
  }
  result.append(list);
}

async function run(bytes: Uint8Array, name: string): Promise<void> {
  result.className = 'result';
  result.textContent = t.checking ?? '';
  const recipient = email.value.trim();
  const report = await verifyBytes(bytes, { now: new Date(), resolve, ...(recipient ? { recipient } : {}) });
  show(report, name);
}

async function runFile(file: File | undefined): Promise<void> {
  if (file) await run(new Uint8Array(await file.arrayBuffer()), file.name);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void runFile(input.files?.[0]);
});
input.addEventListener('change', () => void runFile(input.files?.[0]));
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  void runFile(event.dataTransfer?.files[0]);
});

const requested = new URLSearchParams(location.search).get('url');
if (requested) {
  const path = sitePathOf(config, requested);
  if (path === undefined) {
    result.className = 'result bad';
    result.textContent = labelled(t.notVerified, requested);
  } else {
    void fetchSameOrigin(`${config.root}${path}`).then(async (response) => {
      if (!response) {
        result.className = 'result bad';
        result.textContent = labelled(t.notVerified, requested);
        return;
      }
      await run(new Uint8Array(await response.arrayBuffer()), path.split('/').pop() ?? path);
    });
  }
}
