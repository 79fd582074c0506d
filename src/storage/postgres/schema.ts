// PostgreSQL schema migrations of the ledger: tables, CHECK constraints, immutability triggers, batch functions.
import { AMOUNT_CHECK_WITH_CLOSING, type Migration } from '../sqlite/schema.js';
import { snapshotByIndex } from './snapshot-by-index.js';
import { ACCOUNT_JSON, META, TRANSFER_JSON, VERSION_AND_OUTCOMES, WANTED } from './snapshot-sql.js';

const refuse = (table: string, action: 'UPDATE' | 'DELETE', message: string) => `
CREATE FUNCTION mw_refuse_${table}_${action.toLowerCase()}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '${message}'; END $$;
CREATE TRIGGER ${table}_no_${action.toLowerCase()} BEFORE ${action} ON ${table}
  FOR EACH ROW EXECUTE FUNCTION mw_refuse_${table}_${action.toLowerCase()}();`;

export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
CREATE TABLE ledger_meta (
  id integer PRIMARY KEY CHECK (id = 1),
  last_timestamp bigint NOT NULL CHECK (last_timestamp >= 0),
  expiry_watermark bigint NOT NULL CHECK (expiry_watermark >= 0)
);
INSERT INTO ledger_meta (id, last_timestamp, expiry_watermark) VALUES (1, 0, 0);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  ledger bigint NOT NULL CHECK (ledger > 0 AND ledger < 4294967296),
  code integer NOT NULL CHECK (code > 0 AND code < 65536),
  flags bigint NOT NULL CHECK (flags >= 0),
  user_data_128 uuid NOT NULL,
  user_data_64 bigint NOT NULL,
  user_data_32 bigint NOT NULL CHECK (user_data_32 >= 0),
  debits_pending bigint NOT NULL CHECK (debits_pending >= 0),
  debits_posted bigint NOT NULL CHECK (debits_posted >= 0),
  credits_pending bigint NOT NULL CHECK (credits_pending >= 0),
  credits_posted bigint NOT NULL CHECK (credits_posted >= 0),
  timestamp bigint NOT NULL UNIQUE,
  CHECK ((flags & 2) = 0 OR debits_pending + debits_posted <= credits_posted),
  CHECK ((flags & 4) = 0 OR credits_pending + credits_posted <= debits_posted)
);

