import { BadgeError } from '../../../shared/errors.js';
import { bake } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
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
    const baked = bake(image, payload, version);
    await writeFileAtomic(outPath, baked);
    if (values.json) printJson(io, { out: outPath, version, bytes: baked.length });
    else io.stdout(`Baked ${version === 'ob3' ? 'OB 3.0' : 'OB 2.0'} credential into ${outPath}\n`);
    return 0;
  },
};

export const unbakeCommand: Command = {
  name: 'unbake',
  summary: 'Print exactly the credential baked into a PNG or SVG image',
  usage: UNBAKE_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...COMMON_OPTIONS }, UNBAKE_USAGE, true);
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `unbake takes exactly one image file. Usage: ${UNBAKE_USAGE}`);
    const path = resolvePath(io, positionals[0]!);
    const result = unbake(await readInputFile(path, 'image'));
    if (values.json) printJson(io, result);
    else io.stdout(result.payload);
    return 0;
  },
};
