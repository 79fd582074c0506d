// Migration 7: staff accounts and sessions, customer notes, reversal requests (maker–checker), and the audit log's hash chain.
import type { SqlMigration } from '../../storage/sql/migrate.js';
import { appendOnly, dropAppendOnly } from '../audit/append-only.js';
import { chainExistingEntries } from '../audit/audit-chain.js';

const staffTables = (bytes: string) => `
CREATE TABLE staff (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  roles text NOT NULL,
  password_salt ${bytes} NOT NULL,
  password_hash ${bytes} NOT NULL,
  totp_secret ${bytes} NOT NULL,
  totp_last_step bigint,
  status text NOT NULL CHECK (status IN ('active', 'disabled')),
  failed_logins bigint NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until bigint,
  created_at bigint NOT NULL,
  created_by text NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash ${bytes} PRIMARY KEY,
  id text NOT NULL UNIQUE,
  username text NOT NULL REFERENCES staff (username),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX staff_sessions_by_username ON staff_sessions (username);
CREATE TABLE customer_notes (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  author text NOT NULL,
  body text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX customer_notes_by_customer ON customer_notes (customer_id, created_at);
CREATE TABLE reversal_requests (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES merchant_payments (id),
  reason text NOT NULL,
  requested_by text NOT NULL,
  requested_at bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'completed', 'failed')),
  decided_by text,
  decided_at bigint,
  decision_note text,
  refund_id text,
  failure_code text
);
CREATE UNIQUE INDEX reversal_requests_one_open ON reversal_requests (payment_id)
  WHERE status IN ('pending', 'approved');
CREATE INDEX reversal_requests_by_status ON reversal_requests (status, requested_at);
ALTER TABLE customers ADD COLUMN pin_reset_allowed_until bigint;
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE TABLE audit_chain_head (
  id bigint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
`;

export const staffMigration: SqlMigration = {
  version: 7,
  name: 'staff console: staff, sessions, notes, reversal requests, hash-chained audit log',
  script: {
    sqlite: staffTables('blob') + dropAppendOnly('sqlite', 'audit_log'),
    postgres: staffTables('bytea') + dropAppendOnly('postgres', 'audit_log'),
  },
  async after(tx, dialect) {
    await chainExistingEntries(tx);
    await tx.exec(appendOnly(dialect, 'audit_log'));
  },
};
