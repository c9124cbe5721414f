/**
 * Numbered, append-only schema migrations. Migration N brings `PRAGMA user_version` to N.
 * Never edit a migration that has shipped: add a new one at the end.
 */

/** "BSMH" — marks a SQLite file as a Badgesmith workspace (PRAGMA application_id). */
export const APPLICATION_ID = 0x42534d48;

export const MIGRATIONS: readonly string[] = [
  // 1: the initial workspace schema.
  `
  CREATE TABLE issuer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    email TEXT,
    description TEXT,
    image TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    site_url TEXT NOT NULL,
    did TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
  ) STRICT;

  CREATE TABLE keys (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('Ed25519', 'RSA', 'P-256')),
    purpose TEXT NOT NULL DEFAULT 'assertionMethod',
    status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    created TEXT NOT NULL,
    rotated TEXT,
    retired TEXT,
    public_jwk TEXT NOT NULL,
    file TEXT NOT NULL UNIQUE
  ) STRICT;
  CREATE UNIQUE INDEX keys_one_active_per_type ON keys (type) WHERE status = 'active';

  CREATE TABLE badge_classes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    criteria_narrative TEXT,
    criteria_url TEXT,
    image TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    alignments TEXT NOT NULL DEFAULT '[]',
    achievement_type TEXT NOT NULL DEFAULT 'Badge',
    expires_after TEXT,
    formats TEXT NOT NULL DEFAULT '["ob3-di"]',
    show_recipient_name INTEGER NOT NULL DEFAULT 0 CHECK (show_recipient_name IN (0, 1)),
    endorsements TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
  ) STRICT;

  CREATE TABLE recipients (
    id INTEGER PRIMARY KEY,
    email TEXT UNIQUE,
    name TEXT,
    did TEXT,
    created TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX recipients_did ON recipients (did) WHERE email IS NULL;

  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    badge_id TEXT NOT NULL REFERENCES badge_classes (id),
    source TEXT,
    formats TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    finished TEXT
  ) STRICT;

  CREATE TABLE status_lists (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL DEFAULT 'revocation',
    size INTEGER NOT NULL CHECK (size >= 131072),
    created TEXT NOT NULL
  ) STRICT;

  CREATE TABLE status_entries (
    list_id TEXT NOT NULL REFERENCES status_lists (id),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    PRIMARY KEY (list_id, idx)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE issuances (
    id TEXT PRIMARY KEY,
    credential_id TEXT NOT NULL UNIQUE,
    badge_id TEXT NOT NULL REFERENCES badge_classes (id),
    recipient_id INTEGER REFERENCES recipients (id),
    format TEXT NOT NULL CHECK (format IN ('ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed')),
    key_id TEXT REFERENCES keys (id),
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    issued_on TEXT NOT NULL,
    valid_until TEXT,
    status_list TEXT,
    status_index INTEGER,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revocation_reason TEXT,
    revoked_at TEXT,
    files TEXT NOT NULL DEFAULT '[]',
    batch_id TEXT REFERENCES batches (id),
    row_key TEXT,
    created TEXT NOT NULL,
    FOREIGN KEY (status_list, status_index) REFERENCES status_entries (list_id, idx),
    UNIQUE (batch_id, row_key, format),
    UNIQUE (status_list, status_index)
  ) STRICT;
  CREATE INDEX issuances_badge ON issuances (badge_id);
  CREATE INDEX issuances_recipient ON issuances (recipient_id);

  CREATE TABLE endorsements (
    id TEXT PRIMARY KEY,
    subject_type TEXT NOT NULL CHECK (subject_type IN ('badge', 'issuer')),
    subject_id TEXT NOT NULL,
    endorser TEXT NOT NULL,
    comment TEXT,
    credential TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0 CHECK (received IN (0, 1)),
    created TEXT NOT NULL
  ) STRICT;
  CREATE INDEX endorsements_subject ON endorsements (subject_type, subject_id);
  `,
  // 2: awards. An award is one badge class earned by one person, with every format it was
  // issued in (one issuance per format). \`recipient_key\` is what identifies the earner for
  // that badge: the batch row key, sha256(badge id + normalised e-mail, or DID). Existing
  // issuances are grouped by (badge, row key); a row without one (never written by \`issue\`)
  // falls back to its recipient, then to itself.
  `
  CREATE TABLE awards (
    id TEXT PRIMARY KEY,
    badge_id TEXT NOT NULL REFERENCES badge_classes (id),
    recipient_id INTEGER REFERENCES recipients (id),
    recipient_key TEXT NOT NULL,
    created TEXT NOT NULL,
    UNIQUE (badge_id, recipient_key)
  ) STRICT;
  CREATE INDEX awards_recipient ON awards (recipient_id);

  ALTER TABLE issuances ADD COLUMN award_id TEXT REFERENCES awards (id);

  INSERT INTO awards (id, badge_id, recipient_id, recipient_key, created)
    SELECT
      lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
      badge_id, MIN(recipient_id), award_key, MIN(created)
    FROM (
      SELECT badge_id, recipient_id, created,
        COALESCE(row_key, 'recipient:' || recipient_id, 'issuance:' || id) AS award_key
      FROM issuances
    )
    GROUP BY badge_id, award_key;

  UPDATE issuances SET award_id = (
    SELECT a.id FROM awards a
    WHERE a.badge_id = issuances.badge_id
      AND a.recipient_key = COALESCE(issuances.row_key, 'recipient:' || issuances.recipient_id, 'issuance:' || issuances.id)
  );
  CREATE INDEX issuances_award ON issuances (award_id);
  `,
  // 3: deliveries. What became of each award's e-mail: exported as an .eml draft, and/or sent
  // through SMTP. \`state\` 'sending' is written (and committed) before a message is handed to the
  // server, so a run killed at that moment leaves the award 'unconfirmed' and it is never sent
  // twice without the user saying so; 'failed' is retried by the next run.
  `
  CREATE TABLE deliveries (
    award_id TEXT PRIMARY KEY REFERENCES awards (id),
    email TEXT NOT NULL,
    message_id TEXT NOT NULL,
    drafted_at TEXT,
    draft_file TEXT,
    state TEXT NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'sending', 'sent', 'failed')),
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error TEXT,
    updated TEXT NOT NULL
  ) STRICT;
  `,
  // 4: designs. A badge design document (shared/design, JSON as restoreDesign accepts it) saved in
  // the workspace; \`badge_id\` links it to the badge class whose image it renders (one design per badge).
  `
  CREATE TABLE designs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    badge_id TEXT REFERENCES badge_classes (id),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX designs_badge ON designs (badge_id) WHERE badge_id IS NOT NULL;
  `,
  // 5: personalised artwork. A badge class whose image comes from a linked design may opt in to
  // baking each earner's own rendering of it (their name in the design's fields); off by default.
  `
  ALTER TABLE badge_classes ADD COLUMN personalised_artwork INTEGER NOT NULL DEFAULT 0 CHECK (personalised_artwork IN (0, 1));
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
