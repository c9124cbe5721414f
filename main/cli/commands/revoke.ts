import { BadgeError } from '../../../shared/errors.js';
import { revokeAward, revokeCredential, type AwardRevokeResult } from '../../services/revoke.js';
import { COMMON_OPTIONS, parseFlags, printJson, type CliIo, type Command } from '../command.js';
import { terminalCell } from '../terminal-text.js';
import { withWorkspace } from '../workspace.js';

const usage =
  'badgesmith revoke (--award ID | --badge SLUG --recipient EMAIL | --credential ID) [--reason TEXT] [--workspace DIR] [--json]';

type Target = { kind: 'credential'; id: string } | { kind: 'award'; id: string } | { kind: 'recipient'; badge: string; email: string };

function target(values: { award?: string; badge?: string; recipient?: string; credential?: string }): Target {
  const given = [values.award !== undefined, values.credential !== undefined, values.badge !== undefined || values.recipient !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new BadgeError(
      'ERR_USAGE',
      `Say what to revoke in one way: --award ID (every format a person got), --badge SLUG with --recipient EMAIL, or --credential ID (one format). Usage: ${usage}`,
    );
  }
  if (values.award !== undefined) return { kind: 'award', id: values.award };
  if (values.credential !== undefined) return { kind: 'credential', id: values.credential };
  if (!values.badge || !values.recipient) {
    throw new BadgeError('ERR_USAGE', `--badge and --recipient go together: --badge SLUG --recipient EMAIL revokes that person's badge in every format. Usage: ${usage}`);
  }
  return { kind: 'recipient', badge: values.badge, email: values.recipient };
}

function printAwardResult(io: CliIo, result: AwardRevokeResult, json: boolean): void {
  if (json) {
    printJson(io, {
      revoked: true,
      changed: result.changed,
      credentialsRevoked: result.revoked,
      alreadyRevoked: result.alreadyRevoked,
      awards: result.awards,
    });
    return;
  }
  for (const award of result.awards) {
    const who = terminalCell(award.recipient.name ? `${award.recipient.name} <${award.recipient.email ?? award.recipient.did ?? '-'}>` : award.recipient.email ?? award.recipient.did ?? '-');
    io.stdout(`Award ${award.id}: badge ${award.badge.id} of ${who}, ${award.formats.join(', ')}\n`);
  }
  if (!result.changed) {
    const when = result.awards[0]?.revokedAt;
    io.stdout(`Already revoked${when ? ` on ${when}` : ''}; nothing changed.\n`);
    return;
  }
  const count = (n: number) => (n === 1 ? '1 credential' : `${n} credentials`);
  io.stdout(
    `Revoked ${count(result.revoked)}${result.alreadyRevoked > 0 ? ` (${count(result.alreadyRevoked)} already revoked before)` : ''}. ` +
      'Run `badgesmith site build` and upload the site to publish it.\n',
  );
}

export const revokeCommand: Command = {
  name: 'revoke',
  summary: "Revoke a person's badge in every format (published at the next site build; nothing is deleted)",
  usage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        award: { type: 'string' },
        badge: { type: 'string' },
        recipient: { type: 'string' },
        credential: { type: 'string' },
        reason: { type: 'string' },
      },
      usage,
    );
    const what = target(values);
    return withWorkspace(io, values.workspace, (workspace) => {
      if (what.kind !== 'credential') {
        const result = revokeAward(workspace, what.kind === 'award' ? { awardId: what.id } : { badgeId: what.badge, email: what.email }, values.reason ?? null);
        printAwardResult(io, result, values.json === true);
        return 0;
      }
      const result = revokeCredential(workspace, what.id, values.reason ?? null);
      const { issuance } = result;
      if (values.json) {
        printJson(io, {
          id: issuance.id,
          credentialId: issuance.credentialId,
          award: issuance.awardId,
          format: issuance.format,
          revoked: true,
          changed: result.changed,
          reason: issuance.revocationReason,
          revokedAt: issuance.revokedAt,
          publishedBy: result.publishedBy,
          otherFormatsValid: result.otherFormatsValid,
        });
      } else if (!result.changed) {
        io.stdout(`Credential ${issuance.id} was already revoked on ${issuance.revokedAt}; nothing changed.\n`);
      } else {
        const where = result.publishedBy === 'status-list' ? `status list ${issuance.statusList}, index ${issuance.statusIndex}` : 'the OB 2.0 revocation list';
        const others =
          result.otherFormatsValid > 0 && issuance.awardId
            ? ` The same award has ${result.otherFormatsValid === 1 ? 'another format' : `${result.otherFormatsValid} other formats`} still valid; \`badgesmith revoke --award ${issuance.awardId}\` revokes them all.`
            : '';
        io.stdout(`Revoked ${issuance.id} (${issuance.format}). Run \`badgesmith site build\` and upload the site to publish it (${where}).${others}\n`);
      }
      return 0;
    });
  },
};
