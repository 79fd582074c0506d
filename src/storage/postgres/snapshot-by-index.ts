// Ledger migration 3: mw_ledger_snapshot reads only by index, with its plan kept between calls.
import type { Migration } from '../sqlite/schema.js';
import { ACCOUNT_JSON, META, TRANSFER_JSON, VERSION_AND_OUTCOMES, WANTED } from './snapshot-sql.js';

/**
 * The snapshot of version 1 was a SQL function, planned again on every call (2.5 ms here), and its plan joined the
 * wanted accounts by hash over a sequential scan of all accounts (5 ms at 10 k accounts, growing with the table):
 * every batch the account cache cannot serve paid both. Now every read is an index probe — accounts by
 * `= ANY(ARRAY(…))`, outcomes per due transfer, the next expiry as the first entry of its index — and its generic
 * plan is kept (PL/pgSQL otherwise planned it afresh each call, 0.7 ms) with sequential scans off, so that plan stays
 * an index plan however small the tables were when it was made.
 */
export const snapshotByIndex: Migration = {
  version: 3,
  name: 'ledger snapshot by index, plan kept',
  sql: `
CREATE OR REPLACE FUNCTION mw_ledger_snapshot(p_accounts uuid[], p_cached uuid[], p_cached_version bigint,
  p_transfers uuid[], p_now bigint) RETURNS json
LANGUAGE plpgsql STABLE SET enable_seqscan = off SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    WITH meta AS (
      ${META}
    ), due AS (
      SELECT t.* FROM transfers t, meta
      WHERE t.expires_at > meta.expiry_watermark AND t.expires_at <= meta.base
        AND (SELECT o.pending_id FROM pending_outcomes o WHERE o.pending_id = t.id) IS NULL
    ), ${WANTED}
    SELECT json_build_object(
      ${VERSION_AND_OUTCOMES},
      -- The earliest expiry after this batch's start, resolved or not: until then no batch has anything due.
      'next_expiry', (SELECT t.expires_at::text FROM transfers t
        WHERE t.expires_at > (SELECT base FROM meta) ORDER BY t.expires_at LIMIT 1),
      'accounts', (SELECT coalesce(json_agg(${ACCOUNT_JSON}), '[]')
        FROM accounts a WHERE a.id = ANY(ARRAY(SELECT id FROM wanted_accounts))),
      'transfers', (SELECT coalesce(json_agg(${TRANSFER_JSON}), '[]') FROM wanted_transfers t),
      'due', (SELECT coalesce(json_agg(${TRANSFER_JSON} ORDER BY t.expires_at, t.timestamp), '[]') FROM due t)
    )
  );
END $$;`,
};