-- Account existence is checked by the ledger state machine inside the same serialized batch (and by the
-- contract tests); a foreign key would add a locking lookup per row to the hot path.
CREATE TABLE transfers (
  id uuid PRIMARY KEY,
  debit_account_id uuid NOT NULL,
  credit_account_id uuid NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  pending_id uuid,
  user_data_128 uuid NOT NULL,
  user_data_64 bigint NOT NULL,
  user_data_32 bigint NOT NULL,
  timeout integer NOT NULL CHECK (timeout >= 0),
  ledger bigint NOT NULL CHECK (ledger > 0),
  code integer NOT NULL CHECK (code > 0),
  flags integer NOT NULL CHECK (flags >= 0),
  timestamp bigint NOT NULL,
  expires_at bigint,
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX transfers_by_debit_account ON transfers (debit_account_id, timestamp);
CREATE INDEX transfers_by_credit_account ON transfers (credit_account_id, timestamp);
CREATE INDEX transfers_by_expiry ON transfers (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE pending_outcomes (
  pending_id uuid PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('posted', 'voided', 'expired')),
  timestamp bigint NOT NULL
);
${refuse('transfers', 'UPDATE', 'transfers are immutable')}
${refuse('transfers', 'DELETE', 'transfers are never deleted')}
${refuse('pending_outcomes', 'UPDATE', 'pending outcomes are immutable')}
${refuse('pending_outcomes', 'DELETE', 'pending outcomes are never deleted')}
${refuse('accounts', 'DELETE', 'accounts are never deleted')}
CREATE FUNCTION mw_refuse_account_identity_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'only balances and the closed flag of an account change'; END $$;
CREATE TRIGGER accounts_identity_is_immutable BEFORE UPDATE OF id, ledger, code, user_data_128, user_data_64,
  user_data_32, timestamp ON accounts FOR EACH ROW EXECUTE FUNCTION mw_refuse_account_identity_update();

-- One consistent snapshot of everything a batch may read, as JSON (bigints as text). Accounts the caller
-- has cached as of p_cached_version are sent back only if someone committed since (last_timestamp moved).
CREATE FUNCTION mw_ledger_snapshot(p_accounts uuid[], p_cached uuid[], p_cached_version bigint,
  p_transfers uuid[], p_now bigint) RETURNS json
LANGUAGE sql STABLE AS $$
  WITH meta AS (
    ${META}
  ), due AS (
    SELECT t.* FROM transfers t, meta
    WHERE t.expires_at > meta.expiry_watermark AND t.expires_at <= meta.base
      AND NOT EXISTS (SELECT 1 FROM pending_outcomes o WHERE o.pending_id = t.id)
  ), ${WANTED}
  SELECT json_build_object(
    ${VERSION_AND_OUTCOMES},
    -- The earliest expiry after this batch's start, resolved or not: until then no batch has anything due.
    'next_expiry', (SELECT min(t.expires_at)::text FROM transfers t, meta WHERE t.expires_at > meta.base),
    'accounts', (SELECT coalesce(json_agg(${ACCOUNT_JSON}), '[]')
      FROM accounts a WHERE a.id IN (SELECT id FROM wanted_accounts)),
    'transfers', (SELECT coalesce(json_agg(${TRANSFER_JSON}), '[]') FROM wanted_transfers t),
    'due', (SELECT coalesce(json_agg(${TRANSFER_JSON} ORDER BY t.expires_at, t.timestamp), '[]') FROM due t)
  )
$$;

-- Writes one batch if nothing was committed since its snapshot (last_timestamp unchanged); false otherwise.
-- The ledger_meta row lock serializes writers, across processes too. p_assumed_new lists transfer ids the
-- batch was computed without reading (taken as absent): if any exists, it fails with unique_violation.
CREATE FUNCTION mw_apply_batch(
  p_expected_last bigint, p_last bigint, p_watermark bigint, p_assumed_new uuid[],
  a_id uuid[], a_ledger bigint[], a_code integer[], a_flags bigint[], a_ud128 uuid[], a_ud64 bigint[],
  a_ud32 bigint[], a_dpend bigint[], a_dpost bigint[], a_cpend bigint[], a_cpost bigint[], a_ts bigint[],
  a_new boolean[],
  t_id uuid[], t_debit uuid[], t_credit uuid[], t_amount bigint[], t_pending uuid[], t_ud128 uuid[],
  t_ud64 bigint[], t_ud32 bigint[], t_timeout integer[], t_ledger bigint[], t_code integer[], t_flags integer[],
  t_ts bigint[], t_expires bigint[],
  o_pending uuid[], o_state text[], o_ts bigint[]
) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_meta SET last_timestamp = p_last, expiry_watermark = p_watermark
    WHERE id = 1 AND last_timestamp = p_expected_last;
  IF NOT FOUND THEN RETURN false; END IF;
  IF EXISTS (SELECT 1 FROM transfers WHERE id = ANY(p_assumed_new)) THEN
    RAISE EXCEPTION 'a transfer id taken as new already exists' USING ERRCODE = 'unique_violation';
  END IF;
  INSERT INTO accounts (id, ledger, code, flags, user_data_128, user_data_64, user_data_32, debits_pending,
      debits_posted, credits_pending, credits_posted, timestamp)
    SELECT u.id, u.ledger, u.code, u.flags, u.ud128, u.ud64, u.ud32, u.dpend, u.dpost, u.cpend, u.cpost, u.ts
    FROM unnest(a_id, a_ledger, a_code, a_flags, a_ud128, a_ud64, a_ud32, a_dpend, a_dpost, a_cpend, a_cpost,
      a_ts, a_new) AS u(id, ledger, code, flags, ud128, ud64, ud32, dpend, dpost, cpend, cpost, ts, is_new)
    WHERE u.is_new;
  UPDATE accounts a SET flags = u.flags, debits_pending = u.dpend, debits_posted = u.dpost,
      credits_pending = u.cpend, credits_posted = u.cpost
    FROM unnest(a_id, a_flags, a_dpend, a_dpost, a_cpend, a_cpost, a_new)
      AS u(id, flags, dpend, dpost, cpend, cpost, is_new)
    WHERE a.id = u.id AND NOT u.is_new;
  INSERT INTO transfers (id, debit_account_id, credit_account_id, amount, pending_id, user_data_128,
      user_data_64, user_data_32, timeout, ledger, code, flags, timestamp, expires_at)
    SELECT * FROM unnest(t_id, t_debit, t_credit, t_amount, t_pending, t_ud128, t_ud64, t_ud32, t_timeout,
      t_ledger, t_code, t_flags, t_ts, t_expires);
  INSERT INTO pending_outcomes (pending_id, state, timestamp) SELECT * FROM unnest(o_pending, o_state, o_ts);
  RETURN true;
END $$;
`,
  },
  {
    version: 2,
    name: 'batch statements planned per call',
    // PL/pgSQL keeps a generic plan once it looks no worse than the first custom ones: planned while transfers was
    // nearly empty, the check of assumed-new ids stayed a sequential scan as the table grew (a batch took seconds).
    sql: 'ALTER FUNCTION mw_apply_batch SET plan_cache_mode = force_custom_plan;',
  },
  snapshotByIndex,
  {
    version: 4,
    name: 'closing transfers of 0',
    // NOT VALID: every row already stored passes the stricter check; the table is not scanned under its lock.
    sql: `ALTER TABLE transfers DROP CONSTRAINT transfers_amount_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_amount_check CHECK (${AMOUNT_CHECK_WITH_CLOSING}) NOT VALID;`,
  },
];
