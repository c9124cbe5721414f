import { BadgeError, isBadgeError } from '../../../shared/errors.js';
import { describeSvgRemovals, sanitizeSvgWithReport } from '../../../shared/bake/sanitize.js';
import { decodeSvgText } from '../../../shared/bake/svg.js';
import { bake } from '../../../shared/bake/prepare.js';
import { detectImageType, unbake } from '../../../shared/bake/unbake.js';
import { readInputFile, writeFileAtomic } from '../../services/files.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { badgeVersionOfPayload } from '../payload.js';

const BAKE_USAGE = 'badgesmith bake --image PNG|SVG --credential FILE --out FILE';
const UNBAKE_USAGE = 'badgesmith unbake FILE [--json]';

export const bakeCommand: Command = {
  name: 'bake',
  summary: 'Bake a credential (.json or .jws) into a PNG or SVG image',
  usage: BAKE_USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, image: { type: 'string' }, credential: { type: 'string' }, out: { type: 'string' } },
      BAKE_USAGE,
    );
    const imagePath = resolvePath(io, requireFlag(values.image, 'image', BAKE_USAGE));
    const credentialPath = resolvePath(io, requireFlag(values.credential, 'credential', BAKE_USAGE));
    const outPath = resolvePath(io, requireFlag(values.out, 'out', BAKE_USAGE));
    const image = await readInputFile(imagePath, 'image');
    const credentialBytes = await readInputFile(credentialPath, 'credential');
    let payload: string;
    try {
      payload = new TextDecoder('utf-8', { fatal: true }).decode(credentialBytes).replace(/^\uFEFF/, '').trim();
    } catch {
      throw new BadgeError('ERR_CREDENTIAL_INVALID', `${credentialPath} is not UTF-8 text; bake takes a .json credential or a .jws file.`);
    }
    const version = badgeVersionOfPayload(payload, credentialPath);
    refuseActiveSvg(image, imagePath);
    const baked = bake(image, payload, version);
    await writeFileAtomic(outPath, baked);
    if (!looksSigned(payload)) {
      io.stderr(`Warning: ${credentialPath} has no proof and is not a JWS: the baked badge will not verify. Sign it first (badgesmith sign).\n`);
    }
    if (values.json) printJson(io, { out: outPath, version, bytes: baked.length });
    else io.stdout(`Baked ${version === 'ob3' ? 'OB 3.0' : 'OB 2.0'} credential into ${outPath}\n`);
    return 0;
  },
};

/** A baked SVG is opened by browsers: artwork with scripts or outside references is refused, not baked. */
function refuseActiveSvg(image: Uint8Array, imagePath: string): void {
  if (detectImageType(image) !== 'svg') return;
  const { removed } = sanitizeSvgWithReport(decodeSvgText(image));
  const active = removed.filter((removal) => ACTIVE_REASONS.has(removal.reason));
  if (active.length > 0) {
    throw new BadgeError(
      'ERR_SVG_UNSAFE',
      `${imagePath} holds content a browser would run or fetch (${describeSvgRemovals(active).join(' ')}). Import it with \`badgesmith badge add --image\`, which cleans it, or export plain SVG from your drawing tool.`,
    );
  }
}

const ACTIVE_REASONS = new Set(['script', 'external-reference', 'unsafe-css']);

/** An OB 3.0 JSON credential with a proof, or a compact JWS (VC-JWT, OB 2.0 signed); hosted OB 2.0 assertions are verified by URL. */
function looksSigned(payload: string): boolean {
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(payload)) return true;
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    const verification = (value.verification ?? value.verify) as { type?: unknown } | undefined;
    return value.proof !== undefined || verification?.type === 'hosted' || verification?.type === 'HostedBadge';
  } catch {
    return true;
  }
}

export const unbakeCommand: Command = {
  name: 'unbake',
  summary: 'Print exactly the credential baked into a PNG or SVG image',
  usage: UNBAKE_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...COMMON_OPTIONS }, UNBAKE_USAGE, true);
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `unbake takes exactly one image file. Usage: ${UNBAKE_USAGE}`);
    const path = resolvePath(io, positionals[0]!);
    let result;
    try {
      result = unbake(await readInputFile(path, 'image'));
    } catch (error) {
      // An image without a badge is a negative answer about the file, not a usage error.
      if (isBadgeError(error) && error.code === 'ERR_NOT_BAKED') {
        io.stderr(`${error.code}: ${error.message}\n`);
        if (values.json) printJson(io, { error: { code: error.code, message: error.message } });
        return 1;
      }
      throw error;
    }
    if (values.json) printJson(io, result);
    else io.stdout(result.payload);
    return 0;
  },
};
