import { requireBadge } from '../../db/repos/badges.js';
import { listIssuancesWithRecipients } from '../../db/repos/issuances.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command } from '../command.js';
import { terminalCell } from '../terminal-text.js';
import { withWorkspace } from '../workspace.js';

const usage = 'badgesmith credentials list [--badge ID] [--workspace DIR] [--json]';

export const credentialsListCommand: Command = {
  name: 'credentials list',
  summary: 'List issued credentials (format, recipient, state, revocation)',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, badge: { type: 'string' } }, usage);
    return withWorkspace(io, values.workspace, (workspace) => {
      if (values.badge) requireBadge(workspace.db, values.badge);
      const items = listIssuancesWithRecipients(workspace.db, values.badge ? { badgeId: values.badge } : {}).map((i) => ({
        id: i.id,
        credentialId: i.credentialId,
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
      if (values.json) {
        printJson(io, { credentials: items });
        return 0;
      }
      if (items.length === 0) {
        io.stdout('No credentials yet. Issue some with `badgesmith issue --badge ID --csv FILE --out DIR`.\n');
        return 0;
      }
      const rows = items.map((item) => [
        item.id,
        item.badge,
        item.format,
        item.recipient.email ?? item.recipient.did ?? '-',
        item.issuedOn,
        item.revoked ? `revoked ${item.revokedAt}` : item.state === 'pending' ? 'pending (re-run issue to finish)' : 'valid',
      ]);
      io.stdout(formatTable(['CREDENTIAL', 'BADGE', 'FORMAT', 'RECIPIENT', 'ISSUED', 'STATUS'], rows));
      io.stdout(`${items.length} credentials\n`);
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
