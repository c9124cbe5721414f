import { BadgeError } from '../../../shared/errors.js';
import { isoSeconds } from '../../../shared/clock.js';
import { signDataIntegrity } from '../../../shared/sign/data-integrity.js';
import { signOb2Jws, signVcJwt } from '../../../shared/sign/jwt.js';
import { publicKeyMultibaseFromJwk } from '../../../shared/sign/multikey.js';
import type { Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { assertSignable } from '../../../shared/ob3/gate.js';
import { validateOb2Assertion } from '../../../shared/ob2/validate.js';
import { readJsonFile, writeFileAtomic } from '../../services/files.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { resolvePath } from '../paths.js';

const USAGE =
  'badgesmith sign --credential FILE --key JWK_FILE --format ob3-di|ob3-jwt|ob2-signed [--verification-method VM] [--kid URL | --embed-jwk] [--created ISO] --out FILE';

const FORMATS = ['ob3-di', 'ob3-jwt', 'ob2-signed'] as const;
type SignFormat = (typeof FORMATS)[number];

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `${path} does not contain a JSON object, so it is not a credential.`);
  }
  return value as Record<string, unknown>;
}

const CURVES = ['Ed25519', 'Ed448', 'X25519', 'X448', 'P-256', 'P-384', 'P-521', 'secp256k1'];

/** What kind of key a JWK is, naming only well-known values: nothing from a key file is quoted. */
function describeKey(jwk: Record<string, unknown>): string {
  const curve = CURVES.includes(jwk.crv as string) ? String(jwk.crv) : 'unknown-curve';
  if (jwk.kty === 'OKP') return `an ${curve} key`;
  if (jwk.kty === 'EC') return `an EC ${curve} key`;
  if (jwk.kty === 'RSA') return 'an RSA key';
  return 'a key of an unknown type';
}

/** Checks the JWK is a private key of a type the format can use; returns the JWS alg when relevant. */
export function checkKeyForFormat(jwk: Record<string, unknown>, format: SignFormat, path: string): 'RS256' | 'ES256' | 'EdDSA' {
  if (typeof jwk.kty !== 'string') {
    throw new BadgeError('ERR_KEY_INVALID', `${path} is not a JSON Web Key (it has no "kty").`);
  }
  if (typeof jwk.d !== 'string') {
    throw new BadgeError('ERR_KEY_NOT_PRIVATE', `${path} holds a public key; signing needs the private key (with "d").`);
  }
  const mismatch = (needed: string) =>
    new BadgeError('ERR_KEY_TYPE_MISMATCH', `${path} is ${describeKey(jwk)}, but ${format} needs ${needed}.`);
  if (format === 'ob3-di') {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw mismatch('an Ed25519 key');
    return 'EdDSA';
  }
  if (format === 'ob2-signed') {
    if (jwk.kty !== 'RSA') throw mismatch('an RSA key (RS256)');
    return 'RS256';
  }
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw mismatch('an RSA key (RS256) or a P-256 key (ES256)');
}

function parseCreated(value: string | undefined, now: Date): string {
  if (value === undefined) return isoSeconds(now);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new BadgeError('ERR_USAGE', `--created must be an ISO 8601 date-time with a timezone, like 2025-01-01T00:00:00Z (got "${value}").`);
  }
  return value;
}

