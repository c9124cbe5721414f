/**
 * Browser entry of the site's verify/ page (bundled by scripts/build.mjs to out/site-verifier.js).
 * Uses the same shared/verify code as the CLI, WebCrypto, and same-origin fetches of this site's
 * own files only. Nothing is uploaded.
 */
import { createSiteFetchResolver, sitePathOf, type VerifierConfig } from '../shared/site/verifier-page.js';
import { verifyBytes, type VerificationReport } from '../shared/verify/index.js';

const config = JSON.parse(document.getElementById('verifier-config')?.textContent ?? '{}') as VerifierConfig;
const t = config.strings;
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

function show(report: VerificationReport, name: string): void {
  const revoked = report.checks.some((check) => check.code === 'ERR_REVOKED');
  result.replaceChildren();
  result.className = `result ${report.verified ? 'ok' : 'bad'}`;
  result.dataset.outcome = report.verified ? 'verified' : revoked ? 'revoked' : 'not-verified';
  result.append(element('h2', `${report.verified ? t.verified : revoked ? t.revoked : t.notVerified}: ${name}`, report.verified ? 'status-ok' : 'status-bad'));
  const credential = report.credential;
  const facts = element('dl', undefined, 'facts');
  const add = (term: string | undefined, value: string | undefined): void => {
    if (!term || !value) return;
    facts.append(element('dt', term), element('dd', value));
  };
  add(t.issuer, field(credential, 'issuer', 'name') ?? field(credential, 'issuer', 'id') ?? field(credential, 'issuer'));
  add(t.badge, field(credential, 'credentialSubject', 'achievement', 'name') ?? field(credential, 'name') ?? field(credential, 'badge', 'name') ?? field(credential, 'badge'));
  add(t.validFrom, field(credential, 'validFrom') ?? field(credential, 'issuedOn'));
  add(t.validUntil, field(credential, 'validUntil') ?? field(credential, 'expires'));
  result.append(facts, element('h3', t.checks));
  const list = element('ul', undefined, 'checks');
  for (const check of report.checks) {
    const item = element('li', `${check.ok ? '✔' : '✘'} ${check.id}: ${check.message}${check.code && !check.ok ? ` (${check.code})` : ''}`);
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
    result.textContent = `${t.notVerified}: ${requested}`;
  } else {
    void fetchSameOrigin(`${config.root}${path}`).then(async (response) => {
      if (!response) {
        result.className = 'result bad';
        result.textContent = `${t.notVerified}: ${requested}`;
        return;
      }
      await run(new Uint8Array(await response.arrayBuffer()), path.split('/').pop() ?? path);
    });
  }
}
