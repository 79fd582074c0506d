// SQLite schema migrations of the ledger: tables, CHECK constraints, and triggers that forbid rewriting history.
/**
 * Amounts are positive, except that a closing transfer (TigerBeetle's recipe for closing an account) may be of 0, and
 * so may the post or void of one: closing 16 | 32, post 4, void 8.
 */
export const AMOUNT_CHECK_WITH_CLOSING = 'amount > 0 OR (amount = 0 AND (flags & 60) <> 0)';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The transfers table; `amountCheck` is what version 1 required of amounts, and version 3 relaxed. */
const transfersTable = (name: string, amountCheck: string) => `
CREATE TABLE ${name} (
  timestamp INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
  debit_account_no INTEGER NOT NULL,
  credit_account_no INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (${amountCheck}),
  pending_id BLOB,
  user_data_128 BLOB NOT NULL,
  user_data_64 INTEGER NOT NULL,
  user_data_32 INTEGER NOT NULL,
  timeout INTEGER NOT NULL CHECK (timeout >= 0),
  ledger INTEGER NOT NULL CHECK (ledger > 0),
  code INTEGER NOT NULL CHECK (code > 0),
  flags INTEGER NOT NULL CHECK (flags >= 0),
  expires_at INTEGER,
  CHECK (debit_account_no <> credit_account_no)
);`;

const TRANSFERS_INDEXES = `CREATE INDEX transfers_by_debit_account ON transfers (debit_account_no, timestamp);
CREATE INDEX transfers_by_credit_account ON transfers (credit_account_no, timestamp);
CREATE INDEX transfers_by_expiry ON transfers (expires_at) WHERE expires_at IS NOT NULL;`;

const TRANSFERS_TRIGGERS = `CREATE TRIGGER transfers_are_immutable BEFORE UPDATE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are immutable'); END;
CREATE TRIGGER transfers_are_never_deleted BEFORE DELETE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are never deleted'); END;`;

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
CREATE TABLE ledger_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_timestamp INTEGER NOT NULL CHECK (last_timestamp >= 0),
  expiry_watermark INTEGER NOT NULL CHECK (expiry_watermark >= 0)
);
INSERT INTO ledger_meta (id, last_timestamp, expiry_watermark) VALUES (1, 0, 0);

-- Accounts have an internal number (the rowid) that transfers and their indexes use: integer keys make
-- index inserts about twice as fast as 16-byte ids.
CREATE TABLE accounts (
  no INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
  ledger INTEGER NOT NULL CHECK (ledger > 0),
  code INTEGER NOT NULL CHECK (code > 0),
  flags INTEGER NOT NULL CHECK (flags >= 0),
  user_data_128 BLOB NOT NULL,
  user_data_64 INTEGER NOT NULL,
  user_data_32 INTEGER NOT NULL,
  debits_pending INTEGER NOT NULL CHECK (debits_pending >= 0),
  debits_posted INTEGER NOT NULL CHECK (debits_posted >= 0),
  credits_pending INTEGER NOT NULL CHECK (credits_pending >= 0),
  credits_posted INTEGER NOT NULL CHECK (credits_posted >= 0),
  timestamp INTEGER NOT NULL UNIQUE,
  CHECK ((flags & 2) = 0 OR debits_pending + debits_posted <= credits_posted),
  CHECK ((flags & 4) = 0 OR credits_pending + credits_posted <= debits_posted)
);

-- Account existence is checked by the ledger state machine inside the same IMMEDIATE transaction (and by the
-- contract tests); a foreign key would add two lookups per row to the hot path.
${transfersTable('transfers', 'amount > 0')}
${TRANSFERS_INDEXES}
CREATE TABLE pending_outcomes (
  pending_id BLOB PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('posted', 'voided', 'expired')),
  timestamp INTEGER NOT NULL
) WITHOUT ROWID;

${TRANSFERS_TRIGGERS}
CREATE TRIGGER pending_outcomes_are_immutable BEFORE UPDATE ON pending_outcomes
BEGIN SELECT RAISE(ABORT, 'pending outcomes are immutable'); END;
CREATE TRIGGER pending_outcomes_are_never_deleted BEFORE DELETE ON pending_outcomes
BEGIN SELECT RAISE(ABORT, 'pending outcomes are never deleted'); END;
CREATE TRIGGER accounts_are_never_deleted BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END;
CREATE TRIGGER account_identity_is_immutable BEFORE UPDATE OF no, id, ledger, code, user_data_128, user_data_64,
  user_data_32, timestamp ON accounts
BEGIN SELECT RAISE(ABORT, 'only balances and the closed flag of an account change'); END;
`,
  },
  {
    version: 2,
    name: 'checkpointed balances',
    // Account balances in the table are as of balances_at; the transfers and pending outcomes after it bring them
    // up to now (see account-state.ts). Until now the table was always current.
    sql: `
ALTER TABLE ledger_meta ADD COLUMN balances_at INTEGER NOT NULL DEFAULT 0 CHECK (balances_at >= 0);
UPDATE ledger_meta SET balances_at = last_timestamp;
CREATE INDEX pending_outcomes_by_time ON pending_outcomes (timestamp);
-- An older mwallet writes balances with the flags after every batch, over balances that are not current: refused.
CREATE TRIGGER older_mwallet_cannot_write_balances BEFORE UPDATE OF flags ON accounts
WHEN NEW.debits_pending IS NOT OLD.debits_pending OR NEW.debits_posted IS NOT OLD.debits_posted
  OR NEW.credits_pending IS NOT OLD.credits_pending OR NEW.credits_posted IS NOT OLD.credits_posted
BEGIN SELECT RAISE(ABORT, 'balances are written at checkpoints: this ledger needs a newer mwallet'); END;
`,
  },
  {
    version: 3,
    name: 'closing transfers of 0',
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt (its triggers go with the old one).
    sql: `${transfersTable('transfers_v3', AMOUNT_CHECK_WITH_CLOSING)}
INSERT INTO transfers_v3 SELECT * FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_v3 RENAME TO transfers;
${TRANSFERS_INDEXES}
${TRANSFERS_TRIGGERS}
`,
  },
];
