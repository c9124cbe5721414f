import { listIssuancesWithRecipients } from '../../db/repos/issuances.js';
import { listAwards, type AwardView } from '../../services/awards.js';
import { COMMON_OPTIONS, parseFlags, type Command } from '../command.js';
import { terminalCell } from '../terminal-text.js';
import { withWorkspace } from '../workspace.js';

const usage = 'badgesmith credentials list [--badge SLUG] [--search TEXT] [--workspace DIR] [--json]';

/** Award ids in the table: the first 13 characters (`xxxxxxxx-xxxx`); `revoke --award` takes any unambiguous prefix. */
const SHORT_AWARD_ID = 13;

function statusText(award: AwardView): string {
  switch (award.status) {
    case 'revoked':
      return `revoked ${award.revokedAt ?? ''}`.trimEnd();
    case 'partly-revoked':
      return `partly revoked (${award.credentials.filter((c) => c.revoked).map((c) => c.format).join(', ')})`;
    case 'pending':
      return 'pending (re-run issue to finish)';
    case 'expired':
      return `expired ${award.validUntil ?? ''}`.trimEnd();
    default:
      return 'valid';
  }
}

function personText(award: AwardView): string {
  const { name, email, did } = award.recipient;
  const address = email ?? did ?? '-';
  return name ? `${name} <${address}>` : address;
}

export const credentialsListCommand: Command = {
  name: 'credentials list',
  summary: 'List who holds which badge: one line per person and badge, with its formats and status',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, badge: { type: 'string' }, search: { type: 'string' } }, usage);
    return withWorkspace(io, values.workspace, (workspace) => {
      const awards = listAwards(workspace, { ...(values.badge ? { badgeId: values.badge } : {}), ...(values.search ? { search: values.search } : {}) });
      if (values.json) {
        // `awards`: one per person and badge. `credentials`: the same credentials, one per format, as before.
        const awardIds = new Set(awards.map((award) => award.id));
        const credentials = listIssuancesWithRecipients(workspace.db, values.badge ? { badgeId: values.badge } : {})
          .filter((i) => awardIds.has(i.awardId ?? `issuance:${i.id}`))
          .map((i) => ({
            id: i.id,
            credentialId: i.credentialId,
            award: i.awardId,
            badge: i.badgeId,
            format: i.format,
            state: i.state,
            recipient: { email: i.recipientEmail, name: i.recipientName, did: i.recipientDid },
            issuedOn: i.issuedOn,
            validUntil: i.validUntil,
            status: i.statusList === null ? null : { list: i.statusList, index: i.statusIndex },
            revoked: i.revoked,
            revocationReason: i.revocationReason,
            revokedAt: i.revokedAt,
            files: i.files.map((f) => f.path),
          }));
        // Compact: a workspace can hold 100,000 people. Each award names its credentials; their details are in `credentials`.
        const awardsOut = awards.map((award) => ({
          ...award,
          credentials: award.credentials.map((c) => ({ id: c.id, format: c.format, state: c.state, revoked: c.revoked, pageUrl: c.pageUrl })),
        }));
        io.stdout(`${JSON.stringify({ awards: awardsOut, credentials })}\n`);
        return 0;
      }
      if (awards.length === 0) {
        io.stdout(
          values.search
            ? `Nobody matches "${terminalCell(values.search)}". Try part of a name or an e-mail address.\n`
            : 'No credentials yet. Issue some with `badgesmith issue --badge SLUG --csv FILE --out DIR`.\n',
        );
        return 0;
      }
      const rows = awards.map((award) => [
        award.id.slice(0, SHORT_AWARD_ID),
        award.badge.id,
        personText(award),
        award.formats.join(','),
        award.issuedOn.slice(0, 10),
        statusText(award),
      ]);
      io.stdout(formatTable(['AWARD', 'BADGE', 'PERSON', 'FORMATS', 'ISSUED', 'STATUS'], rows));
      const credentialCount = awards.reduce((sum, award) => sum + award.credentials.length, 0);
      io.stdout(
        `${awards.length === 1 ? '1 award' : `${awards.length} awards`} (${credentialCount === 1 ? '1 credential' : `${credentialCount} credentials`}). ` +
          'Revoke every format of one with `badgesmith revoke --award ID --reason TEXT`.\n',
      );
      return 0;
    });
  },
};

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
function formatTable(header: string[], data: string[][]): string {
  // Cells come from the CSV and the database: escaped before measuring, so columns stay aligned.
  const rows = data.map((row) => row.map(terminalCell));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .concat('\n');
  return [header, ...rows].map(line).join('');
}
