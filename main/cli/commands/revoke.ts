import { revokeCredential } from '../../services/revoke.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command } from '../command.js';
import { withWorkspace } from '../workspace.js';

const usage = 'badgesmith revoke --credential ID [--reason TEXT] [--workspace DIR] [--json]';

export const revokeCommand: Command = {
  name: 'revoke',
  summary: 'Revoke a credential (published at the next site build; nothing is deleted)',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, credential: { type: 'string' }, reason: { type: 'string' } }, usage);
    const id = requireFlag(values.credential, 'credential', usage);
    return withWorkspace(io, values.workspace, (workspace) => {
      const result = revokeCredential(workspace, id, values.reason ?? null);
      const { issuance } = result;
      if (values.json) {
        printJson(io, {
          id: issuance.id,
          credentialId: issuance.credentialId,
          format: issuance.format,
          revoked: true,
          changed: result.changed,
          reason: issuance.revocationReason,
          revokedAt: issuance.revokedAt,
          publishedBy: result.publishedBy,
        });
      } else if (!result.changed) {
        io.stdout(`Credential ${issuance.id} was already revoked on ${issuance.revokedAt}; nothing changed.\n`);
      } else {
        const where = result.publishedBy === 'status-list' ? `status list ${issuance.statusList}, index ${issuance.statusIndex}` : 'the OB 2.0 revocation list';
        io.stdout(`Revoked ${issuance.id} (${issuance.format}). Run \`badgesmith site build\` and upload the site to publish it (${where}).\n`);
      }
      return 0;
    });
  },
};
