import { BadgeError } from '../../../shared/errors.js';
import { readJsonFile, writeFileAtomic } from '../../services/files.js';
import { attachEndorsement, endorse } from '../../services/endorse.js';
import { openKeystore } from '../../services/keystore.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command, type ExitCode } from '../command.js';
import { readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { RESOLVER_OPTIONS, RESOLVER_USAGE, resolverFromFlags } from '../resolver-flags.js';
import { withWorkspace } from '../workspace.js';

const usage = 'badgesmith endorse --badge ID|ACHIEVEMENT_URL|--issuer ID [--by ISSUER] --comment TEXT [--out FILE] [--workspace DIR] [--json]';

export const endorseCommand: Command = {
  name: 'endorse',
  summary: 'Sign an endorsement of a badge class or of another issuer (EndorsementCredential)',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, badge: { type: 'string' }, issuer: { type: 'string' }, by: { type: 'string' }, comment: { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    const comment = requireFlag(values.comment, 'comment', usage);
    if (!values.badge && !values.issuer) throw new BadgeError('ERR_USAGE', `Say what you endorse: --badge ID or --issuer ID. Usage: ${usage}`);
    const out = values.out === undefined ? undefined : resolvePath(io, requireFlag(values.out, 'out', usage));
    return withWorkspace<ExitCode>(io, values.workspace, async (workspace) => {
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const endorsement = await endorse(workspace, keystore, {
        ...(values.badge ? { badgeId: values.badge } : {}),
        ...(values.issuer ? { issuerId: values.issuer } : {}),
        ...(values.by ? { by: values.by } : {}),
        comment,
      });
      // The signed file is what the endorsed organisation attaches with `badge endorse ID --file FILE`.
      if (out !== undefined) await writeFileAtomic(out, `${JSON.stringify(endorsement.credential, null, 2)}\n`);
      if (values.json) printJson(io, out === undefined ? endorsement : { ...endorsement, file: out });
      else {
        const local = endorsement.subjectType === 'badge' && !endorsement.subjectId.includes(':');
        const next = local
          ? 'Credentials issued from now on embed it; the site shows it after the next `site build`.'
          : 'Send the signed file (--out FILE) to the endorsed organisation.';
        io.stdout(`Signed endorsement ${endorsement.id} of ${endorsement.subjectType} ${endorsement.subjectId}. ${next}\n`);
        if (out !== undefined) io.stdout(`Signed file: ${out} (send it to the endorsed organisation: badgesmith badge endorse ID --file FILE)\n`);
      }
      return 0 as const;
    });
  },
};

const attachUsage = `badgesmith badge endorse ID --file FILE ${RESOLVER_USAGE} [--workspace DIR] [--json]`;

export const badgeEndorseCommand: Command = {
  name: 'badge endorse',
  summary: 'Attach an endorsement received from another organisation to a badge class',
  usage: attachUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...COMMON_OPTIONS, ...RESOLVER_OPTIONS, file: { type: 'string' } }, attachUsage, true);
    const badgeId = positionals[0];
    if (!badgeId || positionals.length > 1) throw new BadgeError('ERR_USAGE', `Give one badge id. Usage: ${attachUsage}`);
    const document = await readJsonFile(resolvePath(io, requireFlag(values.file, 'file', attachUsage)), 'endorsement file');
    const resolve = await resolverFromFlags(io, values);
    return withWorkspace<ExitCode>(io, values.workspace, async (workspace) => {
      const badge = await attachEndorsement(workspace, badgeId, document, { resolve });
      if (values.json) printJson(io, { badge: badge.id, endorsements: badge.endorsements.length });
      else io.stdout(`Badge ${badge.id} now has ${badge.endorsements.length} attached endorsements; credentials issued from now on embed them.\n`);
      return 0 as const;
    });
  },
};