export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a credential file with a private JWK you supply (ob3-di, ob3-jwt, ob2-signed)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        credential: { type: 'string' },
        key: { type: 'string' },
        format: { type: 'string' },
        'verification-method': { type: 'string' },
        kid: { type: 'string' },
        'embed-jwk': { type: 'boolean' },
        created: { type: 'string' },
        out: { type: 'string' },
      },
      USAGE,
    );
    const format = requireFlag(values.format, 'format', USAGE);
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new BadgeError('ERR_USAGE', `--format must be one of ${FORMATS.join(', ')} (got "${format}").`);
    }
    const credentialPath = resolvePath(io, requireFlag(values.credential, 'credential', USAGE));
    const keyPath = resolvePath(io, requireFlag(values.key, 'key', USAGE));
    const outPath = resolvePath(io, requireFlag(values.out, 'out', USAGE));

    const credential = asObject(await readJsonFile(credentialPath, 'credential'), credentialPath);
    const jwk = asObject(await readJsonFile(keyPath, 'key file'), keyPath);
    const alg = checkKeyForFormat(jwk, format as SignFormat, keyPath);

    let output: string;
    let details: Record<string, unknown>;
    if (format === 'ob3-di') {
      const privateKey = jwk as unknown as Ed25519PrivateJwk;
      const issuerId = issuerIdOf(credential);
      const verificationMethod =
        values['verification-method'] ?? defaultVerificationMethod(issuerId, publicKeyMultibaseFromJwk(privateKey));
      const created = parseCreated(values.created, new Date());
      await assertSignable(credential);
      const signed = await signDataIntegrity(credential, { privateKey, verificationMethod, created });
      output = `${JSON.stringify(signed, null, 2)}\n`;
      details = { verificationMethod, created };
    } else if (format === 'ob3-jwt') {
      if (values.kid === undefined && !values['embed-jwk']) {
        throw new BadgeError(
          'ERR_JWT_KID_REQUIRED',
          'A VC-JWT needs --kid: the id of your public key in your DID document or on your site (e.g. did:web:example.org#key-1), so verifiers can check that the key is yours. --embed-jwk puts the public key in the token instead, which verifiers cannot link to you.',
        );
      }
      if (values.kid !== undefined && values['embed-jwk']) {
        throw new BadgeError('ERR_USAGE', 'Give either --kid or --embed-jwk, not both.');
      }
      if (values.kid === undefined) {
        io.stderr('Warning: the public key is embedded in the token (--embed-jwk). Verifiers cannot link it to the issuer: the token verifies only where the issuer publishes that very key.\n');
      }
      const options = values.kid === undefined ? { privateKey: jwk as JsonWebKey, alg: alg as 'RS256' | 'ES256' } : { privateKey: jwk as JsonWebKey, alg: alg as 'RS256' | 'ES256', kid: values.kid };
      await assertSignable(credential);
      output = await signVcJwt(credential, options);
      details = { alg, ...(values.kid === undefined ? { header: 'jwk' } : { kid: values.kid }) };
    } else {
      const verification = credential.verification ?? credential.verify;
      const creator = typeof verification === 'object' && verification !== null ? (verification as Record<string, unknown>).creator : undefined;
      if (typeof creator !== 'string') {
        throw new BadgeError(
          'ERR_CREDENTIAL_INVALID',
          'An OB 2.0 signed assertion needs verification.creator: the URL of the CryptographicKey on your site.',
        );
      }
      const issues = validateOb2Assertion(credential);
      if (issues.length > 0) {
        const first = issues[0]!;
        throw new BadgeError('ERR_CREDENTIAL_INVALID', `The assertion is not valid OB 2.0 at ${first.path}: ${first.message}`, { details: issues });
      }
      output = await signOb2Jws(credential, { privateKey: jwk as JsonWebKey });
      details = { alg: 'RS256', creator };
    }
    await writeFileAtomic(outPath, output);
    if (values.json) printJson(io, { format, out: outPath, ...details });
    else io.stdout(`Signed ${format} → ${outPath}\n`);
    return 0;
  },
};

function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as Record<string, unknown>).id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

function defaultVerificationMethod(issuerId: string | undefined, multibase: string): string {
  if (issuerId === undefined) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'The credential has no issuer id, so the verification method cannot be derived; pass --verification-method.');
  }
  if (issuerId.startsWith('did:key:')) return `${issuerId.split('#')[0]}#${issuerId.slice('did:key:'.length).split('#')[0]}`;
  return `${issuerId}#${multibase}`;
}
