import { isObject, readJson } from '../json-column.js';
import type { Db } from '../open.js';

export interface Endorsement {
  id: string;
  subjectType: 'badge' | 'issuer';
  subjectId: string;
  /** The endorser's profile (id, name, …) as it appears in the credential. */
  endorser: Record<string, unknown>;
  comment: string | null;
  /** The signed EndorsementCredential. */
  credential: Record<string, unknown>;
  /** True when received as a file from another issuer rather than issued here. */
  received: boolean;
  created: string;
}

interface EndorsementRow {
  id: string;
  subject_type: string;
  subject_id: string;
  endorser: string;
  comment: string | null;
  credential: string;
  received: number;
  created: string;
}

function fromRow(row: EndorsementRow): Endorsement {
  return {
    id: row.id,
    subjectType: row.subject_type === 'issuer' ? 'issuer' : 'badge',
    subjectId: row.subject_id,
    endorser: readJson('endorsements', row.id, 'endorser', row.endorser, isObject),
    comment: row.comment,
    credential: readJson('endorsements', row.id, 'credential', row.credential, isObject),
    received: row.received === 1,
    created: row.created,
  };
}

export function insertEndorsement(db: Db, endorsement: Endorsement): void {
  db.prepare(
    `INSERT INTO endorsements (id, subject_type, subject_id, endorser, comment, credential, received, created)
     VALUES (@id, @subjectType, @subjectId, @endorser, @comment, @credential, @received, @created)`,
  ).run({
    ...endorsement,
    endorser: JSON.stringify(endorsement.endorser),
    credential: JSON.stringify(endorsement.credential),
    received: endorsement.received ? 1 : 0,
  });
}

export function listEndorsements(db: Db, filter: { subjectType?: 'badge' | 'issuer'; subjectId?: string } = {}): Endorsement[] {
  const rows = db
    .prepare(
      `SELECT * FROM endorsements WHERE (@type IS NULL OR subject_type = @type) AND (@subject IS NULL OR subject_id = @subject)
       ORDER BY created, id`,
    )
    .all({ type: filter.subjectType ?? null, subject: filter.subjectId ?? null }) as EndorsementRow[];
  return rows.map(fromRow);
}
